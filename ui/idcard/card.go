package idcard

import (
	"encoding/binary"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"bianmin/data"
)

// Card is what the package keeps of an identity card: the name and the ID
// number, nothing else. Its fields are the whole of what leaves the
// reader; TestCardHoldsOnlyNameAndNumber keeps it so.
type Card struct {
	Name   string // as printed on the card: 张三, 阿依古丽·买买提
	Number string // the 18-character ID number, checked (GB 11643)
}

// MaskedName is the name as shown for confirmation: 张*三.
func (c Card) MaskedName() string { return data.MaskName(c.Name) }

// MaskedNumber is the number as shown for confirmation: the last four
// characters only.
func (c Card) MaskedNumber() string { return data.MaskID(c.Number) }

// Birth is the birth date the number carries (digits 7–14), in China time.
func (c Card) Birth() (time.Time, bool) {
	if len(c.Number) != 18 {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("20060102", c.Number[6:14], data.China)
	return t, err == nil
}

// Male reports the sex the number carries (digit 17: odd for men).
func (c Card) Male() bool { return len(c.Number) == 18 && (c.Number[16]-'0')%2 == 1 }

// String is the masked card, so that a Card in a log line or an error
// never shows the whole name or number.
func (c Card) String() string { return c.MaskedName() + " " + c.MaskedNumber() }

// The base information's text (256 bytes, UCS-2 little-endian, each field
// padded with spaces): where the two fields kept are. The others (sex 2,
// nation 4, birth 16, address 70 between them; issuer, validity and a
// reserved part after) are never decoded.
const (
	textLen     = 256
	photoLen    = 1024
	nameOff     = 0
	nameLen     = 30 // 15 characters
	numberOff   = 122
	numberLen   = 36 // 18 characters
	baseDataLen = 4 + textLen + photoLen
)

// decodeBase takes the name and the number out of a 30 01 answer's data
// (text length, photo length, text, photo) and clears the data: the
// address and the photo go no further than this function.
func decodeBase(d []byte, today time.Time) (Card, error) {
	defer clear(d)
	if len(d) < 4 {
		return Card{}, fmt.Errorf("%w: base information of %d bytes", ErrProtocol, len(d))
	}
	tl := int(binary.BigEndian.Uint16(d[0:2]))
	pl := int(binary.BigEndian.Uint16(d[2:4]))
	if tl < numberOff+numberLen || 4+tl+pl > len(d) {
		return Card{}, fmt.Errorf("%w: base information text %d, photo %d, %d bytes", ErrProtocol, tl, pl, len(d))
	}
	text := d[4 : 4+tl]
	name := ucs2(text[nameOff : nameOff+nameLen])
	number := strings.ToUpper(ucs2(text[numberOff : numberOff+numberLen]))
	n, err := data.IDNumber("id_number", number, today)
	if err != nil {
		// The card's own number cannot be wrong: the text was garbled on
		// the way. The number is not quoted.
		return Card{}, fmt.Errorf("%w: the ID number read does not check", ErrUnreadable)
	}
	if name == "" {
		return Card{}, fmt.Errorf("%w: no name", ErrUnreadable)
	}
	return Card{Name: name, Number: n}, nil
}

// ucs2 decodes UTF-16LE (UCS-2 on the card; a surrogate pair, should a
// reader send one, decodes too) and trims the padding.
func ucs2(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	s := string(utf16.Decode(u))
	return strings.TrimRight(s, " \x00\u3000")
}

// EncodeBase is a 30 01 answer's data for a card: the text with every
// field at its place (name, sex, nation, birth, address, number, issuer,
// validity) and a photo of photoLen bytes. The simulated reader of the
// tests (idcardtest) sends it; Other fields exist there to prove that
// they are dropped.
func EncodeBase(f BaseFields, photo []byte) []byte {
	text := make([]byte, 0, textLen)
	put := func(s string, bytesLen int) {
		u := utf16.Encode([]rune(s))
		for len(u)*2 < bytesLen {
			u = append(u, ' ')
		}
		u = u[:bytesLen/2]
		for _, c := range u {
			text = binary.LittleEndian.AppendUint16(text, c)
		}
	}
	put(f.Name, 30)
	put(f.Sex, 2)
	put(f.Nation, 4)
	put(f.Birth, 16)
	put(f.Address, 70)
	put(f.Number, 36)
	put(f.Issuer, 30)
	put(f.ValidFrom, 16)
	put(f.ValidTo, 16)
	put("", textLen-len(text))
	p := make([]byte, photoLen)
	copy(p, photo)
	out := binary.BigEndian.AppendUint16(nil, textLen)
	out = binary.BigEndian.AppendUint16(out, photoLen)
	out = append(out, text...)
	return append(out, p...)
}

// BaseFields is every field of the card's text, for EncodeBase: only the
// simulated reader of the tests fills it.
type BaseFields struct {
	Name, Sex, Nation, Birth, Address, Number, Issuer, ValidFrom, ValidTo string
}
