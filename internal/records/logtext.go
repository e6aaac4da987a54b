package records

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
)

// progressEvery is how many bytes pass between progress calls.
const progressEvery = 4 << 20

// textLayout is what a delimited log's first lines tell: the separator,
// whether there is a header, and the columns.
type textLayout struct {
	sep                    byte
	header                 []string // nil: no header
	customer, date, amount int      // 0-based; amount -1: none
	width                  int      // fields in the first row
	dates                  *dateParser
	firstDataLine          int
}

// readText reads a delimited log into a summariser; spill names the
// customers whose rows are held (nil on the first pass). Two stages run at
// once: one goroutine splits and parses the lines into batches of rows,
// the caller's adds them to the summary.
func readText(r io.Reader, size int64, opt LogOptions, spill map[string]bool) (*summariser, error) {
	sc := newScanner(r)
	lay, err := detectText(sc, opt)
	if err != nil {
		return nil, err
	}
	sc.sep = lay.sep
	s := newSummariser(opt, lay.amount >= 0)
	s.spill = spill
	full := make(chan *rowBatch, batches)
	free := make(chan *rowBatch, batches)
	for range batches {
		free <- new(rowBatch)
	}
	var perr error
	go func() {
		perr = parseRows(sc, lay, opt.Name, full, free)
		close(full)
	}()
	var reported int64
	idx := make([]int32, 0, batchRows)
	for b := range full {
		idx = s.addBatch(b, idx)
		if opt.Progress != nil && b.done-reported >= progressEvery {
			reported = b.done
			opt.Progress(b.done, size)
		}
		free <- b
	}
	if perr != nil {
		return nil, perr
	}
	if opt.Progress != nil {
		opt.Progress(sc.done, size)
	}
	return s, nil
}

// batches is the number of row batches in flight between the two stages,
// batchRows the rows in one.
const (
	batches   = 4
	batchRows = 4096
)

// rowBatch is a batch of parsed rows: customer ids (ids[ends[i-1]:ends[i]]),
// days, amounts and line numbers.
type rowBatch struct {
	ids     []byte
	ends    []int32
	days    []day
	amounts []float64
	lines   []int32
	// done is the bytes read up to the batch's last row.
	done int64
}

func (b *rowBatch) reset() {
	b.ids, b.ends, b.days, b.amounts, b.lines = b.ids[:0], b.ends[:0], b.days[:0], b.amounts[:0], b.lines[:0]
}

