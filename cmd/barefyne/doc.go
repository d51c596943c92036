// Command barefyne is the floor that the kiosk's start is measured
// against: a Fyne app with one window and one label, set up as
// bianmin is (same app id, metadata, theme and embedded font, same build).
// Whatever bianmin takes beyond this program is ours to answer for.
//
// `make bench-gui` builds both and runs bench-gui.sh beside this file,
// which starts them in turn under Xvfb and compares the time to the first
// frame and the memory at home. The probe (package firstframe) does
// nothing unless its environment variables are set.
package main
