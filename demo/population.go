package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"liaison/services"
)

// country is where the generated population lives: cities with their
// Arabic names where the country writes Arabic, and who covers it.
type country struct {
	code, name, nameAr string
	cities             [][2]string // Latin, Arabic ("" when not Arabic-speaking)
	office             string
}

var countries = []country{
	{"BA", "Bosnia and Herzegovina", "", [][2]string{{"Sarajevo", ""}, {"Mostar", ""}, {"Tuzla", ""}, {"Banja Luka", ""}, {"Bihać", ""}, {"Zenica", ""}}, "IOM BiH"},
	{"RS", "Serbia", "", [][2]string{{"Belgrade", ""}, {"Novi Pazar", ""}, {"Niš", ""}}, "IOM BiH"},
	{"IQ", "Iraq", "العراق", [][2]string{{"Baghdad", "بغداد"}, {"Mosul", "الموصل"}, {"Basra", "البصرة"}, {"Erbil", "أربيل"}, {"Najaf", "النجف"}, {"Ramadi", "الرمادي"}}, "IOM Iraq"},
	{"JO", "Jordan", "الأردن", [][2]string{{"Amman", "عمّان"}, {"Irbid", "إربد"}, {"Zarqa", "الزرقاء"}}, "IOM Iraq"},
	{"LB", "Lebanon", "لبنان", [][2]string{{"Beirut", "بيروت"}, {"Tripoli", "طرابلس"}, {"Sidon", "صيدا"}}, "IOM Iraq"},
}

// ministries are national bodies every country has, with Arabic names.
var ministries = [][2]string{
	{"Ministry of Interior", "وزارة الداخلية"},
	{"Ministry of Education", "وزارة التربية"},
	{"Ministry of Youth and Sports", "وزارة الشباب والرياضة"},
	{"Ministry of Justice", "وزارة العدل"},
	{"Ministry of Labour and Social Affairs", "وزارة العمل والشؤون الاجتماعية"},
	{"Ministry of Migration and Displacement", "وزارة الهجرة والمهجرين"},
}

// Local bodies, per city: name patterns in Latin and Arabic.
var localBodies = []struct {
	typ, level, latin, arabic string
}{
	{"local_government", "local", "Municipality of %s", "بلدية %s"},
	{"ngo", "local", "%s Youth Initiative", "مبادرة شباب %s"},
	{"ngo", "local", "Women for Dialogue %s", "نساء من أجل الحوار في %s"},
	{"community_group", "local", "%s Neighbourhood Council", "مجلس أحياء %s"},
	{"academic", "local", "University of %s", "جامعة %s"},
	{"media", "local", "Radio %s", "إذاعة %s"},
	{"faith_based", "local", "%s Interfaith Forum", "منتدى الحوار بين الأديان في %s"},
}

var agencies = [][2]string{{"UNDP", "un_agency"}, {"UNICEF", "un_agency"}, {"UNHCR", "un_agency"}, {"UN Women", "un_agency"}, {"European Union Delegation", "donor"}, {"Embassy of Germany", "donor"}}

// Names: Latin with Arabic forms for the Arabic-speaking countries.
var (
	givenBS  = []string{"Amra", "Emir", "Lejla", "Tarik", "Selma", "Adnan", "Jasmina", "Haris", "Merima", "Kenan", "Nermin", "Aida", "Dženana", "Mirza", "Vesna", "Dragan"}
	familyBS = []string{"Hodžić", "Begić", "Kovačević", "Delić", "Mehmedović", "Softić", "Čaušević", "Đurić", "Hadžiahmetović", "Jovanović", "Petrović", "Mujić", "Šehić"}
	givenAR  = [][2]string{{"Ali", "علي"}, {"Zainab", "زينب"}, {"Hussein", "حسين"}, {"Noor", "نور"}, {"Mustafa", "مصطفى"}, {"Fatima", "فاطمة"}, {"Omar", "عمر"}, {"Huda", "هدى"}, {"Karim", "كريم"}, {"Layla", "ليلى"}, {"Ahmed", "أحمد"}, {"Maryam", "مريم"}, {"Yousef", "يوسف"}, {"Rana", "رنا"}}
	familyAR = [][2]string{{"Al-Jubouri", "الجبوري"}, {"Al-Obaidi", "العبيدي"}, {"Hassan", "حسن"}, {"Kadhim", "كاظم"}, {"Al-Rubaie", "الربيعي"}, {"Saleh", "صالح"}, {"Haddad", "حداد"}, {"Khalil", "خليل"}, {"Mansour", "منصور"}, {"Nasser", "ناصر"}}
	femaleBS = map[string]bool{"Amra": true, "Lejla": true, "Selma": true, "Jasmina": true, "Merima": true, "Aida": true, "Dženana": true, "Vesna": true}
	femaleAR = map[string]bool{"Zainab": true, "Noor": true, "Fatima": true, "Huda": true, "Layla": true, "Maryam": true, "Rana": true}
)

