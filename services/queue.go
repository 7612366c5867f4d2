package services

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"liaison/mail"
	"liaison/models"
)

// The job queue: reminders, digests and notification mails are jobs of
// riverqueue/river, claimed in the database, so that several Liaison
// processes on one PostgreSQL database share the work without doing any of
// it twice, and a crashed process's jobs are taken up again. Periodic jobs
// run on the one process elected leader. A failed job is retried with
// back-off and, after its last attempt, kept as discarded for an admin to
// see and retry (GET /api/v1/admin/jobs).

// QueueConfig is what the queue needs from main.
type QueueConfig struct {
	// Mail sends the mails; nil keeps notifications in the app.
	Mail *mail.Sender
	// PublicURL is where links in mails point (LIAISON_PUBLIC_URL).
	PublicURL string
	// Clock is the time the scheduled jobs read; nil is the real one.
	Clock func() time.Time
	// Every is how often the schedule (reminders, due digests) and the
	// mail outbox run; 0 is a minute and 15 seconds.
	ScheduleEvery, OutboxEvery time.Duration
	// PollEvery is how often an idle process looks for new jobs; 0 is a second.
	PollEvery time.Duration
	// RetryBase is the first retry's delay, doubled on each later one (30 s
	// when 0), up to an hour.
	RetryBase time.Duration
	// MaxAttempts is how many times a job runs before it is discarded (10
	// when 0).
	MaxAttempts int
	Log         *slog.Logger
}

// Queue is one process's part of the job queue.
type Queue struct {
	client *river.Client[*sql.Tx]
	svc    *Services
	cfg    QueueConfig
	links  mailLinks
}

// Job kinds.
const (
	JobSchedule         = "schedule"
	JobMailOutbox       = "mail_outbox"
	JobNotificationMail = "notification_mail"
	JobDigest           = "digest"
)

// scheduleArgs runs the reminders and queues the digests due now.
type scheduleArgs struct{}

func (scheduleArgs) Kind() string { return JobSchedule }

// outboxArgs queues the mails of new notifications.
type outboxArgs struct{}

func (outboxArgs) Kind() string { return JobMailOutbox }

// notificationMailArgs mails one notification.
type notificationMailArgs struct {
	NotificationID int64 `json:"notification_id"`
}

func (notificationMailArgs) Kind() string { return JobNotificationMail }

// digestArgs sends one user's digest of one period.
type digestArgs struct {
	UserID int64  `json:"user_id"`
	Period string `json:"period"`
}

func (digestArgs) Kind() string { return JobDigest }

// Periodic jobs are inserted by the elected leader only, so they need no
// uniqueness of their own; the jobs they queue do.

// once makes a job unique by its arguments: a second insert of the same
// mail or digest, by this process or another, adds nothing.
var once = &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}

// NewQueue makes this process's queue client; Start sets it working.
func (s *Services) NewQueue(cfg QueueConfig) (*Queue, error) {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	q := &Queue{svc: s, cfg: cfg, links: mailLinks{base: cfg.PublicURL}}
	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[scheduleArgs]) error {
		return q.RunSchedule(ctx, q.cfg.Clock())
	}))
	river.AddWorker(workers, river.WorkFunc(q.workOutbox))
	river.AddWorker(workers, river.WorkFunc(q.workNotificationMail))
	river.AddWorker(workers, river.WorkFunc(q.workDigest))
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(cmp.Or(cfg.ScheduleEvery, time.Minute)),
			func() (river.JobArgs, *river.InsertOpts) { return scheduleArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
	}
	if cfg.Mail != nil {
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(cmp.Or(cfg.OutboxEvery, 15*time.Second)),
			func() (river.JobArgs, *river.InsertOpts) { return outboxArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}))
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, err
	}
	rc := &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:           workers,
		PeriodicJobs:      periodic,
		PollOnly:          true,
		FetchPollInterval: cmp.Or(cfg.PollEvery, time.Second),
		FetchCooldown:     min(cmp.Or(cfg.PollEvery, time.Second), 100*time.Millisecond),
		RetryPolicy:       backoff{base: cmp.Or(cfg.RetryBase, 30*time.Second)},
		MaxAttempts:       cmp.Or(cfg.MaxAttempts, 10),
		JobTimeout:        2 * time.Minute,
		Logger:            quietLogger(cfg.Log),
	}
	if q.client, err = river.NewClient(models.QueueDriver(s.db.Name(), sqlDB), rc); err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return q, nil
}

// quietLogger hands the queue's own log lines on only from warnings up:
// its routine chatter would drown the access log.
func quietLogger(log *slog.Logger) *slog.Logger {
	return slog.New(levelAtLeast{log.Handler(), slog.LevelWarn})
}

type levelAtLeast struct {
	slog.Handler
	min slog.Level
}

func (h levelAtLeast) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

// backoff retries after base, 2·base, 4·base… up to an hour.
type backoff struct{ base time.Duration }

func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	n := max(len(job.Errors), 1) - 1
	delay := time.Duration(math.Min(float64(b.base)*math.Pow(2, float64(n)), float64(time.Hour)))
	return time.Now().Add(delay)
}

// Start sets this process working on the queue until Stop.
func (q *Queue) Start(ctx context.Context) error { return q.client.Start(ctx) }

// Stop lets running jobs finish, up to ctx's deadline.
func (q *Queue) Stop(ctx context.Context) error { return q.client.Stop(ctx) }

// Client is the queue's client: for tests that wait on job events.
func (q *Queue) Client() *river.Client[*sql.Tx] { return q.client }

