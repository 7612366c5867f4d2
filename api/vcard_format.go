package api

import (
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"liaison/services"
)

// Contact cards as vCard 3.0 (RFC 2426), the version Outlook, iOS and
// Android all import. Lines end in CRLF and are folded at 75 octets
// without splitting a UTF-8 character; text values escape backslash,
// comma, semicolon and line breaks.
//
// The name in the local script (name_local, e.g. Arabic or Cyrillic) goes
// into NICKNAME: Outlook shows it as the contact's nickname, iOS and
// Android under the name, and all of them find the contact by it. The
// X-PHONETIC-* fields were the other candidate, but they mean
// pronunciation, iOS shows them above the name, and Outlook drops them.
// A person known only by a local-script name gets it as their name too.

// writeVCard writes one contact's card; base is the address links start
// with, host names the UID's domain.
func writeVCard(w io.Writer, c services.ContactCard, base string) error {
	var b strings.Builder
	line := func(name, value string) {
		foldLine(&b, name+":"+value)
	}
	line("BEGIN", "VCARD")
	line("VERSION", "3.0")
	line("PRODID", "-//Liaison//Contact card//EN")
	line("UID", "contact-"+strconv.FormatInt(c.ID, 10)+"@"+hostOf(base))
	given, family := strings.TrimSpace(c.GivenName), strings.TrimSpace(c.FamilyName)
	if given == "" && family == "" {
		family = strings.TrimSpace(c.NameLocal)
	}
	line("N", structured(family, given, "", strings.TrimSpace(c.Honorific), ""))
	line("FN", vcardText(c.FullName))
	if local := strings.TrimSpace(c.NameLocal); local != "" && local != c.FullName {
		line("NICKNAME", vcardText(local))
	}
	if c.Organization != "" {
		line("ORG", structured(c.Organization))
	}
	if c.Title != "" {
		line("TITLE", vcardText(c.Title))
	}
	if c.Email != "" {
		line("EMAIL;TYPE=INTERNET,WORK", vcardText(c.Email))
	}
	if c.Phone != "" {
		line("TEL;TYPE=WORK,VOICE", vcardText(c.Phone))
	}
	if country := countryName(c.CountryCode); c.City != "" || country != "" {
		line("ADR;TYPE=WORK", structured("", "", "", c.City, "", "", country))
	}
	if langs := languageNames(c.LanguageList()); langs != "" {
		line("NOTE", vcardText("Languages: "+langs))
	}
	line("URL", vcardText(base+"/contacts/"+strconv.FormatInt(c.ID, 10)))
	line("REV", c.UpdatedAt.UTC().Format("20060102T150405Z"))
	line("END", "VCARD")
	_, err := io.WriteString(w, b.String())
	return err
}

var vcardEscaper = strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// vcardText escapes one text value.
func vcardText(s string) string { return vcardEscaper.Replace(s) }

// structured joins the components of a structured value (N, ORG, ADR),
// each escaped.
func structured(parts ...string) string {
	for i, p := range parts {
		parts[i] = vcardText(p)
	}
	return strings.Join(parts, ";")
}

// foldLine writes one content line, folded so that no line is longer than
// 75 octets: each continuation starts with a space.
func foldLine(b *strings.Builder, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

// countryName is the English name of a country code, "" for none.
func countryName(code *string) string {
	if code == nil || *code == "" {
		return ""
	}
	r, err := language.ParseRegion(*code)
	if err != nil {
		return *code
	}
	return display.English.Regions().Name(r)
}

// languageNames lists languages by their English names, codes it does not
// know as they are.
func languageNames(codes []string) string {
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = code
		if tag, err := language.Parse(code); err == nil {
			if n := display.English.Languages().Name(tag); n != "" && n != "Unknown language" {
				names[i] = n
			}
		}
	}
	return strings.Join(names, ", ")
}

// hostOf is the host of a base address, for UIDs that stay the same
// wherever the file is imported.
func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return "liaison"
}
