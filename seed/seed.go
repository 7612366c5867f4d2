// Package seed fills an empty database with a large, seeded, repeatable
// data set for benchmarks: at scale 1, 100k organizations, 1M contacts with
// positions, 300k visits, 1M interactions with participants and 200k
// commitments, owned by about fifty users in five offices covering thirty
// countries, over three years, in Latin and Arabic script, with some
// restricted records and sizes skewed the way real portfolios are (a few
// ministries know thousands of people; most NGOs a handful).
//
// Everything goes through the services: users, tags and projects through
// their Create methods, the bulk through services.ImportService, which
// applies the Create methods' validation and writes batches in one
// transaction each. Same seed, scale and day give the same data.
package seed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"liaison/models"
	"liaison/services"
)

// Password is the password of every generated user.
const Password = "liaison-bench-2026"

// AdminEmail and ManagerEmail are the generated users that benchmarks act as.
const (
	AdminEmail   = "admin@bench.liaison"
	ManagerEmail = "manager.iraq@bench.liaison"
	OfficerEmail = "officer1.iraq@bench.liaison"
)

// ErrNotEmpty is returned when the database already has users.
var ErrNotEmpty = errors.New("the database is not empty; seed-bench loads only into a new database")

// Options say what to generate.
type Options struct {
	Scale          float64   // 1 is the full data set; 0.01 a hundredth of it
	Seed           uint64    // the generator's seed
	Today          time.Time // the three years end here; zero means today (UTC)
	Batch          int       // records per import call; default 5000
	UsersPerOffice int       // default 10 (one manager, two viewers, officers)
	Progress       *Progress // nil: silent
	// SideBySide is how many import batches run at once in a bulk load
	// (models.WithBulkLoad) into a database that takes turns
	// (services.ImportService.TakesTurns: PostgreSQL); otherwise, and by
	// default, 1. See gen.pipeline.
	SideBySide int
}

// Report says what was written and how fast.
type Report struct {
	Counts  map[string]int // records per kind
	Rows    int            // every row the import wrote: records, positions, participants, taggings, audit
	Setup   time.Duration  // offices, users (password hashing), tags, projects
	Elapsed time.Duration  // the bulk import
}

// RowsPerSecond is the bulk import's rate.
func (r Report) RowsPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Rows) / r.Elapsed.Seconds()
}

// Full-scale record counts.
const (
	fullOrganizations = 100_000
	fullContacts      = 1_000_000
	fullVisits        = 300_000
	fullInteractions  = 1_000_000
	fullCommitments   = 200_000
	days              = 3 * 365
)

// org is a generated organization as later phases need it.
type org struct {
	id      int64
	country int // index into its office's countries
	people  []int64
}

type visitRef struct {
	id      int64
	start   int // day offset from today
	length  int
	country int
	host    int // index into the office's orgs
}

type heldRef struct {
	id         int64
	org        int // index into the office's orgs
	contact    int64
	day        int
	restricted bool
}

type officeState struct {
	*office
	id         int64
	writers    []services.Actor // manager and officers: the importing actors
	ministries [][]int64        // per country, the ids of its ministries
	orgs       []org
	visits     []visitRef
	held       []heldRef
	projects   []int64
}

type gen struct {
	ctx     context.Context
	svc     *services.Services
	imp     *services.ImportService
	opt     Options
	rng     *rand.Rand
	today   time.Time
	admin   services.Actor
	offices []*officeState
	report  Report
	tagged  []string
}

// Load fills an empty database. Errors: ErrNotEmpty, or the first service
// error (the generator only makes valid records, so any is a bug).
func Load(ctx context.Context, svc *services.Services, opt Options) (Report, error) {
	if opt.Scale <= 0 {
		opt.Scale = 1
	}
	if opt.Batch <= 0 {
		opt.Batch = 5000
	}
	if opt.UsersPerOffice < 3 {
		opt.UsersPerOffice = 10
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now().UTC()
	}
	if !models.IsBulkLoad(ctx) || !svc.Import().TakesTurns() {
		opt.SideBySide = 1
	}
	g := &gen{ctx: ctx, svc: svc, imp: svc.Import(), opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, 0x11a150)),
		today: opt.Today.UTC().Truncate(24 * time.Hour), report: Report{Counts: map[string]int{}}}
	start := time.Now()
	if err := g.setup(); err != nil {
		return g.report, err
	}
	g.report.Setup = time.Since(start)
	start = time.Now()
	total := 0
	for _, n := range []int{fullOrganizations, fullContacts, fullVisits, fullInteractions, fullCommitments} {
		total += g.scaled(n)
	}
	opt.Progress.begin(total)
	for _, phase := range []struct {
		name string
		run  func() error
	}{
		{"organizations", g.organizations}, {"contacts", g.contacts}, {"visits", g.visits},
		{"interactions", g.interactions}, {"commitments", g.commitments},
	} {
		if err := phase.run(); err != nil {
			return g.report, fmt.Errorf("%s: %w", phase.name, err)
		}
	}
	g.report.Elapsed = time.Since(start)
	opt.Progress.end(g.report)
	return g.report, nil
}

