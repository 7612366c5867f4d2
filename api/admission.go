package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// admission lets as many API requests work at once as g has places and
// admits the others in the order they arrived.
//
// Without it, every request goes straight to the connection pool, and
// database/sql hands a freed connection to a random waiter: under load a
// request's wait is a lottery, and the slowest one in a hundred waited many
// times the average (at 32 clients on two cores, p99 about 2.5 × p50 on the
// contacts list). Requests waiting here wait in a first-come queue instead,
// each about as long as the queue ahead of it, and the pool, at least as large
// (activeLimit), always has a connection ready. It adds no throughput and
// takes none away.
//
// Only /api/ requests that reach the database queue; the SPA's files,
// health, metrics and the OpenAPI document are answered at once. A request
// whose client leaves while it waits leaves the queue (499, as any
// cancelled request). The response is written after the place is given
// up: a client that reads it slowly, or not at all, holds its connection,
// never a place (bufferedBody).
//
// The queue is bounded in length and in wait (gate.bound): past either,
// the server is overloaded, and a request is answered at once with 503 and
// Retry-After rather than held until the write timeout; the client tries
// again later and the queue drains as soon as the load eases.
func admission(g *gate, m *admissionMetrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		path := c.Request.URL.Path
		if g == nil || !strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/api/v1/openapi") {
			c.Next()
			return
		}
		queued := time.Now()
		if err := g.enter(c.Request.Context()); err != nil {
			if errors.Is(err, errOverloaded) {
				m.shed.Inc()
				c.Header("Retry-After", strconv.Itoa(g.retryAfter()))
				writeProblem(c, newProblem(requestID(c.Request.Context()), http.StatusServiceUnavailable, "the server is busy; try again shortly"))
			} else {
				writeProblem(c, newProblem(requestID(c.Request.Context()), 499, "request cancelled"))
			}
			c.Abort()
			return
		}
		m.queueWait.Observe(time.Since(queued).Seconds())
		out := c.Writer
		body := &bufferedBody{ResponseWriter: out}
		c.Writer = body
		func() {
			// Also on a panic: the place is freed, and what was buffered is
			// dropped, so that recovery can still answer 500.
			defer func() { c.Writer = out; g.leave() }()
			c.Next()
		}()
		if body.buf.Len() > 0 {
			_, _ = out.Write(body.buf.Bytes())
		}
	}
}

// admissionMetrics are the gate's series in /metrics: how many wait, how
// long they waited, and how many were turned away.
type admissionMetrics struct {
	shed      prometheus.Counter
	queueWait prometheus.Histogram
}

func newAdmissionMetrics(reg prometheus.Registerer, g *gate) *admissionMetrics {
	m := &admissionMetrics{
		shed: prometheus.NewCounter(prometheus.CounterOpts{Name: "liaison_admission_shed_total",
			Help: "API requests answered 503 because the admission queue was full or waited too long."}),
		queueWait: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "liaison_admission_wait_seconds",
			Help: "How long admitted API requests waited for a place.", Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}),
	}
	depth := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "liaison_admission_queue_depth",
		Help: "API requests waiting for a place now."}, func() float64 {
		if g == nil {
			return 0
		}
		return float64(g.waiting())
	})
	reg.MustRegister(m.shed, m.queueWait, depth)
	return m
}

// bufferedBody keeps a response's body in memory until the handler is
// done; status and headers go to the real writer as usual (gin sends them
// with the first byte of the body).
type bufferedBody struct {
	gin.ResponseWriter
	buf bytes.Buffer
}

func (w *bufferedBody) Write(b []byte) (int, error)       { return w.buf.Write(b) }
func (w *bufferedBody) WriteString(s string) (int, error) { return w.buf.WriteString(s) }
func (w *bufferedBody) Written() bool                     { return w.buf.Len() > 0 || w.ResponseWriter.Written() }
func (w *bufferedBody) Size() int {
	if w.buf.Len() == 0 {
		return w.ResponseWriter.Size()
	}
	return max(w.ResponseWriter.Size(), 0) + w.buf.Len()
}
func (w *bufferedBody) Flush() {}

// Unbuffered hands a streaming response (an export, an import's progress lines) the
// real writer, after what was buffered: such a response holds its place
// while it streams, as it holds it while it works.
func (w *bufferedBody) Unbuffered() gin.ResponseWriter {
	if w.buf.Len() > 0 {
		_, _ = w.ResponseWriter.Write(w.buf.Bytes())
		w.buf.Reset()
	}
	return w.ResponseWriter
}
func (w *bufferedBody) ReadFrom(r io.Reader) (int64, error) { return w.buf.ReadFrom(r) }

