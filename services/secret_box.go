package services

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// secretBox seals the secrets Liaison must be able to read back — today the
// TOTP secrets of two-factor sign-in — with AES-256-GCM under a key that
// lives outside the database (LIAISON_SECRET_KEY, or a key file). A stolen
// database file, dump or backup then holds no usable second factor: with
// the password hashes alone an attacker still lacks the codes.
//
// Each sealed value is bound to where it is stored (its purpose and row) as
// additional data, so a ciphertext copied onto another user's row does not
// open. Values written before sealing existed carry no prefix and are read
// as they are, until SealStoredSecrets rewrites them.
type secretBox struct {
	aead        cipher.AEAD
	fingerprint string
}

// sealedPrefix marks a sealed value and the format's version.
const sealedPrefix = "v1:"

// MinSecretKeyLength is the shortest LIAISON_SECRET_KEY accepted: 32
// characters of a random string carry enough entropy for AES-256.
const MinSecretKeyLength = 32

// ErrSecretKeyMismatch: the database's secrets were sealed with another key.
var ErrSecretKeyMismatch = errors.New("the secret key differs from the one this database's secrets were sealed with (LIAISON_SECRET_KEY must be the same on every process)")

// ValidSecretKey reports whether key may seal secrets; main checks the
// configured key with it before wiring the services.
func ValidSecretKey(key []byte) error {
	if len(key) < MinSecretKeyLength {
		return fmt.Errorf("the secret key has %d bytes; at least %d are needed", len(key), MinSecretKeyLength)
	}
	return nil
}

// mustSecretBox makes the box for New; an empty key gets a random one for
// this process only. A short key is refused by main (ValidSecretKey)
// before New runs, so the panic marks a wiring mistake.
func mustSecretBox(key []byte) *secretBox {
	box, err := newSecretBox(processKey(key))
	if err != nil {
		panic(err)
	}
	return box
}

// processKey is key, or, when empty, a random key for this process only.
func processKey(key []byte) []byte {
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
	}
	return key
}

func newSecretBox(key []byte) (*secretBox, error) {
	if err := ValidSecretKey(key); err != nil {
		return nil, err
	}
	// Derive separate keys for sealing and for the fingerprint, so that the
	// fingerprint stored in the database tells nothing about the sealing key.
	sealKey, err := hkdf.Key(sha256.New, key, nil, "liaison secret box v1", 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(sealKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	checkKey, err := hkdf.Key(sha256.New, key, nil, "liaison secret key fingerprint v1", 32)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, checkKey)
	mac.Write([]byte("liaison"))
	return &secretBox{aead: aead, fingerprint: hex.EncodeToString(mac.Sum(nil))}, nil
}

// seal encrypts plain for the place named by where (e.g. "user_mfa:42").
func (b *secretBox) seal(where, plain string) (string, error) {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := b.aead.Seal(nonce, nonce, []byte(plain), []byte(where))
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(out), nil
}

// open decrypts a value sealed for where; a value without the prefix was
// stored before sealing and is returned as it is.
func (b *secretBox) open(where, stored string) (string, error) {
	rest, sealed := strings.CutPrefix(stored, sealedPrefix)
	if !sealed {
		return stored, nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(rest)
	if err != nil || len(raw) < b.aead.NonceSize() {
		return "", errors.New("a sealed secret is damaged")
	}
	plain, err := b.aead.Open(nil, raw[:b.aead.NonceSize()], raw[b.aead.NonceSize():], []byte(where))
	if err != nil {
		return "", ErrSecretKeyMismatch
	}
	return string(plain), nil
}

func mfaSecretPlace(userID int64) string { return fmt.Sprintf("user_mfa:%d", userID) }

// SealStoredSecrets runs at start: it records the key's fingerprint in a
// new database, refuses a key that differs from the recorded one (two
// processes with different keys would each fail the other's users), and
// seals any secret still stored in clear. It is idempotent and safe to run
// on several processes at once. Errors: ErrSecretKeyMismatch.
func (s *AuthService) SealStoredSecrets(ctx context.Context) error {
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO secret_key_checks (fingerprint, created_at) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM secret_key_checks)",
			s.box.fingerprint, models.Now()).Error; err != nil {
			return err
		}
		var recorded []string
		if err := tx.Table("secret_key_checks").Pluck("fingerprint", &recorded).Error; err != nil {
			return err
		}
		if len(recorded) != 1 || !hmac.Equal([]byte(recorded[0]), []byte(s.box.fingerprint)) {
			return ErrSecretKeyMismatch
		}
		var clear []models.UserMFA
		if err := tx.Where("secret NOT LIKE ?", sealedPrefix+"%").Find(&clear).Error; err != nil {
			return err
		}
		for _, m := range clear {
			sealed, err := s.box.seal(mfaSecretPlace(m.UserID), m.Secret)
			if err != nil {
				return err
			}
			if err := tx.Model(&models.UserMFA{}).Where("user_id = ? AND secret = ?", m.UserID, m.Secret).
				Update("secret", sealed).Error; err != nil {
				return err
			}
		}
		return nil
	})
}
