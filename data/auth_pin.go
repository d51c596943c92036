package data

// PINs: hashing (argon2id) and the rules for a new PIN.

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// msgPINChoose ends each refusal of a guessable PIN.
const msgPINChoose = "请换一个不易被猜到的密码，例如几个没有规律的数字。"

// PINParams are the argon2id cost parameters. Every hash records its own,
// so changing them only affects PINs set afterwards (and PINs rehashed at
// their next sign-in).
type PINParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultPINParams: 64 MiB, 2 passes, 1 lane. About 80 ms per hash on the
// project's 2-core test machine (measured: 43 ms at t=1, 79 ms at t=2),
// inside the 50–100 ms aimed at: slow for a guesser with a copy of the data
// file, unnoticeable on a PIN pad. Above the OWASP minimum for argon2id
// (19 MiB, t=2, p=1) and RFC 9106's memory-constrained choice (64 MiB).
var DefaultPINParams = PINParams{Memory: 64 * 1024, Time: 2, Threads: 1}

const (
	pinSaltLen = 16
	pinKeyLen  = 32
)

var b64 = base64.RawStdEncoding

// HashPIN hashes pin with argon2id and a fresh random salt, in the PHC
// string format: $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash> (unpadded
// standard base64). It does not check the PIN's rules: see CheckPIN.

func HashPIN(pin string, p PINParams) (string, error) {
	salt := make([]byte, pinSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("data: hash pin: %w", err)
	}
	key := idKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, pinKeyLen)
	return encodePIN(p, salt, key), nil
}

func encodePIN(p PINParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Bounds of the parameters of a stored hash: what this program writes
// (DefaultPINParams) with room to double the memory and the passes. A hash
// outside them is refused without being computed (a tampered row must not
// make a sign-in take seconds or a gigabyte); the account then needs a new
// PIN from an administrator.
const (
	maxPINMemory  = 2 * 64 * 1024 // KiB
	maxPINTime    = 4
	maxPINThreads = 4
)

// parsePIN reads an encoded hash. It refuses other algorithms and versions
// and parameters outside the bounds above.
func parsePIN(encoded string) (PINParams, []byte, []byte, error) {
	var p PINParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errors.New("data: pin hash: not argon2id v19")
	}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil {
			return p, nil, nil, errors.New("data: pin hash: bad parameters")
		}
		switch k {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			p.Threads = uint8(min(n, 255))
		}
	}
	if p.Threads < 1 || p.Threads > maxPINThreads || p.Memory < 8*uint32(p.Threads) || p.Memory > maxPINMemory ||
		p.Time < 1 || p.Time > maxPINTime {
		return p, nil, nil, errors.New("data: pin hash: parameters out of range")
	}
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return p, nil, nil, errors.New("data: pin hash: bad salt or hash")
	}
	return p, salt, key, nil
}

// VerifyPIN reports whether pin matches the encoded hash, comparing in
// constant time. A malformed hash is an error (and never a match).
func VerifyPIN(encoded, pin string) (bool, error) {
	p, salt, key, err := parsePIN(encoded)
	if err != nil {
		return false, err
	}
	got := idKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// burnPIN spends the time of one verification with the parameters p,
// so that an unknown staff code answers as slowly as a wrong PIN.
func burnPIN(pin string, p PINParams) {
	idKey([]byte(pin), make([]byte, pinSaltLen), p.Time, p.Memory, p.Threads, pinKeyLen)
}

// releaseAbove is the argon2id memory (KiB) from which idKey hands the
// hash's work area back to the operating system at once.
const releaseAbove = 16 * 1024

// idKey is argon2.IDKey. The hash allocates its whole memory cost (64 MiB
// by default) and drops it when done; left to the garbage collector, that
// one allocation raises the heap's target to over twice the program's
// live memory, and the process keeps ~100 MB more for minutes after a
// sign-in (it was most of the memory with the staff queue open). So above
// releaseAbove it returns the freed memory to the system right away: a
// collection of a few ms, on the goroutine that hashed, never the UI's.
func idKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	key := argon2.IDKey(password, salt, time, memory, threads, keyLen)
	if memory >= releaseAbove {
		debug.FreeOSMemory()
	}
	return key
}

// CheckPIN applies the rules for a new PIN of a staff member who is not an
// administrator: see CheckPINFor.
func CheckPIN(field, pin string) (string, error) { return CheckPINFor(field, pin, false) }

