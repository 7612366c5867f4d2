package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The filter × sort section: BenchmarkMatrix (bench/matrix_test.go) on
// both databases, one table per list, a row per filter and a column per
// sort, each cell the service call and plain SQL in milliseconds per page.
// `make bench-matrix` runs the benchmarks and writes the section into
// docs/PERFORMANCE.md between its markers; the full report carries it over
// like the Lighthouse section.

const matrixBegin, matrixEnd = "<!-- matrix:begin (written by `make bench-matrix`) -->", "<!-- matrix:end -->"

// matrixLimit is the line: no cell above 20 ms per query.
const matrixLimit = 20.0

var reMatrix = regexp.MustCompile(`^BenchmarkMatrix/list=([^/]+)/filter=([^/]+)/([^/]+)/layer=(service|raw)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

type matrixCell struct{ service, raw float64 }

// matrixTable is one list on one database, in the order the benchmark ran.
type matrixTable struct {
	list             string
	filters, columns []string
	cells            map[[2]string]*matrixCell
}

func readMatrix(path string) ([]*matrixTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var tables []*matrixTable
	byList := map[string]*matrixTable{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := reMatrix.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		list, filter, column, layer := m[1], m[2], strings.TrimPrefix(m[3], "sort="), m[4]
		ns, _ := strconv.ParseFloat(m[5], 64)
		t := byList[list]
		if t == nil {
			t = &matrixTable{list: list, cells: map[[2]string]*matrixCell{}}
			byList[list] = t
			tables = append(tables, t)
		}
		if !slices.Contains(t.filters, filter) {
			t.filters = append(t.filters, filter)
		}
		if !slices.Contains(t.columns, column) {
			t.columns = append(t.columns, column)
		}
		c := t.cells[[2]string{filter, column}]
		if c == nil {
			c = &matrixCell{}
			t.cells[[2]string{filter, column}] = c
		}
		if layer == "service" {
			c.service = ns / 1e6
		} else {
			c.raw = ns / 1e6
		}
	}
	return tables, sc.Err()
}

// matrixSection renders the section from docs/bench/raw/matrix-*.txt, or
// "" when neither file is there.
func matrixSection() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	any := false
	for _, db := range []string{"sqlite", "postgres"} {
		tables, err := readMatrix(raw + "/matrix-" + db + ".txt")
		if err != nil || len(tables) == 0 {
			continue
		}
		if !any {
			p("%s\n\n## Every filter with every sort\n\n", matrixBegin)
			p("`BenchmarkMatrix` (bench/matrix_test.go): every filter API.md names for the five main lists, alone (the list's\n")
			p("default order) and with each sort, and `count=true`, as the manager of one office. Each filter takes the value\n")
			p("that matches the most rows (the most common country, the busiest owner, the largest organization), where reading\n")
			p("the matches and sorting them is dearest. A cell is the service call / the same page as plain SQL, in ms per page\n")
			p("(mean of the run's iterations); **bold** is above %.0f ms. `count` is the page with `count=true` as readers get it\n", matrixLimit)
			p("while nothing was written since that filter's last count (the kept total, services/list_counts.go); `first_count` as\n")
			p("the first reader after a write gets it (the total counted afresh, up to 10,001 rows).\n\n")
			any = true
		}
		over, cells := 0, 0
		p("### %s\n\n", db)
		if note := matrixNote(raw + "/matrix-" + db + ".txt"); note != "" {
			p("%s\n\n", note)
		}
		for _, t := range tables {
			p("**%s**\n\n| filter | %s |\n| --- |%s\n", t.list, strings.Join(t.columns, " | "), strings.Repeat(" ---: |", len(t.columns)))
			for _, f := range t.filters {
				p("| %s |", f)
				for _, col := range t.columns {
					c := t.cells[[2]string{f, col}]
					if c == nil {
						p(" |")
						continue
					}
					cells++
					cell := fmt.Sprintf("%.1f / %.1f", c.service, c.raw)
					if c.service > matrixLimit {
						over++
						cell = "**" + cell + "**"
					}
					p(" %s |", cell)
				}
				p("\n")
			}
			p("\n")
		}
		p("%s: %d of %d cells above %.0f ms.\n\n", db, over, cells, matrixLimit)
	}
	if !any {
		return ""
	}
	p("%s", matrixEnd)
	return b.String()
}

// keptSection is the part of the document at path between begin and end,
// or "".
func keptSection(path, begin, end string) string {
	if path == "" {
		return ""
	}
	doc, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	text := string(doc)
	from, to := strings.Index(text, begin), strings.Index(text, end)
	if from < 0 || to < from {
		return ""
	}
	return text[from : to+len(end)]
}

// spliceMatrix writes the matrix section into the document at path,
// replacing the one there or adding it before the Lighthouse section (or
// at the end).
func spliceMatrix(path string) error {
	section := matrixSection()
	if section == "" {
		return fmt.Errorf("no matrix results in %s: run `make bench-matrix`", raw)
	}
	doc, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(doc)
	if from, to := strings.Index(text, matrixBegin), strings.Index(text, matrixEnd); from >= 0 && to > from {
		text = text[:from] + section + text[to+len(matrixEnd):]
	} else if at := strings.Index(text, "<!-- lighthouse:begin"); at >= 0 {
		text = text[:at] + section + "\n\n" + text[at:]
	} else {
		text = strings.TrimRight(text, "\n") + "\n\n" + section + "\n"
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// printWorst prints the n slowest cells of a database's matrix (by the
// service call), each as a scenario name and the request that reads it,
// from docs/bench/raw/matrix-<db>.txt and the requests the benchmark
// recorded in matrix-paths-<db>.tsv. scripts/bench-http.sh runs them.
func printWorst(db string, n int) error {
	tables, err := readMatrix(raw + "/matrix-" + db + ".txt")
	if err != nil {
		return err
	}
	paths := map[[3]string]string{}
	f, err := os.Open(raw + "/matrix-paths-" + db + ".tsv")
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if c := strings.Split(sc.Text(), "\t"); len(c) == 4 {
			paths[[3]string{c[0], c[1], c[2]}] = c[3]
		}
	}
	type cell struct {
		key [3]string
		ms  float64
	}
	var cells []cell
	for _, t := range tables {
		for key, c := range t.cells {
			k := [3]string{t.list, key[0], key[1]}
			if _, ok := paths[k]; ok {
				cells = append(cells, cell{k, c.service})
			}
		}
	}
	slices.SortFunc(cells, func(a, b cell) int { return cmpFloat(b.ms, a.ms) })
	for _, c := range cells[:min(n, len(cells))] {
		fmt.Printf("matrix-%s-%s-%s\t%s\n", c.key[0], c.key[1], c.key[2], paths[c.key])
	}
	return nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// matrixNote is what a results file says of itself in lines starting
// "# " (which data set, what else ran), for the reader of the table.
func matrixNote(path string) string {
	text, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var out []string
	for _, l := range strings.Split(string(text), "\n") {
		if n, ok := strings.CutPrefix(l, "# "); ok {
			out = append(out, n)
		}
	}
	return strings.Join(out, " ")
}
