package services

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
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

// A wrong password for a known email and any password for an unknown one
// do the same work: one password hash verified, with the same argon2id
// parameters (the unknown email against a dummy hash), and the same answer.
// So neither the answer nor its time tells whether an account exists. (The
// time itself is measured in BenchmarkWrongLogin, never asserted here.)
func TestLoginDoesTheSameWorkWhetherOrNotTheAccountExists(t *testing.T) {
	e := newEnv(t)
	var verified []string
	e.svc.Auth.verify = func(p, encoded string) bool {
		verified = append(verified, encoded)
		return verifyPassword(p, encoded)
	}
	params := func(encoded string) string { // "$argon2id$v=19$m=65536,t=3,p=2$"
		parts := strings.Split(encoded, "$")
		if len(parts) < 4 {
			t.Fatalf("not an argon2id hash: %q", encoded)
		}
		return strings.Join(parts[:4], "$")
	}
	var answers []string
	for i, email := range []string{"a.officer@example.org", "ghost@example.org"} {
		verified = nil
		o := Origin{ClientAddr: fmt.Sprintf("10.0.0.%d", i+1)}
		_, _, err := e.svc.Auth.Login(e.ctx, o, email, "wrong password!!", "")
		answers = append(answers, fmt.Sprint(err))
		if len(verified) != 1 {
			t.Fatalf("%s: %d password verifications, want exactly 1", email, len(verified))
		}
		fresh, _ := HashPassword("any password at all")
		if params(verified[0]) != params(fresh) {
			t.Errorf("%s verified against %s, not the parameters of a stored password %s", email, params(verified[0]), params(fresh))
		}
	}
	if answers[0] != answers[1] {
		t.Errorf("known email answered %q, unknown %q", answers[0], answers[1])
	}
}

// BenchmarkWrongLogin times a wrong sign-in for a known and an unknown
// email (each from a fresh address, so the throttle never answers first).
func BenchmarkWrongLogin(b *testing.B) {
	for _, email := range []string{"a.officer@example.org", "ghost@example.org"} {
		name := "known"
		if strings.HasPrefix(email, "ghost") {
			name = "unknown"
		}
		b.Run(name, func(b *testing.B) {
			db := modeltest.DB(b)
			modeltest.Seed(b, db, testHash())
			auth := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{}).Auth
			ctx := context.Background()
			i := 0
			for b.Loop() {
				i++
				o := Origin{ClientAddr: fmt.Sprintf("10.%d.%d.%d", i/65536%256, i/256%256, i%256)}
				if _, _, err := auth.Login(ctx, o, email, "wrong password!!", ""); !errors.Is(err, ErrUnauthenticated) {
					b.Fatal(err)
				}
			}
		})
	}
}
