package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Without LIAISON_SECRET_KEY the key is made once, beside the SQLite file,
// readable by its owner only; processes starting together share it.
func TestSecretKeyFileIsMadeOnceAndShared(t *testing.T) {
	dir := t.TempDir()
	cfg := config{DB: "sqlite:" + filepath.Join(dir, "liaison.db")}
	keys := make([]string, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := secretKey(cfg)
			if err != nil {
				t.Error(err)
			}
			keys[i] = string(k)
		})
	}
	wg.Wait()
	for _, k := range keys {
		if k != keys[0] || len(k) < 32 {
			t.Fatalf("processes starting together got different or short keys: %q", keys)
		}
	}
	st, err := os.Stat(filepath.Join(dir, "liaison.key"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("the key file is %v; want -rw-------", st.Mode().Perm())
	}
	again, err := secretKey(cfg)
	if err != nil || string(again) != keys[0] {
		t.Fatalf("a restart read another key: %v", err)
	}
}

// A configured key wins over the file, and a short one stops the start.
func TestSecretKeySettings(t *testing.T) {
	k, err := secretKey(config{SecretKey: strings.Repeat("k", 40), DB: "sqlite:" + filepath.Join(t.TempDir(), "x.db")})
	if err != nil || string(k) != strings.Repeat("k", 40) {
		t.Fatalf("LIAISON_SECRET_KEY was not used: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "short.key")
	if err := os.WriteFile(bad, []byte("short\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := secretKey(config{SecretKeyFile: bad}); err == nil || !strings.Contains(err.Error(), "LIAISON_SECRET_KEY_FILE") {
		t.Fatalf("a short key file was accepted: %v", err)
	}
	t.Setenv("LIAISON_SECRET_KEY", "too-short")
	if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "LIAISON_SECRET_KEY") {
		t.Fatalf("a short LIAISON_SECRET_KEY was accepted: %v", err)
	}
}
