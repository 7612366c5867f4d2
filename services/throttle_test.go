package services

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"liaison/models"
	"liaison/models/modeltest"
)

// frozenClock is a clock that moves only when told.
type frozenClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFrozenClock() *frozenClock { return &frozenClock{now: models.Now()} }

func (c *frozenClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *frozenClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// outcome is what a sign-in attempt answered: "ok", "401", or "429 <wait>".
func outcome(err error) string {
	var throttled *ThrottledError
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrUnauthenticated):
		return "401"
	case errors.As(err, &throttled):
		return fmt.Sprintf("429 %s", throttled.RetryAfter)
	}
	return "error " + err.Error()
}

// An attacker at one address backs off ever longer, and never locks the
// real user, at another address, out: the user signs in at once.
func TestLoginBacksOffPerPairWithoutLockingTheUserOut(t *testing.T) {
	e := newEnv(t)
	clock := newFrozenClock()
	e.svc.Auth.clock = clock.Now
	e.svc.Auth.verify = func(p, h string) bool { return p == testPassword } // argon2id's answer, without its cost
	attacker, user := Origin{ClientAddr: "198.51.100.66"}, Origin{ClientAddr: "192.0.2.10"}
	try := func(o Origin, password string) string {
		_, _, err := e.svc.Auth.Login(e.ctx, o, "a.viewer@example.org", password, "")
		return outcome(err)
	}
	var got []string
	for i := 0; i < 6; i++ {
		got = append(got, try(attacker, "wrong password!!"))
	}
	want := []string{"401", "401", "401", "401", "401", "429 2s"}
	if !slices.Equal(got, want) {
		t.Fatalf("attacker's first attempts: %v, want %v", got, want)
	}
	// The old rule answered 429 to the right password for 15 minutes.
	if o := try(user, testPassword); o != "ok" {
		t.Fatalf("the user from their own address: %s", o)
	}
	// Each further attempt waits twice as long as the one before.
	for _, wait := range []time.Duration{2, 4, 8, 16, 32} {
		clock.Advance(wait*time.Second - time.Millisecond)
		if o := try(attacker, "wrong password!!"); o != "429 1s" {
			t.Fatalf("a millisecond before the %ds wait is over: %s", wait, o)
		}
		clock.Advance(time.Millisecond)
		if o := try(attacker, "wrong password!!"); o != "401" {
			t.Fatalf("after waiting %ds: %s", wait, o)
		}
		if o := try(attacker, "wrong password!!"); o != fmt.Sprintf("429 %s", 2*wait*time.Second) {
			t.Fatalf("at once after the %ds wait: %s", wait, o)
		}
	}
	// ... up to the cap.
	for i := 0; i < 12; i++ {
		clock.Advance(defaultLoginPolicy.maxDelay)
		try(attacker, "wrong password!!")
	}
	if o := try(attacker, "wrong password!!"); o != "429 15m0s" {
		t.Fatalf("the wait is not capped: %s", o)
	}
	// The right password, once the wait is over, signs in and clears the pair.
	clock.Advance(defaultLoginPolicy.maxDelay)
	if o := try(attacker, testPassword); o != "ok" {
		t.Fatalf("right password after the wait: %s", o)
	}
	if o := try(attacker, "wrong password!!"); o != "401" {
		t.Fatalf("after a success the pair starts afresh: %s", o)
	}
	// A day of quiet forgets the pair too.
	for try(attacker, "wrong password!!") == "401" {
	}
	clock.Advance(defaultLoginPolicy.forgetAfter + time.Second)
	if o := try(attacker, "wrong password!!"); o != "401" {
		t.Fatalf("after a quiet day: %s", o)
	}
}

// Whether an email has an account shows in no answer: an unknown email,
// a known one and a deactivated user's get the same sequence of answers
// with the same waits.
func TestUnknownAndKnownEmailsAreThrottledAlike(t *testing.T) {
	e := newEnv(t)
	clock := newFrozenClock()
	e.svc.Auth.clock = clock.Now
	seq := func(email string) []string {
		var out []string
		for i := 0; i < 8; i++ {
			_, _, err := e.svc.Auth.Login(e.ctx, Origin{ClientAddr: "198.51.100.20"}, email, "wrong password!!", "")
			out = append(out, outcome(err))
			if i == 6 {
				clock.Advance(2 * time.Second)
			}
		}
		return out
	}
	known, unknown, inactive := seq("a.officer@example.org"), seq("no.such.person@example.org"), seq("a.inactive@example.org")
	if !slices.Equal(known, unknown) || !slices.Equal(known, inactive) {
		t.Fatalf("known %v\nunknown %v\ninactive %v", known, unknown, inactive)
	}
	var evaluated int64
	e.db.Model(&models.AuditEvent{}).Where("action = ?", ActionLoginFailed).Count(&evaluated)
	if evaluated != 3*6 {
		t.Errorf("%d attempts evaluated, want 18 (5 free and 1 after the wait, each)", evaluated)
	}
}

