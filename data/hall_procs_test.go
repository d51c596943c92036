package data

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// hallKioskEnv starts the test binary as a kiosk of TestHallProcesses
// (see TestMain): "item deadline-unix-nanos dsn".
const hallKioskEnv = "BIANMIN_HALL_KIOSK"

// TestHallProcesses is TestHallTerminals with the two kiosks in processes
// of their own (the test binary started again), as in a hall: on SQLite
// two processes and the desks on one data file, on PostgreSQL on one
// schema.
func TestHallProcesses(t *testing.T) {
	hallEngines(t, func(t *testing.T, dsn string) {
		hallRun(t, dsn, func(reg Registration, deadline time.Time, wg *sync.WaitGroup, record func(string),
			fail func(string, ...any)) {
			for range 2 {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d %d %s", hallKioskEnv, reg.ItemID, deadline.UnixNano(), dsn))
				out, err := cmd.StdoutPipe()
				if err != nil {
					fail("kiosk process: %v", err)
					return
				}
				var stderr strings.Builder
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					fail("kiosk process: %v", err)
					return
				}
				wg.Go(func() {
					lines := bufio.NewScanner(out)
					for lines.Scan() {
						record(lines.Text())
					}
					if err := cmd.Wait(); err != nil {
						fail("kiosk process: %v: %s", err, stderr.String())
					}
				})
			}
		})
	})
}

// hallKioskChild is a kiosk of TestHallProcesses: it registers to the
// item until the deadline, a few milliseconds apart, printing each receipt
// number.
func hallKioskChild(spec string) error {
	f := strings.SplitN(spec, " ", 3)
	if len(f) != 3 {
		return fmt.Errorf("%s=%q", hallKioskEnv, spec)
	}
	item, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return err
	}
	until, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := Open(ctx, f[2], WithClock(func() time.Time { return fixedNow }), cheapPINs)
	if err != nil {
		return err
	}
	defer s.Close()
	reg := Registration{ItemID: item, Channel: ChannelKiosk, Name: "张小三", Phone: "13800138000",
		IDNumber: validID, Consent: true, Fields: map[string]string{"months": "8"}}
	for time.Now().Before(time.Unix(0, until)) {
		rc, err := s.Register(ctx, reg)
		if err != nil {
			return err
		}
		fmt.Println(rc.ReceiptNo)
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}
