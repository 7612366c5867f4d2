package services

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"liaison/mail"
	"liaison/models"
)

// The mails themselves: a plain-text part and the same in HTML, in the
// recipient's language (Arabic right to left), with links into Liaison and,
// at the foot, the one-click address that stops this kind of mail.

func init() {
	for name, s := range map[string]says{
		"mail.hello": {"en": "Hello %s,", "ar": "مرحبًا %s،", "bs": "Poštovani/a %s,"},
		"mail.assigned.due": {
			"en": "Due on %s.", "ar": "تاريخ الاستحقاق: %s.", "bs": "Rok: %s.",
		},
		"mail.open":        {"en": "Open it in Liaison", "ar": "افتحه في Liaison", "bs": "Otvorite u Liaisonu"},
		"mail.digest.open": {"en": "Open your follow-ups in Liaison", "ar": "افتح متابعاتك في Liaison", "bs": "Otvorite svoje obaveze u Liaisonu"},
		"mail.digest.subject": {
			"en": "Your follow-ups: %d overdue, %d due within a week",
			"ar": "متابعاتك: %d متأخرة، و%d تستحق خلال أسبوع",
			"bs": "Vaše obaveze: %d kasni, %d dospijeva u narednih sedam dana",
		},
		"mail.digest.intro": {
			"en": "These commitments of yours are overdue or due within a week.",
			"ar": "هذه التزاماتك المتأخرة أو التي تستحق خلال أسبوع.",
			"bs": "Ove vaše obaveze kasne ili dospijevaju u narednih sedam dana.",
		},
		"mail.digest.none":           {"en": "No commitment of yours is overdue or due within a week.", "ar": "لا توجد لديك التزامات متأخرة أو مستحقة خلال أسبوع.", "bs": "Nemate obaveza koje kasne ili dospijevaju u narednih sedam dana."},
		"mail.digest.office":         {"en": "Overdue in your office, by owner", "ar": "المتأخرات في مكتبك حسب المسؤول", "bs": "Kasne u vašem uredu, po nosiocu"},
		"mail.digest.overdue":        {"en": "overdue since %s", "ar": "متأخر منذ %s", "bs": "kasni od %s"},
		"mail.digest.due":            {"en": "due %s", "ar": "يستحق في %s", "bs": "rok %s"},
		"mail.digest.nobody":         {"en": "No counterpart named", "ar": "بلا جهة مقابلة", "bs": "Bez navedene druge strane"},
		"mail.why.assigned":          {"en": "You get this mail because a commitment was given to you.", "ar": "تصلك هذه الرسالة لأن التزامًا أُسند إليك.", "bs": "Ovu poruku dobijate jer vam je dodijeljena obaveza."},
		"mail.why.digest":            {"en": "You get this digest because you asked for it in your preferences.", "ar": "يصلك هذا الملخص لأنك طلبته في تفضيلاتك.", "bs": "Ovaj pregled dobijate jer ste ga odabrali u postavkama."},
		"mail.stop.assigned":         {"en": "Stop mails about assignments", "ar": "أوقف رسائل الإسناد", "bs": "Zaustavi poruke o dodjeli"},
		"mail.stop.digest":           {"en": "Stop the digest", "ar": "أوقف الملخص", "bs": "Zaustavi pregled"},
		"mail.preferences":           {"en": "Change your preferences", "ar": "غيّر تفضيلاتك", "bs": "Promijenite postavke"},
		"unsubscribe.title":          {"en": "Stop these mails", "ar": "إيقاف هذه الرسائل", "bs": "Zaustavi ove poruke"},
		"unsubscribe.ask":            {"en": "Press the button to stop: %s.", "ar": "اضغط الزر لإيقاف: %s.", "bs": "Pritisnite dugme da zaustavite: %s."},
		"unsubscribe.done":           {"en": "Done: you will get no more of these mails. You can turn them on again in your preferences.", "ar": "تم: لن تصلك هذه الرسائل بعد الآن. يمكنك تشغيلها مجددًا من تفضيلاتك.", "bs": "Gotovo: više nećete dobijati ove poruke. Možete ih ponovo uključiti u postavkama."},
		"unsubscribe.bad":            {"en": "This link is not valid.", "ar": "هذا الرابط غير صالح.", "bs": "Ovaj link nije važeći."},
		"unsubscribe.topic.assigned": {"en": "mails about commitments given to you", "ar": "رسائل الالتزامات المسندة إليك", "bs": "poruke o obavezama koje su vam dodijeljene"},
		"unsubscribe.topic.digest":   {"en": "the digest of your follow-ups", "ar": "ملخص متابعاتك", "bs": "pregled vaših obaveza"},
	} {
		phrases[name] = s
	}
}

// mailLink is one link of a mail.
type mailLink struct{ Label, URL string }

// mailLine is one line of a list in a mail, with an optional link.
type mailLine struct {
	Text, Note, URL string
	Alert           bool
}

// mailSection is a heading and its lines.
type mailSection struct {
	Heading string
	Lines   []mailLine
}

// mailPage is everything a mail shows, in order.
type mailPage struct {
	Lang, Dir   string
	Subject     string
	Greeting    string
	Paragraphs  []string
	Sections    []mailSection
	Action      mailLink
	Why         string
	Stop        mailLink
	Preferences mailLink
}

