package api

import (
	"bufio"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"liaison/services"
)

// utf8BOM makes spreadsheet programs read the file as UTF-8, so that
// Arabic and Bosnian letters show as they are.
const utf8BOM = "\uFEFF"

// writeCSV writes an export's first sheet as RFC 4180 CSV with a byte
// order mark, flushing after every batch, and returns the rows written.
func writeCSV(out *exportWriter, ex *services.Export) (int64, error) {
	buf := bufio.NewWriterSize(out, 64<<10)
	if _, err := buf.WriteString(utf8BOM); err != nil {
		return 0, err
	}
	w := csv.NewWriter(buf)
	sheet := ex.Sheets[0]
	record := make([]string, len(sheet.Columns))
	for i, c := range sheet.Columns {
		record[i] = c.Name
	}
	if err := w.Write(record); err != nil {
		return 0, err
	}
	var rows int64
	for {
		batch, err := sheet.Next()
		if err != nil {
			return rows, err
		}
		if len(batch) == 0 {
			break
		}
		for _, row := range batch {
			for i, v := range row {
				record[i] = csvCell(sheet.Columns[i].Kind, v)
			}
			if err := w.Write(record); err != nil {
				return rows, err
			}
			rows++
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return rows, err
		}
		if err := buf.Flush(); err != nil {
			return rows, err
		}
		out.flush()
	}
	return rows, nil
}

// csvCell is one value as CSV text: dates as YYYY-MM-DD, moments in RFC
// 3339 UTC, booleans as true and false, nothing as an empty cell.
func csvCell(kind services.CellKind, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return neutralizeFormula(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if kind == services.CellDate {
			return x.Format(time.DateOnly)
		}
		return x.UTC().Format(time.RFC3339)
	}
	return ""
}

// neutralizeFormula keeps a spreadsheet program from running text as a
// formula (CSV injection): text that starts like a formula gets a leading
// apostrophe, which spreadsheet programs show as text. A phone number or a
// negative number ("+387 33 123 456", "-5") stays as it is.
func neutralizeFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if strings.Trim(s[1:], "0123456789 ()./-") != "" {
			return "'" + s
		}
	}
	return s
}
