package services

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"liaison/mail"
	"liaison/mail/mailpittest"
	"liaison/models"
	"liaison/models/modeltest"
)

// The queue's tests run against a real SMTP server (Mailpit) and read what
// it received through its API.

const testPublicURL = "https://liaison.example.org"

// startQueue starts a queue on svc that mails through box, with intervals
// short enough for a test, until the test ends.
func startQueue(t *testing.T, svc *Services, box *mailpittest.Server, clock func() time.Time) *Queue {
	t.Helper()
	sender, err := mail.New(box.SMTPURL(), "Liaison <liaison@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	q, err := svc.NewQueue(QueueConfig{Mail: sender, PublicURL: testPublicURL, Clock: clock,
		ScheduleEvery: time.Hour, OutboxEvery: 150 * time.Millisecond, PollEvery: 50 * time.Millisecond, RetryBase: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
	return q
}

// eventually waits up to within for ok, failing with what it says otherwise.
func eventually(t *testing.T, within time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", within, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// mailStates counts the notifications by what became of their mail.
func mailStates(e *env) map[string]int64 {
	var rows []struct {
		Mail string
		N    int64
	}
	e.db.Model(&models.Notification{}).Select("mail, COUNT(*) AS n").Group("mail").Scan(&rows)
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Mail] = r.N
	}
	return out
}

func TestAssignmentMailsArriveOnceInTheOwnersLanguage(t *testing.T) {
	e := newEnv(t)
	box := mailpittest.Start(t)
	manager := e.as("a.manager")
	colleague, officer := e.fx.Users["a.colleague"], e.fx.Users["a.officer"]
	e.db.Model(&models.User{}).Where("id = ?", colleague.ID).Update("locale", "ar")
	must(e.svc.Preferences.Update(e.ctx, e.as("a.officer"), PreferencesPatch{EmailOnAssigned: To(false)}))
	startQueue(t, e.svc, box, nil)

	c := must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "إرسال جدول الأعمال", OwnerID: &colleague.ID, DueDate: ptr("2026-12-20")}))
	must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Call the ministry", OwnerID: &officer.ID}))
	eventually(t, 15*time.Second, "both notifications' mails dealt with", func() bool {
		s := mailStates(e)
		return s[models.MailSent] == 1 && s[models.MailSkipped] == 1
	})
	msgs := box.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0].Address != colleague.Email {
		t.Fatalf("messages: %+v", msgs)
	}
	if want := "أسند إليك User a.manager التزامًا: إرسال جدول الأعمال"; msgs[0].Subject != want {
		t.Fatalf("subject %q, want %q", msgs[0].Subject, want)
	}
	m := box.Message(msgs[0].ID)
	link := fmt.Sprintf("%s/commitments/%d", testPublicURL, c.ID)
	if !strings.Contains(m.HTML, `dir="rtl"`) || !strings.Contains(m.HTML, link) || !strings.Contains(m.Text, link) ||
		!strings.Contains(m.Text, "2026-12-20") {
		t.Fatalf("body:\n%s\n%s", m.Text, m.HTML)
	}
	h := box.Headers(msgs[0].ID)
	unsub := strings.Trim(strings.Join(h["List-Unsubscribe"], ""), "<>")
	if !strings.HasPrefix(unsub, testPublicURL+"/unsubscribe/") || strings.Join(h["List-Unsubscribe-Post"], "") != "List-Unsubscribe=One-Click" {
		t.Fatalf("unsubscribe headers: %v", h)
	}
	// The one-click address stops these mails for the colleague only.
	token := strings.TrimPrefix(unsub, testPublicURL+"/unsubscribe/")
	if _, err := e.svc.Preferences.Unsubscribe(e.ctx, token+"x"); err != ErrNotFound {
		t.Fatalf("a forged token: %v", err)
	}
	if r := must(e.svc.Preferences.Unsubscribe(e.ctx, token)); r.UserID != colleague.ID || r.Topic != TopicAssigned {
		t.Fatalf("unsubscribed %+v", r)
	}
	if p := must(e.svc.Preferences.Get(e.ctx, e.as("a.colleague"))); p.EmailOnAssigned || p.Digest != "weekly" {
		t.Fatalf("after unsubscribing: %+v", p)
	}
	must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Book the room", OwnerID: &colleague.ID}))
	eventually(t, 15*time.Second, "the third notification's mail skipped", func() bool { return mailStates(e)[models.MailSkipped] == 2 })
	if n := len(box.Messages()); n != 1 {
		t.Fatalf("mailed after unsubscribing: %d messages", n)
	}
}

func TestNoMailTellsOfARecordItsRecipientCannotSee(t *testing.T) {
	e := newEnv(t)
	box := mailpittest.Start(t)
	c := must(e.svc.Commitments.Create(e.ctx, e.as("a.manager"), CommitmentInput{Title: "Shortlist of youth council members", Restricted: true}))
	// A notification of office A's restricted commitment reaching a user of
	// office B (one moved there since, say) sends nothing.
	other := e.fx.Users["b.officer"]
	if err := notify(e.db, models.Notification{UserID: other.ID, Kind: models.NotifyAssigned, SubjectType: models.EntityCommitment,
		SubjectID: c.ID, DedupeKey: "assigned:test"}); err != nil {
		t.Fatal(err)
	}
	startQueue(t, e.svc, box, nil)
	eventually(t, 15*time.Second, "the mail skipped", func() bool { return mailStates(e)[models.MailSkipped] == 1 })
	if msgs := box.Messages(); len(msgs) != 0 {
		t.Fatalf("mailed another office a restricted commitment: %+v", msgs)
	}
}

