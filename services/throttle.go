package services

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"gorm.io/gorm"
)

// Sign-in throttling slows an attacker down without locking the user out.
//
// Two limits apply to every attempt, both kept in the login_throttles table
// (models/migrations/0011_sign_in.sql) so that every process sees them:
//
//   - per (email, client address) pair: a few attempts are free; after
//     that each further attempt must wait after the previous one, twice as
//     long each time, up to a cap. A success clears the pair. An attacker
//     at one address therefore cannot lock the real user, who signs in
//     from another address, out of their account.
//   - per client address, across all emails: a token bucket, so that one
//     address cannot spray passwords over many accounts. A successful
//     sign-in gives its token back, so only failures use the budget.
//
// The pair is keyed by the email as typed (normalised), never by whether an
// account has it, so an unknown email is throttled exactly like a known
// one: the answers tell nobody which emails exist.
//
// An attempt is claimed — written — before its password is verified, in
// one atomic statement that decides from the stored row whether it may
// proceed. However many attempts arrive at once, on however many
// processes, at most the allowed number reach the (slow) password check.

// loginPolicy holds the numbers of sign-in throttling.
type loginPolicy struct {
	freeAttempts int64         // attempts of a pair evaluated without delay
	firstDelay   time.Duration // the wait after the free attempts; doubles with each further attempt
	maxDelay     time.Duration // the longest wait between two attempts of a pair
	forgetAfter  time.Duration // a key unused this long starts afresh
	addrBurst    int64         // failed attempts one address may make at once, over all emails
	addrEvery    time.Duration // and one more per this interval
}

// defaultLoginPolicy: five attempts free, then 2 s, 4 s, 8 s ... at most
// 15 minutes apart; an address may fail 20 times at once and then once
// every 30 seconds (120 an hour), whichever accounts it tries.
var defaultLoginPolicy = loginPolicy{
	freeAttempts: 5,
	firstDelay:   2 * time.Second,
	maxDelay:     15 * time.Minute,
	forgetAfter:  24 * time.Hour,
	addrBurst:    20,
	addrEvery:    30 * time.Second,
}

// pairKey and addrKey name the rows of login_throttles. The pair's key is a
// hash, so the table keeps no email addresses.
func pairKey(email, addr string) string {
	sum := sha256.Sum256([]byte(email + "\x00" + addr))
	return "p:" + hex.EncodeToString(sum[:])
}

func addrKey(addr string) string { return "a:" + addr }

// Parameters are never added to each other in SQL: PostgreSQL cannot type
// "$1 + $2"; sums of parameters are computed here (first_next).

// claimPairSQL records one attempt of a pair unless the pair must still
// wait. The SET expressions read the row as it was before the update, on
// both databases; the WHERE makes a waiting pair's claim change nothing and
// return no row.
const claimPairSQL = `INSERT INTO login_throttles (throttle_key, fails, delay_ms, next_at_ms, updated_ms)
VALUES (@key, 1, @first_delay, @first_next, @now)
ON CONFLICT (throttle_key) DO UPDATE SET
  fails = login_throttles.fails + 1,
  delay_ms = ` + nextDelaySQL + `,
  next_at_ms = @now + ` + nextDelaySQL + `,
  updated_ms = @now
WHERE login_throttles.next_at_ms <= @now
RETURNING fails`

// nextDelaySQL is the wait that an attempt imposes on the next one: none
// while within the free allowance, then firstDelay, doubling, capped.
const nextDelaySQL = `(CASE WHEN login_throttles.fails + 1 < @free THEN 0
  WHEN login_throttles.delay_ms = 0 THEN @first
  WHEN login_throttles.delay_ms * 2 > @max THEN @max
  ELSE login_throttles.delay_ms * 2 END)`

// claimAddrSQL is the generic cell rate algorithm: next_at_ms is the
// theoretical arrival time of the next attempt; an attempt is allowed while
// it lies no more than (burst-1) intervals ahead of now.
const claimAddrSQL = `INSERT INTO login_throttles (throttle_key, fails, delay_ms, next_at_ms, updated_ms)
VALUES (@key, 1, 0, @first_next, @now)
ON CONFLICT (throttle_key) DO UPDATE SET
  fails = login_throttles.fails + 1,
  next_at_ms = (CASE WHEN login_throttles.next_at_ms > @now THEN login_throttles.next_at_ms ELSE @now END) + @every,
  updated_ms = @now
WHERE login_throttles.next_at_ms - @now <= @slack
RETURNING fails`

type throttleRow struct {
	Fails    int64
	NextAtMs int64
}

// claimPair records an attempt of the pair before its password is checked.
// It returns zero when the attempt may go on, or how long to wait.
func (p loginPolicy) claimPair(db *gorm.DB, key string, now time.Time) (time.Duration, error) {
	ms := now.UnixMilli()
	first := int64(0)
	if p.freeAttempts <= 1 {
		first = p.firstDelay.Milliseconds()
	}
	var rows []throttleRow
	err := db.Raw(claimPairSQL, map[string]any{
		"key": key, "now": ms, "first_delay": first, "first_next": ms + first, "free": p.freeAttempts,
		"first": p.firstDelay.Milliseconds(), "max": p.maxDelay.Milliseconds(),
	}).Scan(&rows).Error
	if err != nil || len(rows) > 0 {
		return 0, err
	}
	return waitFor(db, key, ms, 0)
}

// claimAddr takes one attempt from the address's budget.
func (p loginPolicy) claimAddr(db *gorm.DB, key string, now time.Time) (time.Duration, error) {
	ms := now.UnixMilli()
	slack := (p.addrBurst - 1) * p.addrEvery.Milliseconds()
	var rows []throttleRow
	err := db.Raw(claimAddrSQL, map[string]any{
		"key": key, "now": ms, "every": p.addrEvery.Milliseconds(), "first_next": ms + p.addrEvery.Milliseconds(), "slack": slack,
	}).Scan(&rows).Error
	if err != nil || len(rows) > 0 {
		return 0, err
	}
	return waitFor(db, key, ms, slack)
}

// refundAddr gives back the address's attempt: the sign-in succeeded, or the
// pair's limit refused it before the password was looked at.
func (p loginPolicy) refundAddr(db *gorm.DB, key string) error {
	return db.Exec(`UPDATE login_throttles SET next_at_ms = next_at_ms - ? WHERE throttle_key = ?`,
		p.addrEvery.Milliseconds(), key).Error
}

// resetPair clears a pair after a successful sign-in.
func resetPair(db *gorm.DB, key string) error {
	return db.Exec(`DELETE FROM login_throttles WHERE throttle_key = ?`, key).Error
}

// forget drops the rows unused for forgetAfter: such a pair starts afresh,
// and the table does not grow with every address that ever tried.
func (p loginPolicy) forget(db *gorm.DB, now time.Time) error {
	return db.Exec(`DELETE FROM login_throttles WHERE updated_ms < ?`, now.Add(-p.forgetAfter).UnixMilli()).Error
}

// waitFor reads how long a refused key must wait (for Retry-After).
func waitFor(db *gorm.DB, key string, now, slack int64) (time.Duration, error) {
	var next []int64
	if err := db.Raw(`SELECT next_at_ms FROM login_throttles WHERE throttle_key = ?`, key).Scan(&next).Error; err != nil {
		return 0, err
	}
	wait := time.Second
	if len(next) > 0 {
		wait = max(time.Duration(next[0]-now-slack)*time.Millisecond, time.Second)
	}
	// Whole seconds, rounded up: Retry-After counts seconds, and a client
	// that waits as told must find the way open.
	return (wait + time.Second - 1).Truncate(time.Second), nil
}
