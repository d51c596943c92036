// Package sentence turns the errors of the card reader and the printer
// into what a person is told: each such error carries its own sentence,
// a translation key and its Chinese.
package sentence

import (
	"errors"

	"fyne.io/fyne/v2/lang"
)

// Error is an error with its own sentence for a person.
type Error interface {
	error
	Sentence() (key, zh string)
}

// Message is the sentence, in the UI's language, of the first E in err's
// chain, or fallback's when there is none; "" for a nil err.
func Message[E Error](err error, fallback E) string {
	if err == nil {
		return ""
	}
	e, ok := errors.AsType[E](err)
	if !ok {
		e = fallback
	}
	key, zh := e.Sentence()
	return lang.X(key, zh)
}
