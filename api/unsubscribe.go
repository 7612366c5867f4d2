package api

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"

	"liaison/models"
	"liaison/services"
)

// One-click unsubscribe (RFC 8058) at /unsubscribe/<token>: a mail program
// POSTs to it with "List-Unsubscribe=One-Click"; a person following the link
// gets a page with one button, which POSTs — a GET changes nothing, so a
// link checker that opens every address in a mail stops nothing. The token
// is in the path: the access log writes the route pattern, never the path.

var unsubscribePage = template.Must(template.New("unsubscribe").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>body{font-family:'Noto Sans','Noto Sans Arabic',Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:#1c7ed6;color:#fff;cursor:pointer}</style></head>
<body><h1>{{.Title}}</h1><p>{{.Message}}</p>
{{if .Ask}}<form method="post"><button type="submit">{{.Title}}</button></form>{{end}}
</body></html>
`))

type unsubscribeView struct {
	Lang, Dir, Title, Message string
	Ask                       bool
}

func (h *handlers) registerUnsubscribe(engine *gin.Engine) {
	show := func(c *gin.Context, status int, r services.UnsubscribeRequest, message string, ask bool) {
		locale := r.Locale
		if locale == "" {
			locale = "en"
		}
		c.Header("Content-Type", "text/html; charset=utf-8")
		c.Header("Cache-Control", "no-store")
		c.Header("Referrer-Policy", "no-referrer")
		c.Status(status)
		_ = unsubscribePage.Execute(c.Writer, unsubscribeView{Lang: locale, Dir: models.TextDirection(locale), Title: services.Say(locale, "unsubscribe.title"), Message: message, Ask: ask})
	}
	handle := func(c *gin.Context, apply bool) {
		ctx := c.Request.Context()
		var r services.UnsubscribeRequest
		var err error
		if apply {
			r, err = h.svc.Preferences.Unsubscribe(ctx, c.Param("token"))
		} else {
			r, err = h.svc.Preferences.CheckUnsubscribe(ctx, c.Param("token"))
		}
		switch {
		case errors.Is(err, services.ErrNotFound):
			show(c, http.StatusNotFound, r, services.Say("en", "unsubscribe.bad"), false)
		case err != nil:
			h.log.ErrorContext(ctx, "unsubscribe failed", "request_id", requestID(ctx), "error", err.Error())
			show(c, http.StatusInternalServerError, r, "internal error; quote the request ID "+requestID(ctx)+" when reporting it", false)
		case apply:
			show(c, http.StatusOK, r, services.Say(r.Locale, "unsubscribe.done"), false)
		default:
			show(c, http.StatusOK, r, services.Say(r.Locale, "unsubscribe.ask", services.Say(r.Locale, "unsubscribe.topic."+r.Topic)), true)
		}
	}
	engine.GET("/unsubscribe/:token", func(c *gin.Context) { handle(c, false) })
	engine.POST("/unsubscribe/:token", func(c *gin.Context) { handle(c, true) })
}
