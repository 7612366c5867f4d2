package models

import "time"

// Notification kinds (API.md, "Reaching people").
const (
	NotifyAssigned       = "assigned"
	NotifyDueSoon        = "due_soon"
	NotifyOverdue        = "overdue"
	NotifyMentioned      = "mentioned"
	NotifyImportFinished = "import_finished"
)

// NotificationKinds lists the kinds in the order the API documents them.
var NotificationKinds = []string{NotifyAssigned, NotifyDueSoon, NotifyOverdue, NotifyMentioned, NotifyImportFinished}

// Notification is one event told to one user (migrations/0024). Its title
// is written when read, from the subject as it is then.
type Notification struct {
	ID          int64 `gorm:"primaryKey"`
	UserID      int64
	Kind        string
	SubjectType string
	SubjectID   int64
	ActorID     *int64
	DedupeKey   string
	Params      string // JSON of facts that are nobody's personal data
	CreatedAt   time.Time
	ReadAt      *time.Time
	Mail        string // MailNone, MailPending, MailQueued, MailSent, MailSkipped
	EmailedAt   *time.Time
}

// GetID returns the primary key; generic list code reads it for cursors.
func (n *Notification) GetID() int64 { return n.ID }

// What became of a notification's mail.
const (
	MailNone    = "none"
	MailPending = "pending"
	MailQueued  = "queued"
	MailSent    = "sent"
	MailSkipped = "skipped"
)

// Digest frequencies.
const (
	DigestOff    = "off"
	DigestDaily  = "daily"
	DigestWeekly = "weekly"
)

// UserPreference is how a user wants to be reached; a user without a row
// has DefaultPreference.
type UserPreference struct {
	UserID          int64 `gorm:"primaryKey;autoIncrement:false"`
	Digest          string
	DigestHour      int
	TimeZone        string
	EmailOnAssigned bool
	UpdatedAt       time.Time
}

// DefaultPreference is what a user who never chose has: a weekly digest on
// Monday at 08:00 UTC and a mail when given a commitment.
func DefaultPreference(userID int64) UserPreference {
	return UserPreference{UserID: userID, Digest: DigestWeekly, DigestHour: 8, TimeZone: "UTC", EmailOnAssigned: true}
}

// DigestDelivery records that one period's digest of one user was dealt
// with; Items is 0 when nothing was due and no mail went out.
type DigestDelivery struct {
	UserID int64  `gorm:"primaryKey;autoIncrement:false"`
	Period string `gorm:"primaryKey"`
	Items  int
	SentAt time.Time
}
