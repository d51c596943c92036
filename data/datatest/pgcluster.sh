#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the PostgreSQL tests: its own
# directory and port, run as the postgres user, reached over a unix socket
# in its directory.
#
#   pgcluster.sh start   install postgresql if missing, initdb, start
#   pgcluster.sh stop    stop the cluster and remove its directory
#   pgcluster.sh dsn     print the DSN (BIANMIN_TEST_PG) of the cluster
#   pgcluster.sh halt    stop the server, keeping the cluster (resume: start it)
#
# PGCLUSTER_DIR (default /tmp/bianmin-pg) and PGCLUSTER_PORT (default
# 55432) choose where; two clusters need two of each. PGCLUSTER_LOCALE
# (default C.UTF-8) is the cluster's locale, e.g. zh_CN.UTF-8 to check that
# the store orders text the same whatever the database's collation.
set -euo pipefail

dir=${PGCLUSTER_DIR:-/tmp/bianmin-pg}
port=${PGCLUSTER_PORT:-55432}
locale=${PGCLUSTER_LOCALE:-C.UTF-8}
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo

# as runs a command as the postgres user.
as() {
	if [ "$(id -un)" = postgres ]; then "$@"; else $sudo -u postgres "$@" 2>/dev/null || $sudo runuser -u postgres -- "$@"; fi
}

bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -n "$d" ] || { echo "pgcluster: no PostgreSQL binaries under /usr/lib/postgresql" >&2; exit 1; }
	echo "$d"
}

install() {
	if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q 'ok installed' ||
		! dpkg-query -W -f='${Status}' postgresql-contrib 2>/dev/null | grep -q 'ok installed'; then
		echo "apt-get install postgresql postgresql-contrib"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib
	fi
}

dsn() {
	echo "postgres://postgres@/postgres?host=$dir&port=$port&sslmode=disable"
}

# run starts the cluster's server. A test cluster: no durability needed,
# many short databases.
# run starts the server (a test cluster: no durability needed, many short
# databases).
run() {
	as "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
		"-p $port -k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null
}

case "${1:-}" in
start)
	install
	bin=$(bindir)
	if [ -f "$dir/data/postmaster.pid" ] && as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		dsn; exit 0
	fi
	$sudo rm -rf "$dir"
	$sudo mkdir -p "$dir"
	$sudo chown postgres: "$dir"
	as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale="$locale" >/dev/null
	run
	# pg_trgm once, before test binaries run side by side (two creating it
	# at once collide).
	as "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres \
		-c 'CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public' >/dev/null
	dsn
	;;
halt)
	# The server goes away, its data stays (tests of an unreachable
	# server); resume starts it again.
	as "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
resume)
	run
	;;
stop)
	bin=$(bindir)
	if [ -d "$dir/data" ]; then
		as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	$sudo rm -rf "$dir"
	;;
dsn)
	dsn
	;;
*)
	echo "usage: $0 start|stop|dsn|halt|resume" >&2
	exit 2
	;;
esac
