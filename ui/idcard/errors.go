package idcard

import "bianmin/ui/internal/sentence"

// A problem is an error with its own sentence for a person: the resident
// at the kiosk, the clerk at the desk, the installer at a terminal.
type problem struct{ key, zh string }

func (p *problem) Error() string { return "idcard: " + p.key }

// Sentence is the key and the Chinese of what a person is told (Message).
func (p *problem) Sentence() (key, zh string) { return p.key, p.zh }

// The errors of reading a card. Wrapped errors add detail for the log
// (never the card's text); Message gives the sentence to show.
var (
	// ErrNoReader: the device does not exist or cannot be opened.
	ErrNoReader error = &problem{"idcard.err.noReader", "没有找到身份证阅读器，请检查阅读器的连接线，或手动输入。"}
	// ErrBusy: another program holds the device open (the kiosk, while
	// `bianmin idcard` or `bianmin doctor` asks).
	ErrBusy error = &problem{"idcard.err.busy", "身份证阅读器正被另一个程序使用（例如正在运行的自助终端），请先退出该程序再测试。"}
	// ErrDenied: the program's user may not open the device.
	ErrDenied error = &problem{"idcard.err.denied", "没有权限打开身份证阅读器，请把运行本程序的用户加入 dialout 组后重新登录。"}
	// ErrNoAnswer: the device is there but nothing answers the protocol.
	ErrNoAnswer error = &problem{"idcard.err.noAnswer", "身份证阅读器没有应答，请工作人员检查阅读器的电源和连接线，或手动输入。"}
	// ErrSAM: the reader's security module failed its self-test or is not
	// authorised.
	ErrSAM error = &problem{"idcard.err.sam", "身份证阅读器的安全模块不能使用，请联系工作人员，或手动输入。"}
	// ErrNoCard: no card on the reader.
	ErrNoCard error = &problem{"idcard.err.noCard", "读卡区没有身份证，请将身份证平放在读卡区。"}
	// ErrCardRemoved: the card left the reader before it was read.
	ErrCardRemoved error = &problem{"idcard.err.removed", "身份证移开得太快，没有读完。请重新放好，等提示读取成功后再拿开。"}
	// ErrUnreadable: a card is there but cannot be read (not a
	// second-generation ID card, or damaged).
	ErrUnreadable error = &problem{"idcard.err.unreadable", "这张卡读不出来，请确认是第二代居民身份证，或手动输入。"}
	// ErrChecksum: an answer arrived garbled (a bad cable, noise).
	ErrChecksum error = &problem{"idcard.err.checksum", "读卡时数据出错，请重新放一次身份证。"}
	// ErrProtocol: an answer that does not follow the protocol.
	ErrProtocol error = &problem{"idcard.err.protocol", "身份证阅读器的应答无法识别，请联系工作人员，或手动输入。"}
)

// Message is err's sentence for a person, in the UI's language.
func Message(err error) string {
	return sentence.Message(err, ErrNoAnswer.(*problem))
}

// statusErr is the error of an answer code other than the one expected.
func statusErr(st Code) error {
	switch st {
	case CodeNoCard:
		return ErrNoCard
	case CodeSelectFailed, CodeReadFailed:
		return ErrCardRemoved
	case CodeSelfTest, CodeUnauthorized:
		return ErrSAM
	case CodeCardAuth, CodeReaderAuth, CodeVerify, CodeWrongCard, CodeRandom:
		return ErrUnreadable
	case CodeBadChecksum:
		return ErrChecksum // the reader got our command garbled
	}
	return &statusError{st}
}

type statusError struct{ st Code }

func (e *statusError) Error() string { return "idcard: reader answered status " + hexByte(byte(e.st)) }
func (e *statusError) Unwrap() error { return ErrProtocol }

func hexByte(b byte) string {
	const digits = "0123456789ABCDEF"
	return "0x" + string([]byte{digits[b>>4], digits[b&15]})
}
