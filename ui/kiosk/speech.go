package kiosk

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Read-aloud (语音播报). A screen that can be read aloud
// implements Speakable; the shell then shows a 朗读 button in the footer,
// when Options.Speaker is available. Tapping it reads the screen's Speech
// aloud, tapping again (停止朗读) stops; leaving the screen (Back, Home,
// another screen on top) and the idle reset stop it too.

// Speaker reads text aloud without blocking: Speak starts (stopping any
// speech before it), Stop ends. bianmin/ui/speech's *Speaker is one; it is
// not Available where espeak-ng is missing, and then the kiosk shows no
// 朗读 button.
type Speaker interface {
	Available() bool
	Speak(text string)
	Stop()
}

// Speakable is a Screen that can be read aloud: Speech is the text to read,
// in plain Chinese sentences; "" while there is nothing to read yet.
type Speakable interface {
	Speech() string
}

// speakingReporter is a Speaker that tells when a speech has ended by
// itself (ui/speech's Speaking), so 停止朗读 can turn back into 朗读.
type speakingReporter interface {
	Speaking() bool
}

// speechPoll is how often the shell asks whether a speech has ended.
const speechPoll = time.Second

func (k *Kiosk) buildSpeech() {
	k.SpeakButton = widget.NewButtonWithIcon(lang.L("kiosk.speech.read"), fynetheme.VolumeUpIcon(), k.onSpeak)
	k.speakBox = container.New(&minLayout{width: 200, touchScale: 1.25}, k.SpeakButton)
	k.speakIcon = widget.NewButtonWithIcon("", fynetheme.VolumeUpIcon(), k.onSpeak)
	k.speakIconBox = container.New(&minLayout{touchScale: 1.25}, k.speakIcon)
	k.speakBox.Hide()
	k.speakIconBox.Hide()
}

// canSpeak reports whether read-aloud works on this machine.
func (k *Kiosk) canSpeak() bool { return k.opts.Speaker != nil && k.opts.Speaker.Available() }

// speakable is s's Speakable if s can be read aloud here.
func (k *Kiosk) speakable(s Screen) (Speakable, bool) {
	sp, ok := s.(Speakable)
	return sp, ok && k.canSpeak()
}

// Speaking reports whether the kiosk is reading a screen aloud.
func (k *Kiosk) Speaking() bool { return k.speaking != nil }

// speakingNow reports whether a speech is still going on, asking the
// Speaker (a Speaker that cannot tell counts as silent, so that the idle
// reset still comes).
func (k *Kiosk) speakingNow() bool {
	if k.speaking == nil {
		return false
	}
	r, ok := k.opts.Speaker.(speakingReporter)
	if !ok {
		return false
	}
	if !r.Speaking() {
		k.speechEnded()
	}
	return k.speaking != nil
}

// onSpeak is the 朗读 / 停止朗读 button.
func (k *Kiosk) onSpeak() {
	k.OnActivity()
	if k.speaking != nil {
		k.StopSpeech()
		return
	}
	s := k.Nav.Current()
	sp, ok := k.speakable(s)
	if !ok {
		return
	}
	text := strings.TrimSpace(sp.Speech())
	if text == "" {
		return // not loaded yet
	}
	k.opts.Speaker.Speak(text)
	k.speaking = s
	k.refreshSpeakButton()
	if _, ok := k.opts.Speaker.(speakingReporter); ok {
		k.stopPoll = k.opts.After(speechPoll, k.pollSpeech)
	}
}

// StopSpeech stops reading aloud, if the kiosk is.
func (k *Kiosk) StopSpeech() {
	if k.stopPoll != nil {
		k.stopPoll()
		k.stopPoll = nil
	}
	if k.speaking == nil {
		return
	}
	k.speaking = nil
	k.opts.Speaker.Stop()
	k.refreshSpeakButton()
}

// pollSpeech turns the button back when the speech has ended by itself.
func (k *Kiosk) pollSpeech() {
	k.stopPoll = nil
	if k.speakingNow() {
		k.stopPoll = k.opts.After(speechPoll, k.pollSpeech)
	}
}

// speechEnded: the speech was read to the end. The resident was listening
// until now, so the idle time counts from here.
func (k *Kiosk) speechEnded() {
	k.speaking = nil
	k.lastActivity = k.opts.Now()
	k.refreshSpeakButton()
}

func (k *Kiosk) refreshSpeakButton() {
	text, icon, imp := lang.L("kiosk.speech.read"), fynetheme.VolumeUpIcon(), widget.MediumImportance
	if k.speaking != nil {
		text, icon, imp = lang.L("kiosk.speech.stop"), fynetheme.MediaStopIcon(), widget.HighImportance
	}
	k.SpeakButton.Text, k.SpeakButton.Icon, k.SpeakButton.Importance = text, icon, imp
	k.speakIcon.Icon, k.speakIcon.Importance = icon, imp
	k.SpeakButton.Refresh()
	k.speakIcon.Refresh()
	if k.footer != nil {
		// 停止朗读 is wider than 朗读: lay the footer out again, so the
		// button gets its new width (or the footer a more compact mode)
		// instead of clipping the words.
		k.footer.Refresh()
	}
}
