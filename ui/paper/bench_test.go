package paper

import (
	"slices"
	"testing"
	"time"
)

// latinReceipt is sampleReceipt in Latin letters: the same layout with the
// same number of lines, for the core-font floor.
func latinReceipt() Receipt {
	r := sampleReceipt()
	r.Center = "Xingfu Community Service Room"
	r.Item = "Resident basic medical insurance enrolment (newborns and students enrolling for the first time)"
	r.Mode = "Promised"
	r.Promised = "by 2026-12-10"
	r.Status = "Accepted"
	r.Brought = []string{"Resident ID card, original", "Household register, original and 1 copy"}
	r.Missing = []string{"2 colour photos, 1 inch", "Proof of residence from the village committee (stamped)", "Bank card, 1 copy (own name, for payments)"}
	r.Applicant = "Zhang*san"
	return r
}

// BenchmarkReceiptPDF times the receipt with the embedded CJK font against
// the same layout set in fpdf's core Helvetica with Latin text (the floor),
// alternating the two in the same run. ns/op counts the CJK receipt only.
func BenchmarkReceiptPDF(b *testing.B) {
	fc, err := defaultFace()
	if err != nil {
		b.Fatal(err)
	}
	core := newCoreFace()
	zh, latin := sampleReceipt(), latinReceipt()
	// Warm up: font parse and core metrics happen once per process.
	if _, err := receipt(zh, fc, receiptZH); err != nil {
		b.Fatal(err)
	}
	if _, err := receipt(latin, core, receiptLatin); err != nil {
		b.Fatal(err)
	}
	cjk := make([]time.Duration, 0, b.N)
	floor := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		t0 := time.Now()
		if _, err := receipt(latin, core, receiptLatin); err != nil {
			b.Fatal(err)
		}
		floor = append(floor, time.Since(t0))
		b.StartTimer()
		t1 := time.Now()
		if _, err := receipt(zh, fc, receiptZH); err != nil {
			b.Fatal(err)
		}
		cjk = append(cjk, time.Since(t1))
	}
	b.StopTimer()
	p50, p99 := quantile(cjk, 0.50), quantile(cjk, 0.99)
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(float64(p50)/float64(quantile(floor, 0.50)), "x-floor")
}

func quantile(d []time.Duration, q float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
