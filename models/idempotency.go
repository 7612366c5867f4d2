package models

import "time"

// IdempotencyKey is one Idempotency-Key a user sent on a POST, with the
// response kept for its repeats (migrations/0013_idempotency_keys.sql).
type IdempotencyKey struct {
	UserID      int64  `gorm:"primaryKey;autoIncrement:false"`
	IdemKey     string `gorm:"primaryKey"`
	RequestHash string
	State       string // IdempotencyInFlight or IdempotencyDone
	Claim       string // the random value of the request that holds the row
	ClaimedAt   time.Time
	Status      int
	ContentType string
	Location    string
	ETag        string `gorm:"column:etag"`
	Body        []byte
	CreatedAt   time.Time
}

// The states of an idempotency key.
const (
	IdempotencyInFlight = "in_flight"
	IdempotencyDone     = "done"
)
