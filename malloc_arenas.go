//go:build linux && cgo

package main

/*
#include <malloc.h>
*/
import "C"

// capMallocArenas keeps glibc to two malloc arenas. glibc gives each thread
// that calls into C its own arena when threads contend, up to eight per
// core, and keeps what each arena ever held. Every Go thread that runs a
// SQLite statement calls into C, so a busy server grew by tens of megabytes
// of mostly idle arenas. SQLite's own allocations are small and
// short-lived, and the Go heap does not use malloc. (The same as
// MALLOC_ARENA_MAX=2, without depending on how the process is started.)
func capMallocArenas() {
	C.mallopt(C.M_ARENA_MAX, 2)
}
