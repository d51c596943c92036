package papertest

import (
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	qrcode "github.com/skip2/go-qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQRReadsWhatTheDetectorAloneMisses: tracking URLs whose sound codes
// gozxing's detector alone does not find (zbarimg reads them) are read.
func TestQRReadsWhatTheDetectorAloneMisses(t *testing.T) {
	for _, url := range []string{
		"http://192.168.1.20:8080/c/D4SJPKDNCJK4C72J6WZ5UY4R",
		"http://192.168.1.20:8080/c/LYJ566RFYQDYGOPTWW5X4T4G",
		"http://192.168.1.20:8080/c/L2IITO5JOOV7RDBADB4LHEY5",
	} {
		q, err := qrcode.New(url, qrcode.Medium)
		require.NoError(t, err)
		img := q.Image(-8)

		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		require.NoError(t, err)
		_, err = zxqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
		assert.Error(t, err, "the detector alone misses %s", url)

		assert.Equal(t, url, QR(t, img))
	}
}

// TestReadQRNoCode: a picture without a code is an error, not a reading.
func TestReadQRNoCode(t *testing.T) {
	q, err := qrcode.New("x", qrcode.Medium)
	require.NoError(t, err)
	q.ForegroundColor = q.BackgroundColor // a blank picture of the same size
	_, err = ReadQR(q.Image(-8))
	assert.Error(t, err)
}
