#!/usr/bin/python3
"""taptime.py: how long a tap takes to show on the real program.

Under X (Xvfb), it presses and releases the pointer at X,Y through XTEST
(what a touchscreen sends) and polls the screen until pixels change, timing from the release (the tap):
  feedback-ms  the first change anywhere (the pressed state, or the screen)
  screen-ms    the first change inside the region RX,RY,RW,RH (a part of the
               window that only the next screen changes, e.g. its title)
Each grab of the region takes a few ms, so figures are good to ~5 ms.

  DISPLAY=:90 /usr/bin/python3 taptime.py X Y RX RY RW RH [timeout-s]
Needs Debian's python3-xlib.
"""
import sys, time, zlib
from Xlib import display, X
from Xlib.ext import xtest

def main():
    x, y, rx, ry, rw, rh = map(int, sys.argv[1:7])
    timeout = float(sys.argv[7]) if len(sys.argv) > 7 else 5.0
    d = display.Display()
    root = d.screen().root
    def grab(ax, ay, w, h):
        return zlib.crc32(root.get_image(ax, ay, w, h, X.ZPixmap, 0xffffffff).data)
    g = root.get_geometry()
    before_all = grab(0, 0, g.width, g.height)
    before = grab(rx, ry, rw, rh)
    xtest.fake_input(d, X.MotionNotify, x=x, y=y); d.sync()
    xtest.fake_input(d, X.ButtonPress, 1); d.sync()
    time.sleep(0.04)  # a finger rests a moment; the tap is its release
    xtest.fake_input(d, X.ButtonRelease, 1); d.sync()
    t0 = time.perf_counter()
    feedback = screen = None
    while time.perf_counter() - t0 < timeout:
        now = time.perf_counter()
        if feedback is None and grab(0, 0, g.width, g.height) != before_all:
            feedback = (now - t0) * 1000
        if grab(rx, ry, rw, rh) != before:
            screen = (time.perf_counter() - t0) * 1000
            if feedback is None:
                feedback = screen
            break
    xtest.fake_input(d, X.MotionNotify, x=2, y=2); d.sync()
    print("feedback-ms=%s screen-ms=%s" % (
        "%.0f" % feedback if feedback is not None else "none",
        "%.0f" % screen if screen is not None else "none"))

main()
