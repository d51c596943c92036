// Package paper lays out and prints everything that comes out of the
// printer: the receipt (回执) on an 80 mm roll, the 一次性告知单 of a guide,
// and the notices of staff handling (承诺办结通知单, 补正材料通知单,
// 不予受理/不予办理通知书, 办结通知单, 代办清单), on A4 or on the roll, and
// sends them to CUPS.
//
// Documents are functions of plain structs (Receipt, Guide, Notice ...) and
// return a Document: the PDF and the CUPS media size it needs. Personal data
// arrives already masked: the package never receives a full resident ID
// number (Receipt.IDTail is the masked tail, and is masked again
// defensively), and notices carry the masked name only.
//
// Layout is a small engine on fpdf (sheet.go): blocks of wrapped text with
// Chinese line breaking (wrap.go), label/value fields, lists, tables, rules,
// QR codes and signature lines flow down the page into a display list; A4
// breaks pages and numbers them, the roll grows to the content's height.
// Text is set in the embedded CJK font (bianmin/fonts), parsed once per
// process; each document embeds only the characters it uses (font.go), so
// a receipt costs about twice the same layout in a core PDF font.
//
// Printer talks to CUPS with lp and lpstat and turns what goes wrong into
// four errors with a sentence for the screen (Message).
package paper
