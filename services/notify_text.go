package services

import (
	"encoding/json"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"liaison/models"
)

// The words the server itself writes to people — notification titles and
// mails — in the three languages of the app. The SPA keeps its own; these
// are the ones that leave it (a mail) or must be composed from records the
// reader may see (a title).

// says holds one phrase per language; English stands in for a missing one.
type says map[string]string

func (s says) in(locale string) string {
	if t, ok := s[locale]; ok {
		return t
	}
	return s["en"]
}

// phrases are the server's texts, by name.
var phrases = map[string]says{
	"title.assigned": {
		"en": "%[1]s gave you a commitment: %[2]s",
		"ar": "أسند إليك %[1]s التزامًا: %[2]s",
		"bs": "%[1]s vam je dodijelio/la obavezu: %[2]s",
	},
	"title.due_soon": {
		"en": "Due on %[1]s: %[2]s",
		"ar": "يستحق في %[1]s: %[2]s",
		"bs": "Rok je %[1]s: %[2]s",
	},
	"title.overdue": {
		"en": "Overdue since %[1]s: %[2]s",
		"ar": "متأخر منذ %[1]s: %[2]s",
		"bs": "Kasni od %[1]s: %[2]s",
	},
	"title.mentioned": {
		"en": "%[1]s mentioned you on %[2]s",
		"ar": "أشار إليك %[1]s في %[2]s",
		"bs": "%[1]s vas je spomenuo/la na: %[2]s",
	},
	"title.import_finished": {
		"en": "Import of %[1]s finished: %[2]d created, %[3]d updated, %[4]d skipped",
		"ar": "انتهى استيراد %[1]s: أُنشئ %[2]d، وحُدّث %[3]d، وتُخطّي %[4]d",
		"bs": "Uvoz (%[1]s) je završen: kreirano %[2]d, ažurirano %[3]d, preskočeno %[4]d",
	},
	"someone":             {"en": "Someone", "ar": "أحدهم", "bs": "Neko"},
	"hidden":              {"en": "a record you cannot see", "ar": "سجل لا يمكنك رؤيته", "bs": "zapis koji ne možete vidjeti"},
	"entity.organization": {"en": "organizations", "ar": "المنظمات", "bs": "organizacije"},
	"entity.contact":      {"en": "contacts", "ar": "جهات الاتصال", "bs": "kontakti"},
	"entity.interaction":  {"en": "interactions", "ar": "التفاعلات", "bs": "interakcije"},
	"entity.commitment":   {"en": "commitments", "ar": "الالتزامات", "bs": "obaveze"},
	"entity.visit":        {"en": "visits", "ar": "الزيارات", "bs": "posjete"},
}

// say is the phrase name in locale with args filled in.
func say(locale, name string, args ...any) string {
	return fmt.Sprintf(phrases[name].in(locale), args...)
}

// Say is say for the pages the api package writes itself (unsubscribe).
func Say(locale, name string, args ...any) string { return say(locale, name, args...) }

// dueFacts are the facts of a due_soon or overdue notification.
type dueFacts struct {
	Due string `json:"due"`
}

// recordPaths are the SPA's paths of the records notifications link to.
var recordPaths = map[string]string{
	models.EntityCommitment: "/commitments/", models.EntityOrganization: "/organizations/", models.EntityContact: "/contacts/",
	models.EntityVisit: "/visits/", models.EntityInteraction: "/interactions/",
}

// importListPaths are the lists an import's notification links to.
var importListPaths = map[string]string{
	models.EntityOrganization: "/organizations", models.EntityContact: "/contacts",
	models.EntityInteraction: "/interactions", models.EntityCommitment: "/commitments",
}

// describeNotifications writes the title and link of each notification for
// the actor, in locale, reading the names of subjects and actors in one
// query per kind through the visibility rule.
func describeNotifications(db *gorm.DB, actor Actor, locale string, items []models.Notification) ([]NotificationView, error) {
	names := exportNames{db: db, actor: actor}
	bySubject := map[string][]int64{}
	var actors []int64
	for _, n := range items {
		bySubject[n.SubjectType] = append(bySubject[n.SubjectType], n.SubjectID)
		if n.ActorID != nil {
			actors = append(actors, *n.ActorID)
		}
	}
	subjects := map[string]map[int64]string{}
	lookups := map[string]func([]int64) (map[int64]string, error){
		models.EntityCommitment: names.commitments, models.EntityOrganization: names.organizations,
		models.EntityContact: names.contacts, models.EntityVisit: names.visits, models.EntityInteraction: names.interactions,
	}
	for kind, ids := range bySubject {
		if lookup, ok := lookups[kind]; ok {
			m, err := lookup(ids)
			if err != nil {
				return nil, err
			}
			subjects[kind] = m
		}
	}
	people, err := names.users(actors)
	if err != nil {
		return nil, err
	}
	out := make([]NotificationView, len(items))
	for i, n := range items {
		subject, ok := subjects[n.SubjectType][n.SubjectID]
		if !ok {
			subject = say(locale, "hidden")
		}
		who := say(locale, "someone")
		if n.ActorID != nil && people[*n.ActorID] != "" {
			who = people[*n.ActorID]
		}
		v := NotificationView{ID: n.ID, Kind: n.Kind, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
		if p, ok := recordPaths[n.SubjectType]; ok {
			v.Link = p + strconv.FormatInt(n.SubjectID, 10)
		}
		switch n.Kind {
		case models.NotifyAssigned:
			v.Title = say(locale, "title.assigned", who, subject)
		case models.NotifyMentioned:
			v.Title = say(locale, "title.mentioned", who, subject)
		case models.NotifyDueSoon, models.NotifyOverdue:
			var f dueFacts
			_ = json.Unmarshal([]byte(n.Params), &f)
			v.Title = say(locale, "title."+n.Kind, f.Due, subject)
		case models.NotifyImportFinished:
			var f importFacts
			_ = json.Unmarshal([]byte(n.Params), &f)
			v.Title = say(locale, "title.import_finished", say(locale, "entity."+f.Entity), f.Created, f.Updated, f.Skipped)
			v.Link = importListPaths[f.Entity]
		}
		out[i] = v
	}
	return out, nil
}
