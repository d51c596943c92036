# Sourced by the measuring scripts (bench-gui.sh, bench-walk.sh,
# bench-taps.sh, longrun.sh): an Xvfb on :$DISP at 1280×800 unless an X server is already
# there (its log in $DIR/xvfb.log), stopped on exit together with the
# program whose process id the script keeps in $pid, and the environment
# the program runs in.
xpid=""
pid=""
if ! xdpyinfo -display ":$DISP" >/dev/null 2>&1; then
	Xvfb ":$DISP" -screen 0 1280x800x24 -nolisten tcp >"$DIR/xvfb.log" 2>&1 &
	xpid=$!
	for _ in $(seq 50); do xdpyinfo -display ":$DISP" >/dev/null 2>&1 && break; sleep 0.1; done
fi
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	[ -n "$xpid" ] && kill "$xpid" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=":$DISP" LIBGL_ALWAYS_SOFTWARE=1 LANG=zh_CN.UTF-8

# stop PID: asks the process to end, and kills it if it has not in 5 s.
stop() {
	kill "$1" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
