package api

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

var incomingID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequest gives every request an ID (kept from X-Request-ID when it is
// well-formed), answers it in the X-Request-ID header, and stores it and the
// client address (as gin's trusted-proxy setting allows) in the context.
func withRequest() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-ID")
		if !incomingID.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Header("X-Request-ID", id)
		ctx := context.WithValue(c.Request.Context(), keyRequestID, id)
		ctx = context.WithValue(ctx, keyClientAddr, c.ClientIP())
		// X-Forwarded-Proto counts only when gin trusted the forwarding hop.
		viaTrustedProxy := c.ClientIP() != c.RemoteIP()
		secure := c.Request.TLS != nil || (viaTrustedProxy && c.GetHeader("X-Forwarded-Proto") == "https")
		ctx = context.WithValue(ctx, keySecure, secure)
		ctx = context.WithValue(ctx, keyUserAgent, c.Request.UserAgent())
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// accessLog logs one line per request: the route pattern, never the raw
// URL, whose query may hold names or search terms.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		log.LogAttrs(c.Request.Context(), slog.LevelInfo, "request",
			slog.String("request_id", requestID(c.Request.Context())),
			slog.String("method", c.Request.Method),
			slog.String("route", route),
			slog.Int("status", c.Writer.Status()),
			slog.Int64("duration_us", time.Since(start).Microseconds()),
			slog.Int("bytes", c.Writer.Size()),
		)
	}
}

// Metrics are the Prometheus series the router keeps.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the HTTP series on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "liaison_http_requests_total", Help: "HTTP requests by route, method and status."}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "liaison_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: prometheus.DefBuckets}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

func (m *Metrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(c.Request.Method, route, strconv.Itoa(c.Writer.Status())).Inc()
		m.duration.WithLabelValues(c.Request.Method, route).Observe(time.Since(start).Seconds())
	}
}

// securityHeaders sets the headers every response carries, and HSTS on
// those the client reached over TLS (directly, or as a trusted proxy says
// with X-Forwarded-Proto: https; see withRequest): a browser that has seen
// it never tries plain HTTP on this host again.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		setStaticSecurityHeaders(h)
		if isSecure(c.Request.Context()) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			h.Set("Cache-Control", "no-store")
		}
		c.Next()
	}
}

// staticPolicy is the Content-Security-Policy of every response but index.html's.
var staticPolicy = contentSecurityPolicy()

// permissionsPolicy turns off the browser features Liaison never uses, so
// that injected or embedded content cannot use them either.
const permissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"

// setStaticSecurityHeaders sets the headers that do not depend on the
// request; also used by responses written outside gin (cross-origin refusal).
// The CSP allows no inline script (index.html's policy adds its own start
// script's hash: spa_csp.go); inline style attributes are allowed for the UI
// kit.
func setStaticSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", staticPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", permissionsPolicy)
}

// metricsAuth guards /metrics with a bearer token when one is configured
// (LIAISON_METRICS_TOKEN); without one, /metrics stays open, for a scraper
// on a private network.
func metricsAuth(token string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if token == "" {
			c.Next()
			return
		}
		got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="metrics"`)
			writeProblem(c, newProblem(requestID(c.Request.Context()), http.StatusUnauthorized, "send Authorization: Bearer with the metrics token"))
			c.Abort()
			return
		}
		c.Next()
	}
}

// recovery turns a panic into a 500 problem and logs it with the request ID.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				id := requestID(c.Request.Context())
				log.Error("panic", "request_id", id, "panic", r)
				if !c.Writer.Written() {
					writeProblem(c, newProblem(id, http.StatusInternalServerError, "internal error; quote the request ID when reporting it"))
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// writeProblem writes a problem outside huma (router-level errors).
func writeProblem(c *gin.Context, p *Problem) {
	c.Header("Content-Type", "application/problem+json")
	c.JSON(p.Status, p)
}
