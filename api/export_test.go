package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"liaison/models"
)

// exportFixture is what the export tests export: people written in Arabic
// and Bosnian, one of them restricted to office A, at a ministry, with
// follow-ups due on known dates.
type exportFixture struct {
	ministry, amra, hasan, minor int64
}

func newExportFixture(t *testing.T, s *server) exportFixture {
	t.Helper()
	var f exportFixture
	f.ministry, _ = s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministarstvo sigurnosti", "type": "ministry", "country_code": "BA"})
	pos := []map[string]any{{"organization_id": f.ministry, "title": "Savjetnica", "primary": true}}
	f.amra, _ = s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amra", "family_name": "Hodžić", "email": "amra@example.org",
		"country_code": "BA", "positions": pos, "tags": []string{"sdg-16"}})
	f.hasan, _ = s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Hasan", "family_name": "Al-Jubouri", "name_local": "حسن الجبوري",
		"country_code": "IQ", "phone": "+964 770 123 4567"})
	f.minor, _ = s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Đorđe", "family_name": "Čolić", "restricted": true})
	s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "=HYPERLINK(\"http://x\")", "family_name": "Ali"})
	for i, due := range []string{"2026-03-01", "2026-01-15", "2026-02-10"} {
		s.create("/api/v1/commitments", "a.officer", map[string]any{"title": fmt.Sprintf("Send the minutes %d", i), "due_date": due,
			"counterpart_organization_id": f.ministry, "counterpart_contact_id": f.amra})
	}
	s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Hidden follow-up", "due_date": "2026-01-01", "restricted": true,
		"counterpart_contact_id": f.minor})
	return f
}

// readCSV parses an export with encoding/csv after checking its BOM.
func readCSV(t *testing.T, w *httptest.ResponseRecorder) (header []string, rows []map[string]string) {
	t.Helper()
	body := w.Body.Bytes()
	if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 byte order mark: %q", body[:min(len(body), 20)])
	}
	records, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180 CSV: %v", err)
	}
	header = records[0]
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, v := range r {
			row[header[i]] = v
		}
		rows = append(rows, row)
	}
	return header, rows
}

func column(rows []map[string]string, name string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r[name]
	}
	return out
}

func listTotal(t *testing.T, s *server, as, path string) (int, []string) {
	t.Helper()
	w := s.do(req{method: "GET", path: path, as: as})
	if w.Code != 200 {
		t.Fatalf("%s: %d %s", path, w.Code, w.Body.String())
	}
	var body struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
		Total             int  `json:"total"`
		TotalIsLowerBound bool `json:"total_is_lower_bound"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if body.TotalIsLowerBound {
		// An export streams every row; a bounded total is no row count.
		t.Fatalf("%s: total %d is a lower bound", path, body.Total)
	}
	ids := make([]string, len(body.Items))
	for i, it := range body.Items {
		ids[i] = strconv.FormatInt(it.ID, 10)
	}
	return body.Total, ids
}

func TestExportContactsAsCSV(t *testing.T) {
	s := newServer(t)
	f := newExportFixture(t, s)
	w := s.do(req{method: "GET", path: "/api/v1/contacts/export?format=csv", as: "a.manager"})
	if w.Code != 200 {
		t.Fatalf("export: %d %s", w.Code, w.Body.String())
	}
	for k, want := range map[string]string{
		"Content-Type":  "text/csv; charset=utf-8",
		"Cache-Control": "no-store",
	} {
		if got := w.Header().Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="contacts-`+time.Now().UTC().Format(time.DateOnly)+`.csv"`) {
		t.Errorf("Content-Disposition = %q", cd)
	}
	header, rows := readCSV(t, w)
	if !slices.Contains(header, "organization_name") || !slices.Contains(header, "owner_name") {
		t.Errorf("header lacks the related names: %v", header)
	}
	total, _ := listTotal(t, s, "a.manager", "/api/v1/contacts?count=true")
	if len(rows) != total || total != 4 { // office B's contact among them; the restricted one is office A's
		t.Fatalf("%d rows, the list's total is %d (want 4)", len(rows), total)
	}
	byID := map[string]map[string]string{}
	for _, r := range rows {
		byID[r["id"]] = r
	}
	amra, hasan, minor := byID[fmt.Sprint(f.amra)], byID[fmt.Sprint(f.hasan)], byID[fmt.Sprint(f.minor)]
	if amra["family_name"] != "Hodžić" || amra["organization_name"] != "Ministarstvo sigurnosti" || amra["position_title"] != "Savjetnica" ||
		amra["organization_id"] != fmt.Sprint(f.ministry) || amra["tags"] != "sdg-16" || amra["owner_name"] == "" || amra["office_name"] != "IOM BiH" {
		t.Errorf("Amra's row: %v", amra)
	}
	if hasan["name_local"] != "حسن الجبوري" || hasan["phone"] != "+964 770 123 4567" {
		t.Errorf("Hasan's row: %v", hasan)
	}
	if minor["given_name"] != "Đorđe" || minor["restricted"] != "true" {
		t.Errorf("the restricted contact, as its own office's list shows it: %v", minor)
	}
	if _, err := time.Parse(time.RFC3339, amra["created_at"]); err != nil {
		t.Errorf("created_at %q is not RFC 3339", amra["created_at"])
	}
	for _, r := range rows {
		if strings.HasPrefix(r["given_name"], "=") {
			t.Errorf("a formula reaches the spreadsheet as a formula: %q", r["given_name"])
		}
	}
}

