package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// vcardContentType is what a contact card is served as.
const vcardContentType = "text/vcard; charset=utf-8"

type vcardInput struct {
	IDPath
	RequestBase
}

// contactCardsInput is the contacts list's search, filters and sort; the
// file holds every match, so paging does not apply.
type contactCardsInput struct {
	Q string `query:"q" maxLength:"200" doc:"Text search, as on the list."`
	ContactFilters
	RequestBase
}

type vcardOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func vcardResponses(what string) map[string]*huma.Response {
	return map[string]*huma.Response{"200": {Description: what,
		Content: map[string]*huma.MediaType{"text/vcard": {Schema: &huma.Schema{Type: "string"}}}}}
}

func (h *handlers) registerVCards(api huma.API) {
	const tag = "contacts"
	one := op("get-contact-vcard", http.MethodGet, "/api/v1/contacts/{id}/vcard", "A contact's card (vCard 3.0), for an address book", tag)
	one.Description = "Names in both scripts (the local-script name as NICKNAME), organization and title of the current position, " +
		"email, phone, city and country, languages in NOTE, a link back, REV and a stable UID. For anyone who may read the contact."
	one.Responses = vcardResponses("The contact's card.")
	huma.Register(api, one, func(ctx context.Context, in *vcardInput) (*vcardOutput, error) {
		c, err := h.svc.Contacts.Card(ctx, actor(ctx), in.ID)
		if err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		var b bytes.Buffer
		if err := writeVCard(&b, c, in.base(h.publicURL)); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return &vcardOutput{ContentType: vcardContentType, ContentDisposition: attachment("contact-" + strconv.FormatInt(c.ID, 10) + ".vcf"),
			Body: b.Bytes()}, nil
	})

	many := op("list-contacts-vcard", http.MethodGet, "/api/v1/contacts/vcard", "The cards of a filtered list of contacts, in one file (managers and admins)", tag)
	many.Description = "Takes the contacts list's filters, q and sort; the file holds every match. " +
		"At most " + strconv.Itoa(services.MaxCardExport) + " contacts: more → 422 (narrow the filters). A bulk export of personal data: " +
		"managers and admins only, recorded in the audit log with its filters and row count."
	many.Responses = vcardResponses("The cards, one after another.")
	huma.Register(api, many, func(ctx context.Context, in *contactCardsInput) (*vcardOutput, error) {
		cards, err := h.svc.Contacts.Cards(ctx, actor(ctx), in.filter(ListQuery{Q: in.Q}))
		if err != nil {
			return nil, fail(ctx, h.log, "query", err)
		}
		var b bytes.Buffer
		base := in.base(h.publicURL)
		for _, c := range cards {
			if err := writeVCard(&b, c, base); err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
		}
		return &vcardOutput{ContentType: vcardContentType, ContentDisposition: attachment("contacts.vcf"), Body: b.Bytes()}, nil
	})
}
