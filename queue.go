package main

import (
	"context"
	"log/slog"
	"time"

	"liaison/mail"
	"liaison/services"
)

// startQueue sets this process working on the job queue: the reminders and
// digests on their schedule, and, when LIAISON_SMTP_URL is set, the mails.
// Several processes on one PostgreSQL database share it; the database
// decides who does what.
func startQueue(ctx context.Context, svc *services.Services, cfg config, log *slog.Logger) (*services.Queue, error) {
	var sender *mail.Sender
	if cfg.SMTPURL != "" {
		s, err := mail.New(cfg.SMTPURL, cfg.MailFrom)
		if err != nil {
			return nil, err
		}
		sender = s
	}
	q, err := svc.NewQueue(services.QueueConfig{Mail: sender, PublicURL: cfg.PublicURL, Log: log})
	if err != nil {
		return nil, err
	}
	if err := q.Start(ctx); err != nil {
		return nil, err
	}
	log.Info("job queue started", "mail", sender != nil)
	return q, nil
}

// stopQueue lets running jobs finish for a while; the rest are taken up
// again by the next process to start.
func stopQueue(q *services.Queue, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := q.Stop(ctx); err != nil {
		log.Warn("job queue stopped before its jobs finished", "error", err.Error())
	}
}
