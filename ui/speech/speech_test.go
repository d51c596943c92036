package speech_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/speech"
)

// fakeEspeak is a shell script named espeak-ng, first on PATH, that writes
// its pid, its arguments (one a line) and its standard input to files in
// dir, then marks itself ready and either sleeps (FAKE_SLEEP, for Stop) or
// exits with FAKE_EXIT.
const fakeEspeak = `#!/bin/sh
echo $$ > "$FAKE_DIR/pid"
for a in "$@"; do printf '%s\n' "$a"; done > "$FAKE_DIR/args"
cat > "$FAKE_DIR/stdin"
touch "$FAKE_DIR/ready"
if [ -n "$FAKE_SLEEP" ]; then exec sleep "$FAKE_SLEEP"; fi
exit "${FAKE_EXIT:-0}"
`

type fake struct{ dir string }

func installFake(t *testing.T) *fake {
	t.Helper()
	bin := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bin, speech.Binary), []byte(fakeEspeak), 0o755))
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	f := &fake{dir: t.TempDir()}
	t.Setenv("FAKE_DIR", f.dir)
	t.Setenv("FAKE_SLEEP", "")
	t.Setenv("FAKE_EXIT", "")
	return f
}

func (f *fake) read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, name))
	require.NoError(t, err)
	return string(b)
}

// waitReady waits until the fake has read all its input, and clears the
// mark for the next run.
func (f *fake) waitReady(t *testing.T) {
	t.Helper()
	ready := filepath.Join(f.dir, "ready")
	require.Eventually(t, func() bool { _, err := os.Stat(ready); return err == nil },
		10*time.Second, 5*time.Millisecond, "the fake espeak-ng never ran")
	require.NoError(t, os.Remove(ready))
}

func (f *fake) pid(t *testing.T) int {
	t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(f.read(t, "pid")))
	require.NoError(t, err)
	return pid
}

// gone reports whether no process has the pid any more.
func gone(pid int) bool { return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) }

func TestSpeakPassesTheTextOnStdinNeverAsArguments(t *testing.T) {
	tests := map[string]struct {
		text string
		want string
	}{
		"Chinese":        {"您好，欢迎使用便民服务。", "您好，欢迎使用便民服务。"},
		"LooksLikeFlag":  {"-w /etc/passwd", "-w /etc/passwd"},
		"ShellMeta":      {`$(rm -rf ~); echo "x" | cat & 'y'`, `$(rm -rf ~); echo "x" | cat & 'y'`},
		"Lines":          {"第一行\n第二行", "第一行\n第二行"},
		"SpacesTrimmed":  {"  申报条件  \n", "申报条件"},
		"VeryLongText":   {strings.Repeat("材料", 20000), strings.Repeat("材料", 20000)},
		"NulInsideStays": {"a\x00b", "a\x00b"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := installFake(t)
			s := speech.New()
			require.True(t, s.Available())
			s.Speak(tc.text)
			require.NoError(t, s.Wait())
			assert.False(t, s.Speaking())
			assert.Equal(t, "-v\ncmn\n-s\n140\n-b\n1\n--stdin\n", f.read(t, "args"))
			assert.Equal(t, tc.want, f.read(t, "stdin"))
		})
	}
}

func TestVoiceSpeedAndWAV(t *testing.T) {
	f := installFake(t)
	s := speech.New()
	s.Voice, s.Speed, s.WAV = "cmn-latn-pinyin", 120, "/tmp/x.wav"
	s.Speak("你好")
	require.NoError(t, s.Wait())
	assert.Equal(t, "-v\ncmn-latn-pinyin\n-s\n120\n-b\n1\n-w\n/tmp/x.wav\n--stdin\n", f.read(t, "args"))
}

func TestStopKillsTheSpeech(t *testing.T) {
	f := installFake(t)
	t.Setenv("FAKE_SLEEP", "60")
	s := speech.New()
	s.Speak("很长的一段办事指南")
	f.waitReady(t)
	pid := f.pid(t)
	assert.True(t, s.Speaking())
	assert.False(t, gone(pid))

	s.Stop()
	assert.False(t, s.Speaking())
	require.NoError(t, s.Wait(), "a stopped speech is not an error")
	assert.True(t, gone(pid), "the process was killed and reaped")
	s.Stop() // twice is harmless
}

func TestNewSpeakStopsThePreviousOne(t *testing.T) {
	f := installFake(t)
	t.Setenv("FAKE_SLEEP", "60")
	s := speech.New()
	s.Speak("第一段")
	f.waitReady(t)
	first := f.pid(t)

	s.Speak("第二段")
	f.waitReady(t)
	second := f.pid(t)
	require.NotEqual(t, first, second)
	require.Eventually(t, func() bool { return gone(first) }, 10*time.Second, 5*time.Millisecond)
	assert.Equal(t, "第二段", f.read(t, "stdin"))
	assert.True(t, s.Speaking())

	s.Stop()
	require.NoError(t, s.Wait())
	assert.True(t, gone(second))
}

func TestFailedSpeechIsLoggedNotFatal(t *testing.T) {
	installFake(t)
	t.Setenv("FAKE_EXIT", "3")
	s := speech.New()
	var logged []string
	s.Log = func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	s.Speak("你好")
	err := s.Wait()
	require.Error(t, err)
	var exit *exec.ExitError
	assert.ErrorAs(t, err, &exit)
	assert.False(t, s.Speaking())
	require.Len(t, logged, 1)
	assert.Contains(t, logged[0], "espeak-ng")
}

func TestWithoutEspeakNothingHappens(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	s := speech.New()
	assert.False(t, s.Available())
	s.Speak("你好")
	assert.False(t, s.Speaking())
	assert.NoError(t, s.Wait())
	s.Stop()

	var none *speech.Speaker
	assert.False(t, none.Available())
	none.Speak("你好")
	none.Stop()
	assert.False(t, none.Speaking())
}

func TestBlankTextOnlyStops(t *testing.T) {
	f := installFake(t)
	t.Setenv("FAKE_SLEEP", "60")
	s := speech.New()
	s.Speak("第一段")
	f.waitReady(t)
	pid := f.pid(t)
	s.Speak("  \n ")
	assert.False(t, s.Speaking())
	require.NoError(t, s.Wait())
	assert.True(t, gone(pid))
}

// TestRealEspeakWritesMandarinWAV runs the installed espeak-ng (make test
// installs it; CI=true fails without it) on a short Chinese text into a WAV
// file.
func TestRealEspeakWritesMandarinWAV(t *testing.T) {
	if _, err := exec.LookPath(speech.Binary); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: %v", speech.Binary, err)
		}
		t.Skipf("%s is not installed", speech.Binary)
	}
	s := speech.New()
	s.WAV = filepath.Join(t.TempDir(), "out.wav")
	s.Speak("您好，欢迎使用便民服务。办事指南：居住证申领，承诺期限十个工作日，不收费。")
	require.NoError(t, s.Wait())
	b, err := os.ReadFile(s.WAV)
	require.NoError(t, err)
	require.Greater(t, len(b), 44+22050, "at least half a second of 16-bit 22.05 kHz sound")
	assert.Equal(t, "RIFF", string(b[:4]))
	assert.Equal(t, "WAVE", string(b[8:12]))
}
