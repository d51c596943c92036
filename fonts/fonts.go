// Package fonts embeds the one TrueType font that Bianmin uses for every
// surface: the Fyne theme on the kiosk and in staff mode, and every PDF the
// printer produces. It is WenQuanYi Micro Hei (face 0 of Debian's
// fonts-wqy-microhei TTC), subset to all of GB2312 plus Latin, general
// punctuation and full-width forms, so that both Fyne (no TTC support) and
// fpdf (TrueType glyf outlines only) can read it and a PDF parses it quickly.
// Licence: Apache-2.0 (see LICENSE-Apache-2.0.txt and COPYRIGHT.debian).
package fonts

import _ "embed"

// Name is the font's family name as PDF writers register it.
const Name = "wqy"

// FileName is the name of the embedded font file.
const FileName = "wqy-microhei-gb2312.ttf"

// CJK is the TrueType font covering GB2312 and Latin.
//
//go:embed wqy-microhei-gb2312.ttf
var CJK []byte
