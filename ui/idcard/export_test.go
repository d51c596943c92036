package idcard

// PortOf is the port under a Reader, for the benchmark's floor.
func PortOf(r *Reader) Port { return r.port }
