package idcard

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// The frame of the security module's serial protocol (GA 467, as the
// readers' own manuals describe it):
//
//	command:  AA AA AA 96 69 | LEN(2, big-endian) | CMD | PARA | DATA… | CHK
//	answer:   AA AA AA 96 69 | LEN(2, big-endian) | SW1 | SW2 | SW3 | DATA… | CHK
//
// LEN counts the bytes after itself, the checksum included; CHK is the XOR
// of every byte after the preamble but itself (LEN included). SW1 and SW2
// are the card's own status words, forwarded; SW3 is the module's status
// (Code below).

// preamble starts every frame: three bytes of frame sync and two that mark
// the frame's start.
var preamble = []byte{0xAA, 0xAA, 0xAA, 0x96, 0x69}

// maxFrame bounds LEN: the largest answer is the base information
// (3 status + 4 lengths + 256 text + 1024 photo + 1 checksum = 1288), and
// the 30 03 "latest address" answer is smaller; 4096 leaves room for a
// reader's longer variants while refusing a garbled length at once.
const maxFrame = 4096

// Command is a command byte and its parameter.
type Command struct{ Cmd, Para byte }

// The commands the package sends.
var (
	CmdResetSAM   = Command{0x10, 0xFF} // 复位 SAM
	CmdSAMStatus  = Command{0x11, 0xFF} // SAM 状态检测
	CmdSAMID      = Command{0x12, 0xFF} // 读 SAM 编号
	CmdFindCard   = Command{0x20, 0x01} // 寻找证/卡
	CmdSelectCard = Command{0x20, 0x02} // 选取证/卡
	CmdReadBase   = Command{0x30, 0x01} // 读机读文字信息和相片信息
)

// Code is SW3, the security module's answer code.
type Code byte

// The answer codes a reader sends (the manuals' table).
const (
	CodeOK           Code = 0x90 // 操作成功
	CodeFound        Code = 0x9F // 寻找证/卡成功
	CodeBadChecksum  Code = 0x10 // 接收业务终端数据的校验和错
	CodeBadLength    Code = 0x11 // 接收业务终端数据的长度错
	CodeBadCommand   Code = 0x21 // 接收业务终端的命令错误
	CodeUnknownError Code = 0x24 // 无法识别的错误
	CodeCardAuth     Code = 0x31 // 证/卡认证机具失败
	CodeReaderAuth   Code = 0x32 // 机具认证证/卡失败
	CodeVerify       Code = 0x33 // 信息验证错误
	CodeWrongCard    Code = 0x40 // 无法识别的卡类型
	CodeReadFailed   Code = 0x41 // 读证/卡操作失败
	CodeRandom       Code = 0x47 // 取随机数失败
	CodeSelfTest     Code = 0x60 // SAM 自检失败，不能接收命令
	CodeUnauthorized Code = 0x66 // SAM 未经授权，无法使用
	CodeNoCard       Code = 0x80 // 寻找证/卡失败
	CodeSelectFailed Code = 0x81 // 选取证/卡失败
)

// EncodeCommand is a command frame with its data (nil for every command
// the package sends).
func EncodeCommand(c Command, data []byte) []byte {
	n := 2 + len(data) + 1
	f := make([]byte, 0, len(preamble)+2+n)
	f = append(f, preamble...)
	f = binary.BigEndian.AppendUint16(f, uint16(n))
	f = append(f, c.Cmd, c.Para)
	f = append(f, data...)
	return append(f, xor(f[len(preamble):]))
}

// EncodeAnswer is an answer frame, as a reader sends it: SW1 SW2 are zero.
// The package uses it for the simulated reader of its tests (idcardtest).
func EncodeAnswer(st Code, data []byte) []byte {
	n := 3 + len(data) + 1
	f := make([]byte, 0, len(preamble)+2+n)
	f = append(f, preamble...)
	f = binary.BigEndian.AppendUint16(f, uint16(n))
	f = append(f, 0, 0, byte(st))
	f = append(f, data...)
	return append(f, xor(f[len(preamble):]))
}

func xor(b []byte) byte {
	var x byte
	for _, c := range b {
		x ^= c
	}
	return x
}

// Frame is a frame taken off the wire: its body, the bytes between LEN and
// the checksum. For an answer the body is SW1 SW2 SW3 DATA…; for a command
// CMD PARA DATA….
type Frame struct{ Body []byte }

// Code is an answer's SW3.
func (f Frame) Code() Code {
	if len(f.Body) < 3 {
		return 0
	}
	return Code(f.Body[2])
}

// Data is an answer's data, after the three status bytes.
func (f Frame) Data() []byte {
	if len(f.Body) < 3 {
		return nil
	}
	return f.Body[3:]
}

// Command is a command frame's command and parameter.
func (f Frame) Command() Command {
	if len(f.Body) < 2 {
		return Command{}
	}
	return Command{f.Body[0], f.Body[1]}
}

// Decoder takes frames out of a byte stream that arrives in pieces of any
// size (a USB serial adapter hands a 1295-byte answer over in 32- or
// 64-byte reads), skipping noise before a preamble. Feed it what was read
// and call Next until it has no whole frame.
type Decoder struct{ buf []byte }

// Feed adds bytes read from the port.
func (d *Decoder) Feed(b []byte) { d.buf = append(d.buf, b...) }

// Reset drops everything fed and not yet taken (a stale answer).
func (d *Decoder) Reset() { clear(d.buf); d.buf = d.buf[:0] }

// Next returns the next whole frame, ok false when more bytes are needed.
// A frame whose checksum is wrong is returned with ErrChecksum (and
// consumed); a length past maxFrame is skipped as noise.
func (d *Decoder) Next() (f Frame, ok bool, err error) {
	for {
		i := bytes.Index(d.buf, preamble)
		if i < 0 {
			// Keep a tail that may be the start of a preamble.
			keep := min(len(d.buf), len(preamble)-1)
			d.drop(len(d.buf) - keep)
			return Frame{}, false, nil
		}
		d.drop(i)
		if len(d.buf) < len(preamble)+2 {
			return Frame{}, false, nil
		}
		n := int(binary.BigEndian.Uint16(d.buf[len(preamble):]))
		if n < 2 || n > maxFrame {
			d.drop(1) // not a frame: look for the next preamble
			continue
		}
		end := len(preamble) + 2 + n
		if len(d.buf) < end {
			return Frame{}, false, nil
		}
		body := bytes.Clone(d.buf[len(preamble)+2 : end-1])
		sum := xor(d.buf[len(preamble) : end-1])
		got := d.buf[end-1]
		d.drop(end)
		if sum != got {
			clear(body)
			return Frame{}, true, fmt.Errorf("%w (got %#02x, want %#02x)", ErrChecksum, got, sum)
		}
		return Frame{Body: body}, true, nil
	}
}

// drop takes n bytes off the front, clearing what is left behind in the
// buffer's backing array: the card's text must not linger there.
func (d *Decoder) drop(n int) {
	old := len(d.buf)
	copy(d.buf, d.buf[n:])
	d.buf = d.buf[:old-n]
	clear(d.buf[old-n : old])
}
