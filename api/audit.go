package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

// AuditEvent is one entry of the change history.
type AuditEvent struct {
	ID         int64          `json:"id"`
	At         time.Time      `json:"at"`
	ActorID    *int64         `json:"actor_id" nullable:"true"`
	Action     string         `json:"action" doc:"create, update, archive, restore, login, login_failed, logout, session_end, token_create, token_revoke, mfa_enrol, mfa_confirm, mfa_disable, mfa_reset, mfa_recovery_used, login_sso; on organizations, contacts, visits and interactions also note_create, note_update, note_delete, document_create, document_delete; the personal data log's export, subject_export, erase, retention_keep; unsubscribe"`
	Entity     string         `json:"entity"`
	EntityID   *int64         `json:"entity_id" nullable:"true"`
	OfficeID   *int64         `json:"office_id" nullable:"true"`
	Changes    map[string]any `json:"changes" doc:"Changed fields: {field: {old, new}}; {field: {old: null, new: null, erased: true}} once the values were erased with the person they were about."`
	ClientAddr string         `json:"client_addr,omitempty" doc:"Shown to admins only."`
	RequestID  string         `json:"request_id"`
}

func auditOut(e models.AuditEvent) AuditEvent {
	out := AuditEvent{ID: e.ID, At: e.At, ActorID: e.ActorID, Action: e.Action, Entity: e.Entity, EntityID: e.EntityID,
		OfficeID: e.OfficeID, ClientAddr: e.ClientAddr, RequestID: e.RequestID, Changes: map[string]any{}}
	if e.Changes != "" {
		_ = json.Unmarshal([]byte(e.Changes), &out.Changes)
	}
	return out
}

type auditSort string

func (auditSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.AuditSorts.SortNames())
}

// auditEntity is a kind of record the history speaks of.
type auditEntity string

func (auditEntity) Schema(huma.Registry) *huma.Schema { return enumSchema(services.AuditEntities) }

type auditListInput struct {
	Limit    int           `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor   string        `query:"cursor" maxLength:"1000"`
	Sort     auditSort     `query:"sort" default:"-at"`
	Entity   []auditEntity `query:"entity"`
	EntityID []int64       `query:"entity_id"`
	ActorID  []int64       `query:"actor_id"`
	Action   []string      `query:"action"`
	After    time.Time     `query:"after" doc:"Events at or after this RFC 3339 time."`
	Before   time.Time     `query:"before" doc:"Events before this RFC 3339 time."`
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (h *handlers) registerAudit(api huma.API) {
	huma.Register(api, op("list-audit-events", http.MethodGet, "/api/v1/audit", "The change history of records you can see", "audit"),
		func(ctx context.Context, in *auditListInput) (*listOutput[AuditEvent], error) {
			p, err := h.svc.Audit.List(ctx, actor(ctx), services.AuditFilter{
				ListParams: services.ListParams{Limit: in.Limit, Cursor: in.Cursor, Sort: string(in.Sort)},
				Entity:     enumStrings(in.Entity), EntityID: in.EntityID, ActorID: in.ActorID, Action: in.Action,
				After: timeOrNil(in.After), Before: timeOrNil(in.Before),
			})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, auditOut), nil
		})
}
