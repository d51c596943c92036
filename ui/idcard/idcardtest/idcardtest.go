// Package idcardtest is a simulated identity-card reader on a
// pseudo-terminal: it speaks the security module's protocol as a real
// reader does over its USB serial port, so that the driver, the kiosk, the
// staff desk and `bianmin idcard` are tested through the same serial code
// that talks to a real reader. A card is placed and taken away with Place
// and Remove; the reader can be plugged in and pulled out (Plug, Unplug);
// and it can misbehave as readers do: a card taken away between select and
// read, a garbled answer, no answer at all, answers split across reads.
package idcardtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/creack/pty"

	"bianmin/ui/idcard"
)

// Card is a sample card: a real-looking text (address, issuer, validity)
// whose every field but the name and the number must never reach a store,
// a log or a screen. Its number checks (GB 11643).
func Card(name, number string) idcard.BaseFields {
	return idcard.BaseFields{
		Name: name, Sex: "1", Nation: "01", Birth: number[6:14],
		Address:   "湖南省长沙市岳麓区麓山南路九十九号梧桐小区三栋二单元",
		Number:    number,
		Issuer:    "长沙市公安局岳麓分局",
		ValidFrom: "20200101", ValidTo: "20400101",
	}
}

// Photo is the photo the simulated reader sends: recognisable bytes, so a
// test can prove that they went nowhere.
var Photo = bytes.Repeat([]byte("WLTPHOTO"), 128)

// Reader is a simulated reader. Its fields may be set before the reader
// is used, or changed later through its methods.
type Reader struct {
	// Link, when set (Plugged), is a symbolic link to the pseudo-terminal,
	// so the reader keeps one path across Unplug and Plug, as a udev rule
	// gives a real one (/dev/idcard). Path is the pseudo-terminal itself.
	Link string
	Path string

	mu       sync.Mutex
	master   *os.File
	tty      *os.File
	card     *idcard.BaseFields
	photo    []byte
	silent   bool
	corrupt  int
	chunk    int
	samFault bool
	removeAt idcard.Command // take the card away after answering this command
	commands []idcard.Command
	stopped  chan struct{}
}

// New is a simulated reader, plugged in; Close (or the test's end through
// Cleanup) unplugs it.
func New() (*Reader, error) {
	r := &Reader{}
	if err := r.plug(); err != nil {
		return nil, err
	}
	return r, nil
}

// NewLinked is a simulated reader reached through a link at link (in a
// temporary folder), not plugged in yet: Plug plugs it in.
func NewLinked(link string) *Reader { return &Reader{Link: link} }

// Plug plugs the reader in: a new pseudo-terminal, and Link pointing to it.
func (r *Reader) Plug() error { return r.plug() }

func (r *Reader) plug() error {
	master, tty, err := pty.Open()
	if err != nil {
		return fmt.Errorf("idcardtest: %w", err)
	}
	r.mu.Lock()
	r.master, r.tty, r.Path = master, tty, tty.Name()
	r.stopped = make(chan struct{})
	r.mu.Unlock()
	if r.Link != "" {
		_ = os.Remove(r.Link)
		if err := os.Symlink(tty.Name(), r.Link); err != nil {
			return fmt.Errorf("idcardtest: %w", err)
		}
	}
	go r.serve(master, r.stopped)
	return nil
}

// Unplug pulls the reader out: the pseudo-terminal closes (a program
// reading it gets an error, as from a USB adapter pulled out) and Link
// goes away.
func (r *Reader) Unplug() {
	r.mu.Lock()
	master, tty, stopped := r.master, r.tty, r.stopped
	r.master, r.tty = nil, nil
	r.mu.Unlock()
	if r.Link != "" {
		_ = os.Remove(r.Link)
	}
	if master == nil {
		return
	}
	master.Close()
	tty.Close()
	<-stopped
}

// Close is Unplug.
func (r *Reader) Close() { r.Unplug() }

// Device is the path a driver opens: Link when set, else Path.
func (r *Reader) Device() string {
	if r.Link != "" {
		return r.Link
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.Path
}

// Place puts a card on the reader.
func (r *Reader) Place(c idcard.BaseFields) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.card = &c
	r.photo = Photo
}

// Remove takes the card away.
func (r *Reader) Remove() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.card = nil
}

// RemoveAfter takes the card away right after the reader has answered c:
// RemoveAfter(idcard.CmdSelectCard) is a card taken away between select
// and read.
func (r *Reader) RemoveAfter(c idcard.Command) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.removeAt = c
}

// Silent makes the reader stop answering (on) or answer again.
func (r *Reader) Silent(on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.silent = on
}

// Corrupt garbles the checksum of the next n answers.
func (r *Reader) Corrupt(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.corrupt = n
}

// Chunk sends each answer in pieces of n bytes with a pause between them,
// as a USB serial adapter hands a long answer over (0: whole).
func (r *Reader) Chunk(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.chunk = n
}

// SAMFault makes the security module fail its self-test (0x60).
func (r *Reader) SAMFault(on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.samFault = on
}

// Commands are the commands received so far.
func (r *Reader) Commands() []idcard.Command {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]idcard.Command(nil), r.commands...)
}

func (r *Reader) serve(master *os.File, stopped chan struct{}) {
	defer close(stopped)
	var dec idcard.Decoder
	buf := make([]byte, 256)
	for {
		n, err := master.Read(buf)
		if err != nil {
			return
		}
		dec.Feed(buf[:n])
		for {
			f, ok, err := dec.Next()
			if !ok {
				break
			}
			var answer []byte
			if err != nil {
				answer = idcard.EncodeAnswer(idcard.CodeBadChecksum, nil)
			} else {
				answer = r.answer(f.Command())
			}
			if answer != nil && r.write(master, answer) != nil {
				return
			}
		}
	}
}

// answer is the reader's answer to c, nil for none.
func (r *Reader) answer(c idcard.Command) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.commands = append(r.commands, c)
	if r.silent {
		return nil
	}
	var a []byte
	switch c {
	case idcard.CmdSAMStatus, idcard.CmdResetSAM:
		if r.samFault {
			a = idcard.EncodeAnswer(idcard.CodeSelfTest, nil)
		} else {
			a = idcard.EncodeAnswer(idcard.CodeOK, nil)
		}
	case idcard.CmdSAMID:
		a = idcard.EncodeAnswer(idcard.CodeOK, bytes.Repeat([]byte{0x05}, 16))
	case idcard.CmdFindCard:
		switch {
		case r.samFault:
			a = idcard.EncodeAnswer(idcard.CodeSelfTest, nil)
		case r.card != nil:
			a = idcard.EncodeAnswer(idcard.CodeFound, []byte{0, 0, 0, 0})
		default:
			a = idcard.EncodeAnswer(idcard.CodeNoCard, nil)
		}
	case idcard.CmdSelectCard:
		if r.card != nil {
			a = idcard.EncodeAnswer(idcard.CodeOK, make([]byte, 8))
		} else {
			a = idcard.EncodeAnswer(idcard.CodeSelectFailed, nil)
		}
	case idcard.CmdReadBase:
		if r.card != nil {
			a = idcard.EncodeAnswer(idcard.CodeOK, idcard.EncodeBase(*r.card, r.photo))
		} else {
			a = idcard.EncodeAnswer(idcard.CodeReadFailed, nil)
		}
	default:
		a = idcard.EncodeAnswer(idcard.CodeBadCommand, nil)
	}
	if c == r.removeAt {
		r.card = nil
		r.removeAt = idcard.Command{}
	}
	if r.corrupt > 0 {
		r.corrupt--
		a[len(a)-1] ^= 0x5A
	}
	return a
}

func (r *Reader) write(master *os.File, b []byte) error {
	r.mu.Lock()
	chunk := r.chunk
	r.mu.Unlock()
	if chunk <= 0 {
		_, err := master.Write(b)
		return err
	}
	for len(b) > 0 {
		n := min(chunk, len(b))
		if _, err := master.Write(b[:n]); err != nil {
			return err
		}
		b = b[n:]
		time.Sleep(2 * time.Millisecond) // the next piece arrives after the reader has read this one
	}
	return nil
}

// LinkIn is a path for NewLinked in dir: dir/ttyIDCARD.
func LinkIn(dir string) string { return filepath.Join(dir, "ttyIDCARD") }
