package data

import (
	"crypto/rand"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The three numbers a request gets at intake. They are independent: the
// receipt number is sequential and meant to be read aloud, the query code and
// the tracking token are fresh draws from crypto/rand, so neither can be
// derived from the receipt number or from each other.
//
//   - Receipt number (回执编号) "WY-20261126-0042": the center's prefix
//     letters, the day of intake in China time, and the day's sequence number
//     (at least 4 digits). The store allocates the sequence in the write
//     transaction from the per-day counter table.
//   - Query code (查询码): 6 characters from QueryCodeAlphabet, typed with
//     the receipt number at the kiosk.
//   - Tracking token: 26 characters of lowercase RFC 4648 base32 (130 random
//     bits), the last segment of the tracking URL {base}/r/{token} in the QR.

// QueryCodeAlphabet is the 24 characters a query code is made of: uppercase
// letters and digits without the groups that are mistaken for one another
// in print or when copied by hand. Both members are left out of 0/O, 1/I/L,
// 2/Z, 5/S and 8/B (so D and Q, the usual partners of O and 0, have none
// left); of 6/G only 6 is kept, and CleanQueryCode reads a typed G as 6.
// 24^6 ≈ 1.9×10^8 codes (27.5 bits);
// a code is only ever checked together with its receipt number, and the
// kiosk and the web page slow down repeated failures.
const QueryCodeAlphabet = "ACDEFHJKMNPQRTUVWXY34679"

// QueryCodeLen is the length of a query code.
const QueryCodeLen = 6

// tokenAlphabet is RFC 4648 base32 in lowercase (URL-safe, case-folded on
// input, no padding).
const tokenAlphabet = "abcdefghijklmnopqrstuvwxyz234567"

// TokenLen is the length of a tracking token: 26 base32 characters carry
// 130 random bits (≥ 128).
const TokenLen = 26

// NewQueryCode draws a query code from crypto/rand. Each character is chosen
// by rejection sampling (bytes ≥ 240 = 10×24 are thrown away), so every
// character of the alphabet is equally likely.
func NewQueryCode() string {
	const n = len(QueryCodeAlphabet)
	const limit = 256 - 256%n // 240: the largest multiple of n that fits a byte
	out := make([]byte, 0, QueryCodeLen)
	var buf [16]byte
	for len(out) < QueryCodeLen {
		_, _ = rand.Read(buf[:]) // never fails since Go 1.24 (it crashes the program instead)
		for _, b := range buf {
			if int(b) < limit {
				out = append(out, QueryCodeAlphabet[int(b)%n])
				if len(out) == QueryCodeLen {
					break
				}
			}
		}
	}
	return string(out)
}

// ValidQueryCode reports whether s is a query code as issued (exact length
// and alphabet, uppercase). Typed input goes through CleanQueryCode first.
func ValidQueryCode(s string) bool {
	if len(s) != QueryCodeLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(QueryCodeAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// NewToken draws a tracking token from crypto/rand: 26 characters, each
// from 5 random bits (256 is a multiple of 32, so there is no bias).
func NewToken() string {
	var buf [TokenLen]byte
	_, _ = rand.Read(buf[:])
	for i, b := range buf {
		buf[i] = tokenAlphabet[b&31]
	}
	return string(buf[:])
}

// ValidToken reports whether s has the exact shape of a tracking token
// (length and lowercase base32 alphabet). The web handler checks it before
// any lookup, so junk never reaches SQL.
func ValidToken(s string) bool {
	if len(s) != TokenLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// tokenOrNew is token, or a new one (NewToken) when it is empty; a token that
// is not one NewToken could make is refused, for op (a programming error: the
// caller makes its tokens with NewToken).
func tokenOrNew(op, token string) (string, error) {
	if token == "" {
		return NewToken(), nil
	}
	if !ValidToken(token) {
		return "", fmt.Errorf("data: %s: %q is not a tracking token (NewToken)", op, token)
	}
	return token, nil
}

// TokenFromScan extracts a tracking token from what a keyboard-wedge scanner
// typed: the tracking URL ".../r/{token}" (with an optional trailing slash,
// query or fragment) or the bare token, in either case, full-width or not.
func TokenFromScan(s string) (string, bool) {
	s = strings.TrimSpace(foldWidth(s, true))
	if i := strings.LastIndex(strings.ToLower(s), "/r/"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	s = strings.ToLower(strings.TrimSuffix(s, "/"))
	if !ValidToken(s) {
		return "", false
	}
	return s, true
}

var receiptPattern = regexp.MustCompile(`^([A-Z]{1,6})-([0-9]{8})-([0-9]{4,9})$`)

// FormatReceiptNo makes the receipt number for the seq-th request of day (a
// time, taken as its date in China) at the center with the given prefix:
// "WY-20261126-0042". seq has at least 4 digits and grows beyond 9999.
func FormatReceiptNo(prefix string, day time.Time, seq int) string {
	return fmt.Sprintf("%s-%s-%04d", prefix, day.In(China).Format("20060102"), seq)
}

// ParseReceiptNo reads a receipt number in the exact printed form (see
// CleanReceiptNo for typed input) and returns its prefix, day (midnight
// China time) and sequence. It refuses a date that does not exist, a
// sequence of 0 and a non-canonical form (such as extra leading zeros).
func ParseReceiptNo(s string) (prefix string, day time.Time, seq int, err error) {
	m := receiptPattern.FindStringSubmatch(s)
	if m == nil {
		return "", time.Time{}, 0, Invalid("receipt_no", msgReceiptFormat)
	}
	day, err = time.ParseInLocation("20060102", m[2], China)
	if err != nil {
		return "", time.Time{}, 0, Invalid("receipt_no", msgReceiptFormat)
	}
	seq, err = strconv.Atoi(m[3])
	if err != nil || seq < 1 || FormatReceiptNo(m[1], day, seq) != s {
		return "", time.Time{}, 0, Invalid("receipt_no", msgReceiptFormat)
	}
	return m[1], day, seq, nil
}
