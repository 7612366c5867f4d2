package services

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// Audit action for sessions ended by their user or an admin (signing out
// is ActionLogout). One session: entity "session"; several at once: entity
// "user" with the count under "sessions".
const ActionSessionEnd = "session_end"

// SessionInfo is one live session as its user (or an admin) sees it.
type SessionInfo struct {
	ID         int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	ClientAddr string
	Device     string // a summary of the user agent: "Firefox on Windows"
	Current    bool   // the session of the request
}

// ListSessions returns the actor's own live sessions, the most recently
// used first.
func (s *AuthService) ListSessions(ctx context.Context, actor Actor) ([]SessionInfo, error) {
	return s.liveSessions(s.db.WithContext(ctx), actor, actor.UserID)
}

// UserSessions returns a user's live sessions; admins only.
// Errors: ErrForbidden, ErrNotFound.
func (s *AuthService) UserSessions(ctx context.Context, actor Actor, userID int64) ([]SessionInfo, error) {
	if !actor.IsAdmin() {
		return nil, ErrForbidden
	}
	db := s.db.WithContext(ctx)
	if err := db.Select("id").First(&models.User{}, userID).Error; err != nil {
		return nil, notFoundOr(err)
	}
	return s.liveSessions(db, actor, userID)
}

func (s *AuthService) liveSessions(db *gorm.DB, actor Actor, userID int64) ([]SessionInfo, error) {
	var rows []models.Session
	if err := db.Where("user_id = ?", userID).Order("last_seen_at DESC, id DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	now := models.Now()
	out := make([]SessionInfo, 0, len(rows))
	for _, r := range rows {
		if !s.live(r, now) {
			continue // dead already; removed when next presented
		}
		out = append(out, SessionInfo{ID: r.ID, CreatedAt: r.CreatedAt, LastSeenAt: r.LastSeenAt, ExpiresAt: r.ExpiresAt,
			ClientAddr: r.ClientAddr, Device: DeviceOf(r.UserAgent), Current: r.ID == actor.SessionID})
	}
	return out, nil
}

// live applies a session's idle and absolute timeouts: the one rule of
// whether a session still works, for Authenticate and for the lists.
func (s *AuthService) live(r models.Session, now time.Time) bool {
	return now.Before(r.ExpiresAt) && now.Sub(r.LastSeenAt) <= s.cfg.SessionIdle
}

// EndSession ends one session of the actor's (admins: anyone's).
// Errors: ErrNotFound.
func (s *AuthService) EndSession(ctx context.Context, actor Actor, id int64) error {
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var sess struct {
			UserID   int64
			OfficeID int64
		}
		q := tx.Table("sessions").Select("sessions.user_id, users.office_id").
			Joins("JOIN users ON users.id = sessions.user_id").Where("sessions.id = ?", id)
		if !actor.IsAdmin() {
			q = q.Where("sessions.user_id = ?", actor.UserID)
		}
		if err := q.Take(&sess).Error; err != nil {
			return notFoundOr(err)
		}
		if err := tx.Delete(&models.Session{}, id).Error; err != nil {
			return err
		}
		return actor.audit(tx, ActionSessionEnd, models.EntitySession, id, sess.OfficeID, nil)
	})
}

// EndOtherSessions ends every session of the actor but the current one
// ("sign out everywhere else") and returns how many it ended.
func (s *AuthService) EndOtherSessions(ctx context.Context, actor Actor) (int64, error) {
	var n int64
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var err error
		n, err = endAccess(tx, actor, actor.UserID, actor.OfficeID, actor.SessionID, false)
		return err
	})
	return n, err
}

// EndUserSessions ends every session of a user and, with revokeTokens,
// revokes their personal API tokens; admins only.
// Errors: ErrForbidden, ErrNotFound.
func (s *AuthService) EndUserSessions(ctx context.Context, actor Actor, userID int64, revokeTokens bool) error {
	if !actor.IsAdmin() {
		return ErrForbidden
	}
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var u models.User
		if err := tx.Select("id, office_id").First(&u, userID).Error; err != nil {
			return notFoundOr(err)
		}
		except := int64(0)
		if userID == actor.UserID {
			except = actor.SessionID // an admin ending their own keeps the one in use
		}
		_, err := endAccess(tx, actor, u.ID, u.OfficeID, except, revokeTokens)
		return err
	})
}

// endAccess deletes a user's sessions but except (0: none) and, with
// revokeTokens, revokes their tokens, auditing what it ended, and returns
// how many sessions it ended. It is the one place where access ends in
// bulk: password changes and resets, deactivation, "sign out everywhere
// else" and an admin's "end all".
func endAccess(tx *gorm.DB, actor Actor, userID, officeID, except int64, revokeTokens bool) (sessions int64, err error) {
	res := tx.Where("user_id = ? AND id <> ?", userID, except).Delete(&models.Session{})
	if res.Error != nil {
		return 0, res.Error
	}
	sessions = res.RowsAffected
	if sessions > 0 {
		err = actor.audit(tx, ActionSessionEnd, models.EntityUser, userID, officeID,
			map[string]fieldChange{"sessions": {Old: sessions, New: 0}})
		if err != nil {
			return 0, err
		}
	}
	if !revokeTokens {
		return sessions, nil
	}
	res = tx.Model(&models.APIToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", models.Now())
	if res.Error != nil {
		return 0, res.Error
	}
	if res.RowsAffected > 0 {
		err = actor.audit(tx, ActionTokenRevoke, models.EntityUser, userID, officeID,
			map[string]fieldChange{"tokens": {Old: res.RowsAffected, New: 0}})
	}
	return sessions, err
}

// DeviceOf summarises a User-Agent header for a person: "Firefox on
// Windows", "Safari on iOS", "curl". The raw header is kept in the table;
// a list of sessions need only tell them apart.
func DeviceOf(ua string) string {
	if strings.TrimSpace(ua) == "" {
		return "unknown"
	}
	browser := ""
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"},
		{"CriOS/", "Chrome"}, {"Chromium/", "Chromium"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"},
		{"curl/", "curl"}, {"python-requests/", "Python"}, {"Go-http-client/", "Go"}, {"PostmanRuntime/", "Postman"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, o := range []struct{ token, name string }{
		{"iPhone", "iOS"}, {"iPad", "iPadOS"}, {"Android", "Android"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"Macintosh", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			system = o.name
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return browser + " on " + system
	case browser != "":
		return browser
	case system != "":
		return system
	}
	return truncate(ua, 60)
}
