package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// queueBehind starts a goroutine that enters g and reports on got, and
// returns once it is queued, so that callers queue in a known order.
func queueBehind(t *testing.T, g *gate, ctx context.Context, id int, got chan<- int) {
	t.Helper()
	before := g.waiting()
	go func() {
		if g.enter(ctx) == nil {
			got <- id
		} else {
			got <- -id
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for g.waiting() == before {
		if time.Now().After(deadline) {
			t.Fatalf("waiter %d never queued", id)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestGateAdmitsWaitersInArrivalOrder(t *testing.T) {
	g := newGate(1)
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := make(chan int, 8)
	for id := 1; id <= 6; id++ {
		queueBehind(t, g, context.Background(), id, got)
	}
	for want := 1; want <= 6; want++ {
		g.leave()
		if id := <-got; id != want {
			t.Fatalf("place went to waiter %d, want %d (first come, first served)", id, want)
		}
	}
	g.leave()
	if g.free != 1 || g.waiting() != 0 {
		t.Fatalf("after everyone left: %d free, %d waiting; want 1, 0", g.free, g.waiting())
	}
}

func TestGateDropsAWaiterWhoseClientLeft(t *testing.T) {
	g := newGate(1)
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := make(chan int, 4)
	ctx, cancel := context.WithCancel(context.Background())
	queueBehind(t, g, context.Background(), 1, got)
	queueBehind(t, g, ctx, 2, got)
	queueBehind(t, g, context.Background(), 3, got)
	cancel()
	if id := <-got; id != -2 {
		t.Fatalf("cancelled waiter reported %d, want -2 (gave up)", id)
	}
	g.leave()
	if id := <-got; id != 1 {
		t.Fatalf("place went to %d, want 1", id)
	}
	g.leave()
	if id := <-got; id != 3 {
		t.Fatalf("place went to %d, want 3: the cancelled waiter must not keep it", id)
	}
	g.leave()
	if g.free != 1 {
		t.Fatalf("%d places free after all left, want 1", g.free)
	}
}

func TestAdmissionBoundsConcurrentAPIRequests(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	const limit = 3
	engine := gin.New()
	engine.Use(admission(newGate(limit), newAdmissionMetrics(prometheus.NewRegistry(), nil)))
	var mu sync.Mutex
	running, most := 0, 0
	release := make(chan struct{})
	engine.GET("/api/v1/slow", func(c *gin.Context) {
		mu.Lock()
		running++
		most = max(most, running)
		mu.Unlock()
		<-release
		mu.Lock()
		running--
		mu.Unlock()
		c.Status(http.StatusNoContent)
	})
	engine.GET("/healthz", func(c *gin.Context) { c.Status(http.StatusOK) })

	var wg sync.WaitGroup
	codes := make(chan int, 12)
	for range 12 {
		wg.Go(func() {
			w := httptest.NewRecorder()
			engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/slow", nil))
			codes <- w.Code
		})
	}
	// While the API is full, a health check is still answered.
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		full := running == limit
		mu.Unlock()
		if full {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the gate never filled")
		}
		time.Sleep(time.Millisecond)
	}
	w := httptest.NewRecorder()
	engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("health check while the API is full: %d", w.Code)
	}

	// A client that gives up while queued is answered 499 and never runs.
	ctx, cancel := context.WithCancel(context.Background())
	gone := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		engine.ServeHTTP(gone, httptest.NewRequest(http.MethodGet, "/api/v1/slow", nil).WithContext(ctx))
		close(done)
	}()
	cancel()
	<-done
	if gone.Code != 499 {
		t.Fatalf("cancelled queued request answered %d, want 499", gone.Code)
	}

	close(release)
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusNoContent {
			t.Fatalf("request answered %d", code)
		}
	}
	if most != limit {
		t.Fatalf("at most %d requests ran at once, want exactly the limit %d", most, limit)
	}
}

func TestActiveLimitNeverExceedsThePool(t *testing.T) {
	perCore := max(2*runtime.GOMAXPROCS(0), 4)
	for _, c := range []struct{ configured, pool, want int }{
		{0, 0, perCore},    // unbounded pool: two per core
		{0, 1000, perCore}, // a large pool: two per core
		{0, 2, 2},          // a pool of two: two
		{50, 16, 16},       // configured past the pool: the pool
		{12, 16, 12},       // configured within it: as configured
		{12, 0, 12},        // configured, unbounded pool
	} {
		if got := activeLimit(c.configured, c.pool); got != c.want {
			t.Errorf("activeLimit(%d, %d) = %d, want %d", c.configured, c.pool, got, c.want)
		}
	}
}

// blockedWriter is a client that does not read: writing the body blocks
// until the test lets it go.
type blockedWriter struct {
	*httptest.ResponseRecorder
	writing chan struct{}
	release chan struct{}
}

func (w *blockedWriter) Write(b []byte) (int, error) {
	close(w.writing)
	<-w.release
	return w.ResponseRecorder.Write(b)
}

// A client that does not read its response holds its connection, not a
// place: the next request is served while the first one's body waits.
func TestAdmissionFreesThePlaceBeforeWritingTheBody(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	engine.Use(admission(newGate(1), newAdmissionMetrics(prometheus.NewRegistry(), nil)))
	engine.GET("/api/v1/page", func(c *gin.Context) { c.String(http.StatusOK, "a page of records") })

	slow := &blockedWriter{ResponseRecorder: httptest.NewRecorder(), writing: make(chan struct{}), release: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		engine.ServeHTTP(slow, httptest.NewRequest(http.MethodGet, "/api/v1/page", nil))
		close(done)
	}()
	<-slow.writing
	next := httptest.NewRecorder()
	served := make(chan struct{})
	go func() {
		engine.ServeHTTP(next, httptest.NewRequest(http.MethodGet, "/api/v1/page", nil))
		close(served)
	}()
	select {
	case <-served:
	case <-time.After(5 * time.Second):
		t.Fatal("the next request waited for a client that does not read")
	}
	if next.Code != http.StatusOK || next.Body.String() != "a page of records" {
		t.Fatalf("next request: %d %q", next.Code, next.Body.String())
	}
	close(slow.release)
	<-done
	if slow.Code != http.StatusOK || slow.Body.String() != "a page of records" {
		t.Fatalf("slow client got %d %q", slow.Code, slow.Body.String())
	}
}

// A handler that panics after writing part of its body frees its place,
// and recovery answers 500 with nothing of the partial body.
func TestAdmissionLetsRecoveryAnswerAPanic(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	g := newGate(1)
	engine.Use(recovery(slog.New(slog.NewTextHandler(io.Discard, nil))), admission(g, newAdmissionMetrics(prometheus.NewRegistry(), g)))
	engine.GET("/api/v1/broken", func(c *gin.Context) {
		c.Status(http.StatusOK)
		_, _ = c.Writer.WriteString(`{"items":[`)
		panic("broken")
	})
	w := httptest.NewRecorder()
	engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/broken", nil))
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "items") {
		t.Fatalf("after a panic: %d %q", w.Code, w.Body.String())
	}
	if g.free != 1 {
		t.Fatalf("%d places free after the panic, want 1", g.free)
	}
}

