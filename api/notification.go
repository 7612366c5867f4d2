package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

// Notifications (API.md, "Reaching people"): the signed-in user's own, read
// through the visibility rule; titles come written in their language.

type notificationKind string

func (notificationKind) Schema(huma.Registry) *huma.Schema {
	return enumSchema(models.NotificationKinds)
}

// Notification is one thing the user was told.
type Notification struct {
	ID        int64            `json:"id"`
	Kind      notificationKind `json:"kind"`
	Title     string           `json:"title" doc:"Written in the reader's language from the record as it is now."`
	Link      string           `json:"link" doc:"The app's path of what it is about, such as /commitments/12."`
	CreatedAt time.Time        `json:"created_at"`
	ReadAt    *time.Time       `json:"read_at"`
}

func notificationOut(n services.NotificationView) Notification {
	return Notification{ID: n.ID, Kind: notificationKind(n.Kind), Title: n.Title, Link: n.Link, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
}

type notificationListInput struct {
	Unread bool   `query:"unread" doc:"Only those not read yet."`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Page size."`
	Cursor string `query:"cursor" maxLength:"1000" doc:"Opaque cursor from the previous page's next_cursor."`
	Count  bool   `query:"count" doc:"Also return the total number of matching notifications."`
}

// UnreadCount is the bell's figure.
type UnreadCount struct {
	Count int `json:"count" doc:"Unread notifications, counted up to 100."`
}

// NotificationsRead names the notifications to mark read.
type NotificationsRead struct {
	IDs []int64 `json:"ids,omitempty" maxItems:"200" doc:"These notifications (others' ids are ignored)."`
	All bool    `json:"all,omitempty" doc:"All of yours."`
}

func (h *handlers) registerNotifications(api huma.API) {
	const tag = "notifications"
	huma.Register(api, op("list-notifications", http.MethodGet, "/api/v1/notifications", "List your notifications, newest first", tag),
		func(ctx context.Context, in *notificationListInput) (*listOutput[Notification], error) {
			p, err := h.svc.Notifications.List(ctx, actor(ctx), in.Unread, services.ListParams{Limit: in.Limit, Cursor: in.Cursor, Count: in.Count})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, notificationOut), nil
		})

	huma.Register(api, op("count-unread-notifications", http.MethodGet, "/api/v1/notifications/unread-count", "How many of your notifications are unread", tag),
		func(ctx context.Context, _ *struct{}) (*struct{ Body UnreadCount }, error) {
			n, err := h.svc.Notifications.UnreadCount(ctx, actor(ctx))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return &struct{ Body UnreadCount }{Body: UnreadCount{Count: n}}, nil
		})

	read := op("read-notifications", http.MethodPost, "/api/v1/notifications/read", "Mark notifications read: {\"ids\":[…]} or {\"all\":true}", tag)
	read.DefaultStatus = http.StatusNoContent
	huma.Register(api, read, func(ctx context.Context, in *struct{ Body NotificationsRead }) (*struct{}, error) {
		if err := h.svc.Notifications.MarkRead(ctx, actor(ctx), in.Body.IDs, in.Body.All); err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return nil, nil
	})
}