// One address cannot spray passwords over many accounts: past its burst it
// must wait, whichever email it tries, while other addresses are not
// affected; successful sign-ins do not use the budget.
func TestLoginCeilingPerAddressAcrossAccounts(t *testing.T) {
	e := newEnv(t)
	clock := newFrozenClock()
	e.svc.Auth.clock = clock.Now
	e.svc.Auth.verify = func(p, h string) bool { return p == testPassword } // no need to hash 40 times
	sprayer := Origin{ClientAddr: "198.51.100.99"}
	burst := int(defaultLoginPolicy.addrBurst)
	for i := 0; i < burst+5; i++ {
		if i%2 == 0 && i < burst { // successes in between cost nothing
			if _, _, err := e.svc.Auth.Login(e.ctx, sprayer, "b.viewer@example.org", testPassword, ""); err != nil {
				t.Fatalf("success %d: %v", i, err)
			}
		}
		_, _, err := e.svc.Auth.Login(e.ctx, sprayer, fmt.Sprintf("user%d@example.org", i), "guess", "")
		want := "401"
		if i >= burst {
			want = "429 30s"
		}
		if o := outcome(err); o != want {
			t.Fatalf("attempt %d: %s, want %s", i, o, want)
		}
	}
	if _, _, err := e.svc.Auth.Login(e.ctx, Origin{ClientAddr: "192.0.2.77"}, "b.viewer@example.org", testPassword, ""); err != nil {
		t.Fatalf("another address: %v", err)
	}
	// One more attempt every 30 seconds.
	clock.Advance(defaultLoginPolicy.addrEvery)
	if _, _, err := e.svc.Auth.Login(e.ctx, sprayer, "late@example.org", "guess", ""); outcome(err) != "401" {
		t.Fatalf("after 30 s: %v", err)
	}
	if _, _, err := e.svc.Auth.Login(e.ctx, sprayer, "later@example.org", "guess", ""); outcome(err) != "429 30s" {
		t.Fatalf("at once after that: %v", err)
	}
}

// twoProcesses opens two sets of services, each with its own connection
// pool, on one database: two Liaison processes behind a load balancer.
func twoProcesses(t *testing.T) (*env, *Services) {
	t.Helper()
	db, dsn := modeltest.Open(t)
	fx := modeltest.Seed(t, db, testHash())
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &env{t: t, db: db, svc: New(db, quiet, Config{}), fx: fx, ctx: t.Context()}
	db2, err := models.Open(dsn, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db2.DB(); err == nil {
			_ = s.Close()
		}
	})
	return e, New(db2, quiet, Config{})
}

// Thirty wrong passwords at once, spread over two processes, reach the
// password check at most as often as the pair allows: each attempt is
// claimed in the database before its password is verified. (The old
// check-hash-record order let 12 of 30 through.)
func TestConcurrentWrongLoginsOnTwoProcessesEvaluateAtMostTheLimit(t *testing.T) {
	e, other := twoProcesses(t)
	clock := newFrozenClock()
	var evaluated atomic.Int64
	slowWrong := func(string, string) bool {
		evaluated.Add(1)
		time.Sleep(50 * time.Millisecond) // as slow as argon2id, without its 64 MiB
		return false
	}
	for _, s := range []*Services{e.svc, other} {
		s.Auth.clock, s.Auth.verify = clock.Now, slowWrong
	}
	const attempts = 30
	results := make([]string, attempts)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < attempts; i++ {
		svc := []*Services{e.svc, other}[i%2]
		wg.Go(func() {
			<-start
			_, _, err := svc.Auth.Login(e.ctx, Origin{ClientAddr: "198.51.100.30"}, "a.admin@example.org", "wrong password!!", "")
			results[i] = outcome(err)
		})
	}
	close(start)
	wg.Wait()
	var unauthorized, throttled int64
	for _, r := range results {
		switch {
		case r == "401":
			unauthorized++
		case r[:3] == "429":
			throttled++
		default:
			t.Errorf("unexpected answer %q", r)
		}
	}
	var audited int64
	e.db.Model(&models.AuditEvent{}).Where("action = ?", ActionLoginFailed).Count(&audited)
	limit := defaultLoginPolicy.freeAttempts
	t.Logf("%s: %d of %d concurrent attempts on two processes evaluated (limit %d)", modeltest.Kind(), evaluated.Load(), attempts, limit)
	if evaluated.Load() > limit || evaluated.Load() != unauthorized || audited != unauthorized || unauthorized+throttled != attempts {
		t.Fatalf("evaluated %d, 401 %d, audited %d, 429 %d; at most %d may be evaluated", evaluated.Load(), unauthorized, audited, throttled, limit)
	}
	if evaluated.Load() == 0 {
		t.Fatal("nothing was evaluated")
	}
}

