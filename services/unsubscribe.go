package services

import (
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// One-click unsubscribe (RFC 8058): each mail names an address that stops
// that kind of mail for its recipient, without signing in. The address
// carries the user, the kind and an HMAC of both under a key derived from
// the secret key, so it cannot be made for someone else; it does nothing
// but turn a preference off.

// Unsubscribe topics: the kinds of mail a person may stop.
const (
	TopicAssigned = "assigned"
	TopicDigest   = "digest"
)

// unsubscribeKey derives the signing key of unsubscribe addresses.
func unsubscribeKey(secret []byte) []byte {
	key, err := hkdf.Key(sha256.New, secret, nil, "liaison unsubscribe v1", 32)
	if err != nil {
		panic(err) // only for a key length HKDF-SHA256 cannot give; 32 it can
	}
	return key
}

// unsubscribeToken is the path segment of the address that stops topic
// for user: "<user>.<topic>.<signature>".
func unsubscribeToken(key []byte, userID int64, topic string) string {
	payload := strconv.FormatInt(userID, 10) + "." + topic
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(payload))
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// UnsubscribeRequest is a checked unsubscribe address.
type UnsubscribeRequest struct {
	UserID   int64
	OfficeID int64
	Topic    string
	Locale   string
}

// CheckUnsubscribe reads an unsubscribe token. Errors: ErrNotFound (not a
// token this server signed, or an inactive user).
func (s *PreferenceService) CheckUnsubscribe(ctx context.Context, token string) (UnsubscribeRequest, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || (parts[1] != TopicAssigned && parts[1] != TopicDigest) {
		return UnsubscribeRequest{}, ErrNotFound
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || id <= 0 {
		return UnsubscribeRequest{}, ErrNotFound
	}
	if !hmac.Equal([]byte(unsubscribeToken(s.unsubscribeKey, id, parts[1])), []byte(token)) {
		return UnsubscribeRequest{}, ErrNotFound
	}
	var users []models.User
	if err := s.db.WithContext(ctx).Where("id = ? AND active", id).Limit(1).Find(&users).Error; err != nil {
		return UnsubscribeRequest{}, err
	}
	if len(users) == 0 {
		return UnsubscribeRequest{}, ErrNotFound
	}
	return UnsubscribeRequest{UserID: id, OfficeID: users[0].OfficeID, Topic: parts[1], Locale: users[0].Locale}, nil
}

// Unsubscribe turns off the topic of a checked token. Repeating it changes
// nothing. The audit says who stopped what, as the user.
func (s *PreferenceService) Unsubscribe(ctx context.Context, token string) (UnsubscribeRequest, error) {
	r, err := s.CheckUnsubscribe(ctx, token)
	if err != nil {
		return r, err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := preferencesOf(tx, r.UserID)
		if err != nil {
			return err
		}
		before := p
		switch r.Topic {
		case TopicAssigned:
			p.EmailOnAssigned = false
		case TopicDigest:
			p.Digest = models.DigestOff
		}
		if p == before {
			return nil
		}
		if err := savePreferences(tx, &p); err != nil {
			return err
		}
		uid := r.UserID
		return writeAudit(tx, auditEntry{actorID: &uid, action: ActionUnsubscribe, entity: models.EntityUser, entityID: uid, officeID: r.OfficeID,
			changes: map[string]fieldChange{"unsubscribed": {New: r.Topic}}})
	})
	return r, err
}

// ActionUnsubscribe is the audit action of a one-click unsubscribe.
const ActionUnsubscribe = "unsubscribe"

// UnsubscribeURL is the address that stops topic for user.
func (s *PreferenceService) UnsubscribeURL(base string, userID int64, topic string) string {
	return fmt.Sprintf("%s/unsubscribe/%s", strings.TrimRight(base, "/"), unsubscribeToken(s.unsubscribeKey, userID, topic))
}
