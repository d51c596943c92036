#!/usr/bin/env bash
# longrun.sh: the kiosk's memory over a long session on the real program.
# Under Xvfb (1280×800) it starts bianmin on a fresh sample data file and
# drives ROUNDS registrations and tracking look-ups through the window with
# a finger (longrun.py, through XTEST: taps on the on-screen keypad and
# keyboard, a swipe on the review), printing VmRSS/VmHWM after rounds 1,
# 100, 250 and ROUNDS. The issue's bar: RSS after the last round within
# 20% of after round 1. A round takes 12 s on an idle 2-core machine, 20 to
# 30 s on a busy one: 500 rounds take two to four hours.
#
# Registration hours apply: the sample center takes registrations
# 08:30–12:00 and 14:30–17:30 China time on working days, so run it then.
#
# Environment: ROUNDS (default 500), EVERY (report every EVERY rounds,
# default 50), REST (seconds left alone after each report, then RSS at
# rest; default 0), DISP (default 74), DIR (default
# /tmp/bench-long), BIN (default: build ./cmd/bianmin into DIR);
# BIANMIN_PPROF=127.0.0.1:6061 also reports the live Go heap.
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-500}
DISP=${DISP:-74}
DIR=${DIR:-/tmp/bench-long}
mkdir -p "$DIR"
if [ -z "${BIN:-}" ]; then
	BIN=$DIR/bianmin
	go build -o "$BIN" ./cmd/bianmin
fi

. "$(dirname "$0")/xvfb.sh"

rm -rf "$DIR/long.db" "$DIR/long.db-"* "$DIR/.long.db.created" "$DIR/backups"
"$BIN" --windowed --listen= --data "$DIR/long.db" --backup-dir "$DIR/backups" >/dev/null 2>"$DIR/long.log" &
pid=$!
sleep 10
/usr/bin/python3 cmd/barefyne/longrun.py "$pid" "$DIR/long.db" "$ROUNDS" "$DIR"
