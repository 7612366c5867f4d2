package api

import (
	"net/http"
	"slices"

	"liaison/models"
)

// languageCookie holds the UI language this browser last used: the
// account's, set at sign-in, and then whatever the app switches to
// (frontend/src/i18n). The server reads it when it serves index.html to name
// that language's catalogue (spa_preloads.go), which the app waits for
// before its first paint: without it a signed-in page started in the
// browser's language and fetched the account's catalogue only after "who
// am I" answered (a round trip and a download later on a phone). It is a
// preference, not a secret: readable by the app, kept after sign-out.
const languageCookie = "liaison_lang"

// languageCookieAge is a year: the choice outlives sessions.
const languageCookieAge = 365 * 24 * 60 * 60

// languageCookieFor is the cookie naming an account's language; ok is false
// for a locale the app has no catalogue for.
func languageCookieFor(locale string, secure bool) (http.Cookie, bool) {
	if !slices.Contains(models.Locales, locale) {
		return http.Cookie{}, false
	}
	return http.Cookie{Name: languageCookie, Value: locale, Path: "/", Secure: secure, SameSite: http.SameSiteLaxMode, MaxAge: languageCookieAge}, true
}

// chosenLanguage is the language a request's cookie names, or "" when it
// names none the app has.
func chosenLanguage(r *http.Request) string {
	c, err := r.Cookie(languageCookie)
	if err != nil || !slices.Contains(models.Locales, c.Value) {
		return ""
	}
	return c.Value
}
