package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/op"

	"liaison/api"
	"liaison/models"
	"liaison/services"
)

// A real OpenID provider (zitadel/oidc's op package over its example
// in-memory storage) on loopback. Its login page signs in whichever of its
// users the test names, at once; the test can make it misbehave in one way
// at a time.

const (
	opClientID     = "liaison"
	opClientSecret = "liaison-secret"
)

type testOP struct {
	issuer  string
	server  *httptest.Server
	clients map[string]*storage.Client
	user    atomic.Value // the username its login page signs in
	tamper  atomic.Value // "", "expired", "audience", "userinfo_only"
	storage *opStorage
}

type opUsers map[string]*storage.User

func (u opUsers) GetUserByID(id string) *storage.User { return u[id] }
func (u opUsers) GetUserByUsername(name string) *storage.User {
	for _, x := range u {
		if x.Username == name {
			return x
		}
	}
	return nil
}
func (u opUsers) ExampleClientID() string { return "service" }

// opStorage is the example storage with the tampering hooks.
type opStorage struct {
	*storage.Storage
	op *testOP
}

func (s *opStorage) GetClientByClientID(ctx context.Context, id string) (op.Client, error) {
	c, err := s.Storage.GetClientByClientID(ctx, id)
	if err != nil {
		return nil, err
	}
	return &opClient{Client: c, op: s.op}, nil
}

// opClient: ID tokens carry the email claims (unless "userinfo_only"),
// and live an hour (or expired ten minutes ago).
type opClient struct {
	op.Client
	op *testOP
}

func (c *opClient) IDTokenLifetime() time.Duration {
	if c.op.tamper.Load() == "expired" {
		return -10 * time.Minute
	}
	return time.Hour
}

func (c *opClient) IDTokenUserinfoClaimsAssertion() bool {
	return c.op.tamper.Load() != "userinfo_only"
}

func newTestOP(t *testing.T) *testOP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o := &testOP{issuer: "http://" + ln.Addr().String(), clients: map[string]*storage.Client{}}
	o.tamper.Store("")
	o.user.Store("")
	users := opUsers{}
	for id, email := range map[string]string{
		"officer":    "A.Officer@Example.ORG", // case differs from Liaison's
		"manager":    "a.manager@example.org",
		"unverified": "a.officer@example.org",
		"stranger":   "nobody@example.org",
		"inactive":   "a.inactive@example.org",
	} {
		users[id] = &storage.User{ID: id, Username: id, Password: "verysecure", Email: email, EmailVerified: id != "unverified"}
	}
	st := &opStorage{Storage: storage.NewStorageWithClients(users, o.clients), op: o}
	o.storage = st
	provider, err := op.NewProvider(&op.Config{CryptoKey: sha256.Sum256([]byte("test op")), CodeMethodS256: true,
		AuthMethodPost: true, DefaultLogoutRedirectURI: "/"}, st, op.StaticIssuer(o.issuer), op.WithAllowInsecure())
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	interceptor := op.NewIssuerInterceptor(provider.IssuerFromRequest)
	// The login page: signs the chosen user in without asking.
	mux.HandleFunc("/login/username", interceptor.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("authRequestID")
		if err := st.CheckUsernamePassword(o.user.Load().(string), "verysecure", id); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		http.Redirect(w, r, op.AuthCallbackURL(provider)(r.Context(), id), http.StatusFound)
	}))
	// A second discovery document, at issuer/tenant, that claims that
	// issuer while the provider's tokens keep naming its own.
	mux.HandleFunc("/tenant/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		provider.ServeHTTP(rec, httptest.NewRequest("GET", o.issuer+"/.well-known/openid-configuration", nil))
		var doc map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		doc["issuer"] = o.issuer + "/tenant"
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(doc)
	})
	// The token endpoint, which for "audience" re-signs the ID token with
	// the provider's own key for another client.
	mux.HandleFunc("/oauth/token", func(w http.ResponseWriter, r *http.Request) {
		if o.tamper.Load() != "audience" {
			provider.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		provider.ServeHTTP(rec, r)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body["id_token"] == nil {
			http.Error(w, "no token to tamper with: "+rec.Body.String(), 500)
			return
		}
		body["id_token"] = o.resign(t, body["id_token"].(string), func(claims map[string]any) {
			claims["aud"], claims["azp"], claims["client_id"] = []string{"another-application"}, "another-application", "another-application"
		})
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	})
	mux.Handle("/", provider)
	o.server = &httptest.Server{Listener: ln, Config: &http.Server{Handler: mux}}
	o.server.Start()
	t.Cleanup(o.server.Close)
	return o
}

