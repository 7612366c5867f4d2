package services

import (
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// A principal is what a session or personal API token resolved to: the
// user and the facts about them that every request's authorization reads.
// Resolving one takes a join of the token's table with users, and for
// roles that require two-factor sign-in a look at user_mfa, on every
// request. Each process therefore keeps the principals it resolved,
// keyed by the token's hash, under the user's auth epoch
// (models.AuthEpochsTable) read in the same statement. A kept principal is
// used only while a primary-key read of that epoch answers the same: the
// triggers raise it in the transaction of every logout, session end, token
// revocation, deactivation, role, office or password change and change of
// two-factor sign-in, so a revocation made through any process refuses the
// token on every other at its next request.
//
// A principal is kept no longer than sessionTouchEvery after its session or
// token was last seen in the database, so that the slow path still records
// last use as often as before, and idle and absolute timeouts are checked
// on every use against what was last read (a timeout is never extended:
// another process's later use only makes the database's last_seen_at newer).
type principal struct {
	userID, officeID, sessionID int64
	role                        string
	mfaEnrolmentRequired        bool
	expiresAt                   time.Time // sessions only
	seenAt                      time.Time // last_seen_at or last_used_at, as last read or written
}

// maxCachedPrincipals bounds the cache: about one entry per signed-in
// browser or script using this process in the last minute.
const maxCachedPrincipals = 10000

// Key prefixes keep sessions' and tokens' hashes apart, so that a token
// is never accepted as the other kind.
const (
	sessionKey = "session:"
	tokenKey   = "token:"
)

func newPrincipalCache() *epochCache[principal] {
	return &epochCache[principal]{limit: maxCachedPrincipals}
}

// cachedPrincipal returns the principal kept under key if it may still be
// used at now and its user's epoch is unchanged. Any doubt (none kept, too
// old, an error reading the epoch) answers false: the caller resolves the
// token afresh.
func (s *AuthService) cachedPrincipal(db *gorm.DB, key string, now time.Time) (principal, bool) {
	p, epoch, ok := s.principals.entry(key)
	if !ok || now.Sub(p.seenAt) > sessionTouchEvery {
		return principal{}, false
	}
	if p.sessionID != 0 && !s.live(models.Session{ExpiresAt: p.expiresAt, LastSeenAt: p.seenAt}, now) {
		return principal{}, false
	}
	var current int64
	if err := query.DirectRow(db, models.AuthEpoch, p.userID).Scan(&current); err != nil || current != epoch {
		return principal{}, false
	}
	return p, true
}

// actor is the principal acting from origin.
func (p principal) actor(origin Origin) Actor {
	return Actor{UserID: p.userID, OfficeID: p.officeID, Role: p.role, SessionID: p.sessionID, Origin: origin,
		MFAEnrolmentRequired: p.mfaEnrolmentRequired}
}