// parseRows splits and checks the rows of a log and sends them in batches
// on full, taking empty batches from free. Once a row has a problem, rows
// are no longer sent, but every problem is still collected (up to
// maxProblems, the rest counted).
func parseRows(sc *scanner, lay textLayout, name string, full, free chan *rowBatch) error {
	probs := problems{file: name}
	need := max(lay.customer, lay.date, lay.amount)
	var dec []byte
	if lay.header != nil {
		sc.next() // the header
	}
	b := <-free
	b.reset()
	for {
		ok, serr := sc.next()
		if !ok {
			break
		}
		line := sc.line
		if serr != nil {
			probs.add(line, "%v", serr)
			continue
		}
		f := sc.fields
		if len(f) <= need {
			probs.add(line, "%s, but the %s is column %d: give the row all its fields", plural(len(f), "field"), columnRole(lay, need), need+1)
			continue
		}
		id := f[lay.customer]
		if len(id) == 0 {
			probs.add(line, "the customer id (column %d) is empty: every row names its customer", lay.customer+1)
			continue
		}
		d, ok := lay.dates.parse(f[lay.date])
		if !ok {
			probs.add(line, "%s (column %d) is not a date in the form %s: correct it, or set the date format (-date-format) to the log's Go layout, such as 02/01/2006", quoted(f[lay.date]), lay.date+1, lay.dates.describe())
			continue
		}
		if !plausible(d) {
			probs.add(line, "the date %s (column %d) is %s", d, lay.date+1, implausible)
			continue
		}
		amt := 0.0
		if lay.amount >= 0 {
			a := f[lay.amount]
			if lay.sep == ';' && bytes.IndexByte(a, ',') >= 0 && bytes.IndexByte(a, '.') < 0 {
				// A decimal comma, as semicolon-separated files write it.
				dec = append(dec[:0], a...)
				dec[bytes.IndexByte(dec, ',')] = '.'
				a = dec
			}
			if len(a) == 0 {
				probs.add(line, "the amount (column %d) is missing: give every purchase its amount, or read the log without amounts (-amount none)", lay.amount+1)
				continue
			}
			v, err := strconv.ParseFloat(string(a), 64)
			switch {
			case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
				probs.add(line, "the amount %s (column %d) is not a number: write it as digits with a decimal point, such as 12.50", quoted(f[lay.amount]), lay.amount+1)
				continue
			case v < 0:
				probs.add(line, "the amount %s (column %d) is negative: a purchase's amount is 0 or more (leave returns out of the log, or net them against their purchase)", f[lay.amount], lay.amount+1)
				continue
			}
			amt = v
		}
		if probs.any() {
			continue // keep looking for problems, summarise nothing
		}
		b.ids = append(b.ids, id...)
		b.ends = append(b.ends, int32(len(b.ids)))
		b.days = append(b.days, d)
		b.amounts = append(b.amounts, amt)
		b.lines = append(b.lines, int32(min(line, math.MaxInt32)))
		if len(b.ends) == batchRows {
			b.done = sc.done
			full <- b
			b = <-free
			b.reset()
		}
	}
	if len(b.ends) > 0 && !probs.any() {
		b.done = sc.done
		full <- b
	}
	if sc.err != nil {
		return fmt.Errorf("%s: %w", name, sc.err)
	}
	return probs.err()
}

// columnRole names the column at index i of a layout.
func columnRole(lay textLayout, i int) string {
	switch i {
	case lay.customer:
		return "customer id"
	case lay.date:
		return "date"
	}
	return "amount"
}