// RunSchedule writes the reminders due at now and queues the digests due
// at now, each once: what the periodic schedule job does.
func (q *Queue) RunSchedule(ctx context.Context, now time.Time) error {
	if _, err := q.svc.Reminders.Scan(ctx, now); err != nil {
		return fmt.Errorf("reminders: %w", err)
	}
	if q.cfg.Mail == nil {
		return nil
	}
	due, err := q.svc.Digests.Due(ctx, now)
	if err != nil || len(due) == 0 {
		return err
	}
	params := make([]river.InsertManyParams, len(due))
	for i, d := range due {
		params[i] = river.InsertManyParams{Args: digestArgs{UserID: d.UserID, Period: d.Period}, InsertOpts: once}
	}
	_, err = q.client.InsertMany(ctx, params)
	return err
}

// outboxBatch is how many notifications one outbox run queues mails for.
const outboxBatch = 200

// mailFreshFor is how old a notification may be and still be mailed: one
// older (mail was off when it was made) stays in the app.
const mailFreshFor = 24 * time.Hour

// workOutbox queues one mail job per notification whose mail is pending,
// and marks them queued, in one transaction: a notification's mail is
// queued exactly once.
func (q *Queue) workOutbox(ctx context.Context, _ *river.Job[outboxArgs]) error {
	for {
		n, err := q.outboxOnce(ctx)
		if err != nil || n < outboxBatch {
			return err
		}
	}
}

func (q *Queue) outboxOnce(ctx context.Context) (int, error) {
	var ids []int64
	err := q.svc.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		stale := q.cfg.Clock().Add(-mailFreshFor)
		if err := tx.Model(&models.Notification{}).Where("mail = ? AND created_at < ?", models.MailPending, stale).
			Update("mail", models.MailSkipped).Error; err != nil {
			return err
		}
		if err := tx.Model(&models.Notification{}).Where("mail = ?", models.MailPending).Order("id").Limit(outboxBatch).Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		params := make([]river.InsertManyParams, len(ids))
		for i, id := range ids {
			params[i] = river.InsertManyParams{Args: notificationMailArgs{NotificationID: id}, InsertOpts: once}
		}
		sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
		if !ok {
			return errors.New("outbox: not in a transaction")
		}
		if _, err := q.client.InsertManyTx(ctx, sqlTx, params); err != nil {
			return err
		}
		return tx.Model(&models.Notification{}).Where("id IN ? AND mail = ?", ids, models.MailPending).Update("mail", models.MailQueued).Error
	})
	return len(ids), err
}

// workNotificationMail mails one notification to its user, if they still
// want it and may still see what it is about; a failed send is retried.
func (q *Queue) workNotificationMail(ctx context.Context, job *river.Job[notificationMailArgs]) error {
	db := q.svc.db.WithContext(ctx)
	var n models.Notification
	if err := db.First(&n, job.Args.NotificationID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		return err
	}
	if n.Mail == models.MailSent || n.Mail == models.MailSkipped {
		return nil
	}
	msg, ok, err := q.notificationMessage(ctx, n)
	if err != nil {
		return err
	}
	if !ok {
		return db.Model(&n).Update("mail", models.MailSkipped).Error
	}
	if err := q.cfg.Mail.Send(ctx, msg); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	return db.Model(&n).Updates(map[string]any{"mail": models.MailSent, "emailed_at": models.Now()}).Error
}

// notificationMessage writes the mail of a notification for its user;
// false when no mail is to go: the user is inactive or does not want it,
// or may no longer see the commitment.
func (q *Queue) notificationMessage(ctx context.Context, n models.Notification) (mail.Message, bool, error) {
	db := q.svc.db.WithContext(ctx)
	if n.Kind != models.NotifyAssigned || n.SubjectType != models.EntityCommitment {
		return mail.Message{}, false, nil
	}
	var u models.User
	if err := db.Where("id = ? AND active", n.UserID).First(&u).Error; err != nil {
		return mail.Message{}, false, ignoreNotFound(err)
	}
	p, err := preferencesOf(db, u.ID)
	if err != nil || !p.EmailOnAssigned {
		return mail.Message{}, false, err
	}
	recipient := Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}
	c, err := q.svc.Commitments.Get(ctx, recipient, n.SubjectID)
	if err != nil {
		return mail.Message{}, false, ignoreNotFound(err)
	}
	who := say(u.Locale, "someone")
	if n.ActorID != nil {
		names, err := exportNames{db: db, actor: recipient}.users([]int64{*n.ActorID})
		if err != nil {
			return mail.Message{}, false, err
		}
		who = cmp.Or(names[*n.ActorID], who)
	}
	page := assignedMail(q.links, q.svc.Preferences.UnsubscribeURL(q.cfg.PublicURL, u.ID, TopicAssigned), u.Locale, u.Name, who, c)
	msg, err := page.render(u.Email)
	return msg, err == nil, err
}

// workDigest sends one user's digest of one period, unless it was dealt
// with already or has nothing in it; either way the period is recorded.
func (q *Queue) workDigest(ctx context.Context, job *river.Job[digestArgs]) error {
	a := job.Args
	done, err := q.svc.Digests.Recorded(ctx, a.UserID, a.Period)
	if err != nil || done {
		return err
	}
	d, err := q.svc.Digests.Build(ctx, a.UserID, a.Period, q.cfg.Clock())
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if d.Empty() {
		return q.svc.Digests.Record(ctx, a.UserID, a.Period, 0)
	}
	page := digestMail(q.links, q.svc.Preferences.UnsubscribeURL(q.cfg.PublicURL, a.UserID, TopicDigest), d)
	msg, err := page.render(d.User.Email)
	if err != nil {
		return err
	}
	if err := q.cfg.Mail.Send(ctx, msg); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	return q.svc.Digests.Record(ctx, a.UserID, a.Period, d.Items())
}

func ignoreNotFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
