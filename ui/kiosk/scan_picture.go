package kiosk

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
)

// scanPicture shows where to hold the receipt: a receipt with a QR code,
// an arrow, and the scanner's window on the side where it is.
func scanPicture(side ScannerSide) fyne.CanvasObject {
	th, v := trackTheme()
	unit := th.Size(fynetheme.SizeNameText)

	qr := canvas.NewImageFromImage(scanGlyph())
	qr.ScaleMode = canvas.ImageScalePixels
	qr.FillMode = canvas.ImageFillContain
	qr.SetMinSize(fyne.NewSquareSize(unit * 3.4))
	paper := canvas.NewRectangle(color.White)
	paper.StrokeColor = th.Color(fynetheme.ColorNameSeparator, v)
	paper.StrokeWidth = 2
	paper.CornerRadius = unit / 4
	receiptLabel := canvas.NewText(lang.L("track.scan.receipt"), color.Black)
	receiptLabel.TextSize = unit * 0.8
	receiptLabel.Alignment = fyne.TextAlignCenter
	receipt := container.NewStack(paper, container.NewPadded(container.NewVBox(container.NewCenter(qr), receiptLabel)))

	body := canvas.NewRectangle(color.NRGBA{0x37, 0x41, 0x51, 0xff})
	body.CornerRadius = unit / 2
	beam := canvas.NewRectangle(color.NRGBA{0xe5, 0x39, 0x35, 0xff})
	beam.CornerRadius = unit / 8
	beamBox := container.New(&fixedLayout{size: fyne.NewSize(unit*3.5, unit/4)}, beam)
	scannerLabel := canvas.NewText(lang.L("track.scan.scanner"), color.White)
	scannerLabel.TextSize = unit * 0.8
	scannerLabel.Alignment = fyne.TextAlignCenter
	scanner := container.NewStack(body, container.NewPadded(container.NewVBox(container.NewCenter(beamBox), scannerLabel)))
	scanner = container.New(&fixedLayout{size: fyne.NewSize(unit*5.5, unit*2.3)}, scanner)

	arrowRes := fynetheme.NewPrimaryThemedResource(fynetheme.MoveDownIcon())
	switch side {
	case ScannerRight:
		arrowRes = fynetheme.NewPrimaryThemedResource(fynetheme.NavigateNextIcon())
	case ScannerLeft:
		arrowRes = fynetheme.NewPrimaryThemedResource(fynetheme.NavigateBackIcon())
	}
	arrow := canvas.NewImageFromResource(arrowRes)
	arrow.FillMode = canvas.ImageFillContain
	arrowBox := container.New(&fixedLayout{size: fyne.NewSquareSize(unit * 2)}, arrow)

	var row fyne.CanvasObject
	switch side {
	case ScannerRight:
		row = container.NewHBox(container.NewCenter(receipt), container.NewCenter(arrowBox), container.NewCenter(scanner))
	case ScannerLeft:
		row = container.NewHBox(container.NewCenter(scanner), container.NewCenter(arrowBox), container.NewCenter(receipt))
	default:
		row = container.NewVBox(container.NewCenter(receipt), container.NewCenter(arrowBox), container.NewCenter(scanner))
	}
	return container.NewCenter(row)
}

// scanGlyph draws a QR-like picture (three finder squares and a fixed
// scatter of modules) for the scanning hint. It is not a valid QR code, so
// nothing can decode it.
func scanGlyph() image.Image {
	const n = 21
	img := image.NewNRGBA(image.Rect(0, 0, n+2, n+2))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	dark := color.NRGBA{A: 0xff}
	set := func(x, y int) { img.SetNRGBA(x+1, y+1, dark) }
	finder := func(x0, y0 int) {
		for y := 0; y < 7; y++ {
			for x := 0; x < 7; x++ {
				ring := x == 0 || y == 0 || x == 6 || y == 6
				core := x >= 2 && x <= 4 && y >= 2 && y <= 4
				if ring || core {
					set(x0+x, y0+y)
				}
			}
		}
	}
	finder(0, 0)
	finder(n-7, 0)
	finder(0, n-7)
	seed := uint32(2463534242)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			inFinder := (x < 8 && y < 8) || (x >= n-8 && y < 8) || (x < 8 && y >= n-8)
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			if !inFinder && seed%5 < 2 {
				set(x, y)
			}
		}
	}
	return img
}
