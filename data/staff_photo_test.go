package data

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPreparePhoto(t *testing.T) {
	tests := map[string]struct {
		raw []byte
		msg string
	}{
		"OKWide":     {raw: orgPNG(t, 1200, 600)},
		"OKTall":     {raw: orgPNG(t, 300, 900)},
		"OKExact":    {raw: orgPNG(t, PhotoWidth, PhotoHeight)},
		"ErrEmpty":   {raw: nil, msg: "照片文件是空的"},
		"ErrJunk":    {raw: []byte("GIF89a this is not a photo"), msg: "JPG 或 PNG"},
		"ErrTiny":    {raw: orgPNG(t, 40, 40), msg: "照片太小（40×40像素）"},
		"ErrBig":     {raw: make([]byte, MaxPhotoFileSize+1), msg: "照片文件太大"},
		"ErrBroken":  {raw: orgPNG(t, 400, 500)[:300], msg: "已损坏或不完整"},
		"ErrPixels":  {raw: pngHeader(t, 10000, 10000), msg: "照片尺寸太大"},
		"ErrTextPNG": {raw: []byte("\x89PNG\r\n\x1a\nnonsense"), msg: "JPG 或 PNG"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			out, err := PreparePhoto(tc.raw)
			if tc.msg != "" {
				ie := invalidOf(t, err)
				assert.Equal(t, "photo", ie.Field)
				assert.Contains(t, ie.Msg, tc.msg)
				return
			}
			require.NoError(t, err)
			img, format, err := image.Decode(bytes.NewReader(out))
			require.NoError(t, err)
			assert.Equal(t, "jpeg", format, "stored re-encoded, never the file itself")
			assert.Equal(t, image.Rect(0, 0, PhotoWidth, PhotoHeight), img.Bounds())
			assert.True(t, IsPreparedPhoto(out))
		})
	}
	t.Run("CentreCrop", func(t *testing.T) {
		// 1200×600, red left half and blue right: the centred 4:5 cut is
		// 480 wide around the middle, so its left edge is red and its right
		// edge blue, in equal parts.
		out, err := PreparePhoto(orgPNG(t, 1200, 600))
		require.NoError(t, err)
		img, err := jpeg.Decode(bytes.NewReader(out))
		require.NoError(t, err)
		r, _, b, _ := img.At(5, PhotoHeight/2).RGBA()
		assert.Greater(t, r, b, "left edge red")
		r, _, b, _ = img.At(PhotoWidth-5, PhotoHeight/2).RGBA()
		assert.Greater(t, b, r, "right edge blue")
	})
}

// orgPNG is a w×h PNG: left half red, right half blue (so a crop shows).
func orgPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{R: 200, A: 255}
			if x >= w/2 {
				c = color.RGBA{B: 200, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

// pngHeader is the start of a PNG that claims w×h (DecodeConfig reads it;
// the pixels are missing).
func pngHeader(t *testing.T, w, h int) []byte {
	t.Helper()
	full := orgPNG(t, 1, 1)
	// IHDR width and height are the 8 bytes after "IHDR" (offset 16).
	b := append([]byte(nil), full[:33]...)
	b[16], b[17], b[18], b[19] = byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	b[20], b[21], b[22], b[23] = byte(h>>24), byte(h>>16), byte(h>>8), byte(h)
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	return b
}
