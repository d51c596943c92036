package locale

import (
	"sync/atomic"

	"fyne.io/fyne/v2/lang"

	"bianmin/data"
)

// english is true while Use has chosen English.
var english atomic.Bool

// Message is the text to show a person for err, in the current language:
// data's Chinese (data.Message), or in English the translation of the
// error's key (data.MessageKey) filled with its arguments, those that are
// words or messages themselves translated too. A message without a key,
// or a key without a translation, is shown in Chinese.
func Message(err error) string {
	zh := data.Message(err)
	if !english.Load() {
		return zh
	}
	key, args := data.MessageKey(err)
	if key == "" {
		return zh
	}
	if args == nil {
		return lang.LocalizeKey(key, zh)
	}
	return lang.LocalizeKey(key, zh, localArgs(args))
}

// localArgs is args with its interface words (data.Term) and inner
// messages (errors) in the current language.
func localArgs(args map[string]any) map[string]any {
	out := make(map[string]any, len(args))
	for name, v := range args {
		switch v := v.(type) {
		case data.Term:
			out[name] = lang.LocalizeKey(v.Key, v.Zh)
		case error:
			out[name] = Message(v)
		default:
			out[name] = v
		}
	}
	return out
}
