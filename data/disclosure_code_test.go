package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// An empty code asks for one; a malformed one says what it must be.
func TestDisclosureCodeMessages(t *testing.T) {
	tests := map[string]struct {
		code string
		want string
	}{
		"Empty":  {"  ", codeMissing},
		"Spaces": {"FW CN", codeFormat},
		"Han":    {"服务承诺", codeFormat},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := DisclosureDraft{Code: tc.code, Category: CatRules, Cadence: CadenceRegular}.Clean()
			assert.Equal(t, tc.want, Message(err))
			d := Disclosure{Code: tc.code, Category: CatRules}
			assert.Equal(t, tc.want, Message(d.Validate()))
		})
	}
}
