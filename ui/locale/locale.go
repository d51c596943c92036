// Package locale chooses the language the UI speaks and loads Bianmin's
// translations into Fyne's lang package.
//
// Fyne has no call to force a language: it reads LC_ALL / LC_MESSAGES / LANG
// each time translations are added. Use sets those variables first and then
// adds the translations, so the kiosk speaks Chinese by default whatever
// locale the session was started with.
//
// Only the chosen language's files are read, as one message file: parsing
// every file of both languages was most of the 18 ms the translations
// took at start.
package locale

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"bianmin/assets"
)

// Chinese and English are the two languages Bianmin ships.
const (
	Chinese = "zh"
	English = "en"
)

// Use switches the process to the given language ("zh" or "en") and loads
// the translations. It is called once at start-up, and by tests.
func Use(language string) error {
	tag, err := Choose(language)
	if err != nil {
		return err
	}
	merged, err := translations(tag)
	if err != nil {
		return fmt.Errorf("locale: translations: %w", err)
	}
	if err := lang.AddTranslationsForLocale(merged, fyne.Locale(tag)); err != nil {
		return fmt.Errorf("locale: translations: %w", err)
	}
	english.Store(tag == English)
	return nil
}

// Choose sets the process's locale variables to the given language ("zh"
// or "en") without loading the translations (Use does both), and returns
// its translations' tag. What reads the language from the environment
// (Fyne's choice of a system font for text its fonts lack) may start then,
// while the translations are loaded.
func Choose(language string) (tag string, err error) {
	var loc string
	switch language {
	case Chinese, "", "zh_CN", "zh-CN", "zh_Hans":
		loc, tag = "zh_CN.UTF-8", "zh_Hans"
	case English:
		loc, tag = "en_US.UTF-8", "en"
	default:
		return "", fmt.Errorf("locale: unknown language %q (use zh or en)", language)
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if err := os.Setenv(k, loc); err != nil {
			return "", fmt.Errorf("locale: %w", err)
		}
	}
	return tag, nil
}

// translations joins the `<area>.<tag>.json` files (each one flat JSON
// object) into one JSON object, so that they are parsed, and Fyne's
// localizer rebuilt, once.
func translations(tag string) ([]byte, error) {
	files, err := assets.Translations.ReadDir(assets.TranslationsDir)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteByte('{')
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), "."+tag+".json") {
			continue
		}
		b, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + f.Name())
		if err != nil {
			return nil, err
		}
		body := bytes.TrimSpace(b)
		if !bytes.HasPrefix(body, []byte("{")) || !bytes.HasSuffix(body, []byte("}")) {
			return nil, fmt.Errorf("%s: not a JSON object", f.Name())
		}
		body = bytes.TrimSpace(body[1 : len(body)-1])
		if len(body) == 0 {
			continue
		}
		if n > 0 {
			out.WriteByte(',')
		}
		out.Write(body)
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("no %s files in %s", tag, assets.TranslationsDir)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}
