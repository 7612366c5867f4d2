package api

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
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
func admission(g *gate) gin.HandlerFunc {
	return func(c *gin.Context) {
		path := c.Request.URL.Path
		if g == nil || !strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/api/v1/openapi") {
			c.Next()
			return
		}
		if err := g.enter(c.Request.Context()); err != nil {
			writeProblem(c, newProblem(requestID(c.Request.Context()), 499, "request cancelled"))
			c.Abort()
			return
		}
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
func (w *bufferedBody) Flush()                              {}
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
// served.
type gate struct {
	mu      sync.Mutex
	free    int
	waiters []chan struct{}
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
	turn := make(chan struct{})
	g.waiters = append(g.waiters, turn)
	g.mu.Unlock()

	select {
	case <-turn:
		return nil
	case <-ctx.Done():
		g.mu.Lock()
		for i, w := range g.waiters {
			if w == turn {
				g.waiters = append(g.waiters[:i], g.waiters[i+1:]...)
				g.mu.Unlock()
				return ctx.Err()
			}
		}
		g.mu.Unlock()
		// The place was handed over as ctx ended: pass it on.
		g.leave()
		return ctx.Err()
	}
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
