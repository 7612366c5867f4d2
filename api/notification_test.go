package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"liaison/services"
)

func TestNotificationsOverHTTP(t *testing.T) {
	s := newServer(t)
	colleague := s.fx.Users["a.colleague"]
	id, _ := s.create("/api/v1/commitments", "a.manager", map[string]any{"title": "Send the agenda", "owner_id": colleague.ID})

	w := s.do(req{method: "GET", path: "/api/v1/notifications/unread-count", as: "a.colleague"})
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"count":1}` {
		t.Fatalf("unread count: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "GET", path: "/api/v1/notifications?unread=true&count=true", as: "a.colleague"})
	var page struct {
		Items []struct {
			ID          int64
			Kind, Title string
			Link        string
			ReadAt      *string `json:"read_at"`
		}
		Total int
	}
	if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil || w.Code != 200 {
		t.Fatalf("list: %d %s", w.Code, w.Body.String())
	}
	if len(page.Items) != 1 || page.Total != 1 || page.Items[0].Kind != "assigned" || page.Items[0].Link != fmt.Sprintf("/commitments/%d", id) ||
		!strings.Contains(page.Items[0].Title, "Send the agenda") || page.Items[0].ReadAt != nil {
		t.Fatalf("list: %s", w.Body.String())
	}
	for _, bad := range []map[string]any{{}, {"ids": []int64{1}, "all": true}, {"ids": "x"}, {"all": true, "extra": 1}} {
		if w := s.do(req{method: "POST", path: "/api/v1/notifications/read", as: "a.colleague", body: bad}); w.Code != 422 {
			t.Errorf("read %v: %d %s", bad, w.Code, w.Body.String())
		}
	}
	// The manager cannot mark the colleague's notification read.
	s.do(req{method: "POST", path: "/api/v1/notifications/read", as: "a.manager", body: map[string]any{"ids": []int64{page.Items[0].ID}}})
	if w := s.do(req{method: "GET", path: "/api/v1/notifications/unread-count", as: "a.colleague"}); !strings.Contains(w.Body.String(), `"count":1`) {
		t.Fatalf("another user marked it read: %s", w.Body.String())
	}
	if w := s.do(req{method: "POST", path: "/api/v1/notifications/read", as: "a.colleague", body: map[string]any{"ids": []int64{page.Items[0].ID}}}); w.Code != 204 {
		t.Fatalf("read: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "GET", path: "/api/v1/notifications?unread=true", as: "a.colleague"}); !strings.Contains(w.Body.String(), `"items":[]`) {
		t.Fatalf("after reading: %s", w.Body.String())
	}
}

func TestPreferencesOverHTTP(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "GET", path: "/api/v1/me/preferences", as: "a.viewer"})
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"digest":"weekly","digest_hour":8,"time_zone":"UTC","email_on_assigned":true,"email_available":false}` {
		t.Fatalf("defaults: %d %s", w.Code, w.Body.String())
	}
	for _, c := range []struct {
		body     map[string]any
		location string
	}{
		{map[string]any{"digest": "hourly"}, "body.digest"},
		{map[string]any{"digest_hour": 24}, "body.digest_hour"},
		{map[string]any{"time_zone": "Mars/Olympus"}, "body.time_zone"},
		{map[string]any{"email_available": true}, "body.email_available"},
		{map[string]any{"digest_hour": "eight"}, "body.digest_hour"},
	} {
		w := s.do(req{method: "PATCH", path: "/api/v1/me/preferences", as: "a.viewer", body: c.body})
		if w.Code != 422 || !strings.Contains(w.Body.String(), `"location":"`+c.location+`"`) {
			t.Errorf("PATCH %v: %d %s", c.body, w.Code, w.Body.String())
		}
	}
	w = s.do(req{method: "PATCH", path: "/api/v1/me/preferences", as: "a.viewer", body: map[string]any{"digest": "daily", "time_zone": "Asia/Baghdad"}})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"digest":"daily","digest_hour":8,"time_zone":"Asia/Baghdad"`) {
		t.Fatalf("patch: %d %s", w.Code, w.Body.String())
	}
}

func TestUnsubscribeOverHTTP(t *testing.T) {
	s := newServer(t, func(c *services.Config) { c.SecretKey = []byte("an unsubscribe key of at least thirty-two bytes") })
	colleague := s.fx.Users["a.colleague"]
	s.db.Model(&struct{ ID int64 }{}).Table("users").Where("id = ?", colleague.ID).Update("locale", "bs")
	url := s.svc.Preferences.UnsubscribeURL("https://liaison.example.org", colleague.ID, services.TopicDigest)
	path := strings.TrimPrefix(url, "https://liaison.example.org")

	// A GET only asks: a link checker stops nothing.
	w := s.do(req{method: "GET", path: path})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `<form method="post">`) || !strings.Contains(w.Body.String(), "pregled vaših obaveza") {
		t.Fatalf("GET: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "GET", path: "/api/v1/me/preferences", as: "a.colleague"}); !strings.Contains(w.Body.String(), `"digest":"weekly"`) {
		t.Fatalf("a GET unsubscribed: %s", w.Body.String())
	}
	// The mail program's one-click POST, with no cookie and no origin.
	rq := httptest.NewRequest(http.MethodPost, path, strings.NewReader("List-Unsubscribe=One-Click"))
	rq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rw := httptest.NewRecorder()
	s.router.ServeHTTP(rw, rq)
	if rw.Code != 200 || !strings.Contains(rw.Body.String(), "Gotovo") {
		t.Fatalf("POST: %d %s", rw.Code, rw.Body.String())
	}
	if w := s.do(req{method: "GET", path: "/api/v1/me/preferences", as: "a.colleague"}); !strings.Contains(w.Body.String(), `"digest":"off"`) {
		t.Fatalf("after the one-click POST: %s", w.Body.String())
	}
	other := s.svc.Preferences.UnsubscribeURL("https://liaison.example.org", s.fx.Users["a.officer"].ID, services.TopicDigest)
	forged := strings.Replace(path, fmt.Sprintf("/%d.", colleague.ID), fmt.Sprintf("/%d.", s.fx.Users["a.officer"].ID), 1)
	for _, bad := range []string{forged, "/unsubscribe/1.digest.AAAA", "/unsubscribe/x", strings.TrimPrefix(other, "https://liaison.example.org") + "x"} {
		if w := s.do(req{method: "POST", path: bad}); w.Code != 404 {
			t.Errorf("POST %s: %d", bad, w.Code)
		}
	}
	if strings.Contains(s.logs.String(), strings.TrimPrefix(path, "/unsubscribe/")) {
		t.Fatal("the log holds an unsubscribe token")
	}
}
