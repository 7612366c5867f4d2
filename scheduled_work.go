package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services"
)

// walTruncateEvery is how often a SQLite server tries to truncate its
// write-ahead log; it succeeds only in a quiet moment (models.TruncateWAL).
const walTruncateEvery = 5 * time.Minute

// pruneEvery is how often expired Idempotency-Keys are deleted.
const pruneEvery = time.Hour

// runScheduled does, until ctx ends, what a server does on its own: on
// either database, deletes the Idempotency-Keys past their 24 hours; on
// SQLite, also keeps the write-ahead log small when quiet, and takes the
// scheduled backups (LIAISON_BACKUP_DIR) with the oldest beyond
// LIAISON_BACKUP_KEEP removed (PostgreSQL needs neither). With several
// processes on one PostgreSQL database each prunes: the deletes are
// idempotent.
func runScheduled(ctx context.Context, db *gorm.DB, svc *services.Services, cfg config, log *slog.Logger) {
	prune := time.NewTicker(pruneEvery)
	defer prune.Stop()
	var truncate, backups <-chan time.Time
	if _, sqlite := models.SQLitePath(cfg.DB); sqlite {
		t := time.NewTicker(walTruncateEvery)
		defer t.Stop()
		truncate = t.C
		if cfg.BackupDir != "" {
			b := time.NewTicker(cfg.BackupEvery)
			defer b.Stop()
			backups = b.C
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-prune.C:
			pruneIdempotencyKeys(ctx, svc, now, log)
		case <-truncate:
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

// pruneIdempotencyKeys deletes the Idempotency-Keys older than 24 hours as
// of now; a replay never serves one in any case (services.IdempotencyService).
func pruneIdempotencyKeys(ctx context.Context, svc *services.Services, now time.Time, log *slog.Logger) {
	n, err := svc.Idempotency.Prune(ctx, now)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("pruning idempotency keys failed", "error", err.Error())
		}
		return
	}
	if n > 0 {
		log.Info("expired idempotency keys pruned", "count", n)
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
