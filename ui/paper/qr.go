package paper

import (
	"fmt"
	"image"

	qrcode "github.com/skip2/go-qrcode"
)

// QRLevel is the error recovery of every QR code Bianmin prints or shows:
// Medium (15 %) keeps modules large on 80 mm paper while surviving a smudge.
const QRLevel = qrcode.Medium

// Side of the printed QR symbol without its quiet zone, in mm. 32 mm keeps
// a tracking URL's modules near 1 mm on a receipt, easy for any phone.
const (
	qrSideRoll = 32.0
	qrSideA4   = 32.0
)

// qrBits returns the modules of the QR code for text, without quiet zone.
func qrBits(text string) ([][]bool, error) {
	q, err := qrcode.New(text, QRLevel)
	if err != nil {
		return nil, fmt.Errorf("paper: qr: %w", err)
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

// QRImage renders text as a QR code for the screen, modulePx pixels per
// module (at least 1) with the standard four-module quiet zone, so the kiosk
// can show the tracking code large before printing.
func QRImage(text string, modulePx int) (image.Image, error) {
	q, err := qrcode.New(text, QRLevel)
	if err != nil {
		return nil, fmt.Errorf("paper: qr: %w", err)
	}
	// A negative size is pixels per module: every module gets the same
	// number of pixels (go-qrcode issue #38).
	return q.Image(-max(modulePx, 1)), nil
}

// QRPNG is QRImage encoded as PNG.
func QRPNG(text string, modulePx int) ([]byte, error) {
	q, err := qrcode.New(text, QRLevel)
	if err != nil {
		return nil, fmt.Errorf("paper: qr: %w", err)
	}
	b, err := q.PNG(-max(modulePx, 1))
	if err != nil {
		return nil, fmt.Errorf("paper: qr png: %w", err)
	}
	return b, nil
}
