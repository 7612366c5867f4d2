package services

import (
	"context"
	"errors"
	"testing"
	"time"

	"liaison/models"
)

// A batch of a bulk load that takes turns checks its rows at once but
// writes nothing until the batch before it has committed; when that batch
// failed it writes nothing at all. SQLite takes no turns: the batch runs as
// any, without asking.
func TestImportBatchWritesOnItsTurn(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	bulk := models.WithBulkLoad(e.ctx)
	count := func(name string) int64 {
		var n int64
		e.db.Table("organizations").Where("name = ?", name).Count(&n)
		return n
	}

	asked := make(chan struct{}, 1)
	release := make(chan error)
	turn := func(ctx context.Context) error {
		asked <- struct{}{}
		return <-release
	}
	type result struct {
		ids []int64
		err error
	}
	done := make(chan result, 1)
	go func() {
		ids, err := e.svc.Import().Organizations(WithWriteTurn(bulk, turn), a, []OrganizationInput{{Name: "Waits for its turn", Type: "ngo"}})
		done <- result{ids, err}
	}()
	if !e.svc.Import().TakesTurns() {
		if r := <-done; r.err != nil || len(r.ids) != 1 || count("Waits for its turn") != 1 {
			t.Fatalf("without turns: %+v", r)
		}
		select {
		case <-asked:
			t.Error("a database that takes no turns asked for one")
		default:
		}
		return
	}
	select {
	case <-asked:
	case r := <-done:
		t.Fatalf("the batch ended without asking for its turn: %+v", r)
	case <-time.After(10 * time.Second):
		t.Fatal("the batch never asked for its turn")
	}
	if n := count("Waits for its turn"); n != 0 {
		t.Errorf("%d rows visible before the batch's turn", n)
	}
	release <- nil
	if r := <-done; r.err != nil || len(r.ids) != 1 {
		t.Fatalf("after its turn: %+v", r)
	}
	if n := count("Waits for its turn"); n != 1 {
		t.Errorf("%d rows after the batch's turn, want 1", n)
	}

	// The batch before failed: this one gives up, and nothing of it is written.
	failed := errors.New("the batch before did not commit")
	go func() { <-asked; release <- failed }()
	_, err := e.svc.Import().Organizations(WithWriteTurn(bulk, turn), a, []OrganizationInput{{Name: "Never written", Type: "ngo"}})
	if !errors.Is(err, failed) || count("Never written") != 0 {
		t.Errorf("after a failed batch before it: %v, %d rows", err, count("Never written"))
	}
	// Outside a bulk load a turn is not taken.
	ids, err := e.svc.Import().Organizations(WithWriteTurn(e.ctx, turn), a, []OrganizationInput{{Name: "Not a bulk load", Type: "ngo"}})
	if err != nil || len(ids) != 1 || len(asked) != 0 {
		t.Errorf("outside a bulk load: %v, %d ids, asked %d", err, len(ids), len(asked))
	}
}
