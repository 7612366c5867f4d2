package services

import (
	"errors"
	"testing"
	"time"
)

// A claim in flight holds its key until its lease runs out; then another
// request takes it over, and the first holder can no longer complete or
// release it (it was presumed dead). Only the holder's response is kept.
func TestIdempotencyClaimLeaseAndTakeOver(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	first := must(e.svc.Idempotency.Claim(e.ctx, officer, "k", "hash-1"))
	if first.Token == "" || first.Replay != nil {
		t.Fatalf("first claim: %+v", first)
	}
	if _, err := e.svc.Idempotency.Claim(e.ctx, officer, "k", "hash-1"); !errors.Is(err, ErrIdempotencyKeyInFlight) {
		t.Fatalf("a second claim while the first runs: %v", err)
	}
	if _, err := e.svc.Idempotency.Claim(e.ctx, officer, "k", "hash-2"); !errors.Is(err, ErrIdempotencyKeyReused) {
		t.Fatalf("the key with another request: %v", err)
	}
	// The holder was killed: past the lease, its claim is taken over.
	e.db.Exec("UPDATE idempotency_keys SET claimed_at = ?", time.Now().UTC().Add(-IdempotencyLease-time.Second))
	second := must(e.svc.Idempotency.Claim(e.ctx, officer, "k", "hash-1"))
	if second.Token == "" || second.Token == first.Token {
		t.Fatalf("take-over: %+v", second)
	}
	// The old holder, alive after all, changes nothing.
	if err := e.svc.Idempotency.Complete(e.ctx, officer, "k", first.Token, KeptResponse{Status: 201, Body: []byte("old")}); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Idempotency.Release(e.ctx, officer, "k", first.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Idempotency.Claim(e.ctx, officer, "k", "hash-1"); !errors.Is(err, ErrIdempotencyKeyInFlight) {
		t.Fatalf("after the old holder's complete and release: %v", err)
	}
	kept := KeptResponse{Status: 201, ContentType: "application/json", Location: "/api/v1/contacts/9", ETag: `"1"`, Body: []byte(`{"id":9}`)}
	if err := e.svc.Idempotency.Complete(e.ctx, officer, "k", second.Token, kept); err != nil {
		t.Fatal(err)
	}
	got := must(e.svc.Idempotency.Claim(e.ctx, officer, "k", "hash-1"))
	if got.Replay == nil || got.Replay.Status != 201 || string(got.Replay.Body) != `{"id":9}` || got.Replay.Location != kept.Location ||
		got.Replay.ETag != kept.ETag || got.Replay.ContentType != kept.ContentType {
		t.Fatalf("replay: %+v", got.Replay)
	}
}

// A released claim (the request failed on the server) lets the retry run.
func TestIdempotencyReleaseLetsARetryRun(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	c := must(e.svc.Idempotency.Claim(e.ctx, officer, "k", "h"))
	if err := e.svc.Idempotency.Release(e.ctx, officer, "k", c.Token); err != nil {
		t.Fatal(err)
	}
	again := must(e.svc.Idempotency.Claim(e.ctx, officer, "k", "h"))
	if again.Token == "" || again.Replay != nil {
		t.Fatalf("retry after a release: %+v", again)
	}
}
