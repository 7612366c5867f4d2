package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// walTruncateEvery is how often a SQLite server tries to truncate its
// write-ahead log; it succeeds only in a quiet moment (models.TruncateWAL).
const walTruncateEvery = 5 * time.Minute

// runScheduled does, until ctx ends, what a server on SQLite does on its
// own: keeps the write-ahead log small when quiet, and takes the scheduled
// backups (LIAISON_BACKUP_DIR) with the oldest beyond LIAISON_BACKUP_KEEP
// removed. PostgreSQL needs neither.
func runScheduled(ctx context.Context, db *gorm.DB, cfg config, log *slog.Logger) {
	if _, sqlite := models.SQLitePath(cfg.DB); !sqlite {
		return
	}
	truncate := time.NewTicker(walTruncateEvery)
	defer truncate.Stop()
	var backups <-chan time.Time
	if cfg.BackupDir != "" {
		t := time.NewTicker(cfg.BackupEvery)
		defer t.Stop()
		backups = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-truncate.C:
			if _, err := models.TruncateWAL(ctx, db); err != nil && ctx.Err() == nil {
				log.Warn("write-ahead log checkpoint failed", "error", err.Error())
			}
		case now := <-backups:
			if path, err := scheduledBackup(ctx, db, cfg.BackupDir, cfg.BackupKeep, now); err != nil {
				log.Error("scheduled backup failed", "error", err.Error())
			} else {
				log.Info("scheduled backup written", "file", path)
			}
		}
	}
}

// scheduledBackup takes one backup into dir, named by its time, and removes
// the oldest beyond keep. It returns the new file's path.
func scheduledBackup(ctx context.Context, db *gorm.DB, dir string, keep int, now time.Time) (string, error) {
	path := filepath.Join(dir, models.BackupName(now))
	if err := models.Backup(ctx, db, path); err != nil {
		return "", err
	}
	_, err := models.PruneBackups(dir, keep)
	return path, err
}
