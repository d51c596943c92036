#!/usr/bin/env bash
# bench-bulk.sh: the bulk paths as an operator runs them — the bianmin
# command line's synth requests, synth items, catalog export and catalog
# import — at 1k, 10k and 100k rows, each timed with /usr/bin/time (wall
# seconds, CPU seconds, Maximum resident set size). Sizes are interleaved
# and every run repeated RUNS times; the median of each is reported, with
# the ratio per 10× more rows (10 is linear; the goal is ≤ 11 and a peak
# under 200 MB at 100k).
#
# What a measured run starts from is made beforehand and not counted: the
# seeded data file (the sample catalog), a data file with N synthetic items
# for export, and its exported catalog for import.
#
# Environment: SIZES (default "1000 10000 100000"), RUNS (default 3), PATHS
# (default "synth-requests synth-items export import"), DIR (default
# /tmp/bench-bulk; the made files are kept there and reused while the
# schema is unchanged), BIN (default: built into DIR),
# DATA (default: data files in DIR; a postgres://… DSN runs synth requests
# and synth items there, each run on a freshly emptied database; the CPU
# seconds are then the program's alone, not the server's).
#
# On a machine others are using, take the CPU seconds' ratios: wall time
# measures the others too (under a load of 14 on 2 cores, a run's wall
# time was 3 to 5 times its CPU time).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-3}
PATHS=${PATHS:-"synth-requests synth-items export import"}
DIR=${DIR:-/tmp/bench-bulk}
mkdir -p "$DIR"
if [ -z "${BIN:-}" ]; then
	BIN="$DIR/bianmin"
	go build -o "$BIN" ./cmd/bianmin
fi
key=$(git rev-parse HEAD:data/migrations 2>/dev/null | cut -c1-12 || echo dev) # the schema
files="$DIR/files-$key"
mkdir -p "$files"
export XDG_DATA_HOME="$DIR/xdg" LC_ALL=zh_CN.UTF-8
results="$DIR/results.txt"
: >"$results"

rmdb() { rm -f "$1" "$1-wal" "$1-shm" "$1".bianmin* "$(dirname "$1")/.$(basename "$1")"*; }

# timed PATH N ARGS…: runs bianmin ARGS under /usr/bin/time and records
# "PATH N wall cpu peakKiB".
timed() {
	local path=$1 n=$2
	shift 2
	local t
	t=$(mktemp)
	if ! /usr/bin/time -f "%e %U %S %M" -o "$t" "$BIN" "$@" >"$DIR/last.log" 2>&1; then
		echo "bianmin $* failed:" >&2
		cat "$DIR/last.log" >&2
		exit 1
	fi
	read -r wall user sys kib <"$t"
	rm -f "$t"
	echo "$path $n $wall $(echo "$user + $sys" | bc) $kib" >>"$results"
	printf '  %-15s %7d  %7.2f s  cpu %7.2f s  %5d MB\n' "$path" "$n" "$wall" "$(echo "$user + $sys" | bc)" $((kib / 1024))
}

# The seeded data file: the sample catalog, loaded by the first command
# that opens a new data file.
seeded="$files/seeded.db"
if [ ! -f "$seeded" ]; then
	rmdb "$seeded.tmp"
	"$BIN" catalog export "$files/sample.json" --data "$seeded.tmp" >/dev/null
	mv "$seeded.tmp" "$seeded"
	rm -f "$seeded.tmp"*
fi
prepare() { # the items data file and catalog of n, for export and import
	local n=$1
	if [ ! -f "$files/items-$n.db" ]; then
		rmdb "$files/tmp.db"
		cp "$seeded" "$files/tmp.db"
		"$BIN" synth items -n "$n" --data "$files/tmp.db" >/dev/null
		mv "$files/tmp.db" "$files/items-$n.db"
	fi
	if [ ! -f "$files/catalog-$n.json" ]; then
		"$BIN" catalog export "$files/catalog-$n.json" --data "$files/items-$n.db" >/dev/null
	fi
}
pgreset() { # empties the PostgreSQL database DATA
	PGOPTIONS='-c client_min_messages=warning' psql -q "$DATA" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' >/dev/null
}
for n in $SIZES; do
	case " $PATHS " in *" export "* | *" import "*) prepare "$n" ;; esac
done

work="$DIR/work.db"
for run in $(seq "$RUNS"); do
	echo "run $run"
	for n in $SIZES; do
		for path in $PATHS; do
			rmdb "$work"
			case "$path" in
			synth-requests | synth-items)
				what=${path#synth-}
				if [ -n "${DATA:-}" ]; then
					pgreset
					"$BIN" catalog export "$DIR/pg-sample.json" --data "$DATA" >/dev/null # seeds it
					timed "$path" "$n" synth "$what" -n "$n" --data "$DATA"
				else
					cp "$seeded" "$work"
					timed "$path" "$n" synth "$what" -n "$n" --data "$work"
				fi
				;;
			export)
				timed "$path" "$n" catalog export "$DIR/export.json" --data "$files/items-$n.db"
				rm -f "$DIR/export.json"
				;;
			import)
				timed "$path" "$n" catalog import "$files/catalog-$n.json" --data "$work"
				;;
			esac
		done
	done
done
rmdb "$work"

# med COLUMN PATH N: the median of a column of results for PATH at N.
med() {
	awk -v p="$2" -v n="$3" -v c="$1" '$1 == p && $2 == n {print $c}' "$results" | sort -n |
		awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
echo
echo "median of $RUNS (wall s, cpu s, peak MB; ×: per 10× more rows, 10 is linear)"
for path in $PATHS; do
	prev=""
	line=""
	for n in $SIZES; do
		wall=$(med 3 "$path" "$n") cpu=$(med 4 "$path" "$n") kib=$(med 5 "$path" "$n")
		line+=$(printf '  %s: %.2f s, cpu %.2f s, %d MB' "$n" "$wall" "$cpu" $((kib / 1024)))
		if [ -n "$prev" ]; then
			line+=$(awk -v w="$wall" -v c="$cpu" -v pw="${prev% *}" -v pc="${prev#* }" \
				'BEGIN {printf " (×%.1f, cpu ×%.1f)", w / pw, c / pc}')
		fi
		line+=";"
		prev="$wall $cpu"
	done
	printf '%-15s%s\n' "$path" "$line"
done