var mailHTML = htmltemplate.Must(htmltemplate.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: 'Noto Sans', 'Noto Sans Arabic', Arial, sans-serif; color: #1b1f24; line-height: 1.5; direction: {{.Dir}}; text-align: start;">
<p>{{.Greeting}}</p>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{range .Sections}}<h3 style="margin-block: 16px 4px;">{{.Heading}}</h3>
<ul style="padding-inline-start: 20px; margin: 0;">{{range .Lines}}
<li>{{if .URL}}<a href="{{.URL}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{if .Note}} — {{if .Alert}}<strong style="color: #c92a2a;">{{.Note}}</strong>{{else}}{{.Note}}{{end}}{{end}}</li>{{end}}
</ul>
{{end}}{{if .Action.URL}}<p><a href="{{.Action.URL}}" style="display: inline-block; padding: 8px 16px; background: #1c7ed6; color: #fff; border-radius: 4px; text-decoration: none;">{{.Action.Label}}</a></p>
{{end}}<hr style="border: none; border-top: 1px solid #dee2e6;">
<p style="font-size: 12px; color: #5c636a;">{{.Why}}{{if .Stop.URL}} <a href="{{.Stop.URL}}">{{.Stop.Label}}</a> ·{{end}} <a href="{{.Preferences.URL}}">{{.Preferences.Label}}</a></p>
</body></html>
`))

var mailText = texttemplate.Must(texttemplate.New("mail").Parse(`{{.Greeting}}
{{range .Paragraphs}}
{{.}}
{{end}}{{range .Sections}}
{{.Heading}}
{{range .Lines}}- {{.Text}}{{if .Note}} ({{.Note}}){{end}}{{if .URL}}
  {{.URL}}{{end}}
{{end}}{{end}}{{if .Action.URL}}
{{.Action.Label}}: {{.Action.URL}}
{{end}}
--
{{.Why}}
{{if .Stop.URL}}{{.Stop.Label}}: {{.Stop.URL}}
{{end}}{{.Preferences.Label}}: {{.Preferences.URL}}
`))

// render turns a page into a message to one address.
func (p mailPage) render(to string) (mail.Message, error) {
	var h, t bytes.Buffer
	if err := mailHTML.Execute(&h, p); err != nil {
		return mail.Message{}, err
	}
	if err := mailText.Execute(&t, p); err != nil {
		return mail.Message{}, err
	}
	return mail.Message{To: to, Subject: p.Subject, HTML: h.String(), Text: t.String(), Unsubscribe: p.Stop.URL}, nil
}

// newMailPage starts a page in locale.
func newMailPage(locale, name string) mailPage {
	return mailPage{Lang: locale, Dir: models.TextDirection(locale), Greeting: say(locale, "mail.hello", name)}
}

// mailLinks makes the absolute addresses of a mail from the public URL.
type mailLinks struct {
	base string // LIAISON_PUBLIC_URL, without a trailing slash
}

func (l mailLinks) to(path string) string { return strings.TrimRight(l.base, "/") + path }

// assignedMail is the mail of an assigned notification.
func assignedMail(links mailLinks, unsubscribe string, locale, recipient, actorName string, c CommitmentView) mailPage {
	p := newMailPage(locale, recipient)
	p.Subject = say(locale, "title.assigned", actorName, c.Title)
	p.Paragraphs = []string{p.Subject + "."}
	if c.DueDate != nil {
		p.Paragraphs = append(p.Paragraphs, say(locale, "mail.assigned.due", *c.DueDate))
	}
	if c.Details != "" {
		p.Paragraphs = append(p.Paragraphs, c.Details)
	}
	p.Action = mailLink{say(locale, "mail.open"), links.to(fmt.Sprintf("/commitments/%d", c.ID))}
	p.Why = say(locale, "mail.why.assigned")
	p.Stop = mailLink{say(locale, "mail.stop.assigned"), unsubscribe}
	p.Preferences = mailLink{say(locale, "mail.preferences"), links.to(preferencesPath)}
	return p
}

// preferencesPath is the SPA's page of a user's preferences.
const preferencesPath = "/account/notifications"

// digestMail is the mail of a digest.
func digestMail(links mailLinks, unsubscribe string, d Digest) mailPage {
	locale := d.User.Locale
	p := newMailPage(locale, d.User.Name)
	overdue, soon := 0, 0
	for _, g := range d.Groups {
		s := mailSection{Heading: g.Counterpart}
		if s.Heading == "" {
			s.Heading = say(locale, "mail.digest.nobody")
		}
		for _, it := range g.Items {
			line := mailLine{Text: it.Title, URL: links.to(fmt.Sprintf("/commitments/%d", it.ID))}
			if it.Overdue {
				overdue++
				line.Note, line.Alert = say(locale, "mail.digest.overdue", it.DueDate), true
			} else {
				soon++
				line.Note = say(locale, "mail.digest.due", it.DueDate)
			}
			s.Lines = append(s.Lines, line)
		}
		p.Sections = append(p.Sections, s)
	}
	p.Subject = say(locale, "mail.digest.subject", overdue, soon)
	if d.Items() > 0 {
		p.Paragraphs = []string{say(locale, "mail.digest.intro")}
	} else {
		p.Paragraphs = []string{say(locale, "mail.digest.none")}
	}
	if len(d.OfficeOverdue) > 0 {
		s := mailSection{Heading: say(locale, "mail.digest.office")}
		for _, o := range d.OfficeOverdue {
			s.Lines = append(s.Lines, mailLine{Text: o.Owner, Note: fmt.Sprint(o.Count), Alert: true})
		}
		p.Sections = append(p.Sections, s)
	}
	p.Action = mailLink{say(locale, "mail.digest.open"), links.to("/")}
	p.Why = say(locale, "mail.why.digest")
	p.Stop = mailLink{say(locale, "mail.stop.digest"), unsubscribe}
	p.Preferences = mailLink{say(locale, "mail.preferences"), links.to(preferencesPath)}
	return p
}