// activeLimit is how many API requests work at once: configured, or two
// per core. Two per core keep both busy while one request waits on the
// database or the network; more only lengthen the tail (measured on two
// cores at 32 clients: 4 or 8 serve the same requests per second, and the
// PostgreSQL list's p99 grows from 31 ms at 4 to 38 at 8 and 59 at 16, its
// processes then competing for the cores with Liaison's). It never exceeds
// the connection pool (pool ≤ 0: unbounded), so an admitted request never
// waits for a connection. A database on another machine, where requests
// mostly wait, may want more: LIAISON_MAX_ACTIVE_REQUESTS.
func activeLimit(configured, pool int) int {
	n := configured
	if n <= 0 {
		n = max(2*runtime.GOMAXPROCS(0), 4)
	}
	if pool > 0 {
		n = min(n, pool)
	}
	return n
}

// gate is a counting semaphore whose waiters are served first come, first
// served, in a queue of bounded length and wait (none until bound is set).
type gate struct {
	mu       sync.Mutex
	free     int
	waiters  []chan struct{}
	maxQueue int           // waiters at most; 0: no bound
	maxWait  time.Duration // how long a waiter waits at most; 0: no bound
}

// errOverloaded is entering a gate whose queue is full, or waiting in it
// longer than it allows.
var errOverloaded = errors.New("overloaded")

// Queue bounds when none are configured: a few waiters per place, and a
// wait that a person at a screen still accepts.
const (
	defaultQueuePerPlace = 16
	defaultMaxQueueWait  = 5 * time.Second
)

// bound sets the queue's bounds (0: the defaults) and returns g.
func (g *gate) bound(maxQueue int, maxWait time.Duration) *gate {
	if g == nil {
		return nil
	}
	if maxQueue <= 0 {
		maxQueue = defaultQueuePerPlace * g.free
	}
	if maxWait <= 0 {
		maxWait = defaultMaxQueueWait
	}
	g.maxQueue, g.maxWait = maxQueue, maxWait
	return g
}

// retryAfter is the Retry-After of a shed request, in whole seconds: the
// longest wait, at least one second.
func (g *gate) retryAfter() int {
	return max(1, int(g.maxWait/time.Second))
}

// newGate returns a gate of limit places, or nil (no gate) for limit ≤ 0,
// which is how database/sql spells an unbounded pool.
func newGate(limit int) *gate {
	if limit <= 0 {
		return nil
	}
	return &gate{free: limit}
}

// enter takes a place, waiting behind everyone who came before; it gives up
// when ctx ends.
func (g *gate) enter(ctx context.Context) error {
	g.mu.Lock()
	if g.free > 0 && len(g.waiters) == 0 {
		g.free--
		g.mu.Unlock()
		return nil
	}
	if g.maxQueue > 0 && len(g.waiters) >= g.maxQueue {
		g.mu.Unlock()
		return errOverloaded
	}
	turn := make(chan struct{})
	g.waiters = append(g.waiters, turn)
	g.mu.Unlock()

	var timeout <-chan time.Time
	if g.maxWait > 0 {
		timer := time.NewTimer(g.maxWait)
		defer timer.Stop()
		timeout = timer.C
	}
	select {
	case <-turn:
		return nil
	case <-ctx.Done():
		return g.giveUp(turn, ctx.Err())
	case <-timeout:
		return g.giveUp(turn, errOverloaded)
	}
}

// giveUp takes a waiter out of the queue and returns err; when its place
// was handed over at that very moment, it passes the place on.
func (g *gate) giveUp(turn chan struct{}, err error) error {
	g.mu.Lock()
	for i, w := range g.waiters {
		if w == turn {
			g.waiters = append(g.waiters[:i], g.waiters[i+1:]...)
			g.mu.Unlock()
			return err
		}
	}
	g.mu.Unlock()
	g.leave()
	return err
}

// leave gives the place to the longest waiter, or frees it.
func (g *gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.waiters) == 0 {
		g.free++
		return
	}
	next := g.waiters[0]
	g.waiters[0] = nil
	g.waiters = g.waiters[1:]
	close(next)
}

// waiting is how many requests are queued.
func (g *gate) waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.waiters)
}
