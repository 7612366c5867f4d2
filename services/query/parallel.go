package query

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelMinRows is the batch size below which splitting the work costs
// more than it saves.
const parallelMinRows = 512

// EachInParallel calls fn for every index in [0, n), spread over the
// machine's cores for large n. The import computes each row's folded
// search text this way: pure CPU work that would otherwise run on the one
// goroutine holding the write transaction, while the other core idles.
// fn must only touch what belongs to index i.
func EachInParallel(n int, fn func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < parallelMinRows || workers < 2 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	workers = min(workers, n/(parallelMinRows/2))
	var wg sync.WaitGroup
	var failed atomic.Pointer[any] // the first worker's panic
	per := (n + workers - 1) / workers
	for from := 0; from < n; from += per {
		to := min(n, from+per)
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A panic is handed to the caller's goroutine, where the
			// request's recovery turns it into a 500, instead of ending
			// the process from here.
			defer func() {
				if r := recover(); r != nil {
					failed.CompareAndSwap(nil, &r)
				}
			}()
			for i := from; i < to; i++ {
				fn(i)
			}
		}()
	}
	wg.Wait()
	if r := failed.Load(); r != nil {
		panic(*r)
	}
}
