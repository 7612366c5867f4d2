// Package mail sends Liaison's mails through an SMTP server named by a URL
// (LIAISON_SMTP_URL): smtp://user:pass@host:587 upgrades with STARTTLS when
// the server offers it, and insists on it when credentials are given, so a
// password never crosses the network in clear; smtps://…:465 speaks TLS
// from the first byte.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one mail to one person: a plain-text body and the same in
// HTML, and, for mails a person may stop, the address that stops them.
type Message struct {
	To          string
	Subject     string
	Text        string
	HTML        string
	Unsubscribe string // an https address of a one-click unsubscribe (RFC 8058), or empty
}

// Sender sends through one SMTP server.
type Sender struct {
	from string
	opts []gomail.Option
	host string
}

// ErrNotConfigured is a sender made from an empty URL.
var ErrNotConfigured = errors.New("no SMTP server is configured")

// New makes a sender from the SMTP URL and the From address.
func New(rawURL, from string) (*Sender, error) {
	if rawURL == "" || from == "" {
		return nil, ErrNotConfigured
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("LIAISON_SMTP_URL: %w", err)
	}
	if u.Hostname() == "" {
		return nil, errors.New("LIAISON_SMTP_URL names no host")
	}
	opts := []gomail.Option{gomail.WithTimeout(20 * time.Second)}
	switch u.Scheme {
	case "smtp":
		policy := gomail.TLSOpportunistic
		if u.User != nil {
			policy = gomail.TLSMandatory
		}
		opts = append(opts, gomail.WithTLSPolicy(policy), gomail.WithPort(25))
	case "smtps":
		opts = append(opts, gomail.WithSSL(), gomail.WithPort(465))
	default:
		return nil, fmt.Errorf("LIAISON_SMTP_URL: scheme %q is neither smtp nor smtps", u.Scheme)
	}
	if p := u.Port(); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("LIAISON_SMTP_URL: port %q", p)
		}
		opts = append(opts, gomail.WithPort(port))
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	if err := gomail.NewMsg().From(from); err != nil {
		return nil, fmt.Errorf("LIAISON_MAIL_FROM: %w", err)
	}
	return &Sender{from: from, opts: opts, host: u.Hostname()}, nil
}

// Send delivers one message. An error means the server did not take it:
// the caller retries later.
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("from address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("recipient address: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if m.Unsubscribe != "" {
		msg.SetGenHeader(gomail.HeaderListUnsubscribe, "<"+m.Unsubscribe+">")
		msg.SetGenHeader(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	}
	client, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return err
	}
	return client.DialAndSendWithContext(ctx, msg)
}