var titles = []string{"Director", "Head of Department", "Adviser", "Programme Officer", "Coordinator", "Deputy Minister", "Mayor's Chief of Staff", "Project Manager", "Researcher", "Spokesperson"}

var subjects = []struct{ kind, text string }{
	{"meeting", "Coordination meeting on %s"},
	{"call", "Follow-up call on %s"},
	{"workshop", "Workshop: %s"},
	{"site_visit", "Site visit: %s in practice"},
	{"email", "Exchange of documents on %s"},
	{"event", "Round table on %s"},
	{"meeting", "Bilateral meeting: %s"},
}

var topics = []string{"youth engagement", "community policing", "returnee reintegration", "referral mechanisms", "gender-responsive prevention",
	"local action plans", "hate speech online", "psychosocial support", "school-based prevention", "displacement and durable solutions",
	"social cohesion grants", "municipal budgeting", "civil society partnerships", "data protection in case management"}

var followUps = []string{"Share the meeting notes", "Send the draft terms of reference", "Propose dates for the next session", "Circulate the training agenda",
	"Provide the list of focal points", "Send comments on the draft action plan", "Confirm the venue and logistics", "Share the budget breakdown",
	"Introduce the partner to the ministry", "Send the survey results"}

// population adds the rest of the demo world: organizations and people in
// five countries, interactions over the last eighteen months (and a few
// planned), their follow-ups, and more visits. The generator is seeded, so
// every load makes the same data (relative to the day of loading).
func (l *loader) population() error {
	rng := rand.New(rand.NewPCG(2026, 56))
	type orgRef struct {
		id      int64
		country *country
		people  []int64
	}
	var orgs []orgRef
	staff := map[string][]services.Actor{
		"IOM BiH":  {l.actors["officer@demo.liaison"], l.actors["manager@demo.liaison"]},
		"IOM Iraq": {l.actors["officer.iraq@demo.liaison"]},
	}
	pick := func(n int) int { return rng.IntN(n) }
	for ci := range countries {
		c := &countries[ci]
		actor := staff[c.office][0]
		add := func(in services.OrganizationInput) error {
			in.CountryCode = ptr(c.code)
			if in.Influence == nil && pick(3) == 0 {
				in.Influence = ptr(1 + pick(5))
			}
			if pick(3) == 0 {
				in.Interest = ptr(1 + pick(5))
			}
			v, err := l.svc.Organizations.Create(l.ctx, actor, in)
			if err != nil {
				return fmt.Errorf("organization %q: %w", in.Name, err)
			}
			l.sum.Organizations++
			orgs = append(orgs, orgRef{id: v.ID, country: c})
			return nil
		}
		for _, m := range ministries {
			local := ""
			if c.nameAr != "" {
				local = m[1]
			}
			if err := add(services.OrganizationInput{Name: m[0] + " of " + c.name, NameLocal: local, Type: "ministry", Level: ptr("national"),
				City: c.cities[0][0], Influence: ptr(3 + pick(3)), Tags: []string{"sdg-16"}}); err != nil {
				return err
			}
		}
		for _, city := range c.cities {
			for bi, b := range localBodies {
				if bi > 2 && pick(2) == 0 {
					continue // not every city has every kind of body
				}
				local := ""
				if city[1] != "" {
					local = fmt.Sprintf(b.arabic, city[1])
				}
				tags := []string{}
				if b.typ == "ngo" {
					tags = append(tags, "civil-society")
				}
				if bi == 1 {
					tags = append(tags, "youth", "sdg-10")
				}
				if bi == 2 {
					tags = append(tags, "gender", "sdg-5")
				}
				if err := add(services.OrganizationInput{Name: fmt.Sprintf(b.latin, city[0]), NameLocal: local, Type: b.typ,
					Level: ptr(b.level), City: city[0], Tags: tags}); err != nil {
					return err
				}
			}
		}
		for _, a := range agencies {
			if pick(3) == 0 {
				continue
			}
			if err := add(services.OrganizationInput{Name: a[0] + " in " + c.name, Type: a[1], Level: ptr("international"), City: c.cities[0][0],
				Influence: ptr(3 + pick(3)), Tags: []string{"sdg-17"}}); err != nil {
				return err
			}
		}
	}

	// People: one to three per organization, in its country's languages.
	for i := range orgs {
		o := &orgs[i]
		actor := staff[o.country.office][pick(len(staff[o.country.office]))]
		for n := 1 + pick(3); n > 0; n-- {
			in := services.ContactInput{CountryCode: ptr(o.country.code), City: o.country.cities[pick(len(o.country.cities))][0],
				ConsentBasis: ptr("public_role"), Languages: []string{"en"},
				Positions: []services.PositionInput{{OrganizationID: o.id, Title: titles[pick(len(titles))], StartDate: ptr(l.day(-pick(1500) - 30)), Primary: true}}}
			if o.country.nameAr != "" {
				g, f := givenAR[pick(len(givenAR))], familyAR[pick(len(familyAR))]
				in.GivenName, in.FamilyName, in.NameLocal = g[0], f[0], g[1]+" "+f[1]
				in.Languages = []string{"ar", "en"}
				in.Gender = ptr(map[bool]string{true: "female", false: "male"}[femaleAR[g[0]]])
			} else {
				g := givenBS[pick(len(givenBS))]
				in.GivenName, in.FamilyName = g, familyBS[pick(len(familyBS))]
				in.Languages = []string{"bs", "en"}
				in.Gender = ptr(map[bool]string{true: "female", false: "male"}[femaleBS[g]])
				if o.country.code == "RS" {
					// Serbian officials often write their names in Cyrillic.
					in.NameLocal, in.Languages = cyrillic(in.GivenName+" "+in.FamilyName), []string{"sr", "en"}
				}
			}
			if pick(20) == 0 {
				in.Restricted, in.ConsentBasis, in.Notes = true, ptr("consent"), "Met through a youth programme; keep within the office."
			}
			if pick(8) == 0 {
				in.Email = fmt.Sprintf("%s.%d@example.org", asciiLower(in.GivenName), l.sum.Contacts)
			}
			v, err := l.svc.Contacts.Create(l.ctx, actor, in)
			if err != nil {
				return fmt.Errorf("contact: %w", err)
			}
			l.sum.Contacts++
			o.people = append(o.people, v.ID)
		}
	}

	// Interactions over eighteen months, a few planned ahead, with follow-ups.
	// Most follow-ups due long ago were closed; recent ones are still moving.
	longAgo := []string{"done", "done", "done", "done", "done", "done", "done", "done", "done", "done", "cancelled", "open"}
	recent := []string{"done", "done", "done", "done", "open", "open", "in_progress", "in_progress", "cancelled", "open"}
	for n := 0; n < 420; n++ {
		o := orgs[pick(len(orgs))]
		actor := staff[o.country.office][pick(len(staff[o.country.office]))]
		s := subjects[pick(len(subjects))]
		topic := topics[pick(len(topics))]
		offset := -pick(540)
		status := "held"
		if n%12 == 0 {
			offset, status = 1+pick(60), "planned"
		} else if pick(25) == 0 {
			status = "cancelled"
		}
		who := []services.ParticipantInput{{OrganizationID: ptr(o.id), Role: "participant"}}
		if len(o.people) > 0 {
			who = append(who, services.ParticipantInput{ContactID: ptr(o.people[pick(len(o.people))]), Role: "participant"})
		}
		if pick(3) == 0 {
			other := orgs[pick(len(orgs))]
			if other.country == o.country && other.id != o.id {
				who = append(who, services.ParticipantInput{OrganizationID: ptr(other.id), Role: "host"})
			}
		}
		in := services.InteractionInput{Kind: s.kind, Status: status, Subject: fmt.Sprintf(s.text, topic),
			Summary:  fmt.Sprintf("Discussed %s with the counterpart; next steps agreed where noted.", topic),
			StartsAt: l.at(offset, 7+pick(9), 15*pick(4)), City: o.country.cities[pick(len(o.country.cities))][0],
			CountryCode: ptr(o.country.code), Participants: who, Tags: topicTags(topic)}
		if status == "held" && pick(3) == 0 {
			for k := 1 + pick(2); k > 0; k-- {
				due := offset + 7 + pick(60)
				st := "open"
				if due < -45 {
					st = longAgo[pick(len(longAgo))]
				} else if due < 0 {
					st = recent[pick(len(recent))]
				} else if pick(3) == 0 {
					st = "in_progress"
				}
				c := services.CommitmentInput{Title: followUps[pick(len(followUps))], Direction: []string{"ours", "ours", "theirs", "joint"}[pick(4)],
					OwnerID: ptr(actor.UserID), CounterpartOrganizationID: ptr(o.id), DueDate: ptr(l.day(due)), Status: st,
					Priority: []string{"low", "normal", "normal", "high"}[pick(4)]}
				if st == "done" {
					// Closed a few days either side of the due date, after the meeting and not after today.
					c.ClosureNote = "Done as agreed."
					c.CompletedAt = ptr(l.at(min(max(due-7+pick(10), offset+1), -1), 9+pick(8), 15*pick(4)))
				}
				in.Commitments = append(in.Commitments, c)
			}
		}
		if _, err := l.svc.Interactions.Create(l.ctx, actor, in); err != nil {
			return fmt.Errorf("interaction: %w", err)
		}
		l.sum.Interactions++
		l.sum.Commitments += len(in.Commitments)
	}

	// More visits: delegations, field visits and conferences.
	kinds := []string{"delegation_visit", "field_visit", "conference", "study_visit", "event"}
	for n := 0; n < 14; n++ {
		o := orgs[pick(len(orgs))]
		actor := staff[o.country.office][0]
		start := -pick(500)
		status := "completed"
		if n%5 == 0 {
			start, status = 5+pick(80), "planned"
		}
		city := o.country.cities[pick(len(o.country.cities))][0]
		participants := []services.ParticipantInput{{OrganizationID: ptr(o.id), Side: "host", Role: "host"}}
		if len(o.people) > 0 {
			participants = append(participants, services.ParticipantInput{ContactID: ptr(o.people[0]), Side: "host", Role: "speaker"})
		}
		kind := kinds[pick(len(kinds))]
		topic := topics[pick(len(topics))]
		if _, err := l.svc.Visits.Create(l.ctx, actor, services.VisitInput{
			Title: fmt.Sprintf("%s: %s (%s)", visitTitle(kind), topic, city), Kind: kind, Status: status,
			Purpose: "Learn from and connect with counterparts working on " + topic + ".", StartDate: l.day(start), EndDate: l.day(start + pick(4)),
			HostCountryCode: ptr(o.country.code), City: city, Participants: participants, Tags: topicTags(topic),
		}); err != nil {
			return fmt.Errorf("visit: %w", err)
		}
		l.sum.Visits++
	}
	return nil
}

