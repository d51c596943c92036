# Bianmin — make run (open the kiosk) and make test (run every test).
# Both install the Debian packages they are missing first (apt-get, as root
# or through sudo), so a fresh Debian 12 machine with Go needs nothing else.

SHELL   := /bin/bash
GO      ?= go
BIN     := bianmin
DATA    ?=
ARGS    ?= --windowed
# Packages that build without cgo: everything but package main (which links
# Fyne's GLFW driver). Tests of these need no X server and no GL.
PURE    = $$($(GO) list ./... | grep -v '^bianmin/cmd/bianmin$$')

# What building the window needs (cgo + GL + X headers), what the kiosk uses
# at run time (CUPS client for lp/lpstat, espeak-ng for read-aloud,
# pg_dump/pg_restore for the backups of a hall's PostgreSQL database), and
# what the tests use (a CUPS server with a PDF printer, poppler to read the
# PDF back, zbar to decode the QR, the PostgreSQL tools for the backup tests).
APT_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev
APT_RUN   := cups-client espeak-ng postgresql-client
APT_TEST  := cups cups-client printer-driver-cups-pdf poppler-utils zbar-tools espeak-ng postgresql-client
# make package: dpkg-deb and dpkg-shlibdeps, the arm64 cross compiler and
# the arm64 GL/X libraries (multiarch); make package-check: debootstrap,
# qemu for the arm64 binary, systemd-analyze.
APT_PACKAGE := dpkg-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
	libgl1-mesa-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64 \
	libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64 libxext-dev:arm64
APT_PACKAGE_CHECK := debootstrap qemu-user-static file systemd
# The version of the packages: FyneApp.toml's.
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)

.PHONY: run test test-pg shots fuzz bench bench-bulk bench-bulk-cli bench-gui bench-walk bench-taps bench-long relcheck lint package package-check build deps-build deps-run deps-test deps-package deps-package-check font clean

run: deps-build deps-run build
	LANG=zh_CN.UTF-8 ./$(BIN) $(if $(DATA),--data $(DATA)) $(ARGS)

build: deps-build
	$(GO) build -o $(BIN) ./cmd/bianmin

# The printing tests print through a real CUPS queue "bianmin-test" (a PDF
# printer) that this target starts and creates.
# A throwaway PostgreSQL cluster (data/datatest/pgcluster.sh) serves the
# whole run: the tests about PostgreSQL itself (pg_dump backups,
# LISTEN/NOTIFY, the server's refusals, the engines compared) run in the
# SQLite pass on it too (BIANMIN_PG_SERVER), and PG_PKGS run again with
# every store on it (BIANMIN_TEST_PG). It is stopped whether the tests
# pass or not.
test: deps-build deps-test
	bash ui/paper/testdata/cups-setup.sh
	$(GO) build -o /dev/null ./cmd/bianmin
	dsn=$$(bash data/datatest/pgcluster.sh start) || exit 1; \
	trap 'bash data/datatest/pgcluster.sh stop' EXIT; \
	BIANMIN_PG_SERVER="$$dsn" BIANMIN_TEST_PRINTER=bianmin-test CGO_ENABLED=0 $(GO) test -count=1 $(PURE) && \
	BIANMIN_TEST_PG="$$dsn" CGO_ENABLED=0 $(GO) test -count=1 -timeout 30m $(PG_PKGS)

# The store's, the acceptance, the kiosk's and staff mode's screens', the
# web page's and the CLI's tests again on PostgreSQL (a hall's shared
# database); the few about the SQLite data file itself stay on it
# (datatest.UseSQLite): a throwaway cluster
# (data/datatest/pgcluster.sh: Debian's postgresql, its own directory and
# port, as the postgres user) started for the run and stopped after it,
# whether the tests pass or not. PG_TEST_RUN=regexp narrows the run.
PG_PKGS   := ./data/ ./data/datatest/ ./ui/acceptance/ ./ui/kiosk/ ./ui/staff/ ./ui/web/ ./cmd/bianmin/cli/
PG_TEST_RUN ?=
test-pg:
	dsn=$$(bash data/datatest/pgcluster.sh start) || exit 1; \
	trap 'bash data/datatest/pgcluster.sh stop' EXIT; \
	BIANMIN_TEST_PG="$$dsn" CGO_ENABLED=0 $(GO) test -count=1 -timeout 30m \
		$(if $(PG_TEST_RUN),-run '$(PG_TEST_RUN)') $(PG_PKGS)

