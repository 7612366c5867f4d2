package services

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
)

// Notifications are written in the transaction of the event they tell of,
// so that one exists exactly when the event does: a rolled-back reassignment
// tells no one. Each has a dedupe key naming its event, unique per
// recipient: a second write of the same event (a retried request, the
// reminders of two processes) adds nothing.

// notify writes one notification unless its event was told already; the
// kinds that mail start with their mail pending (the outbox decides, when
// it runs, whether the user wants it and whether mail is configured).
func notify(tx *gorm.DB, n models.Notification) error {
	n.CreatedAt = models.Now()
	n.Mail = models.MailNone
	if n.Kind == models.NotifyAssigned {
		n.Mail = models.MailPending
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&n).Error
}

// noticeAssigned tells the owner of a commitment that it was given to them,
// when someone other than themselves gave it: on creation (before nil), or
// when the owner changed. version tells a later reassignment to the same
// person apart from this one.
func noticeAssigned(tx *gorm.DB, actor Actor, c *models.Commitment, before *int64) error {
	if c.OwnerID == nil || *c.OwnerID == actor.UserID || (before != nil && *before == *c.OwnerID) {
		return nil
	}
	uid := actor.UserID
	return notify(tx, models.Notification{
		UserID: *c.OwnerID, Kind: models.NotifyAssigned, SubjectType: models.EntityCommitment, SubjectID: c.ID, ActorID: &uid,
		DedupeKey: fmt.Sprintf("assigned:commitment:%d:v%d", c.ID, c.Version),
	})
}

// noticeMentions tells the people a note mentions, but not its author, once
// per note and person: an edit that keeps a mention tells no one again.
// Only people who may see the record are ever mentioned (resolveMentions).
func noticeMentions(tx *gorm.DB, actor Actor, noteID int64, on attachedRecord, userIDs []int64) error {
	uid := actor.UserID
	for _, id := range userIDs {
		if id == actor.UserID {
			continue
		}
		err := notify(tx, models.Notification{
			UserID: id, Kind: models.NotifyMentioned, SubjectType: on.Entity, SubjectID: on.ID, ActorID: &uid,
			DedupeKey: fmt.Sprintf("mentioned:note:%d", noteID),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// importFacts are the counts an import_finished notification shows.
type importFacts struct {
	Entity  string `json:"entity"`
	Rows    int    `json:"rows"`
	Created int    `json:"created"`
	Updated int    `json:"updated"`
	Skipped int    `json:"skipped"`
}

// noticeImportFinished tells whoever ran an import that it was written.
func noticeImportFinished(tx *gorm.DB, actor Actor, facts importFacts) error {
	params, err := json.Marshal(facts)
	if err != nil {
		return err
	}
	var id [12]byte
	_, _ = rand.Read(id[:])
	return notify(tx, models.Notification{
		UserID: actor.UserID, Kind: models.NotifyImportFinished, SubjectType: "import", Params: string(params),
		DedupeKey: "import_finished:" + hex.EncodeToString(id[:]),
	})
}
