package services

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
	"gorm.io/gorm"

	"liaison/models"
)

// The checks shared by the aggregates for fields that point at other rows or
// follow a fixed format. Each adds a field error rather than failing, so one
// response lists every problem of a request.

func checkCountry(tx *gorm.DB, field string, code *string, verr *ValidationError) {
	if code == nil {
		return
	}
	if m := memoOf(tx); m != nil {
		if !m.country(*code) {
			verr.add(field, "unknown country code %q", *code)
		}
		return
	}
	var n int64
	tx.Model(&models.Country{}).Where("code = ?", *code).Count(&n)
	if n == 0 {
		verr.add(field, "unknown country code %q", *code)
	}
}

// checkOwner requires the owner to be an active user of the record's office.
func checkOwner(tx *gorm.DB, ownerID *int64, officeID int64, verr *ValidationError) {
	if ownerID == nil {
		return
	}
	if m := memoOf(tx); m != nil {
		if !m.owner(*ownerID, officeID) {
			verr.add("owner_id", "must be an active user of the record's office")
		}
		return
	}
	var n int64
	tx.Model(&models.User{}).Where("id = ? AND office_id = ? AND active = ?", *ownerID, officeID, true).Count(&n)
	if n == 0 {
		verr.add("owner_id", "must be an active user of the record's office")
	}
}

func checkOrganization(tx *gorm.DB, field string, id *int64, verr *ValidationError) {
	if id == nil {
		return
	}
	if m := memoOf(tx); m != nil {
		if !m.organization(tx, *id).exists {
			verr.add(field, "no such organization")
		}
		return
	}
	var n int64
	tx.Model(&models.Organization{}).Where("id = ?", *id).Count(&n)
	if n == 0 {
		verr.add(field, "no such organization")
	}
}

func checkEnum(field string, value string, allowed []string, verr *ValidationError) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	verr.add(field, "must be one of %s", strings.Join(allowed, ", "))
}

func checkOptionalEnum(field string, value *string, allowed []string, verr *ValidationError) {
	if value != nil {
		checkEnum(field, *value, allowed, verr)
	}
}

func checkRequired(field, value string, max int, verr *ValidationError) {
	switch v := strings.TrimSpace(value); {
	case v == "":
		verr.add(field, "is required")
	case len([]rune(v)) > max:
		verr.add(field, "must be at most %d characters", max)
	}
}

func checkLength(field, value string, max int, verr *ValidationError) {
	if len([]rune(value)) > max {
		verr.add(field, "must be at most %d characters", max)
	}
}

func checkScore(field string, v *int, verr *ValidationError) {
	if v != nil && (*v < 1 || *v > 5) {
		verr.add(field, "must be between 1 and 5")
	}
}

func checkDate(field string, v *string, verr *ValidationError) {
	if v == nil {
		return
	}
	if _, err := time.Parse(time.DateOnly, *v); err != nil {
		verr.add(field, "must be a date YYYY-MM-DD")
	}
}

var emailPattern = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)

func checkEmail(field, v string, verr *ValidationError) {
	if v != "" && (!emailPattern.MatchString(v) || len(v) > 254) {
		verr.add(field, "must be an email address")
	}
}

func checkWebsite(field, v string, verr *ValidationError) {
	if v != "" && !(strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://")) {
		verr.add(field, "must start with http:// or https://")
	}
	checkLength(field, v, 500, verr)
}

func itoa(i int) string { return strconv.Itoa(i) }

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkPhone accepts a phone number written internationally (+387 61 123
// 456) or nationally for the record's country (061 123 456 for BA), of a
// length possible there; the user's formatting is kept as typed, since
// people read their own conventions back. Anything else ("abc", "12") is
// refused.
func checkPhone(field, v string, countryCode *string, verr *ValidationError) {
	if strings.TrimSpace(v) == "" {
		return
	}
	checkLength(field, v, 50, verr)
	region := "ZZ" // unknown: only an international number parses
	if countryCode != nil && *countryCode != "" {
		region = *countryCode
	}
	n, err := phonenumbers.Parse(v, region)
	if err != nil || !phonenumbers.IsPossibleNumber(n) || !phoneCharacters.MatchString(v) {
		verr.add(field, "must be a phone number: international (+387 61 123 456), or national for the record's country")
	}
}

// phoneCharacters are what a written phone number holds: digits, a leading
// +, spaces, dots, dashes, slashes and parentheses, an extension.
var phoneCharacters = regexp.MustCompile(`^\+?[0-9 ().\-/]+((ext\.?|x|#) ?[0-9]+)?$`)
