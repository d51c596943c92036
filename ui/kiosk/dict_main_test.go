package kiosk_test

import (
	"os"
	"testing"

	"bianmin/ui/input/pinyin"
)

// TestMain builds the pinyin dictionary before the tests: the keyboard
// never waits for it (its candidates come when it is ready), and the tests
// tap letters and read the candidates at once.
func TestMain(m *testing.M) {
	pinyin.Default()
	os.Exit(m.Run())
}
