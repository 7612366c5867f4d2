package services

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ErrUnsupportedFile says an uploaded file is neither CSV in UTF-8 nor XLSX.
var ErrUnsupportedFile = errors.New("not a CSV (UTF-8) or XLSX file")

// MaxImportFileSize is the largest spreadsheet an import takes.
const MaxImportFileSize = 20 << 20

// Spreadsheet formats an import reads.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// sheet reads a spreadsheet one row at a time, so that a file of any
// length is never held whole: next returns the row's 1-based line in the
// spreadsheet (the header is line 1; a CSV field with line breaks keeps its
// row one line, as a spreadsheet program shows it) and its cells.
type sheet interface {
	next() (line int, cells []string, err error) // io.EOF after the last row
	close() error
}

// openSheet detects the file's format from its bytes (not its name, which
// a browser reports as it likes) and opens it at its first row. The CSV
// separator is told back (",", ";" or a tab).
func openSheet(f *os.File) (sheet, string, string, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, "", "", err
	}
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, "", "", err
	}
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, "", "", err
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		s, err := openXLSX(f.Name())
		return s, FormatXLSX, "", err
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	// Plain text only: a PDF, an image or a web page saved as .csv is not.
	if len(bytes.TrimSpace(head)) == 0 || !textLike(head, n == cap(head)) ||
		!strings.HasPrefix(http.DetectContentType(head), "text/plain") {
		return nil, "", "", ErrUnsupportedFile
	}
	sep := detectSeparator(head)
	r := bufio.NewReaderSize(f, 64<<10)
	if bom, _ := r.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = r.Discard(3)
	}
	c := csv.NewReader(r)
	c.Comma = sep
	c.FieldsPerRecord = -1
	c.LazyQuotes = true
	c.ReuseRecord = true
	return &csvSheet{r: c}, FormatCSV, string(sep), nil
}

// textLike reports whether the start of a file is UTF-8 text: no NUL byte,
// and valid UTF-8 (a rune cut at the end of the sample is forgiven).
func textLike(b []byte, cut bool) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return false
	}
	if cut {
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.Valid(b); i++ {
			b = b[:len(b)-1]
		}
	}
	return utf8.Valid(b)
}

// detectSeparator picks the separator of a CSV from its header line: the
// one of comma, semicolon (what Excel writes where the decimal mark is a
// comma, as in Bosnia) and tab that occurs most outside quotes.
func detectSeparator(head []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(head) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == '\n' || r == '\r'):
			goto done
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
done:
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// csvSheet numbers rows as a spreadsheet program shows the file: a blank
// line (which encoding/csv passes over) is a row of its own, a quoted cell
// with line breaks is not.
type csvSheet struct {
	r       *csv.Reader
	row     int // the spreadsheet row of the last record read
	endLine int // the file line the last record ended on
}

func (s *csvSheet) next() (int, []string, error) {
	rec, err := s.r.Read()
	if err != nil {
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return s.row + 1, nil, &ValidationError{Fields: []FieldError{{Field: "file", Message: "line " + itoa(perr.Line) + ": " + perr.Err.Error()}}}
		}
		return 0, nil, err
	}
	start, _ := s.r.FieldPos(0)
	s.row += 1 + max(0, start-s.endLine-1)
	s.endLine = start
	for _, cell := range rec {
		s.endLine += strings.Count(cell, "\n")
	}
	return s.row, rec, nil
}

func (s *csvSheet) close() error { return nil }

// xlsxSheet streams the first worksheet with excelize's row iterator,
// which reads the sheet's XML as it goes rather than loading it.
type xlsxSheet struct {
	f    *excelize.File
	rows *excelize.Rows
	line int
}

func openXLSX(path string) (sheet, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, ErrUnsupportedFile
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, ErrUnsupportedFile
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, ErrUnsupportedFile
	}
	return &xlsxSheet{f: f, rows: rows}, nil
}

func (s *xlsxSheet) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, err
		}
		return 0, nil, io.EOF
	}
	s.line++
	// Raw values: a date is the spreadsheet's serial number, whatever the
	// cell's display format, and parseDate reads it as such.
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	return s.line, cells, err
}

func (s *xlsxSheet) close() error {
	_ = s.rows.Close()
	return s.f.Close()
}

// blankRow reports a row with nothing in it, which an import passes over.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
