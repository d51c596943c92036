package data

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // staff photos may be PNG files

	"golang.org/x/image/draw"
)

// Staff photos. The kiosk shows them as 4:5 portraits (ui/kiosk staff
// cards and the duty board); the sample avatars are 300×400. A photo is
// stored at PhotoWidth×PhotoHeight as a JPEG, whatever file it came from:
// centre-cropped to 4:5, scaled with Catmull-Rom, transparency on white.
const (
	PhotoWidth       = 320
	PhotoHeight      = 400
	PhotoQuality     = 88
	MaxPhotoFileSize = 10 << 20 // bytes of the file chosen
	MaxPhotoPixels   = 50e6     // width × height of the file chosen
	MinPhotoWidth    = PhotoWidth / 2
	MinPhotoHeight   = PhotoHeight / 2
)

// PreparePhoto turns a PNG or JPEG file into a staff photo as stored. It
// refuses, with a message saying what to do, an empty, too large, too
// small, unreadable or broken file.
func PreparePhoto(raw []byte) ([]byte, error) {
	switch {
	case len(raw) == 0:
		return nil, Invalid("photo", "照片文件是空的，请重新选择。")
	case len(raw) > MaxPhotoFileSize:
		return nil, Invalid("photo", fmt.Sprintf("照片文件太大（%.1fMB），请选择不超过%dMB的照片，或先压缩后再选择。",
			float64(len(raw))/(1<<20), MaxPhotoFileSize>>20)).keyed("data.staff_photo.fileSize",
			map[string]any{"Size": fmt.Sprintf("%.1f", float64(len(raw))/(1<<20)), "Max": MaxPhotoFileSize >> 20})
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, Invalid("photo", "无法识别这个文件。请选择 JPG 或 PNG 格式的照片。")
	}
	switch {
	case float64(cfg.Width)*float64(cfg.Height) > MaxPhotoPixels:
		return nil, Invalid("photo", fmt.Sprintf("照片尺寸太大（%d×%d像素），请选择不超过5000万像素的照片。", cfg.Width, cfg.Height)).
			keyed("data.staff_photo.huge", map[string]any{"Width": cfg.Width, "Height": cfg.Height})
	case cfg.Width < MinPhotoWidth || cfg.Height < MinPhotoHeight:
		return nil, Invalid("photo", fmt.Sprintf("照片太小（%d×%d像素），在屏幕上会模糊。请选择至少%d×%d像素的照片。",
			cfg.Width, cfg.Height, MinPhotoWidth, MinPhotoHeight)).keyed("data.staff_photo.small",
			map[string]any{"Width": cfg.Width, "Height": cfg.Height, "MinWidth": MinPhotoWidth, "MinHeight": MinPhotoHeight})
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, Invalid("photo", "照片文件已损坏或不完整，无法打开。请重新选择一张照片。")
	}
	dst := image.NewRGBA(image.Rect(0, 0, PhotoWidth, PhotoHeight))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, cropPortrait(img.Bounds()), draw.Over, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: PhotoQuality}); err != nil {
		return nil, fmt.Errorf("data: photo: %w", err)
	}
	return out.Bytes(), nil
}

// cropPortrait is the largest centred rectangle of b in the photo's
// proportions.
func cropPortrait(b image.Rectangle) image.Rectangle {
	w, h := b.Dx(), b.Dy()
	if w*PhotoHeight > h*PhotoWidth { // wider: cut the sides
		cw := h * PhotoWidth / PhotoHeight
		x := b.Min.X + (w-cw)/2
		return image.Rect(x, b.Min.Y, x+cw, b.Max.Y)
	}
	ch := w * PhotoHeight / PhotoWidth // taller: cut top and bottom
	y := b.Min.Y + (h-ch)/2
	return image.Rect(b.Min.X, y, b.Max.X, y+ch)
}

// IsPreparedPhoto reports whether b already is a photo as PreparePhoto
// makes them (a JPEG of PhotoWidth×PhotoHeight).
func IsPreparedPhoto(b []byte) bool {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	return err == nil && format == "jpeg" && cfg.Width == PhotoWidth && cfg.Height == PhotoHeight
}