func visitTitle(kind string) string {
	return map[string]string{"delegation_visit": "Delegation visit", "field_visit": "Field visit", "conference": "Regional conference",
		"study_visit": "Study visit", "event": "Community event"}[kind]
}

// topicTags is a topic's theme and the Sustainable Development Goal it
// serves, so that reports by SDG have the population's work in them too.
func topicTags(topic string) []string {
	theme := tagFor(topic)
	sdg := map[string]string{
		"youth": "sdg-4", "gender": "sdg-5", "migration": "sdg-10", "social-cohesion": "sdg-16",
		"local-national-coordination": "sdg-11", "civil-society": "sdg-17",
	}[theme]
	if sdg == "" {
		sdg = "sdg-16"
	}
	return []string{theme, sdg}
}

func tagFor(topic string) string {
	switch topic {
	case "youth engagement", "school-based prevention":
		return "youth"
	case "gender-responsive prevention":
		return "gender"
	case "returnee reintegration", "displacement and durable solutions":
		return "migration"
	case "social cohesion grants", "hate speech online":
		return "social-cohesion"
	case "local action plans", "municipal budgeting":
		return "local-national-coordination"
	case "civil society partnerships":
		return "civil-society"
	}
	return "pve"
}

// asciiLower makes an email-safe name: "Dženana" becomes "dzenana".
func asciiLower(s string) string {
	out := []rune{}
	for _, r := range s {
		switch r {
		case 'č', 'ć', 'Č', 'Ć':
			r = 'c'
		case 'š', 'Š':
			r = 's'
		case 'ž', 'Ž':
			r = 'z'
		case 'đ', 'Đ':
			r = 'd'
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if (r >= 'a' && r <= 'z') || r == '-' {
			out = append(out, r)
		}
	}
	return string(out)
}

// cyrillic transliterates Serbian/Bosnian Latin script into Cyrillic,
// digraphs first ("Lj" is one letter, "Љ").
func cyrillic(latin string) string {
	return strings.NewReplacer(
		"Lj", "Љ", "lj", "љ", "Nj", "Њ", "nj", "њ", "Dž", "Џ", "dž", "џ",
		"A", "А", "B", "Б", "C", "Ц", "Č", "Ч", "Ć", "Ћ", "D", "Д", "Đ", "Ђ", "E", "Е", "F", "Ф", "G", "Г", "H", "Х",
		"I", "И", "J", "Ј", "K", "К", "L", "Л", "M", "М", "N", "Н", "O", "О", "P", "П", "R", "Р", "S", "С", "Š", "Ш",
		"T", "Т", "U", "У", "V", "В", "Z", "З", "Ž", "Ж",
		"a", "а", "b", "б", "c", "ц", "č", "ч", "ć", "ћ", "d", "д", "đ", "ђ", "e", "е", "f", "ф", "g", "г", "h", "х",
		"i", "и", "j", "ј", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р", "s", "с", "š", "ш",
		"t", "т", "u", "у", "v", "в", "z", "з", "ž", "ж",
	).Replace(latin)
}
