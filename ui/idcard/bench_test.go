package idcard_test

import (
	"context"
	"testing"
	"time"

	"go.bug.st/serial"

	"bianmin/ui/idcard"
	"bianmin/ui/idcard/idcardtest"
	"bianmin/ui/internal/benchdata"
)

// BenchmarkReadCard times reading a card through the driver (find,
// select, read the base information, decode, check the number) against
// its floor measured in the same run: the same three commands sent to the
// same simulated reader over the same serial port, each answer read raw
// to its last byte, with no framing, checksum or decoding. x-floor is
// what the driver adds on top of moving the bytes. (A real reader adds
// the wire: 1,310 bytes at 115200 bps are 114 ms, which neither includes.)
func BenchmarkReadCard(b *testing.B) {
	s, err := idcardtest.New()
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.Place(zhang)
	ctx := context.Background()
	r, err := idcard.Open(s.Device())
	if err != nil {
		b.Fatal(err)
	}
	cmds := []idcard.Command{idcard.CmdFindCard, idcard.CmdSelectCard, idcard.CmdReadBase}
	sizes := []int{15, 19, 1295} // the answers' lengths
	raw := func() {
		// The driver's port is used for the floor too, between its reads.
		p := rawPort(b, r)
		buf := make([]byte, 2048)
		for i, c := range cmds {
			if _, err := p.Write(idcard.EncodeCommand(c, nil)); err != nil {
				b.Fatal(err)
			}
			for got := 0; got < sizes[i]; {
				n, err := p.Read(buf[got:])
				if err != nil || n == 0 {
					b.Fatalf("raw read: %v (%d of %d)", err, got, sizes[i])
				}
				got += n
			}
		}
	}
	if _, err := r.ReadCard(ctx); err != nil { // warm up
		b.Fatal(err)
	}
	raw()
	ours := make([]time.Duration, 0, b.N)
	floor := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		raw()
		floor = append(floor, time.Since(t0))
		t1 := time.Now()
		if _, err := r.ReadCard(ctx); err != nil {
			b.Fatal(err)
		}
		ours = append(ours, time.Since(t1))
	}
	b.StopTimer()
	r.Close()
	p50, f50 := benchdata.PercentileMS(ours, 50), benchdata.PercentileMS(floor, 50)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(benchdata.PercentileMS(ours, 99), "p99-ms")
	b.ReportMetric(f50, "floor-p50-ms")
	b.ReportMetric(p50/f50, "x-floor")
	b.ReportMetric(0, "ns/op")
}

// rawPort is the serial port under r, for the floor.
func rawPort(b *testing.B, r *idcard.Reader) serial.Port {
	p, ok := idcard.PortOf(r).(serial.Port)
	if !ok {
		b.Fatal("not a serial port")
	}
	if err := p.SetReadTimeout(time.Second); err != nil {
		b.Fatal(err)
	}
	return p
}
