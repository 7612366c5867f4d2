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
	collectLessOften()
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

// serverGCPercent is how far the heap grows past what the last collection
// kept before the next one, when GOGC is unset. Go's 100 collects a heap
// of 10 MiB live every 10 MiB of garbage: a few requests' worth at 32
// connections, 14% of a contact read's CPU. At 400 the collector runs a
// quarter as often, and the memory limit above still bounds the heap
// (it collects sooner when the limit nears): a contact by id served
// 1.16-1.30x and the contacts list 1.11-1.48x the requests per second of
// GOGC=100, in three interleaved rounds on the 1M data set.
const serverGCPercent = 400

func collectLessOften() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(serverGCPercent)
	}
}
