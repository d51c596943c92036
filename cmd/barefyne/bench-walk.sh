#!/usr/bin/env bash
# bench-walk.sh: the kiosk's memory beyond home, against the
# bare Fyne window. Under Xvfb (1280×800) it starts bianmin on the big data
# file that bench-gui.sh makes, and with xdotool, as a finger would:
#   - reads RSS at home (5 s after start);
#   - opens 办事指南, taps the search field, types "jzz" on the keyboard
#     (the pinyin dictionary builds then), and reads RSS;
#   - goes home, holds the center's name for staff mode, sets the first
#     administrator's PIN (a fresh copy of the data file has none) and reads
#     RSS with the staff queue open.
# Then the bare window's RSS, and each against it. The taps are positions
# on the 1280×800 windowed layout of the sample data: after a layout
# change, check them with the screenshots it leaves (DIR/walk-*.png).
#
# Environment: RUNS (default 2), DISP (default 73), DIR (default
# /tmp/bench-gui; run bench-gui.sh first, which makes the data file), BIN
# (default DIR/bianmin).
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-2}
DISP=${DISP:-73}
DIR=${DIR:-/tmp/bench-gui}
BIN=${BIN:-$DIR/bianmin}
if [ "$BIN" != "$DIR/bianmin" ]; then
	# Run from a copy written by plain writes, as bench-gui.sh does (the
	# linker's mapped output is mapped in large runs: more RSS, varying).
	cat "$BIN" >"$DIR/bianmin-walk"
	chmod +x "$DIR/bianmin-walk"
	BIN="$DIR/bianmin-walk"
fi
key=$(git rev-parse HEAD:data 2>/dev/null | cut -c1-12 || echo dev)
big="$DIR/big-$key.db"
[ -f "$big" ] || { echo "no $big: run bench-gui.sh (make bench-gui) first" >&2; exit 1; }


. "$(dirname "$0")/xvfb.sh"
export LC_ALL=zh_CN.UTF-8

rss() { awk '/^VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status"; }
tap() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-0.2}"; }
pin() { # 135792 on the staff PIN pad, then 完成
	for xy in "656 299" "941 299" "799 401" "656 503" "941 503" "799 299"; do tap $xy 0.15; done
	tap 1084 555 1.5
}
shot() { xdotool mousemove 1270 790; import -window root "$DIR/walk-$1.png" 2>/dev/null || true; }

rm -f "$DIR/walk.txt"
for i in $(seq "$RUNS"); do
	"$DIR/barefyne" --windowed >/dev/null 2>&1 &
	pid=$!
	sleep 5
	bare=$(rss $pid)
	kill $pid; wait $pid 2>/dev/null || true

	cp "$big" "$DIR/walk.db"
	rm -rf "$DIR/backups-walk"
	"$BIN" --windowed --listen= --data "$DIR/walk.db" --backup-dir "$DIR/backups-walk" >/dev/null 2>"$DIR/walk.log" &
	pid=$!
	sleep 5
	home=$(rss $pid)
	shot home
	# 办事指南: y 360 lies on its tile both in office hours and outside
	# them, when a notice above the tiles moves them down (12:00-14:30
	# and evenings China time: the tap at y 258 hit the notice then).
	tap 226 360 1.5
	tap 600 245 1          # the search field: the keyboard opens
	xdotool type --delay 150 jzz
	sleep 3
	search=$(rss $pid)
	shot search
	tap 1140 742 1.5       # 首页
	xdotool mousemove 300 40 mousedown 1; sleep 3.8; xdotool mouseup 1; sleep 2 # hold the center's name
	tap 210 345 1.5        # the first administrator
	pin; pin               # set the PIN, and again to confirm
	sleep 4
	queue=$(rss $pid)
	shot queue
	kill $pid; wait $pid 2>/dev/null || true
	pid=""
	echo "$bare $home $search $queue" >>"$DIR/walk.txt"
	printf '  round %d: bare %d MB, home %d, search %d, staff queue %d\n' "$i" "$bare" "$home" "$search" "$queue"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { cut -d' ' -f"$1" "$DIR/walk.txt" | median; }
b=$(col 1)
echo
printf '%-14s %8s %8s\n' "" "rss-MB" "x-floor"
n=1
for what in bare home search "staff queue"; do
	v=$(col $n)
	printf '%-14s %8s %8.2f\n' "$what" "$v" "$(echo "$v / $b" | bc -l)"
	n=$((n + 1))
done
echo "(medians of $RUNS runs; big data file; bare = cmd/barefyne)"
