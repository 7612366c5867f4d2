package main

import (
	"math"
	"os"
	"runtime/debug"
)

// tuneProcess sets what the process as a whole runs with. main calls it
// before any command: a library never changes the process it is loaded
// into.
func tuneProcess() {
	capMallocArenas()
	limitMemory()
}

// serverMemoryLimit is the soft limit of the Go heap and runtime when
// GOMEMLIMIT is unset. The live heap of a busy server is about 10 MiB; what
// grows under load is garbage between collections (32 concurrent timeline
// responses), which the limit makes the collector return sooner. With the
// binary's own pages (about 30 MiB) and the SQLite caches this keeps the
// process near 100 MiB. Set GOMEMLIMIT (or GOMEMLIMIT=off) to choose
// otherwise; a bulk load lifts it (seed-bench).
const serverMemoryLimit = 48 << 20

func limitMemory() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(serverMemoryLimit)
	}
}
