// Package locale chooses the language the UI speaks and loads Bianmin's
// translations into Fyne's lang package.
//
// Fyne has no call to force a language: it reads LC_ALL / LC_MESSAGES / LANG
// each time translations are added. Use sets those variables first and then
// adds the translations, so the kiosk speaks Chinese by default whatever
// locale the session was started with.
package locale

import (
	"fmt"
	"os"

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
	var loc string
	switch language {
	case Chinese, "", "zh_CN", "zh-CN", "zh_Hans":
		loc = "zh_CN.UTF-8"
	case English:
		loc = "en_US.UTF-8"
	default:
		return fmt.Errorf("locale: unknown language %q (use zh or en)", language)
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if err := os.Setenv(k, loc); err != nil {
			return fmt.Errorf("locale: %w", err)
		}
	}
	if err := lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir); err != nil {
		return fmt.Errorf("locale: translations: %w", err)
	}
	return nil
}