func TestExportHidesRestrictedRecordsOfOtherOffices(t *testing.T) {
	s := newServer(t)
	f := newExportFixture(t, s)
	for _, path := range []string{"/api/v1/contacts/export", "/api/v1/commitments/export"} {
		w := s.do(req{method: "GET", path: path, as: "b.manager"})
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", path, w.Code, w.Body.String())
		}
		body := w.Body.String()
		for _, secret := range []string{"Đorđe", "Čolić", "Hidden follow-up"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s as a manager of office B shows %q:\n%s", path, secret, body)
			}
		}
		_, rows := readCSV(t, w)
		if path == "/api/v1/contacts/export" && slices.Contains(column(rows, "id"), fmt.Sprint(f.minor)) {
			t.Errorf("the restricted contact %d is exported to office B", f.minor)
		}
		list := strings.Replace(path, "/export", "?count=true", 1)
		if total, _ := listTotal(t, s, "b.manager", list); len(rows) != total {
			t.Errorf("%s: %d rows, the list's total is %d", path, len(rows), total)
		}
	}
}

func TestExportRefusesViewersAndOfficers(t *testing.T) {
	s := newServer(t)
	for _, who := range []string{"a.viewer", "a.officer"} {
		for _, path := range []string{"/api/v1/contacts/export?format=xlsx", "/api/v1/review/commitments/export",
			"/api/v1/reports/engagement/export?from=2026-01-01&to=2026-12-31"} {
			w := s.do(req{method: "GET", path: path, as: who})
			if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), `"code":"forbidden"`) {
				t.Errorf("%s %s: %d %s", who, path, w.Code, w.Body.String())
			}
		}
	}
}

func TestExportHonoursTheListsFiltersAndSort(t *testing.T) {
	s := newServer(t)
	f := newExportFixture(t, s)
	query := fmt.Sprintf("organization_id=%d&sort=-due_date&q=minutes", f.ministry)
	w := s.do(req{method: "GET", path: "/api/v1/commitments/export?" + query, as: "a.manager"})
	if w.Code != 200 {
		t.Fatalf("export: %d %s", w.Code, w.Body.String())
	}
	_, rows := readCSV(t, w)
	total, ids := listTotal(t, s, "a.manager", "/api/v1/commitments?count=true&"+query)
	if got := column(rows, "id"); !slices.Equal(got, ids) || total != 3 {
		t.Errorf("export ids %v, list ids %v (total %d)", got, ids, total)
	}
	if got := column(rows, "due_date"); !slices.Equal(got, []string{"2026-03-01", "2026-02-10", "2026-01-15"}) {
		t.Errorf("due dates %v, want newest first", got)
	}
	if rows[0]["counterpart_contact_name"] != "Amra Hodžić" || rows[0]["counterpart_organization_name"] != "Ministarstvo sigurnosti" {
		t.Errorf("counterparts not named: %v", rows[0])
	}

	for _, bad := range []string{"sort=nope", "due_before=yesterday", "status=lost", "format=pdf", "limit=5"} {
		w := s.do(req{method: "GET", path: "/api/v1/commitments/export?" + bad, as: "a.manager"})
		if w.Code != http.StatusUnprocessableEntity || w.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s %s", bad, w.Code, w.Header().Get("Content-Type"), w.Body.String())
		}
	}
}

