package services

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// Mentions: a note names a colleague in one of two ways.
//
//   - @[Amra Hadžić](user:12) — what the app writes when a colleague is
//     picked from its suggestions: unambiguous, and it survives a change of
//     name or email. The label is shown; the id is the mention.
//   - @amra.hadzic — typed by hand: the part of an active user's email
//     address before the @. A handle that fits no active user, or more
//     than one (the same name at two domains), is plain text.
//
// A mention of a user who is not active, or who could not see the record,
// is refused: they would be told of a note they cannot open.

var (
	explicitMention = regexp.MustCompile(`@\[([^\]\n]{1,200})\]\(user:([0-9]{1,18})\)`)
	// handleMention: "@" not inside a word or an email address, then the
	// handle; a trailing dot ends a sentence, not the handle.
	handleMention = regexp.MustCompile(`(?:^|[^\p{L}\p{N}._%+@-])@([\p{L}\p{N}][\p{L}\p{N}._+-]{0,63})`)
)

// maxMentions bounds the users one note may name.
const maxMentions = 50

// mentionedUser is a user a note may name.
type mentionedUser struct {
	ID       int64
	Email    string
	OfficeID int64
	Role     string
	Active   bool
}

// resolveMentions finds the users body mentions, checks that each may be
// told of a note on the record, and returns their ids in ascending order.
// Errors: *ValidationError naming body.
func resolveMentions(tx *gorm.DB, body string, on attachedRecord) ([]int64, error) {
	var explicit []int64
	for _, m := range explicitMention.FindAllStringSubmatch(body, -1) {
		if id, err := strconv.ParseInt(m[2], 10, 64); err == nil && !slices.Contains(explicit, id) {
			explicit = append(explicit, id)
		}
	}
	var handles []string
	for _, m := range handleMention.FindAllStringSubmatch(explicitMention.ReplaceAllString(body, " "), -1) {
		h := strings.ToLower(strings.TrimRight(m[1], "."))
		if h != "" && !slices.Contains(handles, h) {
			handles = append(handles, h)
		}
	}
	if len(explicit)+len(handles) == 0 {
		return nil, nil
	}
	if len(explicit)+len(handles) > maxMentions {
		return nil, &ValidationError{Fields: []FieldError{{Field: "body", Message: "mentions more than " + strconv.Itoa(maxMentions) + " colleagues"}}}
	}
	users, err := mentionCandidates(tx, explicit, handles)
	if err != nil {
		return nil, err
	}
	var verr ValidationError
	var ids []int64
	for _, id := range explicit {
		i := slices.IndexFunc(users, func(u mentionedUser) bool { return u.ID == id })
		switch {
		case i < 0 || !users[i].Active:
			verr.add("body", "mentions user %d, who is not an active user", id)
		case !mayBeTold(users[i], on):
			verr.add("body", "mentions user %d, who cannot see this record", id)
		default:
			ids = append(ids, id)
		}
	}
	for _, h := range handles {
		var match []mentionedUser
		for _, u := range users {
			if u.Active && strings.HasPrefix(u.Email, h+"@") {
				match = append(match, u)
			}
		}
		if len(match) != 1 {
			continue // not a colleague's handle (or an ambiguous one): plain text
		}
		if !mayBeTold(match[0], on) {
			verr.add("body", "mentions @%s, who cannot see this record", h)
			continue
		}
		ids = append(ids, match[0].ID)
	}
	if err := verr.orNil(); err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// mayBeTold: a mentioned user must be able to open the record.
func mayBeTold(u mentionedUser, on attachedRecord) bool {
	return Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}.sees(on.restricted, on.officeID)
}

// mentionCandidates reads, in one query, the users named by id and those
// whose email starts with one of the handles.
func mentionCandidates(tx *gorm.DB, ids []int64, handles []string) ([]mentionedUser, error) {
	cond := tx.Session(&gorm.Session{NewDB: true})
	if len(ids) > 0 {
		cond = cond.Or("id IN ?", ids)
	}
	for _, h := range handles {
		cond = cond.Or("email LIKE ? ESCAPE '!'", likeEscape(h)+"@%")
	}
	var users []mentionedUser
	err := tx.Model(&models.User{}).Select("id, email, office_id, role, active").Where(cond).Find(&users).Error
	return users, err
}

// likeEscape makes text match itself in a LIKE pattern with ESCAPE '!'.
func likeEscape(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}

// writeMentions replaces the mentions of a note.
func writeMentions(tx *gorm.DB, noteID int64, ids []int64) error {
	if err := tx.Where("note_id = ?", noteID).Delete(&models.NoteMention{}).Error; err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	rows := make([]models.NoteMention, len(ids))
	for i, id := range ids {
		rows[i] = models.NoteMention{NoteID: noteID, UserID: id}
	}
	return tx.Create(&rows).Error
}

// loadMentions fills the Mentions of notes in one query.
func loadMentions(tx *gorm.DB, notes []models.Note) error {
	if len(notes) == 0 {
		return nil
	}
	ids := make([]int64, len(notes))
	at := map[int64]int{}
	for i, n := range notes {
		ids[i] = n.ID
		at[n.ID] = i
		notes[i].Mentions = []int64{}
	}
	var rows []models.NoteMention
	if err := tx.Where("note_id IN ?", ids).Order("note_id, user_id").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		notes[at[r.NoteID]].Mentions = append(notes[at[r.NoteID]].Mentions, r.UserID)
	}
	return nil
}
