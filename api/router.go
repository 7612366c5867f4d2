// Package api is Liaison's HTTP layer: routing, middleware, request and
// response types, and the mapping of service errors to problem+json. It
// decides nothing about data or permissions; the services do.
package api

import (
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humagin"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"liaison/services"
)

// Deps is what the router needs from main.
type Deps struct {
	Services       *services.Services // nil only when just generating the OpenAPI document
	Log            *slog.Logger
	Registry       *prometheus.Registry
	TrustedProxies []string // addresses or CIDRs allowed to set X-Forwarded-For
	Version        string
	SPA            fs.FS         // the built single-page app; may lack index.html
	MaxActive      int           // API requests served at once; 0: two per core, at most the connection pool
	MaxQueued      int           // API requests waiting for a place at most; 0: 16 per place
	MaxQueueWait   time.Duration // how long one waits at most; 0: 5 s. Past either bound: 503
	MetricsToken   string        // when set, /metrics answers only requests bearing it
	PublicURL      string        // the address browsers reach Liaison at, for single sign-on's redirect URI and links in feeds and cards; "" takes it from each request
}

// APIVersion is the version of the REST contract the router implements.
const APIVersion = "1.0.0"

// handlers carries the dependencies of every operation.
type handlers struct {
	svc       *services.Services
	log       *slog.Logger
	publicURL string // Deps.PublicURL
}

// Router is the HTTP handler and the API description it serves.
type Router struct {
	http.Handler
	API    huma.API
	Routes gin.RoutesInfo // every route, for the authorization matrix test
}

// NewRouter builds the whole HTTP surface.
func NewRouter(d Deps) (*Router, error) {
	gin.SetMode(gin.ReleaseMode)
	installProblems()
	// Field names are matched exactly, as the contract spells them: huma
	// would otherwise accept "Name" or "RESTRICTED" for name and
	// restricted (as Go's JSON decoder does), so that a body could carry
	// a field past anything that checks the exact name.
	huma.ValidateStrictCasing = true
	engine := gin.New()
	engine.HandleMethodNotAllowed = true
	engine.ContextWithFallback = true
	if err := engine.SetTrustedProxies(d.TrustedProxies); err != nil {
		return nil, err
	}
	if d.Registry == nil {
		d.Registry = prometheus.NewRegistry()
	}
	metrics := NewMetrics(d.Registry)
	engine.Use(withRequest(), recovery(d.Log), securityHeaders(), metrics.middleware(), accessLog(d.Log), refuseNonText())
	if d.Services != nil {
		g := newGate(activeLimit(d.MaxActive, d.Services.Connections())).bound(d.MaxQueued, d.MaxQueueWait)
		engine.Use(admission(g, newAdmissionMetrics(d.Registry, g)))
	}

	// The document's version is the contract's, not the build's: the SPA's
	// client is generated from it and must not go stale with every release.
	cfg := huma.DefaultConfig("Liaison API", APIVersion)
	cfg.Info.Description = "Stakeholder relationship management for the country offices of international organisations."
	cfg.OpenAPIPath = "/api/v1/openapi"
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	cfg.CreateHooks = nil // no $schema links in bodies
	cfg.RejectUnknownQueryParameters = true
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"session": {Type: "apiKey", In: "cookie", Name: sessionCookie, Description: "Set by POST /api/v1/auth/login."},
		"bearer":  {Type: "http", Scheme: "bearer", Description: "A personal API token from POST /api/v1/auth/tokens."},
	}
	api := humagin.New(engine, cfg)
	h := &handlers{svc: d.Services, log: d.Log, publicURL: d.PublicURL}
	api.UseMiddleware(h.authenticate(api), h.idempotency())

	h.registerAuth(api)
	h.registerSessions(api)
	h.registerMFA(api)
	h.registerAuthConfig(api)
	h.registerOIDC(engine, d.PublicURL)
	h.registerReference(api)
	h.registerUsers(api)
	h.registerOrganizations(api)
	h.registerContacts(api)
	h.registerProjects(api)
	h.registerVisits(api)
	h.registerInteractions(api)
	h.registerCommitments(api)
	h.registerReassign(api)
	h.registerAudit(api)
	h.registerItinerary(api)
	h.registerTimelines(api)
	h.registerReviews(api)
	h.registerSearch(api)
	h.registerReports(api)
	h.registerRelationships(api)
	h.registerDuplicates(api)
	h.registerNetwork(api)
	h.registerNotes(api)
	h.registerDocuments(api)
	h.registerImports(api)
	h.registerMerges(api)
	h.registerExports(api)
	documentIdempotency(api)
	h.registerVCards(api)
	h.registerBriefing(api)
	h.registerCalendarFeeds(api, engine)
	h.registerNotifications(api)
	h.registerPreferences(api)
	h.registerJobs(api)
	h.registerUnsubscribe(engine)
	h.registerPersonalData(api)

	engine.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok", "version": d.Version}) })
	engine.GET("/readyz", func(c *gin.Context) {
		if d.Services == nil || d.Services.Ready(c.Request.Context()) != nil {
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "database unreachable"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	})
	engine.GET("/metrics", metricsAuth(d.MetricsToken), gin.WrapH(promhttp.HandlerFor(d.Registry, promhttp.HandlerOpts{})))

	spa := newSPA(d.SPA)
	spa.viewer = h.shellViewer
	engine.NoRoute(func(c *gin.Context) {
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			writeProblem(c, newProblem(requestID(c.Request.Context()), http.StatusNotFound, "no such endpoint"))
			return
		}
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			writeProblem(c, newProblem(requestID(c.Request.Context()), http.StatusMethodNotAllowed, "method not allowed"))
			return
		}
		spa.ServeHTTP(c.Writer, c.Request)
	})
	engine.NoMethod(func(c *gin.Context) {
		writeProblem(c, newProblem(requestID(c.Request.Context()), http.StatusMethodNotAllowed, "method not allowed"))
	})

	// Cookie-authenticated requests from another origin are refused before
	// they reach a handler (CSRF); same-origin and non-browser clients pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setStaticSecurityHeaders(w.Header())
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"title":"Forbidden","status":403,"detail":"cross-origin request refused","code":"forbidden"}`))
	}))
	return &Router{Handler: compressResponses(cop.Handler(engine)), API: api, Routes: engine.Routes()}, nil
}

// secured marks an operation as requiring a signed-in user.
var secured = []map[string][]string{{"session": {}}, {"bearer": {}}}

// op describes one operation; every operation is secured unless said.
func op(id, method, path, summary string, tag string) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{tag}, Security: secured}
}