func TestExportIsAudited(t *testing.T) {
	s := newServer(t)
	newExportFixture(t, s)
	w := s.do(req{method: "GET", path: "/api/v1/contacts/export?format=xlsx&country_code=BA&q=amra", as: "a.manager"})
	if w.Code != 200 {
		t.Fatalf("export: %d %s", w.Code, w.Body.String())
	}
	var events []models.AuditEvent
	if err := s.db.Where("action = ?", "export").Find(&events).Error; err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("%d export events, want 1", len(events))
	}
	e := events[0]
	var changes map[string]struct{ New any }
	if err := json.Unmarshal([]byte(e.Changes), &changes); err != nil {
		t.Fatal(err)
	}
	filters, _ := changes["filters"].New.(map[string]any)
	if e.Entity != "contact" || *e.ActorID != s.fx.Users["a.manager"].ID || changes["rows"].New != float64(1) ||
		changes["format"].New != "xlsx" || filters["q"] != "amra" || fmt.Sprint(filters["country_code"]) != "[BA]" {
		t.Errorf("audit event %+v, changes %s", e, e.Changes)
	}
	// Its filters may name people: the history shows it to its author and admins only.
	for who, want := range map[string]int{"a.manager": 1, "a.admin": 1, "a.viewer": 0, "a.colleague": 0, "b.manager": 0} {
		w := s.do(req{method: "GET", path: "/api/v1/audit?action=export", as: who})
		if items, _ := decode(t, w)["items"].([]any); len(items) != want {
			t.Errorf("%s sees %d export events, want %d", who, len(items), want)
		}
	}
}

// The XLSX is read back without excelize: the zip and the sheet's XML,
// as any other reader sees them.

type xlsxSheetXML struct {
	Views []struct {
		RightToLeft bool `xml:"rightToLeft,attr"`
		Pane        struct {
			State       string `xml:"state,attr"`
			TopLeftCell string `xml:"topLeftCell,attr"`
		} `xml:"pane"`
	} `xml:"sheetViews>sheetView"`
	Cols []struct {
		Width float64 `xml:"width,attr"`
	} `xml:"cols>col"`
	Rows []struct {
		Cells []xlsxCellXML `xml:"c"`
	} `xml:"sheetData>row"`
}

type xlsxCellXML struct {
	Ref    string `xml:"r,attr"`
	Type   string `xml:"t,attr"`
	Style  int    `xml:"s,attr"`
	Value  string `xml:"v"`
	Inline string `xml:"is>t"`
}

type xlsxStylesXML struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Fonts []struct {
		Bold *struct{} `xml:"b"`
	} `xml:"fonts>font"`
	Xfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
		FontID   int `xml:"fontId,attr"`
	} `xml:"cellXfs>xf"`
}

type xlsxWorkbook struct {
	files map[string]*zip.File
	names []string // sheet names in order
}