// liaisonFor starts a Liaison HTTP server on loopback over the test's
// database, with single sign-on pointed at the issuer.
func liaisonFor(t *testing.T, s *server, issuer string, options ...func(*services.Config)) *httptest.Server {
	t.Helper()
	cfg := services.Config{OIDC: services.OIDCConfig{Issuer: issuer, ClientID: opClientID, ClientSecret: opClientSecret, Label: "Staff login"}}
	for _, o := range options {
		o(&cfg)
	}
	svc := services.New(s.db, slog.New(slog.DiscardHandler), cfg)
	r, err := api.NewRouter(api.Deps{Services: svc, Log: slog.New(slog.DiscardHandler), Version: "test", SPA: s.spa()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

// browser is an HTTP client with a cookie jar; with stopAtCallback it
// stops at the redirect to Liaison's callback instead of following it.
func browser(t *testing.T, stopAtCallback bool) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 20 * time.Second}
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if len(via) > 10 {
			return http.ErrUseLastResponse
		}
		if stopAtCallback && r.URL.Path == "/auth/oidc/callback" {
			return http.ErrUseLastResponse
		}
		return nil
	}
	return c
}

func get(t *testing.T, c *http.Client, u string, header ...string) (*http.Response, string) {
	t.Helper()
	r, _ := http.NewRequest("GET", u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func sessionCookie(c *http.Client, base string) string {
	u, _ := url.Parse(base)
	for _, k := range c.Jar.Cookies(u) {
		if k.Name == "liaison_session" {
			return k.Value
		}
	}
	return ""
}

func TestSingleSignOnWithARealProvider(t *testing.T) {
	s := newServer(t)
	o := newTestOP(t)
	liaison := liaisonFor(t, s, o.issuer)
	// The same provider, as Liaison would see it if its discovery document
	// named another issuer than its tokens do.
	misnamed := liaisonFor(t, s, o.issuer+"/tenant")
	// Managers must use two-factor sign-in here: with single sign-on the
	// provider sees to it, and Liaison does not hold them to enrolment.
	strict := liaisonFor(t, s, o.issuer, func(c *services.Config) { c.MFARequiredRoles = []string{"manager"} })
	o.clients[opClientID] = storage.WebClient(opClientID, opClientSecret,
		liaison.URL+"/auth/oidc/callback", misnamed.URL+"/auth/oidc/callback", strict.URL+"/auth/oidc/callback")

	t.Run("the sign-in page learns that single sign-on is on", func(t *testing.T) {
		res, body := get(t, http.DefaultClient, liaison.URL+"/api/v1/auth/config")
		if res.StatusCode != 200 || !strings.Contains(body, `"oidc":true`) || !strings.Contains(body, `"oidc_label":"Staff login"`) || !strings.Contains(body, `"password_login":true`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})

	t.Run("the login sends the browser to the provider with PKCE, state and nonce", func(t *testing.T) {
		c := browser(t, false)
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		res, _ := get(t, c, liaison.URL+"/auth/oidc/login")
		loc, _ := url.Parse(res.Header.Get("Location"))
		q := loc.Query()
		if res.StatusCode != 302 || !strings.HasPrefix(loc.String(), o.issuer+"/authorize?") || q.Get("code_challenge_method") != "S256" ||
			q.Get("code_challenge") == "" || q.Get("state") == "" || q.Get("nonce") == "" || q.Get("client_id") != opClientID ||
			q.Get("redirect_uri") != liaison.URL+"/auth/oidc/callback" {
			t.Fatalf("%d %s", res.StatusCode, loc)
		}
		var state *http.Cookie
		for _, k := range res.Cookies() {
			if k.Name == "liaison_oidc_state" {
				state = k
			}
		}
		if state == nil || state.Value != q.Get("state") || !state.HttpOnly || state.SameSite != http.SameSiteLaxMode || state.MaxAge <= 0 || state.MaxAge > 900 {
			t.Fatalf("state cookie: %+v", state)
		}
	})

	t.Run("an active user whose verified email matches is signed in", func(t *testing.T) {
		o.user.Store("officer")
		c := browser(t, false)
		res, _ := get(t, c, liaison.URL+"/auth/oidc/login")
		if res.StatusCode != 200 || res.Request.URL.String() != liaison.URL+"/" {
			t.Fatalf("ended at %s with %d", res.Request.URL, res.StatusCode)
		}
		token := sessionCookie(c, liaison.URL)
		if token == "" {
			t.Fatal("no session cookie")
		}
		res, body := get(t, http.DefaultClient, liaison.URL+"/api/v1/auth/me", "Cookie", "liaison_session="+token)
		if res.StatusCode != 200 || !strings.Contains(body, `"email":"a.officer@example.org"`) {
			t.Fatalf("me: %d %s", res.StatusCode, body)
		}
		var n int64
		s.db.Model(&models.AuditEvent{}).Where("action = ? AND actor_id = ?", services.ActionLoginSSO, s.fx.Users["a.officer"].ID).Count(&n)
		if n != 1 {
			t.Fatalf("%d SSO sign-ins audited", n)
		}
	})

	t.Run("a role that must use two-factor sign-in is not held to enrolment after single sign-on", func(t *testing.T) {
		o.user.Store("manager")
		c := browser(t, false)
		if res, body := get(t, c, strict.URL+"/auth/oidc/login"); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		cookie := "liaison_session=" + sessionCookie(c, strict.URL)
		if res, body := get(t, http.DefaultClient, strict.URL+"/api/v1/organizations", "Cookie", cookie); res.StatusCode != 200 {
			t.Fatalf("organizations: %d %s", res.StatusCode, body)
		}
		if _, body := get(t, http.DefaultClient, strict.URL+"/api/v1/auth/me", "Cookie", cookie); !strings.Contains(body, `"mfa_enrolment_required":false`) {
			t.Fatalf("me: %s", body)
		}
		// The same manager signing in with a password is held to it.
		w := s.login("a.manager@example.org", testPassword, "")
		r, _ := http.NewRequest("GET", strict.URL+"/api/v1/organizations", nil)
		r.Header.Set("Cookie", "liaison_session="+w.Result().Cookies()[0].Value)
		res, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("password session: %d", res.StatusCode)
		}
	})

	t.Run("the email can come from the userinfo endpoint", func(t *testing.T) {
		o.user.Store("officer")
		o.tamper.Store("userinfo_only")
		defer o.tamper.Store("")
		c := browser(t, false)
		if res, body := get(t, c, liaison.URL+"/auth/oidc/login"); res.StatusCode != 200 || sessionCookie(c, liaison.URL) == "" {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})

	t.Run("a state is good once, and only in the browser that started", func(t *testing.T) {
		o.user.Store("officer")
		c := browser(t, true)
		res, _ := get(t, c, liaison.URL+"/auth/oidc/login")
		callback := res.Header.Get("Location")
		if res.StatusCode != 302 || !strings.HasPrefix(callback, liaison.URL+"/auth/oidc/callback?") {
			t.Fatalf("%d %s", res.StatusCode, callback)
		}
		u, _ := url.Parse(liaison.URL + "/auth/oidc/")
		var state string
		for _, k := range c.Jar.Cookies(u) {
			if k.Name == "liaison_oidc_state" {
				state = k.Value
			}
		}
		plain := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		// Another browser (no state cookie) cannot use the answer.
		res, body := get(t, plain, callback)
		if res.StatusCode != 400 || !strings.Contains(body, "state_mismatch") || hasCookie(res, "liaison_session") {
			t.Fatalf("without the cookie: %d %s", res.StatusCode, body)
		}
		// The browser that started can.
		res, body = get(t, plain, callback, "Cookie", "liaison_oidc_state="+state)
		if res.StatusCode != 302 || res.Header.Get("Location") != "/" || !hasCookie(res, "liaison_session") {
			t.Fatalf("callback: %d %s %v", res.StatusCode, body, res.Header)
		}
		// Once.
		res, body = get(t, plain, callback, "Cookie", "liaison_oidc_state="+state)
		if res.StatusCode != 400 || !strings.Contains(body, "state_unknown") || hasCookie(res, "liaison_session") {
			t.Fatalf("replayed state: %d %s", res.StatusCode, body)
		}
	})

	refusals := []struct {
		name, user, tamper string
		via                *httptest.Server
		status             int
		reason, words      string
	}{
		{"wrong issuer", "officer", "", misnamed, 400, "wrong_issuer", "issued by another provider"},
		{"wrong audience", "officer", "audience", liaison, 400, "wrong_audience", "issued for another application"},
		{"expired token", "officer", "expired", liaison, 400, "token_expired", "has expired"},
		{"unverified email", "unverified", "", liaison, 403, "email_not_verified", "has not verified the email address a.officer@example.org"},
		{"unknown email", "stranger", "", liaison, 403, "unknown_user", "No Liaison account has the email address nobody@example.org"},
		{"deactivated user", "inactive", "", liaison, 403, "inactive_user", "is deactivated"},
	}
	for _, r := range refusals {
		t.Run("refused: "+r.name, func(t *testing.T) {
			o.user.Store(r.user)
			o.tamper.Store(r.tamper)
			defer o.tamper.Store("")
			c := browser(t, false)
			res, body := get(t, c, r.via.URL+"/auth/oidc/login")
			if res.StatusCode != r.status || res.Request.URL.Path != "/auth/oidc/callback" ||
				!strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
				!strings.Contains(body, r.reason) || !strings.Contains(body, r.words) {
				t.Fatalf("%s: %d %s", res.Request.URL.Path, res.StatusCode, body)
			}
			if sessionCookie(c, r.via.URL) != "" {
				t.Fatal("a session cookie was set")
			}
		})
	}
	var unknown int64
	s.db.Model(&models.AuditEvent{}).Where("action = ? AND changes LIKE ?", services.ActionLoginFailed, "%unknown_user%").Count(&unknown)
	if unknown != 1 {
		t.Errorf("%d refused unknown users audited", unknown)
	}
}

func TestSingleSignOnOffAndPasswordsOff(t *testing.T) {
	s := newServer(t)
	// Not configured: the routes say so, as pages.
	for _, p := range []string{"/auth/oidc/login", "/auth/oidc/callback?state=x&code=y"} {
		w := s.do(req{method: "GET", path: p})
		if w.Code != 404 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s", p, w.Code, w.Body.String())
		}
	}
	if w := s.do(req{method: "GET", path: "/api/v1/auth/config"}); w.Code != 200 || !strings.Contains(w.Body.String(), `"oidc":false`) {
		t.Fatalf("config: %d %s", w.Code, w.Body.String())
	}
	off := newServer(t, func(c *services.Config) {
		c.PasswordLoginDisabled = true
		c.OIDC = services.OIDCConfig{Issuer: "http://127.0.0.1:9", ClientID: "x", ClientSecret: "y"}
	})
	w := off.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.officer@example.org", "password": testPassword}})
	if c, _ := problemOf(t, w); w.Code != 403 || c != "password_login_disabled" {
		t.Fatalf("password login when off: %d %s", w.Code, w.Body.String())
	}
	if w := off.do(req{method: "GET", path: "/api/v1/auth/config"}); !strings.Contains(w.Body.String(), `"password_login":false`) || !strings.Contains(w.Body.String(), `"oidc_label":"single sign-on"`) {
		t.Fatalf("config: %s", w.Body.String())
	}
	// A provider that cannot be reached: a page that says so, not a 500.
	if w := off.do(req{method: "GET", path: "/auth/oidc/login"}); w.Code != http.StatusBadGateway || !strings.Contains(w.Body.String(), "provider_unavailable") {
		t.Fatalf("unreachable provider: %d %s", w.Code, w.Body.String())
	}
	// Malformed callbacks: 400 pages.
	for _, p := range []string{"/auth/oidc/callback", "/auth/oidc/callback?state=" + strings.Repeat("x", 500), "/auth/oidc/callback?state=%ZZ"} {
		if w := off.do(req{method: "GET", path: p}); w.Code != 400 {
			t.Errorf("%s: %d %s", p, w.Code, w.Body.String())
		}
	}
}

// resign changes the claims of a token the provider issued and signs it
// again with the provider's key.
func (o *testOP) resign(t *testing.T, token string, change func(map[string]any)) string {
	parts := strings.Split(token, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Error(err)
		return token
	}
	var claims map[string]any
	_ = json.Unmarshal(payload, &claims)
	change(claims)
	payload, _ = json.Marshal(claims)
	key, err := o.storage.SigningKey(context.Background())
	if err != nil {
		t.Error(err)
		return token
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: key.SignatureAlgorithm(), Key: jose.JSONWebKey{Key: key.Key(), KeyID: key.ID()}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		t.Error(err)
		return token
	}
	signed, err := signer.Sign(payload)
	if err != nil {
		t.Error(err)
		return token
	}
	out, _ := signed.CompactSerialize()
	return out
}

func hasCookie(res *http.Response, name string) bool {
	for _, k := range res.Cookies() {
		if k.Name == name && k.Value != "" {
			return true
		}
	}
	return false
}
