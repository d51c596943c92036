#!/usr/bin/env bash
# bench-gui.sh (make bench-gui): the kiosk's start against the floor
# of a bare Fyne window. Under Xvfb it starts, in turn, the bare Fyne program
# (cmd/barefyne) and bianmin on the sample data and on a big data file
# (10,000 more items, 100,000 requests), and for each run measures
#   - first-frame ms: from exec to the first frame drawn (the program prints
#     when, through package firstframe, with BIANMIN_FIRST_FRAME=1);
#   - CPU ms to that frame (user+system, all threads): steadier than the
#     wall clock on a busy machine;
#   - RSS MB at home: VmRSS of the process SETTLE seconds after that frame.
# It prints the medians and each against the floor (x-floor).
#
# Environment: RUNS (default 5), SETTLE (default 3), DISP (X display number,
# default 73), DIR (work folder, default /tmp/bench-gui), BIN (a prebuilt
# bianmin; default: built here), and CPUPROFILE=1 to also write a CPU
# profile of one start on each data file (DIR/*.pprof).
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
SETTLE=${SETTLE:-3}
DISP=${DISP:-73}
DIR=${DIR:-/tmp/bench-gui}
mkdir -p "$DIR"

# Both programs run from copies written as a package install writes them
# (plain writes). Go's linker writes its output through a memory mapping,
# and while the page cache holds a binary written so, a page fault maps
# large runs of it: up to 8 MB more of the binary counted in the resident
# memory, varying from one build to the next.
install_copy() { # install_copy FROM TO
	cat "$1" >"$2.tmp"
	chmod +x "$2.tmp"
	mv "$2.tmp" "$2"
}
go build -o "$DIR/barefyne.built" ./cmd/barefyne
install_copy "$DIR/barefyne.built" "$DIR/barefyne"
if [ -z "${BIN:-}" ]; then
	go build -o "$DIR/bianmin.built" ./cmd/bianmin
	BIN="$DIR/bianmin.built"
fi
install_copy "$BIN" "$DIR/bianmin"
BIN="$DIR/bianmin"

# The data files: made once for each version of data/ (its git tree), and
# copied afresh for every run so that no run sees another's changes.
DATADIR=$DIR
. "$(dirname "$0")/datafiles.sh"

# The X server, unless one is already on the display.
. "$(dirname "$0")/xvfb.sh"
export LC_ALL=zh_CN.UTF-8


# run NAME CMD...: one start; appends "ms cpu_ms rss_mb" to $DIR/NAME.txt.
run() {
	local name=$1
	shift
	local log="$DIR/$name.log"
	: >"$log"
	local t0=$EPOCHREALTIME
	BIANMIN_FIRST_FRAME=1 "$@" 2>"$log" >/dev/null &
	local pid=$!
	local us="" cpu=""
	for _ in $(seq 3000); do
		us=$(grep -o 'first-frame unix-us=[0-9]*' "$log" | cut -d= -f2 || true)
		cpu=$(grep -o 'cpu-ms=[0-9]*' "$log" | cut -d= -f2 || true)
		[ -n "$us" ] && break
		sleep 0.02
	done
	if [ -z "$us" ]; then
		echo "$name: no first frame within 60 s" >&2
		cat "$log" >&2
		stop "$pid"
		return 1
	fi
	local start_us=${t0/./}
	local ms=$(((us - 10#$start_us) / 1000))
	sleep "$SETTLE"
	local rss
	rss=$(awk '/^VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status")
	stop "$pid"
	echo "$ms $cpu $rss" >>"$DIR/$name.txt"
	printf '  %-8s %6d ms %6d cpu-ms %6d MB\n' "$name" "$ms" "$cpu" "$rss"
}

ours() { # ours NAME DB: bianmin on a fresh copy of DB
	local name=$1 db=$2
	cp "$db" "$DIR/run.db"
	sync # the copy written out now, not while the program starts
	# The daily backup of this copy goes to a folder kept across runs, as
	# on a kiosk started again the same day.
	run "$name" "$BIN" --windowed --listen= --data "$DIR/run.db" --backup-dir "$DIR/backups-$name"
}

rm -f "$DIR"/{bare,sample,big}.txt
echo "warm-up (not counted)"
run bare "$DIR/barefyne" --windowed
ours sample "$sample"
ours big "$big"
rm -f "$DIR"/{bare,sample,big}.txt
for i in $(seq "$RUNS"); do
	echo "round $i/$RUNS"
	run bare "$DIR/barefyne" --windowed
	ours sample "$sample"
	run bare "$DIR/barefyne" --windowed
	ours big "$big"
done

if [ -n "${CPUPROFILE:-}" ]; then
	BIANMIN_CPUPROFILE="$DIR/sample.pprof" ours profile "$sample"
	BIANMIN_CPUPROFILE="$DIR/big.pprof" ours profile "$big"
	echo "CPU profiles to the first frame: $DIR/sample.pprof $DIR/big.pprof"
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { cut -d' ' -f"$2" "$DIR/$1.txt" | median; }
ratio() { echo "$1 / $2" | bc -l; }
bf=$(col bare 1)
bc_=$(col bare 2)
br=$(col bare 3)
echo
printf '%-8s %15s %8s %12s %8s %12s %8s\n' "" "first-frame-ms" "x-floor" "cpu-ms" "x-floor" "rss-home-MB" "x-floor"
for n in bare sample big; do
	f=$(col $n 1)
	c=$(col $n 2)
	r=$(col $n 3)
	printf '%-8s %15s %8.2f %12s %8.2f %12s %8.2f\n' "$n" "$f" "$(ratio "$f" "$bf")" \
		"$c" "$(ratio "$c" "$bc_")" "$r" "$(ratio "$r" "$br")"
done
echo "(medians of $RUNS runs each, interleaved; bare = cmd/barefyne)"