func openXLSX(t *testing.T, body []byte) xlsxWorkbook {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	wb := xlsxWorkbook{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.files[f.Name] = f
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	wb.read(t, "xl/workbook.xml", &book)
	for _, s := range book.Sheets {
		wb.names = append(wb.names, s.Name)
	}
	return wb
}

func (wb xlsxWorkbook) read(t *testing.T, name string, v any) {
	t.Helper()
	f, ok := wb.files[name]
	if !ok {
		t.Fatalf("no %s in the workbook", name)
	}
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	raw, _ := io.ReadAll(r)
	if err := xml.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// text is a cell's text, inline or shared.
func (wb xlsxWorkbook) text(t *testing.T, typ, value, inline string) string {
	t.Helper()
	if typ == "inlineStr" {
		return inline
	}
	if typ != "s" {
		return value
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	wb.read(t, "xl/sharedStrings.xml", &sst)
	i, _ := strconv.Atoi(value)
	return sst.SI[i].T
}

func TestExportCommitmentsAsXLSXWithTypedCells(t *testing.T) {
	s := newServer(t)
	newExportFixture(t, s)
	if err := s.db.Model(&models.User{}).Where("id = ?", s.fx.Users["a.manager"].ID).Update("locale", "ar").Error; err != nil {
		t.Fatal(err)
	}
	w := s.do(req{method: "GET", path: "/api/v1/commitments/export?format=xlsx&sort=due_date", as: "a.manager"})
	if w.Code != 200 {
		t.Fatalf("export: %d %s", w.Code, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("Content-Type %q", ct)
	}
	wb := openXLSX(t, w.Body.Bytes())
	if !slices.Equal(wb.names, []string{"commitments"}) {
		t.Fatalf("sheets %v", wb.names)
	}
	var sheet xlsxSheetXML
	wb.read(t, "xl/worksheets/sheet1.xml", &sheet)
	var styles xlsxStylesXML
	wb.read(t, "xl/styles.xml", &styles)
	if len(sheet.Views) != 1 || !sheet.Views[0].RightToLeft || sheet.Views[0].Pane.State != "frozen" || sheet.Views[0].Pane.TopLeftCell != "A2" {
		t.Errorf("sheet view %+v: want right to left with the header row frozen", sheet.Views)
	}
	if len(sheet.Cols) == 0 || sheet.Cols[0].Width == 0 {
		t.Errorf("no column widths: %+v", sheet.Cols)
	}
	if len(sheet.Rows) != 5 { // the header and four commitments
		t.Fatalf("%d rows, want 5", len(sheet.Rows))
	}
	header := map[string]string{} // name → column letters
	for _, c := range sheet.Rows[0].Cells {
		header[wb.text(t, c.Type, c.Value, c.Inline)] = strings.TrimRight(c.Ref, "0123456789")
		if xf := styles.Xfs[c.Style]; styles.Fonts[xf.FontID].Bold == nil {
			t.Errorf("header cell %s is not bold", c.Ref)
		}
	}
	formats := map[int]string{14: "m/d/yyyy"}
	for _, f := range styles.NumFmts {
		formats[f.ID] = f.Code
	}
	first := map[string]xlsxCellXML{}
	for _, c := range sheet.Rows[1].Cells {
		first[strings.TrimRight(c.Ref, "0123456789")] = c
	}
	due := first[header["due_date"]]
	if due.Type != "" && due.Type != "n" {
		t.Fatalf("due_date is stored as %q, not as a number", due.Type)
	}
	serial, err := strconv.ParseFloat(due.Value, 64)
	if err != nil {
		t.Fatalf("due_date %q is no serial number", due.Value)
	}
	// Serial days since 1899-12-30: the first due date, 2026-01-01.
	if got := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial)).Format(time.DateOnly); got != "2026-01-01" {
		t.Errorf("due_date serial %v is %s", serial, got)
	}
	if code := formats[styles.Xfs[due.Style].NumFmtID]; !strings.Contains(code, "yy") || strings.Contains(code, "h") {
		t.Errorf("due_date has number format %q, not a date format", code)
	}
	created := first[header["created_at"]]
	if code := formats[styles.Xfs[created.Style].NumFmtID]; !strings.Contains(code, "yy") || !strings.Contains(code, "hh") {
		t.Errorf("created_at has number format %q, not a date and time", code)
	}
	if id := first[header["id"]]; id.Type != "" && id.Type != "n" {
		t.Errorf("id is stored as %q, not as a number", id.Type)
	}
	if b := first[header["restricted"]]; b.Type != "b" || b.Value != "1" {
		t.Errorf("restricted is %+v, want the boolean true", b)
	}
	if name := first[header["title"]]; wb.text(t, name.Type, name.Value, name.Inline) != "Hidden follow-up" {
		t.Errorf("title %+v", name)
	}
}

func TestExportReviewAndReportAsSheets(t *testing.T) {
	s := newServer(t)
	f := newEngagementFixture(t, s)
	w := s.do(req{method: "GET", path: "/api/v1/review/commitments/export?format=xlsx", as: "a.manager"})
	if w.Code != 200 {
		t.Fatalf("review export: %d %s", w.Code, w.Body.String())
	}
	if bad := s.do(req{method: "GET", path: "/api/v1/review/commitments/export?format=csv", as: "a.manager"}); bad.Code != http.StatusUnprocessableEntity {
		t.Errorf("a review as CSV: %d, want 422 (its sheets need a workbook)", bad.Code)
	}
	wb := openXLSX(t, w.Body.Bytes())
	if want := []string{"summary", "by_owner", "by_office", "by_country", "by_project", "overdue"}; !slices.Equal(wb.names, want) {
		t.Errorf("review sheets %v, want %v", wb.names, want)
	}
	var overdue xlsxSheetXML
	wb.read(t, "xl/worksheets/sheet6.xml", &overdue)
	if len(overdue.Rows) != 3 { // the header, "Overdue" and the restricted one of office A
		t.Errorf("%d rows on the overdue sheet, want 3", len(overdue.Rows))
	}
	w = s.do(req{method: "GET", path: "/api/v1/review/commitments/export", as: "b.manager"})
	wb = openXLSX(t, w.Body.Bytes())
	var overdueB xlsxSheetXML
	wb.read(t, "xl/worksheets/sheet6.xml", &overdueB)
	if len(overdueB.Rows) != 2 {
		t.Errorf("office B's manager sees %d overdue rows, want the header and one", len(overdueB.Rows))
	}

	w = s.do(req{method: "GET", path: "/api/v1/reports/engagement/export?from=" + f.from + "&to=" + f.to, as: "a.manager"})
	if w.Code != 200 {
		t.Fatalf("report export: %d %s", w.Code, w.Body.String())
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, "engagement-report-") {
		t.Errorf("Content-Disposition %q", cd)
	}
	wb = openXLSX(t, w.Body.Bytes())
	if want := []string{"period", "by_country", "by_project", "by_sdg", "by_donor"}; !slices.Equal(wb.names, want) {
		t.Errorf("report sheets %v, want %v", wb.names, want)
	}
	w = s.do(req{method: "GET", path: "/api/v1/reports/engagement/export?from=" + f.to + "&to=" + f.from, as: "a.manager"})
	if w.Code != http.StatusUnprocessableEntity {
		t.Errorf("a period ending before it starts: %d %s", w.Code, w.Body.String())
	}
}
