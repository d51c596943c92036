package data

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Fuzz tests of what a file or a person can feed the store. Their seeds run with every `go test`; `make fuzz`
// runs each for a while.

// FuzzImportCatalog: whatever the file, the import either succeeds or is
// refused with an *InvalidError whose message names no Go type, and a
// refused file leaves the store as it was.
func FuzzImportCatalog(f *testing.F) {
	good := encode(f, testCatalog())
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes(good)
	u16, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(good)
	for _, seed := range [][]byte{
		good, gbk, u16, append([]byte{0xEF, 0xBB, 0xBF}, good...),
		[]byte("[]"), []byte("{}"), []byte(`{"format": 1, "items": {}}`), []byte(`{"format": "1"}`),
		good[:len(good)/3], []byte("{\"format\": 1, \"center\": {\"name\": \"\x00\"}}"),
		[]byte("\xff\xfe\x00"), []byte("\xfe\xff"), []byte("{\"format\":1,\"windows\":[{\"code\":\"1\",\"name\":\"a\u202eb\"}]}"),
	} {
		f.Add(seed)
	}
	s := mustOpen(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, file []byte) {
		before, _ := s.Empty(ctx)
		_, err := s.ImportCatalog(ctx, bytes.NewReader(file), testFiles)
		if err == nil {
			return
		}
		var ie *InvalidError
		if !errors.As(err, &ie) {
			t.Fatalf("not an InvalidError: %v", err)
		}
		for _, goName := range []string{"data.", "[]uint8", "int64", "time.Time", "map["} {
			if strings.Contains(ie.Msg, goName) {
				t.Fatalf("message shows a Go type: %q", ie.Msg)
			}
		}
		if after, _ := s.Empty(ctx); after != before {
			t.Fatalf("a refused file changed the store")
		}
	})
}

// FuzzPersonName: an accepted name is clean (cleaning it again changes
// nothing) and its mask hides at least one character and keeps its length.
func FuzzPersonName(f *testing.F) {
	for _, s := range []string{"张三", "阿·买", "阿依·买买提", "John Smith", "A B", "王𠀾", " 李四 ", "张\u200b三",
		"O'Brien", "Jean-Luc", "张3", "\x00", "··", "a\u202eb", "ＪＯＨＮ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		name, err := PersonName("name", in)
		if err != nil {
			var ie *InvalidError
			if !errors.As(err, &ie) || ie.Msg == "" {
				t.Fatalf("refusal without a message: %v", err)
			}
			return
		}
		if again, err := PersonName("name", name); err != nil || again != name {
			t.Fatalf("PersonName(%q) = %q, not stable (%q, %v)", in, name, again, err)
		}
		m := MaskName(name)
		if !strings.Contains(m, "*") {
			t.Fatalf("MaskName(%q) = %q hides nothing", name, m)
		}
		if utf8.RuneCountInString(m) != utf8.RuneCountInString(name) {
			t.Fatalf("MaskName(%q) = %q changes the length", name, m)
		}
	})
}

// FuzzMaskName: any text at all is masked without showing it whole.
func FuzzMaskName(f *testing.F) {
	for _, s := range []string{"", "张", "张三", "阿·买", "A B", "A. B", "·", "J. R. Smith", "\xff\xfe", "1 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		m := MaskName(in)
		if strings.TrimSpace(in) != "" && !strings.Contains(m, "*") {
			t.Fatalf("MaskName(%q) = %q hides nothing", in, m)
		}
	})
}

// FuzzIDNumber: an accepted number has 18 characters, a right check digit
// and is stable; its mask shows only the last four.
func FuzzIDNumber(f *testing.F) {
	for _, s := range []string{validID, "11010519491231002X", "11010519491231002x", "110105194912310021",
		"123", "", "１１０１０５１９４９１２３１００２Ｘ", "610302199902301237", "110101202611271233"} {
		f.Add(s)
	}
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, China)
	f.Fuzz(func(t *testing.T, in string) {
		id, err := IDNumber("id_number", in, today)
		if err != nil {
			return
		}
		if len(id) != 18 || IDCheckChar(id[:17]) != id[17] {
			t.Fatalf("IDNumber(%q) = %q", in, id)
		}
		if again, err := IDNumber("id_number", id, today); err != nil || again != id {
			t.Fatalf("IDNumber(%q) not stable", id)
		}
		if m := MaskID(id); m != strings.Repeat("*", 14)+id[14:] {
			t.Fatalf("MaskID(%q) = %q", id, m)
		}
	})
}

// FuzzContactPhone: an accepted number is a mobile (11 digits, 1[3-9]…), a
// landline "area-local" or a Hong Kong, Macao or Taiwan number "+cc digits"
// (masked to its last four with the code kept), and is stable; Mobile
// accepts only mobiles.
func FuzzContactPhone(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138 1234 5678", "0919-3123456", "09193123456", "010-12345678",
		"(010)12345678", "3123456", "0919-0123456", "12800138000", "", "０９１９－３１２３４５６", "0086138",
		"+852 9123 4567", "00853 2812 3456", "85261234567", "0912-345-678", "+886 0912 345 678", "886912345678",
		"+886 2 2345 6789", "+1 415 555 0100", "+852", "00886", "09", "+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if m, err := Mobile("phone", in); err == nil {
			if len(m) != 11 || m[0] != '1' || m[1] < '3' || strings.Trim(m, "0123456789") != "" {
				t.Fatalf("Mobile(%q) = %q", in, m)
			}
		}
		p, err := ContactPhone("phone", in)
		if err != nil {
			return
		}
		area, local, landline := strings.Cut(p, "-")
		cc, number, region := strings.Cut(p, " ")
		switch {
		case region:
			ok := strings.Trim(number, "0123456789") == "" &&
				(cc == "+852" && len(number) == 8 || cc == "+853" && len(number) == 8 ||
					cc == "+886" && len(number) == 9 && number[0] == '9')
			if !ok {
				t.Fatalf("ContactPhone(%q) = %q", in, p)
			}
			if m := MaskPhone(p); m != cc+" "+strings.Repeat("*", len(number)-4)+number[len(number)-4:] {
				t.Fatalf("MaskPhone(%q) = %q", p, m)
			}
		case landline:
			if area[0] != '0' || len(area) < 3 || len(area) > 4 || len(local) < 7 || len(local) > 8 ||
				strings.Trim(area+local, "0123456789") != "" {
				t.Fatalf("ContactPhone(%q) = %q", in, p)
			}
		case len(p) != 11 || p[0] != '1' || strings.Trim(p, "0123456789") != "":
			t.Fatalf("ContactPhone(%q) = %q", in, p)
		}
		if again, err := ContactPhone("phone", p); err != nil || again != p {
			t.Fatalf("ContactPhone(%q) not stable: %q, %v", p, again, err)
		}
	})
}
