# Sourced by bench-gui.sh and bench-taps.sh: the data files they measure
# on, made with $BIN once for each version of data/ (its git tree) in
# $DATADIR, and their paths in $sample (a fresh data file with the sample
# catalog) and $big (that with 10,000 more items and 100,000 requests).
key=$(git rev-parse HEAD:data 2>/dev/null | cut -c1-12 || echo dev)
sample="$DATADIR/sample-$key.db"
big="$DATADIR/big-$key.db"
if [ ! -f "$sample" ]; then
	"$BIN" catalog export "$DATADIR/catalog.json" --data "$sample.tmp" >/dev/null
	mv "$sample.tmp" "$sample"
fi
if [ ! -f "$big" ]; then
	echo "making the big data file (once for this version of data/)…"
	cp "$sample" "$big.tmp"
	"$BIN" synth items -n 10000 --data "$big.tmp"
	"$BIN" synth requests -n 100000 --data "$big.tmp"
	mv "$big.tmp" "$big"
fi
