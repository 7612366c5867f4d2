package seed

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"liaison/services"
)

// job is one import call: load runs it (perhaps beside the job before, see
// pipeline), keep records what later phases read of its ids, in the order
// the jobs were made.
type job struct {
	records, rows int
	load          func(ctx context.Context) ([]int64, error)
	keep          func(ids []int64)
}

// pipeline generates batches on one goroutine while the calling goroutine
// imports them, so that making the next batch overlaps writing this one.
// With Options.SideBySide above 1 (a bulk load into PostgreSQL), that many
// batches are imported at once, each writing only after the one before has
// committed (services.WithWriteTurn): one checks its references and builds
// its rows while the one before streams its rows into the server. Only
// produce touches the generator's random source, and keep runs on the
// calling goroutine in the jobs' order, so the data do not depend on
// timing; only keep touches the state that later phases read.
func (g *gen) pipeline(name string, produce func(emit func(job) bool)) error {
	jobs := make(chan job, 2)
	stop := make(chan struct{})
	go func() {
		defer close(jobs)
		produce(func(j job) bool {
			select {
			case jobs <- j:
				return true
			case <-stop:
				return false
			}
		})
	}()
	side := max(1, g.opt.SideBySide)
	var running []*loading
	var before *loading
	var failed error
	// end waits for the oldest running job and keeps its ids.
	end := func() {
		l := running[0]
		running = running[1:]
		<-l.done
		if failed != nil {
			return
		}
		if l.err != nil {
			failed = l.err
			return
		}
		l.job.keep(l.ids)
		g.report.Rows += l.job.rows
		g.report.Counts[name] += l.job.records
		g.opt.Progress.step(name, l.job.records, l.job.rows)
	}
	for j := range jobs {
		if failed != nil {
			continue // drain the generator
		}
		l := &loading{job: j, done: make(chan struct{})}
		ctx := g.ctx
		if side > 1 {
			ctx = services.WithWriteTurn(ctx, before.committed)
		}
		go func() {
			defer close(l.done)
			l.ids, l.err = j.load(ctx)
		}()
		before = l
		running = append(running, l)
		if len(running) == side {
			end()
			if failed != nil {
				close(stop)
			}
		}
	}
	for len(running) > 0 {
		end()
	}
	return failed
}

// loading is a job being imported.
type loading struct {
	job  job
	ids  []int64
	err  error
	done chan struct{} // closed when the import call has returned
}

// errBatchBefore stops a batch whose turn never comes: the batch before it
// did not commit.
var errBatchBefore = errors.New("the batch before did not commit")

