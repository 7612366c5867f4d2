package api

import (
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"liaison/services"
)

// A calendar feed as iCalendar (RFC 5545). Every event has a UID made of
// its kind and id (interaction-42@host), so that a calendar program that
// polls the feed again updates an event rather than adding it twice;
// SEQUENCE and LAST-MODIFIED come from the record's version and update
// time, and DTSTAMP too, so that an unchanged record serializes the same
// on every fetch. Times are in UTC. Descriptions carry the link back only:
// summaries and notes stay in Liaison, not on the calendar provider's
// servers.

// dueLabel prefixes a commitment's title in its all-day event, in the
// feed owner's language.
var dueLabel = map[string]string{"en": "Due", "ar": "موعد الاستحقاق", "bs": "Rok"}

// calendarICS serializes a feed; base is the address links start with.
func calendarICS(feed services.CalendarFeed, base string) string {
	host := hostOf(base)
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//Liaison//Calendar feed//EN")
	cal.SetXWRCalName("Liaison: " + feed.User.Name)
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	for _, v := range feed.Visits {
		e := event(cal, "visit", v.ID, host, v.Version, v.UpdatedAt)
		if start, err := time.Parse(time.DateOnly, v.StartDate); err == nil {
			e.SetAllDayStartAt(start)
		}
		if end, err := time.Parse(time.DateOnly, v.EndDate); err == nil {
			e.SetAllDayEndAt(end.AddDate(0, 0, 1)) // DTEND of a date is exclusive
		}
		e.SetSummary(v.Title)
		if where := joinNonEmpty(v.City, countryName(v.HostCountryCode)); where != "" {
			e.SetLocation(where)
		}
		link(e, base+"/visits/"+strconv.FormatInt(v.ID, 10))
		e.SetStatus(eventStatus(v.Status))
	}
	for _, it := range feed.Interactions {
		e := event(cal, "interaction", it.ID, host, it.Version, it.UpdatedAt)
		e.SetStartAt(it.StartsAt)
		end := it.StartsAt.Add(time.Hour) // an interaction logged without an end takes an hour
		if it.EndsAt != nil && it.EndsAt.After(it.StartsAt) {
			end = *it.EndsAt
		}
		e.SetEndAt(end)
		e.SetSummary(it.Subject)
		if where := joinNonEmpty(it.Location, it.City, countryName(it.CountryCode)); where != "" {
			e.SetLocation(where)
		}
		link(e, base+"/interactions/"+strconv.FormatInt(it.ID, 10))
		e.SetStatus(eventStatus(it.Status))
	}
	label := dueLabel[feed.User.Locale]
	if label == "" {
		label = dueLabel["en"]
	}
	for _, c := range feed.Commitments {
		due, err := time.Parse(time.DateOnly, *c.DueDate)
		if err != nil {
			continue
		}
		e := event(cal, "commitment", c.ID, host, c.Version, c.UpdatedAt)
		e.SetAllDayStartAt(due)
		e.SetAllDayEndAt(due.AddDate(0, 0, 1))
		e.SetSummary(label + ": " + c.Title)
		e.SetTimeTransparency(ics.TransparencyTransparent) // a due date does not make anyone busy
		link(e, base+"/commitments/"+strconv.FormatInt(c.ID, 10))
	}
	return cal.Serialize(ics.WithNewLineWindows)
}

// event adds the event of one record, with the fields that make a calendar
// program recognise it on the next poll.
func event(cal *ics.Calendar, kind string, id int64, host string, version int64, updated time.Time) *ics.VEvent {
	e := cal.AddEvent(kind + "-" + strconv.FormatInt(id, 10) + "@" + host)
	stamp := updated.UTC().Truncate(time.Second)
	e.SetDtStampTime(stamp)
	e.SetModifiedAt(stamp)
	e.SetSequence(int(max(version-1, 0))) // the first version is sequence 0
	return e
}

// eventStatus is a visit's or interaction's status as a calendar shows it:
// planned is tentative, cancelled is cancelled (calendar programs strike it
// through), anything under way or done is confirmed.
func eventStatus(status string) ics.ObjectStatus {
	switch status {
	case "cancelled":
		return ics.ObjectStatusCancelled
	case "planned":
		return ics.ObjectStatusTentative
	}
	return ics.ObjectStatusConfirmed
}

func link(e *ics.VEvent, url string) {
	e.SetURL(url)
	e.SetDescription(url)
}

func joinNonEmpty(parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ", ")
}
