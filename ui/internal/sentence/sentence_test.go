package sentence

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

type told struct{ key, zh string }

func (t *told) Error() string              { return t.key }
func (t *told) Sentence() (key, zh string) { return t.key, t.zh }

func TestMessage(t *testing.T) {
	jam := &told{"test.jam", "卡纸了，请联系工作人员。"}
	other := &told{"test.other", "出了问题，请联系工作人员。"}
	assert.Equal(t, jam.zh, Message(fmt.Errorf("print: %w", jam), other), "the sentence of the error in the chain")
	assert.Equal(t, other.zh, Message(errors.New("boom"), other), "the fallback's for any other error")
	assert.Empty(t, Message(nil, other))
}