func TestMailsWaitForTheSMTPServerToComeBack(t *testing.T) {
	e := newEnv(t)
	box := mailpittest.Start(t)
	box.Down()
	startQueue(t, e.svc, box, nil)
	colleague := e.fx.Users["a.colleague"]
	must(e.svc.Commitments.Create(e.ctx, e.as("a.manager"), CommitmentInput{Title: "Send the minutes", OwnerID: &colleague.ID}))

	admin := e.as("a.admin")
	var failed Page[Job]
	eventually(t, 20*time.Second, "the mail job failing while the server is down", func() bool {
		failed = must(e.svc.Jobs.List(e.ctx, admin, "failed", ListParams{}))
		return len(failed.Items) == 1 && failed.Items[0].Attempt >= 2
	})
	if j := failed.Items[0]; j.Kind != JobNotificationMail || j.State != "retryable" || j.LastError == nil || !strings.Contains(*j.LastError, "smtp") {
		t.Fatalf("failed job: %+v", j)
	}
	if c := must(e.svc.Jobs.Counts(e.ctx, &admin)); c.Retrying != 1 {
		t.Fatalf("counts while down: %+v", c)
	}
	if _, err := e.svc.Jobs.List(e.ctx, e.as("a.manager"), "failed", ListParams{}); err != ErrForbidden {
		t.Fatalf("a manager listed the jobs: %v", err)
	}

	box.Up()
	msgs := box.WaitFor(1, 20*time.Second)
	if len(msgs) != 1 || msgs[0].To[0].Address != colleague.Email {
		t.Fatalf("after the server came back: %+v", msgs)
	}
	eventually(t, 10*time.Second, "the job completed", func() bool {
		return len(must(e.svc.Jobs.List(e.ctx, admin, "failed", ListParams{})).Items) == 0
	})
	time.Sleep(time.Second)
	if n := len(box.Messages()); n != 1 {
		t.Fatalf("%d messages after the retry, want 1", n)
	}
}

func TestDigestsGoOutOncePerUserFromTwoProcesses(t *testing.T) {
	db, dsn := modeltest.Open(t)
	fx := modeltest.Seed(t, db, testHash())
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &env{t: t, db: db, svc: New(db, quiet, Config{MailEnabled: true}), fx: fx, ctx: context.Background()}
	second, err := models.Open(dsn, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := second.DB(); err == nil {
			s.Close()
		}
	})
	box := mailpittest.Start(t)

	// Everyone's digest off but 20 officers' of office A, daily at 08:00
	// UTC, each with one overdue commitment, and one with nothing due.
	var ids []int64
	for _, u := range fx.Users {
		must(e.svc.Preferences.Update(e.ctx, Actor{UserID: u.ID}, PreferencesPatch{Digest: To("off")}))
	}
	manager := e.as("a.manager")
	for i := range 21 {
		u := models.User{Version: 1, CreatedAt: models.Now(), UpdatedAt: models.Now(), Email: fmt.Sprintf("digest%02d@example.org", i),
			Name: fmt.Sprintf("Digest %02d", i), Role: models.RoleOfficer, OfficeID: manager.OfficeID, Active: true, Locale: "en"}
		if err := db.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		must(e.svc.Preferences.Update(e.ctx, Actor{UserID: u.ID}, PreferencesPatch{Digest: To("daily"), DigestHour: To(8), EmailOnAssigned: To(false)}))
		if i < 20 {
			must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: fmt.Sprintf("Report %02d", i), OwnerID: &u.ID, DueDate: ptr("2026-12-01")}))
		}
		ids = append(ids, u.ID)
	}

	now := time.Date(2026, 12, 2, 8, 5, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	queues := []*Queue{startQueue(t, e.svc, box, clock), startQueue(t, New(second, quiet, Config{MailEnabled: true}), box, clock)}
	// Both processes run the schedule at the same moment, twice.
	var wg sync.WaitGroup
	for range 2 {
		for _, q := range queues {
			wg.Go(func() {
				if err := q.RunSchedule(context.Background(), now); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	eventually(t, 30*time.Second, "21 digests dealt with", func() bool {
		var n int64
		db.Model(&models.DigestDelivery{}).Where("period = ?", "2026-12-02").Count(&n)
		return n == 21
	})
	for _, q := range queues {
		if err := q.RunSchedule(context.Background(), now.Add(10*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(time.Second)
	msgs := box.Messages()
	perUser := map[string]int{}
	for _, m := range msgs {
		perUser[m.To[0].Address]++
		if m.Subject != "Your follow-ups: 1 overdue, 0 due within a week" {
			t.Errorf("subject %q", m.Subject)
		}
	}
	if len(msgs) != 20 || len(perUser) != 20 {
		t.Fatalf("%d messages to %d addresses, want 20 to 20: %v", len(msgs), len(perUser), perUser)
	}
	if perUser["digest20@example.org"] != 0 {
		t.Fatal("a digest with nothing due was sent")
	}
	m := box.Message(msgs[0].ID)
	if !strings.Contains(m.Text, "Report") || !strings.Contains(m.Text, "overdue since 2026-12-01") {
		t.Fatalf("digest text:\n%s", m.Text)
	}
}