// A full queue, or a wait past the bound, is overload: the request is
// turned away at once with 503 and Retry-After instead of waiting until
// the write timeout, it is counted, and the server serves normally again
// as soon as the load is gone.
func TestAdmissionShedsWhatItCannotServeSoon(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	g := newGate(1).bound(2, 200*time.Millisecond)
	reg := prometheus.NewRegistry()
	engine := gin.New()
	engine.Use(admission(g, newAdmissionMetrics(reg, g)))
	release := make(chan struct{})
	engine.GET("/api/v1/slow", func(c *gin.Context) {
		if c.Query("hold") != "" {
			<-release
		}
		c.Status(http.StatusNoContent)
	})
	serve := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w
	}
	held := make(chan int, 1)
	go func() { held <- serve("/api/v1/slow?hold=1").Code }()
	for g.free != 0 {
		runtime.Gosched()
	}
	// Two wait (the queue's length) and are turned away after the wait bound.
	waited := make(chan *httptest.ResponseRecorder, 2)
	for range 2 {
		go func() { waited <- serve("/api/v1/slow") }()
	}
	deadline := time.Now().Add(5 * time.Second)
	for g.waiting() < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the waiters never queued")
		}
		time.Sleep(time.Millisecond)
	}
	// The queue is full: the next is turned away at once.
	if w := serve("/api/v1/slow"); w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "1" {
		t.Fatalf("with the queue full: %d, Retry-After %q; want 503, 1", w.Code, w.Header().Get("Retry-After"))
	}
	for range 2 {
		if w := <-waited; w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "busy") {
			t.Fatalf("a request waiting past the bound: %d %s; want 503", w.Code, w.Body.String())
		}
	}
	if g.waiting() != 0 {
		t.Fatalf("%d still queued after giving up", g.waiting())
	}
	close(release)
	if code := <-held; code != http.StatusNoContent {
		t.Fatalf("the request holding the place: %d", code)
	}
	// The load is gone: served at once.
	if w := serve("/api/v1/slow"); w.Code != http.StatusNoContent {
		t.Fatalf("after the load: %d, want 204", w.Code)
	}
	var shed float64
	families, _ := reg.Gather()
	for _, f := range families {
		if f.GetName() == "liaison_admission_shed_total" {
			shed = f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	if shed != 3 {
		t.Fatalf("liaison_admission_shed_total = %v, want 3", shed)
	}
}
