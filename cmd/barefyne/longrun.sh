#!/usr/bin/env bash
# longrun.sh: the kiosk's memory over a long session on the real program.
# Under Xvfb (1280×800) it starts bianmin on a fresh sample data file and
# drives ROUNDS registrations and tracking look-ups through the window with
# a finger (longrun.py, through XTEST: taps on the on-screen keypad and
# keyboard, a swipe on the review), printing VmRSS/VmHWM after rounds 1,
# 100, 250 and ROUNDS. The issue's bar: RSS after the last round within
# 20% of after round 1. Round 1 learns what each tap target looks like
# (about a minute); later rounds wait for those instead of fixed sleeps.
#
# The run does not depend on the clock: the sample center takes
# registrations only 08:30–12:00 and 14:30–17:30 China time on working
# days, so before the kiosk starts the script seeds its own data file
# (bianmin catalog export, which loads the sample catalog and the holiday
# calendar into a new file) and imports a center profile open 00:00–23:59
# every day of the week, with the days of the run (yesterday to a week on,
# China dates) as working days, weekends and holidays too (bianmin catalog
# import). Only the last minute before midnight China time stays closed.
#
# Environment: ROUNDS (default 500), EVERY (report every EVERY rounds,
# default 50), REST (seconds left alone after each report, then RSS at
# rest; default 0), MINUTES (stop after this long, the round then
# reached reported as the last), DISP (default 74), DIR (default
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
# Seed the data file as the kiosk would, then open it all day, every day.
"$BIN" catalog export "$DIR/long-catalog.json" --data "$DIR/long.db" >/dev/null
/usr/bin/python3 "$(dirname "$0")/openhours.py" "$DIR/long-catalog.json" "$DIR/long-hours.json" 长时测试
"$BIN" catalog import "$DIR/long-hours.json" --data "$DIR/long.db"
"$BIN" --windowed --listen= --data "$DIR/long.db" --backup-dir "$DIR/backups" >/dev/null 2>"$DIR/long.log" &
pid=$!
sleep 10
/usr/bin/python3 cmd/barefyne/longrun.py "$pid" "$DIR/long.db" "$ROUNDS" "$DIR"