// CheckPINFor applies the rules for a new PIN: 4 to 8 digits (6 to 8 for
// an administrator), and none of the PINs a guesser tries first: the same
// digit (0000), a run (1234, 4321, 7890), a block repeated (1212, 123123,
// 520520), a line or walk on the PIN pad (2580, 147258, 1478, 1397), the
// love numbers (1314, 5201314) and a date or year from 1930 to today
// (19900101, 900101, 0101, 1990). It returns the PIN with spaces removed
// and full-width digits folded.
func CheckPINFor(field, pin string, admin bool) (string, error) {
	pin = normalizePIN(pin)
	if strings.Trim(pin, "0123456789") != "" || len(pin) > MaxPINDigits || len(pin) < MinPINDigits ||
		(admin && len(pin) < MinAdminPINDigits) {
		if admin {
			return "", Invalid(field, "管理员密码应为6至8位数字，请重新设置。")
		}
		return "", Invalid(field, "密码应为4至8位数字，请重新设置。")
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		a, b := int(pin[i-1]-'0'), int(pin[i]-'0')
		same = same && a == b
		up = up && b == (a+1)%10
		down = down && a == (b+1)%10
	}
	switch {
	case same:
		return "", Invalid(field, "密码不能全部是同一个数字。"+msgPINChoose)
	case up || down:
		return "", Invalid(field, "密码不能是连续的数字（如1234、4321）。"+msgPINChoose)
	case repeatedBlock(pin):
		return "", Invalid(field, "密码不能是重复的数字组合（如1212、123123）。"+msgPINChoose)
	case padPattern(pin):
		return "", Invalid(field, "密码不能是按键盘上的一条线或一圈按出的数字（如2580、147258）。"+msgPINChoose)
	case splitsInto(pin, lovePINs):
		return "", Invalid(field, "密码不能是520、1314这类谐音数字。"+msgPINChoose)
	case dateLike(pin, time.Now().In(China)):
		return "", Invalid(field, "密码不能是日期或年份（如生日19900101、0101）。"+msgPINChoose)
	}
	return pin, nil
}

// repeatedBlock reports whether pin is a shorter block said again: 1212,
// 123123, 52005200.
func repeatedBlock(pin string) bool {
	for n := 1; n <= len(pin)/2; n++ {
		if len(pin)%n == 0 && strings.Repeat(pin[:n], len(pin)/n) == pin {
			return true
		}
	}
	return false
}

// The PIN pad (and a phone's keypad):
//
//	1 2 3
//	4 5 6
//	7 8 9
//	  0
//
// padLines are its straight lines of three or four keys, both ways; a PIN
// made of whole lines one after another (2580, 147258, 159357, 789456) is
// a pattern. padRing is the ring of keys around 5; four to eight keys of it
// in a row (1478, 1236, 36987412) are a pattern, and so are the four
// corners in turn (1397, 7931).
var (
	padLines = []string{"123", "456", "789", "147", "258", "369", "2580", "159", "357",
		"321", "654", "987", "741", "852", "963", "0852", "951", "753"}
	padRing = "12369874"
)

func padPattern(pin string) bool {
	if splitsInto(pin, padLines) {
		return true
	}
	ring := padRing + padRing
	rev := []byte(ring)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if strings.Contains(ring, pin) || strings.Contains(string(rev), pin) {
		return true
	}
	if len(pin) == 4 {
		corners, back := "13971397", "17931793"
		return strings.Contains(corners, pin) || strings.Contains(back, pin)
	}
	return false
}

// lovePINs are the 谐音 numbers of love: 520 我爱你, 521, 1314 一生一世,
// 9420 就是爱你, 7758 亲亲我吧; a PIN made of them (1314, 5201314,
// 1314520) is among the first a guesser tries.
var lovePINs = []string{"520", "521", "1314", "9420", "7758"}

// splitsInto reports whether pin is one or more of parts one after another.
func splitsInto(pin string, parts []string) bool {
	if pin == "" {
		return true
	}
	for _, p := range parts {
		if strings.HasPrefix(pin, p) && splitsInto(pin[len(p):], parts) {
			return true
		}
	}
	return false
}

// dateLike reports whether pin reads as a date from 1 January 1930 to
// today — YYYYMMDD, YYMMDD or MMDD (any day of the year) — or as a year
// from 1930 to this year (YYYY): birthdays and years come first in any
// list of guesses.
func dateLike(pin string, today time.Time) bool {
	first := time.Date(1930, 1, 1, 0, 0, 0, 0, China)
	valid := func(layout, s string) (time.Time, bool) {
		t, err := time.ParseInLocation(layout, s, China)
		return t, err == nil && t.Format(layout) == s
	}
	switch len(pin) {
	case 8:
		t, ok := valid("20060102", pin)
		return ok && !t.Before(first) && !t.After(today)
	case 6:
		// A two-digit year is the latest from 1930 on that is not later than today.
		for _, century := range []string{"20", "19"} {
			if t, ok := valid("20060102", century+pin); ok && !t.Before(first) && !t.After(today) {
				return true
			}
		}
		return false
	case 4:
		if y, err := strconv.Atoi(pin); err == nil && y >= 1930 && y <= today.Year() {
			return true
		}
		_, ok := valid("20060102", "2000"+pin) // 2000 is a leap year: 0229 counts
		return ok
	}
	return false
}

// normalizePIN folds full-width digits and drops spaces, as a PIN pad or a
// keyboard may give them.
func normalizePIN(pin string) string {
	return strings.Join(strings.Fields(foldWidth(pin, true)), "")
}
