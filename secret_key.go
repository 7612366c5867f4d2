package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"liaison/models"
	"liaison/services"
)

// secretKey returns the key that seals the secrets stored in the database:
// LIAISON_SECRET_KEY, else the key file (LIAISON_SECRET_KEY_FILE, by default
// liaison.key beside a SQLite database or data/liaison.key for PostgreSQL),
// made with a random key at first start. The key never sits in the database,
// so a copied database file or dump holds no usable two-factor secret; back
// the key file up apart from the database.
func secretKey(cfg config) ([]byte, error) {
	if cfg.SecretKey != "" {
		return []byte(cfg.SecretKey), nil
	}
	path := cfg.SecretKeyFile
	if path == "" {
		path = filepath.Join("data", "liaison.key")
		if db, sqlite := models.SQLitePath(cfg.DB); sqlite {
			path = filepath.Join(filepath.Dir(db), "liaison.key")
		}
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return makeKeyFile(path)
	}
	return readKeyFile(path)
}

// readKeyFile reads a key file and checks the key's length.
func readKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("LIAISON_SECRET_KEY_FILE: %w", err)
	}
	key := []byte(strings.TrimSpace(string(b)))
	if err := services.ValidSecretKey(key); err != nil {
		return nil, fmt.Errorf("LIAISON_SECRET_KEY_FILE %s: %v", path, err)
	}
	return key, nil
}

// makeKeyFile writes a new random key readable by its owner only. The key
// is written to a temporary file first and then linked into place, which
// fails if the file exists: of two processes starting at once, one wins and
// the other reads the winner's complete key.
func makeKeyFile(path string) ([]byte, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("LIAISON_SECRET_KEY_FILE: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	key := []byte(hex.EncodeToString(raw))
	tmp, err := os.CreateTemp(dir, ".liaison-key-*")
	if err != nil {
		return nil, fmt.Errorf("LIAISON_SECRET_KEY_FILE: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(key, '\n')); err != nil {
		_ = tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return readKeyFile(path)
		}
		return nil, fmt.Errorf("LIAISON_SECRET_KEY_FILE: %w", err)
	}
	return key, nil
}
