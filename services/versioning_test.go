package services

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

// Writes sent with If-Match: * never report a conflict: each applies to
// whatever version is current when it runs, and none is lost. Writes sent
// with a version still do: of several made at the same version, one wins.
func TestConcurrentWritesWithAndWithoutAVersion(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	c := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Share the workshop report"}))
	const writers = 6

	run := func(round string, version *int64) []error {
		errs := make([]error, writers)
		var wg sync.WaitGroup
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = e.svc.Commitments.Update(e.ctx, a, c.ID, version, CommitmentPatch{Details: To(fmt.Sprintf("%s note %d", round, i))})
			}()
		}
		wg.Wait()
		return errs
	}

	for i, err := range run("unversioned", nil) {
		if err != nil {
			t.Errorf("unversioned writer %d: %v", i, err)
		}
	}
	after := must(e.svc.Commitments.Get(e.ctx, a, c.ID))
	if after.Version != c.Version+writers {
		t.Fatalf("version %d after %d unversioned writes from %d: a write was lost", after.Version, writers, c.Version)
	}

	won, stale := 0, 0
	for i, err := range run("versioned", &after.Version) {
		switch {
		case err == nil:
			won++
		case errors.Is(err, ErrStale):
			stale++
		default:
			t.Errorf("versioned writer %d: %v", i, err)
		}
	}
	if won != 1 || stale != writers-1 {
		t.Fatalf("%d writes at version %d won and %d were refused as stale; want 1 and %d", won, after.Version, stale, writers-1)
	}
}
