#!/usr/bin/python3
"""Rebuild wqy-microhei-gb2312.ttf from Debian's fonts-wqy-microhei.

Takes face 0 of the TTC (Fyne and fpdf refuse collections) and keeps
GB2312, Latin, punctuation and full-width forms. Run with Debian's python3
(python3-fonttools): /usr/bin/python3 fonts/subset.py
"""
import os
from fontTools.ttLib import TTCollection
from fontTools import subset

SRC = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wqy-microhei-gb2312.ttf")

chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2000, 0x2070))
chars |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
chars |= {0x2116, 0x2103, 0x00B7, 0x2014, 0x2026, 0x2190, 0x2191, 0x2192, 0x2193,
          0x25CF, 0x25CB, 0x2605, 0x2606, 0x2713, 0x2714, 0x2715}
chars |= set(range(0x2460, 0x246A))  # ①..⑩
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars |= {ord(c) for c in bytes([hi, lo]).decode("gb2312")}
        except UnicodeDecodeError:
            pass
chars |= {ord(c) for c in "镕喆堃昇珺玥婕璟琰祎禕晔昀曌翀龑犇淼焱垚鑫赟彧"}

font = TTCollection(SRC).fonts[0]
opts = subset.Options()
opts.layout_features = ["*"]
opts.name_IDs = ["*"]
opts.notdef_outline = True
opts.hinting = True
sub = subset.Subsetter(opts)
sub.populate(unicodes=sorted(chars))
sub.subset(font)
font.save(DST)
print(DST, len(chars), "characters")