// detectText looks at a log's first lines: its separator, header, columns
// and date form.
func detectText(sc *scanner, opt LogOptions) (textLayout, error) {
	name := opt.Name
	lines, err := sampleLines(sc.br, 8)
	if err != nil {
		return textLayout{}, sampleError(name, err)
	}
	if len(lines) == 0 {
		return textLayout{}, fileError(name, 0, "the file is empty: a transaction log has one row per purchase (customer, date, amount)")
	}
	if err := notText(name, lines); err != nil {
		return textLayout{}, err
	}
	lay := textLayout{sep: detectSeparator(lines)}
	split := func(l []byte) ([]string, error) {
		t := scanner{sep: lay.sep}
		if err := t.split(l); err != nil {
			return nil, err
		}
		out := make([]string, len(t.fields))
		for i, f := range t.fields {
			out[i] = string(f)
		}
		return out, nil
	}
	firstLine := firstLineNumber(sc.br)
	first, err := split(lines[0])
	if err != nil {
		return lay, fileError(name, firstLine, "%v", err)
	}
	var custom *dateParser
	if opt.DateFormat != "" {
		custom = newDateParser(opt.DateFormat)
	}
	isDate := func(s string) bool {
		if custom != nil {
			_, ok := custom.parse([]byte(s))
			return ok
		}
		return detectLayout([]byte(s)) != ""
	}
	hasDate := false
	for _, f := range first {
		hasDate = hasDate || isDate(f)
	}
	row := first
	if !hasDate {
		lay.header = first
		if len(lines) < 2 {
			return lay, fileError(name, firstLine, "the file has a header but no rows: a transaction log has one row per purchase (customer, date, amount)")
		}
		if row, err = split(lines[1]); err != nil {
			return lay, fileError(name, firstLine+1, "%v", err)
		}
	}
	lay.width = len(row)
	dataLine := firstLine
	if lay.header != nil {
		dataLine++ // blank lines in between would shift it; messages at worst point near
		if len(row) != len(lay.header) {
			return lay, fileError(name, dataLine, "%s, but the header has %d: give every row the header's columns", plural(len(row), "field"), len(lay.header))
		}
	}
	// The columns: as given, or detected.
	at := func(spec, role, flag string, names []string) (int, error) {
		if spec != "" {
			i, err := resolveColumn(spec, role, flag, lay.header, lay.width, "the header")
			if err != nil {
				return 0, fileError(name, firstLine, "%v", err)
			}
			return i, nil
		}
		if lay.header != nil {
			return findNamed(lay.header, names), nil
		}
		return -1, nil
	}
	if lay.date, err = at(opt.Date, "the date", "date", dateNames); err != nil {
		return lay, err
	}
	if lay.date < 0 {
		for i, f := range row {
			if isDate(f) {
				lay.date = i
				break
			}
		}
		if lay.date < 0 {
			return lay, fileError(name, dataLine, "no column holds a date (the first row is %s): name the date column (-date), and set its layout (-date-format) unless it is YYYY-MM-DD or YYYYMMDD", listNames(row))
		}
	}
	if lay.customer, err = at(opt.Customer, "the customer id", "customer", customerNames); err != nil {
		return lay, err
	}
	lay.amount = -1
	if opt.Amount != NoAmount {
		if lay.amount, err = at(opt.Amount, "the amount", "amount", amountNames); err != nil {
			return lay, err
		}
	}
	if lay.header == nil && len(row) > 3 && (lay.customer < 0 || (lay.amount < 0 && opt.Amount != NoAmount)) {
		return lay, fileError(name, dataLine, "the file has no header and %d columns (the first row is %s): say which column holds the customer id (-customer) and which the amount (-amount, or -amount none), by number", len(row), listNames(row))
	}
	if lay.customer < 0 {
		if lay.header != nil {
			return lay, fileError(name, firstLine, "no column of the header (%s) is recognised as the customer id: name it (-customer NAME or NUMBER)", listNames(lay.header))
		}
		for i := range row {
			if i != lay.date {
				lay.customer = i
				break
			}
		}
		if lay.customer < 0 {
			return lay, fileError(name, dataLine, "the rows have only a date: a transaction log needs a customer id in each row")
		}
	}
	if lay.amount < 0 && opt.Amount == "" && lay.header == nil && len(row) == 3 {
		lay.amount = 3 - lay.customer - lay.date
	}
	if lay.customer == lay.date || lay.customer == lay.amount || lay.date == lay.amount {
		return lay, fileError(name, firstLine, "the customer id, date and amount must be three different columns (they are %d, %d and %d)", lay.customer+1, lay.date+1, lay.amount+1)
	}
	// The date form.
	if custom != nil {
		lay.dates = custom
	} else {
		d := row[lay.date]
		layout := detectLayout([]byte(d))
		if layout == "" {
			return lay, fileError(name, dataLine, "%s (column %d) is not a date in the form YYYY-MM-DD or YYYYMMDD: set the date format (-date-format) to the log's Go layout, such as 02/01/2006", quoted(d), lay.date+1)
		}
		lay.dates = newDateParser(layout)
	}
	return lay, nil
}

// firstLineNumber is the 1-based number of the first non-blank line in the
// reader's buffer.
func firstLineNumber(br interface{ Peek(int) ([]byte, error) }) int {
	b, _ := br.Peek(bufferSize)
	n := 1
	for len(b) > 0 {
		k := bytes.IndexByte(b, '\n')
		l := b
		if k >= 0 {
			l, b = b[:k], b[k+1:]
		} else {
			b = nil
		}
		if !isBlank(bytes.TrimSuffix(l, []byte{'\r'})) {
			return n
		}
		n++
	}
	return n
}
