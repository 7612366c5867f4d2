// Command oidc-provider runs a real OpenID provider on loopback for the
// browser tests of single sign-on: zitadel/oidc's provider over its example
// in-memory storage, with that example's own login page (a username and
// password form), so that a test signs in the way a person does at their
// organisation's identity provider. It is a test tool, never shipped.
//
// Usage:
//
//	oidc-provider -redirect http://127.0.0.1:8080/auth/oidc/callback \
//	    -user 'amina:password:manager@demo.liaison'
//
// It prints "issuer <URL>" on its first line once it listens. The client
// is "liaison" with the secret "liaison-sso-secret".
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
)

// ClientID and ClientSecret are what Liaison is configured with.
const (
	ClientID     = "liaison"
	ClientSecret = "liaison-sso-secret"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

// users is the provider's user store, by username.
type users map[string]*storage.User

func (u users) GetUserByID(id string) *storage.User { return u[id] }
func (u users) GetUserByUsername(name string) *storage.User {
	return u[name]
}
func (u users) ExampleClientID() string { return "service" }

func main() {
	var redirects, people list
	addr := flag.String("addr", "127.0.0.1:0", "where to listen")
	flag.Var(&redirects, "redirect", "a redirect URI of the client (repeatable)")
	flag.Var(&people, "user", "username:password:email of a user whose email is verified (repeatable)")
	flag.Parse()
	store := users{}
	for _, p := range people {
		parts := strings.SplitN(p, ":", 3)
		if len(parts) != 3 {
			fmt.Fprintf(os.Stderr, "-user %q is not username:password:email\n", p)
			os.Exit(2)
		}
		store[parts[0]] = &storage.User{ID: parts[0], Username: parts[0], Password: parts[1], Email: parts[2], EmailVerified: true,
			FirstName: parts[0], LastName: "SSO"}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	issuer := "http://" + ln.Addr().String()
	clients := map[string]*storage.Client{ClientID: storage.WebClient(ClientID, ClientSecret, redirects...)}
	router := exampleop.SetupServer(issuer, storage.NewStorageWithClients(store, clients),
		slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), false)
	fmt.Printf("issuer %s\n", issuer)
	if err := http.Serve(ln, router); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