// committed waits until l's import has returned (nil l: the phase's first
// job, whose turn is at once); an error if it failed or ctx ended first.
func (l *loading) committed(ctx context.Context) error {
	if l == nil {
		return nil
	}
	select {
	case <-l.done:
		if l.err != nil {
			return errBatchBefore
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// batches cuts each office's share of a phase into import calls and takes
// the offices in turn, batch by batch, as offices working side by side
// would fill the database: an office's records are spread over the whole
// load, not bunched into one stretch of ids and timestamps.
func (g *gen) batches(counts []int, each func(st *officeState, from, to int) bool) {
	for from := 0; ; from += g.opt.Batch {
		more := false
		for oi, st := range g.offices {
			if from >= counts[oi] {
				continue
			}
			more = true
			if !each(st, from, min(counts[oi], from+g.opt.Batch)) {
				return
			}
		}
		if !more {
			return
		}
	}
}

func (g *gen) organizations() error {
	counts := g.share(g.scaled(fullOrganizations))
	// National ministries first: the directorates below need their ids.
	made := make([]int, len(g.offices))
	err := g.pipeline("organizations", func(emit func(job) bool) {
		for oi, st := range g.offices {
			per := max(1, min(len(ministries), counts[oi]*3/100/len(st.countries)))
			var in []services.OrganizationInput
			var where []int
			for ci, c := range st.countries {
				for k := 0; k < per && len(in) < counts[oi]; k++ {
					m := ministries[k]
					local := ""
					if c.pool == poolArabic {
						local = m[1]
					}
					in = append(in, services.OrganizationInput{Name: m[0] + " of " + countryNames[c.code], NameLocal: local,
						Type: "ministry", Level: ptr("national"), CountryCode: ptr(c.code), City: c.cities[0][0],
						Influence: ptr(3 + g.pick(3)), Interest: ptr(2 + g.pick(4)), OwnerID: ptr(g.writer(st).UserID),
						Tags: g.tags(0.3)})
					where = append(where, ci)
				}
			}
			made[oi] = len(in)
			actor := g.writer(st)
			if !emit(job{records: len(in), rows: rowsOf(len(in), 0, in, nil), load: func(ctx context.Context) ([]int64, error) {
				return g.imp.Organizations(ctx, actor, in)
			}, keep: func(ids []int64) {
				st.ministries = make([][]int64, len(st.countries))
				for i, id := range ids {
					st.ministries[where[i]] = append(st.ministries[where[i]], id)
					st.orgs = append(st.orgs, org{id: id, country: where[i]})
				}
			}}) {
				return
			}
		}
	})
	if err != nil {
		return err
	}
	rest := make([]int, len(counts))
	for i := range counts {
		rest[i] = counts[i] - made[i]
	}
	err = g.pipeline("organizations", func(emit func(job) bool) {
		g.batches(rest, func(st *officeState, from, to int) bool {
			in := make([]services.OrganizationInput, 0, to-from)
			where := make([]int, 0, to-from)
			for i := from; i < to; i++ {
				ci := g.pick(len(st.countries))
				in = append(in, g.organization(st, ci, i))
				where = append(where, ci)
			}
			actor := g.writer(st)
			return emit(job{records: len(in), rows: rowsOf(len(in), 0, in, nil), load: func(ctx context.Context) ([]int64, error) {
				return g.imp.Organizations(ctx, actor, in)
			}, keep: func(ids []int64) {
				for i, id := range ids {
					st.orgs = append(st.orgs, org{id: id, country: where[i]})
				}
			}})
		})
	})
	if err != nil {
		return err
	}
	return g.projects()
}

// organization makes the n-th non-ministry organization of an office.
func (g *gen) organization(st *officeState, ci, n int) services.OrganizationInput {
	c := st.countries[ci]
	city := c.cities[g.pick(len(c.cities))]
	arabic := c.pool == poolArabic
	in := services.OrganizationInput{CountryCode: ptr(c.code), City: city[0], OwnerID: ptr(g.writer(st).UserID), Tags: g.tags(0.25)}
	if g.chance(0.05) && len(st.ministries[ci]) > 0 {
		parent := st.ministries[ci][g.pick(len(st.ministries[ci]))]
		d := directorates[g.pick(len(directorates))]
		in.Name = fmt.Sprintf("%s, %s office %d", d[0], city[0], n%97)
		if arabic {
			in.NameLocal = d[1] + " في " + city[1]
		}
		in.Type, in.Level, in.ParentID = "government_agency", ptr("regional"), ptr(parent)
		in.Influence = ptr(2 + g.pick(4))
		return in
	}
	t := g.orgType()
	in.Type, in.Level = t.typ, ptr(t.level)
	adj, topic, noun := orgAdjectives[g.pick(len(orgAdjectives))], orgTopics[g.pick(len(orgTopics))], orgNouns[g.pick(len(orgNouns))]
	switch t.typ {
	case "local_government":
		in.Name = fmt.Sprintf("Municipality of %s, District %d", city[0], 1+n%60)
		if arabic {
			in.NameLocal = fmt.Sprintf("بلدية %s، الحي %d", city[1], 1+n%60)
		}
	case "academic":
		in.Name = fmt.Sprintf("%s Institute of %s Studies %d", city[0], topic[0], n%50)
		if arabic {
			in.NameLocal = fmt.Sprintf("معهد دراسات %s في %s", topic[1], city[1])
		}
	case "media":
		in.Name = fmt.Sprintf("Radio %s %s %d", city[0], topic[0], n%40)
		if arabic {
			in.NameLocal = fmt.Sprintf("إذاعة %s %s", city[1], topic[1])
		}
	default:
		in.Name = fmt.Sprintf("%s %s %s %s", adj[0], topic[0], noun[0], city[0])
		if arabic {
			in.NameLocal = fmt.Sprintf("%s %s %s في %s", noun[1], topic[1], adj[1], city[1])
		}
	}
	if g.chance(0.3) {
		in.Acronym = acronym(in.Name)
	}
	if g.chance(0.4) {
		in.Email = fmt.Sprintf("info@%s%d.example.org", asciiFold(strings.Fields(in.Name)[0]), n)
	}
	if g.chance(0.3) {
		in.Website = fmt.Sprintf("https://www.%s%d.example.org", asciiFold(strings.Fields(in.Name)[0]), n)
	}
	if g.chance(0.25) {
		in.Influence = ptr(1 + g.pick(5))
	}
	if g.chance(0.3) {
		in.Interest = ptr(1 + g.pick(5))
	}
	if g.chance(0.2) {
		in.Description = fmt.Sprintf("Works on %s in %s and the surrounding region.", strings.ToLower(topic[0]), city[0])
	}
	return in
}

func (g *gen) orgType() struct {
	typ, level string
	weight     float64
} {
	total := 0.0
	for _, t := range orgTypes {
		total += t.weight
	}
	x := g.rng.Float64() * total
	for _, t := range orgTypes {
		if x < t.weight {
			return t
		}
		x -= t.weight
	}
	return orgTypes[0]
}

func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// projects creates eight programmes per office, each with a donor.
func (g *gen) projects() error {
	for _, st := range g.offices {
		for k := 1; k <= 8; k++ {
			donor := st.orgs[g.pick(len(st.orgs))].id
			topic := topics[g.pick(len(topics))]
			p, err := g.svc.Projects.Create(g.ctx, g.admin, services.ProjectInput{Code: fmt.Sprintf("%s-%02d", st.country, k),
				Name: "Programme on " + topic + " (" + countryNames[st.country] + ")", DonorOrganizationID: &donor,
				StartDate: ptr(g.day(-days - 30*k)), EndDate: ptr(g.day(365 + 30*k))})
			if err != nil {
				return fmt.Errorf("project: %w", err)
			}
			st.projects = append(st.projects, p.ID)
		}
	}
	return nil
}

var honorifics = []string{"Dr.", "Mr.", "Ms.", "H.E.", "Prof."}

func (g *gen) contacts() error {
	counts := g.share(g.scaled(fullContacts))
	return g.pipeline("contacts", func(emit func(job) bool) {
		g.batches(counts, func(st *officeState, from, to int) bool {
			in := make([]services.ContactInput, 0, to-from)
			at := make([]int, 0, to-from)
			extra := 0
			for i := from; i < to; i++ {
				c, o := g.contact(st, i)
				in = append(in, c)
				at = append(at, o)
				extra += len(c.Positions)
			}
			actor := g.writer(st)
			return emit(job{records: len(in), rows: rowsOf(len(in), extra, nil, in), load: func(ctx context.Context) ([]int64, error) {
				return g.imp.Contacts(ctx, actor, in)
			}, keep: func(ids []int64) {
				for i, id := range ids {
					if at[i] >= 0 {
						st.orgs[at[i]].people = append(st.orgs[at[i]].people, id)
					}
				}
			}})
		})
	})
}

// contact makes the n-th contact of an office and says at which of its
// organizations (index, or -1) they hold their current position.
func (g *gen) contact(st *officeState, n int) (services.ContactInput, int) {
	oi := g.zipf(len(st.orgs))
	o := &st.orgs[oi] // its people are being filled in by the importer: read only id and country
	c := st.countries[o.country]
	gn := givenNames[c.pool][g.pick(len(givenNames[c.pool]))]
	fn := familyNames[c.pool][g.pick(len(familyNames[c.pool]))]
	gender := "male"
	if gn.female {
		gender = "female"
	}
	if g.chance(0.02) {
		gender = "undisclosed"
	}
	in := services.ContactInput{GivenName: gn.latin, FamilyName: fn.latin, Gender: ptr(gender), CountryCode: ptr(c.code),
		City: c.cities[g.pick(len(c.cities))][0], Languages: languages[c.pool], OwnerID: ptr(g.writer(st).UserID),
		ConsentBasis: ptr([]string{"public_role", "public_role", "legitimate_interest", "consent"}[g.pick(4)]), Tags: g.tags(0.1)}
	if c.pool == poolArabic {
		in.NameLocal = gn.arabic + " " + fn.arabic
	}
	if g.chance(0.3) {
		in.Honorific = honorifics[g.pick(len(honorifics))]
	}
	if g.chance(0.6) {
		in.Email = asciiFold(gn.latin) + "." + asciiFold(fn.latin) + "." + strconv.Itoa(n) + "@example.org"
	}
	if g.chance(0.4) {
		in.Phone = g.phone(c.code)
	}
	if g.chance(0.05) {
		in.Restricted, in.ConsentBasis = true, ptr("consent")
		in.Notes = "Met through a youth programme; keep within the office."
	}
	at := -1
	if !g.chance(0.05) {
		start := -30 - g.pick(2000)
		in.Positions = append(in.Positions, services.PositionInput{OrganizationID: o.id, Title: titles[g.pick(len(titles))],
			StartDate: ptr(g.day(start)), Primary: true})
		at = oi
		if g.chance(0.15) {
			prev := st.orgs[g.pick(len(st.orgs))].id
			in.Positions = append(in.Positions, services.PositionInput{OrganizationID: prev, Title: titles[g.pick(len(titles))],
				StartDate: ptr(g.day(start - 200 - g.pick(1500))), EndDate: ptr(g.day(start - 1 - g.pick(100)))})
		}
	}
	return in, at
}

func (g *gen) visits() error {
	counts := g.share(g.scaled(fullVisits))
	return g.pipeline("visits", func(emit func(job) bool) {
		g.batches(counts, func(st *officeState, from, to int) bool {
			in := make([]services.VisitInput, 0, to-from)
			refs := make([]visitRef, 0, to-from)
			extra := 0
			for i := from; i < to; i++ {
				v, r := g.visit(st)
				in = append(in, v)
				refs = append(refs, r)
				extra += len(v.Participants)
			}
			actor := g.writer(st)
			return emit(job{records: len(in), rows: rowsOf(len(in), extra, nil, nil) + tagRows(in), load: func(ctx context.Context) ([]int64, error) {
				return g.imp.Visits(ctx, actor, in)
			}, keep: func(ids []int64) {
				for i, id := range ids {
					refs[i].id = id
					st.visits = append(st.visits, refs[i])
				}
			}})
		})
	})
}

func (g *gen) visit(st *officeState) (services.VisitInput, visitRef) {
	hi := g.zipf(len(st.orgs))
	host := st.orgs[hi]
	c := st.countries[host.country]
	city := c.cities[g.pick(len(c.cities))][0]
	start := -g.pick(days) + 60
	length := g.pick(6)
	status := "completed"
	switch {
	case g.chance(0.04):
		status = "cancelled"
	case start > 0:
		status = "planned"
	case start+length >= 0:
		status = "ongoing"
	}
	guest := st.orgs[g.pick(len(st.orgs))]
	kind := visitKinds[g.pick(len(visitKinds))]
	topic := topics[g.pick(len(topics))]
	in := services.VisitInput{
		Title: fmt.Sprintf("%s: %s (%s)", strings.ReplaceAll(kind, "_", " "), topic, city), Kind: kind, Status: status,
		Purpose:   "Learn from and connect with counterparts working on " + topic + ".",
		StartDate: g.day(start), EndDate: g.day(start + length), HostCountryCode: ptr(c.code),
		OriginCountryCode: ptr(st.countries[guest.country].code), City: city, OwnerID: ptr(g.writer(st).UserID),
		Tags: g.tags(0.3),
		Participants: withParticipant([]services.ParticipantInput{{OrganizationID: ptr(host.id), Side: "host", Role: "host"}},
			services.ParticipantInput{OrganizationID: ptr(guest.id), Side: "visiting", Role: "head_of_delegation"}),
	}
	for k := g.pick(3); k > 0 && len(guest.people) > 0; k-- {
		in.Participants = withParticipant(in.Participants, services.ParticipantInput{ContactID: ptr(guest.people[g.pick(len(guest.people))]),
			Side: "visiting", Role: "delegate"})
	}
	if g.chance(0.2) {
		in.Participants = withParticipant(in.Participants, services.ParticipantInput{OrganizationID: ptr(st.orgs[g.pick(len(st.orgs))].id),
			Side: "funder", Role: "funder"})
	}
	if status == "completed" && g.chance(0.5) {
		in.Outcomes = "Agreed next steps on " + topic + "; a follow-up meeting is planned."
	}
	if g.chance(0.3) {
		in.ProjectID = ptr(st.projects[g.pick(len(st.projects))])
	}
	return in, visitRef{start: start, length: length, country: host.country, host: hi}
}

func (g *gen) interactions() error {
	counts := g.share(g.scaled(fullInteractions))
	return g.pipeline("interactions", func(emit func(job) bool) {
		g.batches(counts, func(st *officeState, from, to int) bool {
			in := make([]services.InteractionInput, 0, to-from)
			refs := make([]heldRef, 0, to-from)
			extra := 0
			for i := from; i < to; i++ {
				it, r := g.interaction(st)
				in = append(in, it)
				refs = append(refs, r)
				extra += len(it.Participants) + len(it.Tags)
			}
			actor := g.writer(st)
			return emit(job{records: len(in), rows: len(in) + extra + 1, load: func(ctx context.Context) ([]int64, error) {
				return g.imp.Interactions(ctx, actor, in)
			}, keep: func(ids []int64) {
				for i, id := range ids {
					if in[i].Status == "held" {
						refs[i].id = id
						st.held = append(st.held, refs[i])
					}
				}
			}})
		})
	})
}

func (g *gen) interaction(st *officeState) (services.InteractionInput, heldRef) {
	var oi, day int
	var visitID *int64
	if len(st.visits) > 0 && g.chance(0.35) {
		v := st.visits[g.pick(len(st.visits))]
		oi, day, visitID = v.host, v.start+g.pick(v.length+1), ptr(v.id)
	} else {
		oi = g.zipf(len(st.orgs))
		day = -g.pick(days)
		if g.chance(0.05) {
			day = 1 + g.pick(60)
		}
	}
	o := st.orgs[oi]
	c := st.countries[o.country]
	s := interactionSubjects[g.pick(len(interactionSubjects))]
	topic := topics[g.pick(len(topics))]
	city := c.cities[g.pick(len(c.cities))][0]
	starts := g.today.AddDate(0, 0, day).Add(time.Duration(7+g.pick(11))*time.Hour + time.Duration(15*g.pick(4))*time.Minute)
	status := "held"
	switch {
	case day > 0 || starts.After(time.Now()):
		// A meeting later today has not happened yet; the service refuses
		// "held" for it, so the data set depends on the hour it is built.
		status = "planned"
	case g.chance(0.04):
		status = "cancelled"
	}
	in := services.InteractionInput{Kind: s.kind, Status: status, Subject: fmt.Sprintf(s.text, topic),
		Summary:  fmt.Sprintf("Discussed %s in %s; next steps agreed where noted.", topic, city),
		StartsAt: starts, City: city, CountryCode: ptr(c.code), VisitID: visitID, OwnerID: ptr(g.writer(st).UserID),
		Restricted: g.chance(0.03), Tags: g.tags(0.3),
		Participants: []services.ParticipantInput{{OrganizationID: ptr(o.id), Role: []string{"participant", "host"}[g.pick(2)]}}}
	if g.chance(0.7) {
		in.EndsAt = ptr(starts.Add(time.Duration(30+30*g.pick(4)) * time.Minute))
	}
	if g.chance(0.3) {
		in.Location = "Offices of the counterpart, " + city
	}
	if g.chance(0.1) {
		in.ProjectID = ptr(st.projects[g.pick(len(st.projects))])
	}
	ref := heldRef{org: oi, day: day, restricted: in.Restricted}
	for k := 1 + g.pick(2); k > 0 && len(o.people) > 0; k-- {
		id := o.people[g.pick(len(o.people))]
		if ref.contact == 0 {
			ref.contact = id
		}
		in.Participants = withParticipant(in.Participants, services.ParticipantInput{ContactID: ptr(id), Role: "participant"})
	}
	if g.chance(0.2) {
		in.Participants = withParticipant(in.Participants, services.ParticipantInput{OrganizationID: ptr(st.orgs[g.pick(len(st.orgs))].id), Role: "participant"})
	}
	return in, ref
}

var (
	longAgo = []string{"done", "done", "done", "done", "done", "done", "done", "done", "done", "done", "cancelled", "open"}
	recent  = []string{"done", "done", "done", "done", "open", "open", "in_progress", "in_progress", "cancelled", "open"}
)

func (g *gen) commitments() error {
	counts := g.share(g.scaled(fullCommitments))
	return g.pipeline("commitments", func(emit func(job) bool) {
		g.batches(counts, func(st *officeState, from, to int) bool {
			if len(st.held) == 0 {
				return true
			}
			in := make([]services.CommitmentInput, 0, to-from)
			extra := 0
			for i := from; i < to; i++ {
				c := g.commitment(st)
				in = append(in, c)
				extra += len(c.Tags)
			}
			actor := g.writer(st)
			return emit(job{records: len(in), rows: len(in) + extra + 1, load: func(ctx context.Context) ([]int64, error) {
				return g.imp.Commitments(ctx, actor, in)
			}, keep: func([]int64) {}})
		})
	})
}

func (g *gen) commitment(st *officeState) services.CommitmentInput {
	h := st.held[g.pick(len(st.held))]
	due := h.day + 7 + g.pick(60)
	status := "open"
	switch {
	case due < -45:
		status = longAgo[g.pick(len(longAgo))]
	case due < 0:
		status = recent[g.pick(len(recent))]
	case g.chance(0.3):
		status = "in_progress"
	}
	topic := topics[g.pick(len(topics))]
	in := services.CommitmentInput{Title: followUps[g.pick(len(followUps))], Direction: []string{"ours", "ours", "theirs", "joint"}[g.pick(4)],
		OwnerID: ptr(g.writer(st).UserID), CounterpartOrganizationID: ptr(st.orgs[h.org].id), DueDate: ptr(g.day(due)),
		Status: status, Priority: []string{"low", "normal", "normal", "high"}[g.pick(4)], InteractionID: ptr(h.id),
		Tags: g.tags(0.1)}
	if g.chance(0.05) {
		in.DueDate = nil
	}
	if g.chance(0.5) {
		in.Details = "Agreed at the meeting on " + topic + "."
	}
	if h.contact != 0 && g.chance(0.4) {
		in.CounterpartContactID = ptr(h.contact)
	}
	if status == "done" {
		in.ClosureNote = "Done as agreed."
	}
	return in
}

// rowsOf counts the rows one batch writes: records, their children, their
// taggings and the batch's audit event.
func rowsOf(records, children int, orgs []services.OrganizationInput, contacts []services.ContactInput) int {
	n := records + children + 1
	for _, o := range orgs {
		n += len(o.Tags)
	}
	for _, c := range contacts {
		n += len(c.Tags)
	}
	return n
}

func tagRows(in []services.VisitInput) int {
	n := 0
	for _, v := range in {
		n += len(v.Tags)
	}
	return n
}

// phone is a mobile number of the country, written internationally: its
// example number with the last four digits drawn, so that it has a length
// the country's numbers have (services check phones).
func (g *gen) phone(country string) string {
	n := phonenumbers.GetExampleNumberForType(country, phonenumbers.MOBILE)
	if n == nil {
		n = phonenumbers.GetExampleNumber(country)
	}
	if n == nil {
		return ""
	}
	national := n.GetNationalNumber()
	national = national - national%10_000 + uint64(g.pick(10_000))
	n.NationalNumber = &national
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}

// withParticipant adds p unless its organization or person already takes
// part: the services refuse a participant named twice.
func withParticipant(ps []services.ParticipantInput, p services.ParticipantInput) []services.ParticipantInput {
	for _, q := range ps {
		if sameRef(q.OrganizationID, p.OrganizationID) && sameRef(q.ContactID, p.ContactID) {
			return ps
		}
	}
	return append(ps, p)
}

func sameRef(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