# The screenshots (and sample PDFs) for a person to look at, into SHOTS,
# one subdirectory per area. The generators are tests built only with the
# "shots" tag (so make test neither runs nor lists them); the ordinary tests
# named here also keep what they drew when BIANMIN_SHOTS is set.
SHOTS     ?= shots
SHOTS_RUN := Screenshots|Shots|ProxyListWrite|ReportPDF|HomeTilesFit|SampleWidgets|^TestRender$$|ReportCustomPeriod|AuditDateFilters|^TestOrg|^TestCalendar(EditDay|Import|MonthGrid)$$
shots:
	mkdir -p $(SHOTS)
	BIANMIN_SHOTS=$(abspath $(SHOTS)) CGO_ENABLED=0 $(GO) test -tags shots -count=1 -timeout 30m -run '$(SHOTS_RUN)' \
		./ui/kiosk/ ./ui/staff/ ./ui/paper/ ./ui/theme/ ./ui/input/
	@echo "screenshots in $(SHOTS)/"

# Each fuzz test for FUZZTIME (its seeds also run in make test), one
# worker at a time. New failures are kept under testdata/fuzz/.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$(CGO_ENABLED=0 $(GO) list ./... | grep -v '^bianmin/cmd/bianmin$$'); do \
	  for f in $$(CGO_ENABLED=0 $(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; \
	    CGO_ENABLED=0 $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) -parallel 1 $$pkg || exit 1; \
	  done; \
	done

bench: deps-test
	bash ui/paper/testdata/cups-setup.sh
	dsn=$$(bash data/datatest/pgcluster.sh start) || exit 1; \
	trap 'bash data/datatest/pgcluster.sh stop' EXIT; \
	BIANMIN_PG_SERVER="$$dsn" CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchmem $(PURE)

# The data file's reliability figures (cmd/relcheck, a few minutes; not in
# make test): 100 kill -9 of a process registering through the store
# (receipts lost, integrity failures, numbers issued twice), and a data
# file damaged mid-file followed by 35 days of daily backups (how many stay
# restorable). The backup under steady writes is a benchmark:
# go test -run '^$$' -bench BackupUnderWrites -benchtime 1x ./data
RELCHECK_KILLS ?= 100
relcheck:
	CGO_ENABLED=0 $(GO) build -o /tmp/relcheck ./cmd/relcheck
	/tmp/relcheck kill -n $(RELCHECK_KILLS)
	/tmp/relcheck backups -days 35
	/tmp/relcheck backups -days 35 -gate=false

lint: deps-build
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# The bulk paths (synth requests and items, catalog export and import) at
# 1k, 10k and 100k, each in a process of its own: seconds, peak memory and
# the ratios (x-10k-100k: 10 is linear). Minutes of work; not part of bench.
# BULK_SIZES="1000 10000" for other sizes, BULK_DIR=dir to keep and reuse
# the synthetic items between runs, BULK_RUNS=N for the median of N runs
# of each, sizes interleaved (on a busy machine).
bench-bulk:
	BIANMIN_BENCH_BULK=1 BIANMIN_BENCH_BULK_SIZES="$(BULK_SIZES)" BIANMIN_BENCH_BULK_DIR="$(BULK_DIR)" \
		BIANMIN_BENCH_BULK_RUNS="$(BULK_RUNS)" \
		CGO_ENABLED=0 $(GO) test -run '^$$' -bench '^BenchmarkBulk$$' -benchtime 1x -timeout 90m ./data/

# The same on the bianmin program (its command line under /usr/bin/time):
# the median of BULK_RUNS (default 3) runs, sizes interleaved, with the
# ratio per 10x. BULK_SIZES, BULK_DIR as above; DATA=postgres://… runs
# synth requests and items on that database (emptied before each run).
bench-bulk-cli: deps-build
	$(call apt,time bc postgresql-client)
	SIZES="$(or $(BULK_SIZES),1000 10000 100000)" RUNS="$(or $(BULK_RUNS),3)" DIR="$(or $(BULK_DIR),/tmp/bench-bulk)" \
		DATA="$(DATA)" bash cmd/barefyne/bench-bulk.sh

# The kiosk's start against a bare Fyne program (cmd/barefyne), under Xvfb:
# time to the first frame, CPU time to it and memory at home, on the sample
# data and on a big data file. RUNS=N for more rounds.
bench-gui: deps-build
	$(call apt,xvfb x11-utils bc)
	bash cmd/barefyne/bench-gui.sh

# Memory beyond home against the bare window: after 办事指南 + a search,
# and with the staff queue open, on bench-gui's big data file (run
# bench-gui first). RUNS=N for more rounds.
bench-walk: deps-build
	$(call apt,xvfb x11-utils bc xdotool imagemagick)
	bash cmd/barefyne/bench-walk.sh

# Each main kiosk tap to its next screen (issue 15/16: 100 ms on the
# sample data, 200 ms on the big file) and the staff sign-in to the queue
# drawn on the big file (300 ms, argon2id aside), timed through XTEST on
# the real program under Xvfb: median and max of RUNS (default 3) per tap.
# About ten minutes; run it on a quiet machine.
bench-taps: deps-build
	$(call apt,xvfb x11-utils imagemagick python3-xlib)
	bash cmd/barefyne/bench-taps.sh

# Memory over a long session on the real program: ROUNDS (default 500)
# registrations and tracking look-ups driven through the window with a
# finger under Xvfb, VmRSS/VmHWM after rounds 1, 100, 250 and ROUNDS. Over
# an hour (MINUTES=M stops sooner); its data file is open all day, every day.
bench-long: deps-build
	$(call apt,xvfb x11-utils imagemagick python3-xlib)
	bash cmd/barefyne/longrun.sh

# Debian packages for amd64 and arm64: dist/bianmin_VERSION_ARCH.deb, with
# VERSION from FyneApp.toml. arm64 is cross-compiled with cgo (Fyne's
# window needs GL and X11) by Debian's aarch64 gcc against the arm64
# libraries installed by multiarch. See cmd/bianmin/packaging/.
package: deps-build deps-package
	rm -f dist/bianmin_*.deb
	bash cmd/bianmin/packaging/build-deb.sh amd64 $(VERSION) dist
	bash cmd/bianmin/packaging/build-deb.sh arm64 $(VERSION) dist

# The packages checked for real (minutes; not part of make test): their
# fields and files, the arm64 binary under qemu, and the amd64 one
# installed, removed and purged in a fresh Debian 12 made by debootstrap.
package-check: package deps-package-check
	$$([ "$$(id -u)" = 0 ] || echo sudo) bash cmd/bianmin/packaging/check-deb.sh $(VERSION) dist

# Rebuild fonts/wqy-microhei-gb2312.ttf from Debian's font package.
font:
	$(call apt,fonts-wqy-microhei python3-fonttools)
	/usr/bin/python3 fonts/subset.py

clean:
	rm -f $(BIN)
	rm -rf dist

deps-build:
	$(call apt,$(APT_BUILD))
deps-run:
	$(call apt,$(APT_RUN))
deps-test:
	$(call apt,$(APT_TEST))
deps-package:
	@dpkg --print-foreign-architectures | grep -qx arm64 || { \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		echo "dpkg --add-architecture arm64"; $$sudo dpkg --add-architecture arm64; }
	$(call apt,$(APT_PACKAGE))
deps-package-check:
	$(call apt,$(APT_PACKAGE_CHECK))

# apt installs the named Debian packages that are not installed yet.
define apt
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		echo "apt-get install$$missing"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef
