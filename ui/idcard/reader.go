package idcard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"go.bug.st/serial"
)

// Port is the serial port a Reader talks through; go.bug.st/serial's Port
// satisfies it.
type Port interface {
	io.ReadWriteCloser
	SetReadTimeout(t time.Duration) error
	ResetInputBuffer() error
}

// BaudRate is the readers' default speed (the manuals' 115200 bps).
const BaudRate = 115200

// DefaultTimeout is how long a Reader waits for an answer. A reader
// answers a command in tens of milliseconds; the base information, 1295
// bytes at 115200 bps, takes about 0.1 s on the wire and up to half a
// second in the module.
const DefaultTimeout = 1500 * time.Millisecond

// Reader speaks the protocol to one reader. It is not safe for use by
// several goroutines at once (a Watcher owns one).
type Reader struct {
	// Device is the path the port was opened on.
	Device string
	// Timeout is how long to wait for each answer (default DefaultTimeout).
	Timeout time.Duration
	// Now is the clock for checking the number's birth date (default
	// time.Now).
	Now func() time.Time

	port Port
	dec  Decoder
	buf  []byte
}

// Open opens the reader on a serial device (/dev/ttyUSB0, /dev/ttyACM0).
// A device that does not exist or cannot be opened is ErrNoReader; one
// that another program holds open (a running kiosk) ErrBusy; one the user
// may not open ErrDenied.
func Open(device string) (*Reader, error) {
	p, err := serial.Open(device, &serial.Mode{BaudRate: BaudRate})
	if err != nil {
		kind := ErrNoReader
		var pe *serial.PortError
		if errors.As(err, &pe) {
			switch pe.Code() {
			case serial.PortBusy:
				kind = ErrBusy
			case serial.PermissionDenied:
				kind = ErrDenied
			}
		}
		return nil, fmt.Errorf("%w: %s: %v", kind, device, err)
	}
	return NewReader(device, p), nil
}

// NewReader is a Reader on a port already open.
func NewReader(device string, p Port) *Reader {
	return &Reader{Device: device, port: p, buf: make([]byte, 512)}
}

// Close closes the port.
func (r *Reader) Close() error { return r.port.Close() }

func (r *Reader) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return DefaultTimeout
}

func (r *Reader) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Do sends a command and returns the answer. A stale answer left in the
// port is dropped first. No answer in time is ErrNoAnswer; a garbled one
// ErrChecksum; a port that went away (the reader was pulled out)
// ErrNoReader.
func (r *Reader) Do(ctx context.Context, c Command) (Frame, error) {
	_ = r.port.ResetInputBuffer()
	r.dec.Reset()
	if _, err := r.port.Write(EncodeCommand(c, nil)); err != nil {
		return Frame{}, fmt.Errorf("%w: %s: write: %v", ErrNoReader, r.Device, err)
	}
	deadline := time.Now().Add(r.timeout())
	for {
		if f, ok, err := r.dec.Next(); ok {
			return f, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return Frame{}, fmt.Errorf("%w: %s: command %02X %02X", ErrNoAnswer, r.Device, c.Cmd, c.Para)
		}
		if err := ctx.Err(); err != nil {
			return Frame{}, err
		}
		// Short reads, so that a cancelled context is seen soon.
		if err := r.port.SetReadTimeout(min(left, 100*time.Millisecond)); err != nil {
			return Frame{}, fmt.Errorf("%w: %s: %v", ErrNoReader, r.Device, err)
		}
		n, err := r.port.Read(r.buf)
		if n > 0 {
			r.dec.Feed(r.buf[:n])
			clear(r.buf[:n])
		}
		if err != nil {
			return Frame{}, fmt.Errorf("%w: %s: read: %v", ErrNoReader, r.Device, err)
		}
		if n == 0 && r.gone() {
			return Frame{}, fmt.Errorf("%w: %s: the device went away", ErrNoReader, r.Device)
		}
	}
}

// gone reports whether the device file has disappeared (a USB adapter
// pulled out: some drivers then time reads out instead of failing them).
func (r *Reader) gone() bool {
	_, err := os.Stat(r.Device)
	return errors.Is(err, os.ErrNotExist)
}

// do is Do expecting a status, with one more try on a garbled answer.
func (r *Reader) do(ctx context.Context, c Command, want Code) (Frame, error) {
	f, err := r.Do(ctx, c)
	if errors.Is(err, ErrChecksum) {
		f, err = r.Do(ctx, c)
	}
	if err != nil {
		return Frame{}, err
	}
	if st := f.Code(); st != want {
		return Frame{}, statusErr(st)
	}
	return f, nil
}

// SAMStatus asks the security module whether it works: nil when it
// answers 0x90.
func (r *Reader) SAMStatus(ctx context.Context) error {
	_, err := r.do(ctx, CmdSAMStatus, CodeOK)
	return err
}

// Find asks whether a card is on the reader: nil when one is, ErrNoCard
// when none is.
func (r *Reader) Find(ctx context.Context) error {
	_, err := r.do(ctx, CmdFindCard, CodeFound)
	return err
}

// ReadCard reads the card on the reader: find, select, read the base
// information. No card is ErrNoCard; a card taken away after it was found
// is ErrCardRemoved.
func (r *Reader) ReadCard(ctx context.Context) (Card, error) {
	if err := r.Find(ctx); err != nil {
		return Card{}, err
	}
	return r.readFound(ctx)
}

// readFound selects and reads a card that Find has found.
func (r *Reader) readFound(ctx context.Context) (Card, error) {
	if _, err := r.do(ctx, CmdSelectCard, CodeOK); err != nil {
		return Card{}, removedIfSilent(err)
	}
	f, err := r.do(ctx, CmdReadBase, CodeOK)
	if err != nil {
		return Card{}, removedIfSilent(err)
	}
	return decodeBase(f.Data(), r.now())
}

// removedIfSilent: a card that was there a moment ago and now gets no
// answer (some modules stay silent instead of answering 0x41) was taken
// away.
func removedIfSilent(err error) error {
	if errors.Is(err, ErrNoAnswer) || errors.Is(err, ErrNoCard) {
		return fmt.Errorf("%w (%v)", ErrCardRemoved, err)
	}
	return err
}
