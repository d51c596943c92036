// Package idcard reads the name and the ID number from a resident's
// second-generation identity card (二代居民身份证) on the reader built into
// a government self-service terminal, so that an elderly resident places
// the card instead of typing an 18-digit number on a screen keypad.
//
// The readers in use (华视 CVR-100, 神思 SS628, 精伦 iDR210 and the modules
// inside kiosks) hold the security module (SAM, 安全模块) that alone can
// read the card, and speak its serial protocol over a USB serial port
// (protocol.go): frames that start AA AA AA 96 69, a two-byte length, a
// command and its parameter, and an XOR checksum. Reading a card is three
// commands: find the card (20 01), select it (20 02) and read its base
// information (30 01), which answers with 256 bytes of UCS-2LE text (name,
// sex, nation, birth date, address, ID number, issuer, validity) and a
// 1024-byte encoded photo.
//
// Privacy is the package's first rule: of all that text only the name and
// the ID number leave it (Card has no other field; the birth date and the
// sex are derived from the number when a form asks for them). The address,
// the issuer, the validity and the photo are read off the wire because the
// protocol sends them, and the buffer is cleared as soon as the two fields
// are decoded: they are never stored, logged or shown, and no error
// message quotes them.
//
// Reader talks to one reader; Watcher keeps a reader open for the kiosk,
// finds it (a named device, or the first /dev/ttyUSB* or /dev/ttyACM* that
// answers the security module's status command), notices when it is
// plugged in or pulled out, and reports each card placed on it once.
// Probe reports a reader's state for installers (`bianmin idcard`) and
// for `bianmin doctor`.
//
// The package holds no widgets; it belongs to the terminal's hardware, as
// ui/paper does for the printer.
package idcard
