package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"liaison/mail"
	"liaison/models"
	"liaison/services"
)

// queuedJob puts one job in the queue, as the schedule would, without a
// process working it: a digest due now for office A's colleague.
func (s *server) queuedJob() int64 {
	s.t.Helper()
	now := time.Now().UTC()
	colleague := s.fx.Users["a.colleague"]
	_, err := s.svc.Preferences.Update(context.Background(), services.Actor{UserID: colleague.ID},
		services.PreferencesPatch{Digest: services.To("daily"), DigestHour: services.To(now.Hour())})
	if err != nil {
		s.t.Fatal(err)
	}
	sender, err := mail.New("smtp://127.0.0.1:1", "liaison@example.org")
	if err != nil {
		s.t.Fatal(err)
	}
	q, err := s.svc.NewQueue(services.QueueConfig{Mail: sender, PublicURL: "https://liaison.example.org"})
	if err != nil {
		s.t.Fatal(err)
	}
	if err := q.RunSchedule(context.Background(), now); err != nil {
		s.t.Fatal(err)
	}
	var ids []int64
	s.db.Table("river_job").Where("kind = ?", services.JobDigest).Order("id DESC").Limit(1).Pluck("id", &ids)
	if len(ids) == 0 {
		s.t.Fatal("the schedule queued no digest")
	}
	return ids[0]
}

// plantCanaryNotifications tells every user of both offices about the
// canary records, as if each had been given or mentioned on them before a
// move: office B's users see these notifications, office A's must not.
func plantCanaryNotifications(t *testing.T, s *server, w *canaryWorld) {
	t.Helper()
	for _, u := range s.fx.Users {
		for i, n := range []models.Notification{
			{Kind: models.NotifyAssigned, SubjectType: models.EntityCommitment, SubjectID: w.commitment},
			{Kind: models.NotifyMentioned, SubjectType: models.EntityContact, SubjectID: w.contact},
			{Kind: models.NotifyMentioned, SubjectType: models.EntityInteraction, SubjectID: w.interaction},
		} {
			n.UserID, n.DedupeKey, n.CreatedAt, n.Mail = u.ID, fmt.Sprint("canary:", i), time.Now().UTC(), models.MailNone
			if err := s.db.Create(&n).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestJobsAreListedAndRetriedByAdmins(t *testing.T) {
	s := newServer(t)
	id := s.queuedJob()
	w := s.do(req{method: "GET", path: "/api/v1/admin/jobs?state=queued", as: "a.admin"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), fmt.Sprintf(`"id":%d,"kind":"digest","state":"available"`, id)) {
		t.Fatalf("queued jobs: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "GET", path: "/api/v1/admin/jobs/summary", as: "a.admin"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"queued":1`) {
		t.Fatalf("summary: %d %s", w.Code, w.Body.String())
	}
	for _, bad := range []string{"?state=lost", "?limit=0", "?limit=201", "?cursor=not-a-cursor"} {
		if w := s.do(req{method: "GET", path: "/api/v1/admin/jobs" + bad, as: "a.admin"}); w.Code != 422 {
			t.Errorf("GET /admin/jobs%s: %d %s", bad, w.Code, w.Body.String())
		}
	}
	if w := s.do(req{method: "POST", path: "/api/v1/admin/jobs/999999/retry", as: "a.admin"}); w.Code != 404 {
		t.Fatalf("retry of no job: %d", w.Code)
	}
	if w := s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/admin/jobs/%d/retry", id), as: "a.manager"}); w.Code != http.StatusForbidden {
		t.Fatalf("a manager retried a job: %d", w.Code)
	}
}
