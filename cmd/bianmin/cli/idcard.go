package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"bianmin/ui/idcard"
)

// IDCardOff is the --idcard-device value that turns the card reader off
// (no device is probed).
const IDCardOff = "off"

// idcardCmd is `bianmin idcard [--device PATH] [--wait 30s]`: it opens the
// reader (the device given, or the first USB serial device that answers),
// says how it stands, waits for a card, and prints its name and ID number
// masked, so that an installer can test a reader without the kiosk. It
// prints nothing else of the card.
func idcardCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fset := flag.NewFlagSet("bianmin idcard", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	device := fset.String("device", "", "the reader's serial device (default: the first /dev/ttyUSB* or /dev/ttyACM* that answers)")
	wait := fset.Duration("wait", 30*time.Second, "how long to wait for a card")
	timeout := fset.Duration("timeout", idcard.DefaultTimeout, "how long to wait for each answer of the reader")
	if err := fset.Parse(args); err != nil || fset.NArg() > 0 {
		return fmt.Errorf("%w: idcard %v", errUsage, args)
	}
	card, st, err := idcard.ReadOnce(ctx, *device, *wait, *timeout, func(st idcard.Status) {
		fmt.Fprintf(stdout, "阅读器 Reader: %s\n", st)
		fmt.Fprintf(stdout, "请将身份证放在读卡区（%s 内）… Place an ID card on the reader.\n", *wait)
	})
	if err != nil {
		if !st.Ready() {
			fmt.Fprintf(stdout, "阅读器 Reader: %s\n", st)
		}
		return &idcardError{err}
	}
	fmt.Fprintf(stdout, "姓名 Name: %s\n", card.MaskedName())
	fmt.Fprintf(stdout, "身份证号码 ID number: %s\n", card.MaskedNumber())
	return nil
}

// idcardError is a card not read, said in the reader's words.
type idcardError struct{ err error }

func (e *idcardError) Error() string {
	return "未读到身份证 (no card read): " + idcard.Message(e.err)
}

func (e *idcardError) Unwrap() error { return e.err }