func (g *gen) scaled(n int) int { return max(1, int(math.Round(float64(n)*g.opt.Scale))) }

// share splits n over the offices by weight, the remainder to the first.
func (g *gen) share(n int) []int {
	out := make([]int, len(g.offices))
	left := n
	for i := len(g.offices) - 1; i > 0; i-- {
		out[i] = int(float64(n) * g.offices[i].weight)
		left -= out[i]
	}
	out[0] = left
	return out
}

func (g *gen) pick(n int) int { return g.rng.IntN(n) }

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *gen) day(offset int) string { return g.today.AddDate(0, 0, offset).Format(time.DateOnly) }

// zipf returns a skewed index in [0, n): a few indexes get most picks.
func (g *gen) zipf(n int) int {
	if n <= 1 {
		return 0
	}
	// Inverse-CDF of a continuous power law, cheap and seeded by g.rng.
	const s = 1.2
	const v = 8.0
	u := g.rng.Float64()
	hi := math.Pow(v+float64(n), 1-s)
	lo := math.Pow(v, 1-s)
	x := math.Pow(lo+u*(hi-lo), 1/(1-s)) - v
	return min(n-1, max(0, int(x)))
}

// setup creates the offices, users, tags and projects through the services.
func (g *gen) setup() error {
	first := offices[0]
	admin, created, err := g.svc.Auth.Bootstrap(g.ctx, services.FirstAdmin{Email: AdminEmail, Name: "Bench Administrator",
		Password: Password, OfficeName: first.name, OfficeCountry: &first.country})
	if err != nil {
		return err
	}
	if !created {
		return ErrNotEmpty
	}
	g.admin = services.Actor{UserID: admin.ID, OfficeID: admin.OfficeID, Role: admin.Role, Origin: services.Origin{RequestID: "seed-bench"}}
	for i := range offices {
		o := &offices[i]
		st := &officeState{office: o, id: admin.OfficeID}
		if i > 0 {
			created, err := g.svc.Offices.Create(g.ctx, g.admin, services.OfficeInput{Name: o.name, CountryCode: &o.country})
			if err != nil {
				return err
			}
			st.id = created.ID
		}
		slug := map[string]string{"iq": "iraq", "ba": "bih", "jo": "jordan", "tn": "tunisia", "at": "vienna"}[strings.ToLower(o.country)]
		for u := 0; u < g.opt.UsersPerOffice; u++ {
			role, email := "officer", fmt.Sprintf("officer%d.%s@bench.liaison", u, slug)
			switch {
			case u == 0:
				role, email = "manager", "manager."+slug+"@bench.liaison"
			case u >= g.opt.UsersPerOffice-2:
				role, email = "viewer", fmt.Sprintf("viewer%d.%s@bench.liaison", u, slug)
			}
			pool := o.countries[0].pool
			gn, fn := givenNames[pool][u%len(givenNames[pool])], familyNames[pool][(u*7+i)%len(familyNames[pool])]
			user, err := g.svc.Users.Create(g.ctx, g.admin, services.UserInput{Email: email, Name: gn.latin + " " + fn.latin,
				Password: Password, Role: role, OfficeID: st.id, Locale: map[bool]string{true: "ar", false: "en"}[pool == poolArabic]})
			if err != nil {
				return fmt.Errorf("user %s: %w", email, err)
			}
			if role != "viewer" {
				st.writers = append(st.writers, services.Actor{UserID: user.ID, OfficeID: st.id, Role: role,
					Origin: services.Origin{RequestID: "seed-bench"}})
			}
		}
		g.offices = append(g.offices, st)
	}
	for _, t := range themes {
		if _, err := g.svc.Tags.Create(g.ctx, g.admin, services.TagInput{Slug: t[0], Name: t[1], Kind: "theme"}); err != nil {
			return err
		}
		g.tagged = append(g.tagged, t[0])
	}
	for i := 1; i <= 17; i++ {
		g.tagged = append(g.tagged, fmt.Sprintf("sdg-%d", i))
	}
	return nil
}

// writer is an importing actor of the office, rotating so that records
// spread over owners.
func (g *gen) writer(st *officeState) services.Actor { return st.writers[g.pick(len(st.writers))] }

func (g *gen) tags(p float64) []string {
	if !g.chance(p) {
		return nil
	}
	out := []string{g.tagged[g.pick(len(g.tagged))]}
	if g.chance(0.3) {
		if t := g.tagged[g.pick(len(g.tagged))]; t != out[0] {
			out = append(out, t)
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// asciiFold makes an email-safe lower-case word: "Dženana" → "dzenana".
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'č', 'ć':
			r = 'c'
		case 'š', 'ş':
			r = 's'
		case 'ž':
			r = 'z'
		case 'đ':
			r = 'd'
		case 'é', 'è', 'ë':
			r = 'e'
		case 'ü':
			r = 'u'
		case 'ö':
			r = 'o'
		case 'ı':
			r = 'i'
		case 'ç':
			r = 'c'
		case 'ğ':
			r = 'g'
		}
		if (r >= 'a' && r <= 'z') || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
