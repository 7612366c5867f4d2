package api

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"liaison/services"
)

// Calendar feeds: a signed-in user makes, replaces or revokes their secret
// address under /api/v1/me; a calendar program fetches /calendar/<secret>.ics
// with no cookie and no session. The secret is in the path, so the access
// log writes the route pattern (/calendar/:file), never the path, and no
// error message of this file repeats it.

// calendarFeedPath is where feeds are served; the secret and .ics follow.
const calendarFeedPath = "/calendar/"

// feedSecret is the shape of a secret a feed may have (services.newSecret
// with its prefix): anything else is not looked up.
var feedSecret = regexp.MustCompile(`^lcal_[A-Za-z0-9_-]{43}$`)

// CalendarFeedURL is a newly made feed's address, shown once.
type CalendarFeedURL struct {
	URL string `json:"url" doc:"The secret subscription address. Shown once: keep it like a password."`
}

// CalendarFeedState says whether the user has a feed (its address is not
// kept, so it cannot be shown again).
type CalendarFeedState struct {
	Active    bool       `json:"active"`
	CreatedAt *time.Time `json:"created_at,omitempty" doc:"When the live address was made."`
}

type calendarFeedCreateInput struct{ RequestBase }

func (h *handlers) registerCalendarFeeds(api huma.API, engine *gin.Engine) {
	const tag = "calendar"
	huma.Register(api, op("get-calendar-feed", http.MethodGet, "/api/v1/me/calendar-feed", "Whether you have a calendar feed", tag),
		func(ctx context.Context, _ *struct{}) (*struct{ Body CalendarFeedState }, error) {
			active, at, err := h.svc.Calendars.HasFeed(ctx, actor(ctx))
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return &struct{ Body CalendarFeedState }{Body: CalendarFeedState{Active: active, CreatedAt: at}}, nil
		})

	create := op("create-calendar-feed", http.MethodPost, "/api/v1/me/calendar-feed", "Make your calendar feed's secret address (replacing the old one)", tag)
	create.DefaultStatus = http.StatusCreated
	create.Description = "The address (…/calendar/<secret>.ics, no cookie needed) holds your visits and interactions (those you own, " +
		"and the interactions of the visits you own) from 180 days back, in UTC, and the due dates of your open commitments as " +
		"all-day events, as you may see them. A new address replaces the old one at once; it answers 404 once revoked or when " +
		"your account is deactivated."
	huma.Register(api, create, func(ctx context.Context, in *calendarFeedCreateInput) (*struct{ Body CalendarFeedURL }, error) {
		secret, err := h.svc.Calendars.CreateFeed(ctx, actor(ctx))
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return &struct{ Body CalendarFeedURL }{Body: CalendarFeedURL{URL: in.base(h.publicURL) + calendarFeedPath + secret + ".ics"}}, nil
	})

	del := op("revoke-calendar-feed", http.MethodDelete, "/api/v1/me/calendar-feed", "Revoke your calendar feed", tag)
	del.DefaultStatus = http.StatusNoContent
	huma.Register(api, del, func(ctx context.Context, _ *struct{}) (*struct{}, error) {
		if err := h.svc.Calendars.RevokeFeed(ctx, actor(ctx)); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})

	limits := newFeedLimiter()
	engine.GET(calendarFeedPath+":file", func(c *gin.Context) {
		ctx := c.Request.Context()
		secret, ok := strings.CutSuffix(c.Param("file"), ".ics")
		if !ok || !feedSecret.MatchString(secret) {
			writeProblem(c, newProblem(requestID(ctx), http.StatusNotFound, "no such calendar feed"))
			return
		}
		if wait := limits.wait(c.ClientIP(), secret); wait > 0 {
			c.Header("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
			writeProblem(c, newProblem(requestID(ctx), http.StatusTooManyRequests, "too many requests for this feed; try again later"))
			return
		}
		feed, err := h.svc.Calendars.Feed(ctx, secret)
		if errors.Is(err, services.ErrNotFound) {
			writeProblem(c, newProblem(requestID(ctx), http.StatusNotFound, "no such calendar feed"))
			return
		}
		if err != nil {
			h.log.ErrorContext(ctx, "calendar feed failed", "request_id", requestID(ctx), "error", err.Error())
			writeProblem(c, newProblem(requestID(ctx), http.StatusInternalServerError, "internal error; quote the request ID when reporting it"))
			return
		}
		c.Header("Cache-Control", "private, no-cache")
		c.Data(http.StatusOK, "text/calendar; charset=utf-8", []byte(calendarICS(feed, publicBase(c.Request, h.publicURL))))
	})
}

// feedLimiter bounds how often one feed, and one client address, is
// fetched. Calendar programs poll every hour or so; a tight loop on one
// address or a scan of guessed secrets is refused early. The state is this
// process's only, which is all a limiter needs: several processes each let
// through their share.
type feedLimiter struct {
	mu      sync.Mutex
	clients map[string]*rate.Limiter
	feeds   map[string]*rate.Limiter
}

// Per client address: calendar providers fetch many users' feeds from a
// few addresses, so the address allows far more than one feed does.
const (
	feedsPerAddress  = rate.Limit(2) // a second, sustained
	addressBurst     = 120
	fetchesPerFeed   = rate.Limit(1.0 / 10) // one every 10 s, sustained
	feedBurst        = 6
	maxLimiterTracks = 10000 // past this many keys, the counts start afresh
)

func newFeedLimiter() *feedLimiter {
	return &feedLimiter{clients: map[string]*rate.Limiter{}, feeds: map[string]*rate.Limiter{}}
}

// wait is how long the client must wait before fetching this feed; 0 lets
// the fetch through (and counts it).
func (l *feedLimiter) wait(addr, secret string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	client := limiterFor(l.clients, addr, feedsPerAddress, addressBurst)
	feed := limiterFor(l.feeds, secret, fetchesPerFeed, feedBurst)
	rc, rf := client.ReserveN(now, 1), feed.ReserveN(now, 1)
	wait := max(rc.DelayFrom(now), rf.DelayFrom(now))
	if wait > 0 {
		rc.CancelAt(now)
		rf.CancelAt(now)
	}
	return wait
}

func limiterFor(m map[string]*rate.Limiter, key string, r rate.Limit, burst int) *rate.Limiter {
	lim, ok := m[key]
	if !ok {
		if len(m) >= maxLimiterTracks {
			clear(m)
		}
		lim = rate.NewLimiter(r, burst)
		m[key] = lim
	}
	return lim
}
