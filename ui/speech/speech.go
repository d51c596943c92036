// Package speech reads text aloud for the kiosk's 语音播报
// with espeak-ng's Mandarin voice.
//
// A Speaker runs one espeak-ng process per text, never through a shell: the
// text goes in on the process's standard input (espeak-ng --stdin), so no
// character of it can become an option or a shell word, and no length
// limit of the command line applies. Speak returns at once; the process
// runs and is waited for on a goroutine of its own, so the UI never waits
// for speech. A new Speak stops the speech before it, Stop ends the one
// going on, and a Speaker without espeak-ng on PATH is not Available and
// does nothing:
//
//	s := speech.New()
//	if s.Available() { s.Speak("您好，欢迎使用便民服务。") }
//	…
//	s.Stop() // the resident left the screen
//
// The package never imports Fyne; the kiosk shell holds a Speaker through
// its own small interface (Available, Speak, Stop).
package speech

import (
	"fmt"
	"log"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// Binary is the program a Speaker runs, looked up on PATH.
const Binary = "espeak-ng"

// Defaults of a new Speaker: espeak-ng's Mandarin voice, a little slower
// than its default 175 words a minute, which is calm for elderly listeners.
const (
	DefaultVoice = "cmn"
	DefaultSpeed = 140
)

// Speaker reads text aloud with espeak-ng. Make one with New; set its
// fields before the first Speak. Its methods may be called from any
// goroutine.
type Speaker struct {
	// Voice is espeak-ng's voice name (-v), DefaultVoice by default.
	Voice string
	// Speed is in words a minute (-s), DefaultSpeed by default.
	Speed int
	// WAV, if set, is a file the speech is written to (-w) instead of the
	// sound card: for tests and for machines without sound.
	WAV string
	// Log receives the errors of speech that failed (espeak-ng missing its
	// voice data, no sound device); log.Printf by default. A stopped speech
	// is not an error.
	Log func(format string, args ...any)

	path string // espeak-ng's path; empty when not installed

	mu      sync.Mutex
	gen     int           // counts Speak and Stop calls; a run belongs to one
	cmd     *exec.Cmd     // the running process, nil when none
	running bool          // a speech was asked for and has not ended
	done    chan struct{} // closed when the current run ends
	err     error         // how the last run ended
}

// New returns a Speaker with the default voice and speed, using the
// espeak-ng found on PATH now. Without it the Speaker is not Available.
func New() *Speaker {
	s := &Speaker{Voice: DefaultVoice, Speed: DefaultSpeed}
	if p, err := exec.LookPath(Binary); err == nil {
		s.path = p
	}
	return s
}

// Available reports whether espeak-ng was found: without it the kiosk hides
// its 朗读 button.
func (s *Speaker) Available() bool { return s != nil && s.path != "" }

// Speak starts reading text aloud and returns at once, stopping any speech
// still going on. Blank text, or a Speaker that is not Available, only
// stops.
func (s *Speaker) Speak(text string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
	text = strings.TrimSpace(text)
	if text == "" || s.path == "" {
		return
	}
	done := make(chan struct{})
	s.running, s.done, s.err = true, done, nil
	go s.run(s.gen, text, done)
}

// Stop ends the speech going on, if any: its process is killed.
func (s *Speaker) Stop() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
}

// Speaking reports whether a speech is going on: asked for, and neither
// finished nor stopped. The kiosk polls it to turn 停止朗读 back into 朗读.
func (s *Speaker) Speaking() bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

// Wait blocks until the current speech has ended and returns how it ended:
// nil when it was read to the end or stopped, else espeak-ng's failure.
// Tests use it; the kiosk never waits.
func (s *Speaker) Wait() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	done := s.done
	s.mu.Unlock()
	if done != nil {
		<-done
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// stopLocked ends the current run. The run's goroutine still waits for the
// killed process (so no zombie is left) and closes its done channel.
func (s *Speaker) stopLocked() {
	s.gen++
	s.running = false
	if s.cmd != nil {
		kill(s.cmd)
		s.cmd = nil
	}
}

// args are espeak-ng's arguments: the voice, the speed, UTF-8 input, the
// WAV file if any, and the text read from stdin all at once.
func (s *Speaker) args() []string {
	voice := s.Voice
	if voice == "" {
		voice = DefaultVoice
	}
	speed := s.Speed
	if speed <= 0 {
		speed = DefaultSpeed
	}
	args := []string{"-v", voice, "-s", strconv.Itoa(speed), "-b", "1"}
	if s.WAV != "" {
		args = append(args, "-w", s.WAV)
	}
	return append(args, "--stdin")
}

// run starts espeak-ng for one Speak call and waits for it, on its own
// goroutine. gen is the call's number: if a Stop or another Speak came in
// between, the run starts nothing.
func (s *Speaker) run(gen int, text string, done chan struct{}) {
	defer close(done)
	s.mu.Lock()
	if gen != s.gen {
		s.mu.Unlock()
		return
	}
	cmd := exec.Command(s.path, s.args()...)
	cmd.Stdin = strings.NewReader(text)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	prepare(cmd)
	if err := cmd.Start(); err != nil {
		s.running = false
		s.err = fmt.Errorf("speech: start %s: %w", Binary, err)
		s.mu.Unlock()
		s.logf("%v", s.err)
		return
	}
	s.cmd = cmd
	s.mu.Unlock()

	err := cmd.Wait()

	s.mu.Lock()
	stopped := gen != s.gen
	if !stopped {
		s.cmd, s.running = nil, false
	}
	if err != nil && !stopped {
		s.err = fmt.Errorf("speech: %s: %w: %s", Binary, err, strings.TrimSpace(stderr.String()))
	}
	failed := s.err
	s.mu.Unlock()
	if failed != nil && !stopped {
		s.logf("%v", failed)
	}
}

func (s *Speaker) logf(format string, args ...any) {
	if s.Log != nil {
		s.Log(format, args...)
		return
	}
	log.Printf(format, args...)
}
