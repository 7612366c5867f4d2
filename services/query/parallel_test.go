package query

import (
	"sync/atomic"
	"testing"
)

func TestEachInParallelVisitsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, parallelMinRows - 1, parallelMinRows, 5001} {
		seen := make([]atomic.Int32, n)
		EachInParallel(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Fatalf("n=%d: index %d visited %d times", n, i, got)
			}
		}
	}
}

func TestEachInParallelHandsAPanicToTheCaller(t *testing.T) {
	defer func() {
		if r := recover(); r != "row 700" {
			t.Fatalf("recovered %v, want the worker's panic", r)
		}
	}()
	EachInParallel(2000, func(i int) {
		if i == 700 {
			panic("row 700")
		}
	})
	t.Fatal("no panic reached the caller")
}
