#!/bin/sh
# Prepare CUPS for the paper package's printing tests. Idempotent: run it
# before every `go test` (make test does, then exports
# BIANMIN_TEST_PRINTER=bianmin-test).
#
# It starts cupsd if it is not running and makes three cups-pdf queues:
#   $QUEUE       a working PDF printer; jobs land in $OUT as *-job_<N>.pdf
#   $QUEUE-off   the same, but disabled (cupsdisable): a stopped printer
#   $QUEUE-fail  a printer whose backend fails (its output directory cannot
#                be created) with error policy abort-job: a failed job
#   $QUEUE-hold  a printer that holds every job: a job that never prints
# Each queue reads its own /etc/cups/cups-pdf-<queue>.conf (cups-pdf looks
# for cups-pdf-<name>.conf for a device URI cups-pdf:/<name>), so the
# system's cups-pdf.conf (Out ${HOME}/PDF) is left alone.
#
# The queues convert PDF to PostScript with pdftocairo: the default
# renderer (Ghostscript, "hybrid") drops the Unicode mapping of CID
# TrueType fonts on the way, so the PDF that cups-pdf writes would hold
# the right shapes but unreadable text for pdftotext.
#
# Needs root (cupsd, lpadmin) and Debian's cups, cups-client and
# printer-driver-cups-pdf.
set -eu

QUEUE=${BIANMIN_TEST_PRINTER:-bianmin-test}
OUT=${BIANMIN_TEST_PRINTER_OUT:-/var/spool/cups-pdf-bianmin}
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
CONF=/etc/cups

running() { LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running"; }

if ! running; then
	/usr/sbin/cupsd
	i=0
	until running; do
		i=$((i + 1))
		if [ "$i" -gt 50 ]; then
			echo "cups-setup: cupsd did not start" >&2
			exit 1
		fi
		sleep 0.2
	done
fi

mkdir -p "$OUT"
chmod 1777 "$OUT"

# conf NAME OUTDIR: write the queue's own cups-pdf configuration if it differs.
conf() {
	want=$(printf 'Out %s\nAnonDirName %s\n' "$2" "$2")
	if [ ! -f "$CONF/cups-pdf-$1.conf" ] || [ "$(cat "$CONF/cups-pdf-$1.conf")" != "$want" ]; then
		printf '%s\n' "$want" >"$CONF/cups-pdf-$1.conf"
	fi
}

# queue NAME [lpadmin options...]: create the queue if missing, and set
# its options either way.
queue() {
	name=$1
	shift
	if ! LC_ALL=C lpstat -p "$name" >/dev/null 2>&1; then
		lpadmin -p "$name" -E -v "cups-pdf:/$name" -P "$PPD" 2>/dev/null
	fi
	lpadmin -p "$name" -o pdftops-renderer-default=pdftocairo "$@"
}

conf "$QUEUE" "$OUT"
queue "$QUEUE"
cupsenable "$QUEUE"
cupsaccept "$QUEUE"

conf "$QUEUE-off" "$OUT"
queue "$QUEUE-off"
cupsaccept "$QUEUE-off"
cupsdisable -r "stopped for the paper tests" "$QUEUE-off"

conf "$QUEUE-fail" /dev/null/cannot-write
queue "$QUEUE-fail" -o printer-error-policy=abort-job
cupsenable "$QUEUE-fail"
cupsaccept "$QUEUE-fail"

conf "$QUEUE-hold" "$OUT"
queue "$QUEUE-hold" -o job-hold-until-default=indefinite
cupsenable "$QUEUE-hold"
cupsaccept "$QUEUE-hold"

echo "cups-setup: queue $QUEUE ready, PDFs land in $OUT"
