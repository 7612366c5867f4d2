package services

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// IdempotencyService keeps the Idempotency-Key of POST requests with their
// responses (API.md, "Single records and concurrency"; the table and the
// protocol: models/migrations/0013_idempotency_keys.sql). The HTTP layer
// claims a key before it runs a request, and completes the claim with the
// response or releases it; everything that decides between concurrent
// requests happens in the database, so that any number of processes agree.
type IdempotencyService struct {
	db    *gorm.DB
	clock func() time.Time // models.Now
}

// How long a key is kept, and how long a claim may stay in flight before
// another request may take it over (the process that held it was killed).
const (
	IdempotencyTTL   = 24 * time.Hour
	IdempotencyLease = 2 * time.Minute
)

// The outcomes of a claim that are not a go-ahead.
var (
	// ErrIdempotencyKeyReused: the key was used for another request (another
	// method, path or body).
	ErrIdempotencyKeyReused = errors.New("idempotency key used for another request")
	// ErrIdempotencyKeyInFlight: the first request with the key is still
	// running; the client may retry shortly.
	ErrIdempotencyKeyInFlight = errors.New("idempotency key in flight")
)

// KeptResponse is the response kept with a key, replayed to its repeats.
type KeptResponse struct {
	Status                      int
	ContentType, Location, ETag string
	Body                        []byte
}

// IdempotencyClaim is the answer to a claim: either the request may run,
// holding Token (to complete or release the key with), or Replay is the
// response of the request that ran before.
type IdempotencyClaim struct {
	Token  string
	Replay *KeptResponse
}

func (s *IdempotencyService) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return models.Now()
}

// Claim claims key for one request of the actor, identified by requestHash
// (the caller's digest of method, path and body). A key seen within
// IdempotencyTTL answers with the response kept for it; a key older than
// that is forgotten and claimed afresh.
// Errors: ErrIdempotencyKeyReused, ErrIdempotencyKeyInFlight.
func (s *IdempotencyService) Claim(ctx context.Context, actor Actor, key, requestHash string) (IdempotencyClaim, error) {
	db := s.db.WithContext(ctx)
	for range 3 {
		now := s.now()
		// An expired key is no key: it must not answer, and may be reused.
		if err := db.Exec(`DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ? AND created_at <= ?`,
			actor.UserID, key, now.Add(-IdempotencyTTL)).Error; err != nil {
			return IdempotencyClaim{}, err
		}
		token := claimToken()
		// The primary key (user_id, idem_key) lets one insert through.
		res := db.Exec(`INSERT INTO idempotency_keys (user_id, idem_key, request_hash, state, claim, claimed_at, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, idem_key) DO NOTHING`,
			actor.UserID, key, requestHash, models.IdempotencyInFlight, token, now, now)
		if res.Error != nil {
			return IdempotencyClaim{}, res.Error
		}
		if res.RowsAffected == 1 {
			return IdempotencyClaim{Token: token}, nil
		}
		var row models.IdempotencyKey
		err := db.Where("user_id = ? AND idem_key = ?", actor.UserID, key).Take(&row).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			continue // released since: claim again
		}
		if err != nil {
			return IdempotencyClaim{}, err
		}
		switch {
		case row.RequestHash != requestHash:
			return IdempotencyClaim{}, ErrIdempotencyKeyReused
		case row.State == models.IdempotencyDone:
			return IdempotencyClaim{Replay: &KeptResponse{Status: row.Status, ContentType: row.ContentType,
				Location: row.Location, ETag: row.ETag, Body: row.Body}}, nil
		case row.ClaimedAt.After(now.Add(-IdempotencyLease)):
			return IdempotencyClaim{}, ErrIdempotencyKeyInFlight
		}
		// The holder's lease ran out: take the claim over, if no other
		// request took it first.
		res = db.Exec(`UPDATE idempotency_keys SET claim = ?, claimed_at = ?
WHERE user_id = ? AND idem_key = ? AND state = ? AND claim = ?`,
			token, now, actor.UserID, key, models.IdempotencyInFlight, row.Claim)
		if res.Error != nil {
			return IdempotencyClaim{}, res.Error
		}
		if res.RowsAffected == 1 {
			return IdempotencyClaim{Token: token}, nil
		}
	}
	return IdempotencyClaim{}, ErrIdempotencyKeyInFlight
}

// Complete keeps the response of the request that holds the claim token;
// a claim taken over in the meantime is left to its new holder.
func (s *IdempotencyService) Complete(ctx context.Context, actor Actor, key, token string, r KeptResponse) error {
	return s.db.WithContext(ctx).Exec(`UPDATE idempotency_keys
SET state = ?, status = ?, content_type = ?, location = ?, etag = ?, body = ?
WHERE user_id = ? AND idem_key = ? AND claim = ? AND state = ?`,
		models.IdempotencyDone, r.Status, r.ContentType, r.Location, r.ETag, r.Body,
		actor.UserID, key, token, models.IdempotencyInFlight).Error
}

// Release gives a claimed key up without a response (the request failed on
// the server's side), so that a retry runs again.
func (s *IdempotencyService) Release(ctx context.Context, actor Actor, key, token string) error {
	return s.db.WithContext(ctx).Exec(`DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ? AND claim = ? AND state = ?`,
		actor.UserID, key, token, models.IdempotencyInFlight).Error
}

// Prune deletes the keys older than IdempotencyTTL, as of now, and returns
// how many it deleted. The scheduled work calls it.
func (s *IdempotencyService) Prune(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Exec(`DELETE FROM idempotency_keys WHERE created_at <= ?`, now.UTC().Add(-IdempotencyTTL))
	return res.RowsAffected, res.Error
}

func claimToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