// While an attacker hammers an account from one address on two processes,
// the user signs in from their own, at once.
func TestUserSignsInWhileAnAttackerHammersTheAccount(t *testing.T) {
	e, other := twoProcesses(t)
	clock := newFrozenClock()
	for _, s := range []*Services{e.svc, other} {
		s.Auth.clock = clock.Now
		s.Auth.verify = func(p, h string) bool { // argon2id's real answer, without its cost
			time.Sleep(20 * time.Millisecond)
			return p == testPassword
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var hammered atomic.Int64
	for i := 0; i < 4; i++ {
		svc := []*Services{e.svc, other}[i%2]
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				_, _, _ = svc.Auth.Login(e.ctx, Origin{ClientAddr: "198.51.100.31"}, "a.manager@example.org", "guess!!", "")
				hammered.Add(1)
			}
		})
	}
	for hammered.Load() < 40 {
		time.Sleep(10 * time.Millisecond)
	}
	for i, s := range []*Services{e.svc, other} {
		if _, _, err := s.Auth.Login(e.ctx, Origin{ClientAddr: "192.0.2.50"}, "a.manager@example.org", testPassword, ""); err != nil {
			t.Errorf("the user on process %d, during the attack: %v", i+1, err)
		}
	}
	close(stop)
	wg.Wait()
	// The attacker's address is the one that waits.
	_, _, err := e.svc.Auth.Login(e.ctx, Origin{ClientAddr: "198.51.100.31"}, "a.manager@example.org", testPassword, "")
	if outcome(err)[:3] != "429" {
		t.Errorf("the attacker's address after the attack: %s", outcome(err))
	}
}

// A wrong password costs the same time whether or not the email exists:
// both are hashed with the same parameters. The figures are logged; set
// LIAISON_TIMING_SAMPLES=50 for the full measurement.
func TestLoginTimingDoesNotRevealAccounts(t *testing.T) {
	e := newEnv(t)
	n := 8
	if v := os.Getenv("LIAISON_TIMING_SAMPLES"); v != "" {
		fmt.Sscan(v, &n)
	}
	var known, unknown []time.Duration
	addrs := 0
	for i := 0; i < n; i++ {
		for _, c := range []struct {
			email string
			into  *[]time.Duration
		}{{"a.officer@example.org", &known}, {fmt.Sprintf("ghost%d@example.org", i), &unknown}} {
			// A fresh address each time, so that the throttle never answers
			// instead of the password check.
			addrs++
			o := Origin{ClientAddr: fmt.Sprintf("10.0.%d.%d", addrs/250, addrs%250)}
			start := time.Now()
			_, _, err := e.svc.Auth.Login(e.ctx, o, c.email, "wrong password!!", "")
			*c.into = append(*c.into, time.Since(start))
			if !errors.Is(err, ErrUnauthenticated) {
				t.Fatalf("%s: %v", c.email, err)
			}
		}
	}
	pct := func(d []time.Duration, p int) time.Duration {
		s := slices.Clone(d)
		slices.Sort(s)
		return s[(len(s)-1)*p/100]
	}
	t.Logf("%s, %d wrong logins each: known email median %v p90 %v; unknown email median %v p90 %v",
		modeltest.Kind(), n, pct(known, 50).Round(time.Millisecond), pct(known, 90).Round(time.Millisecond),
		pct(unknown, 50).Round(time.Millisecond), pct(unknown, 90).Round(time.Millisecond))
	ratio := float64(pct(known, 50)) / float64(pct(unknown, 50))
	if ratio < 0.67 || ratio > 1.5 {
		t.Errorf("median known/unknown = %.2f: the answer's time tells whether an account exists", ratio)
	}
}
