package models

import "time"

// CalendarFeed is a user's secret calendar subscription. The secret itself
// is shown once, when made; only its SHA-256 is stored.
type CalendarFeed struct {
	UserID     int64 `gorm:"primaryKey;autoIncrement:false"`
	SecretHash string
	CreatedAt  time.Time
}
