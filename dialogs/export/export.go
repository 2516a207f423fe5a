package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The export formats.
const (
	CSV  = "csv"
	JSON = "json"
	// Markdown is one case as a document (NewDocument, WriteMarkdown).
	Markdown = "md"
	// PDF is the document of one case as a PDF (WritePDF).
	PDF = "pdf"
)

// Columns returns the columns of a CSV export, in order.
func Columns() []string {
	return []string{"id", "title", "scheme", "status", "started", "started_by", "decision", "rationale",
		"decided_by", "decided_at", "variant", "signals present", "pro count", "contra count", "participants",
		"zaaknummer", "closed early", "pro", "contra"}
}

// Case is one case in a JSON export: the case's summary (as the
// summary message shows it, in the case's language) with its ids.
type Case struct {
	ID           string     `json:"id"`
	Channel      string     `json:"channel"`
	Title        string     `json:"title"`
	Scheme       string     `json:"scheme,omitempty"`
	Zaaknummer   string     `json:"zaaknummer,omitempty"`
	Urgency      string     `json:"urgency,omitempty"`
	Lang         string     `json:"lang"`
	Status       string     `json:"status"`
	StatusText   string     `json:"status_text"`
	StartedBy    string     `json:"started_by"`
	StartedAt    time.Time  `json:"started_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	Signals      []string   `json:"signals"`
	Reading      string     `json:"reading,omitempty"`
	Phases       []Phase    `json:"phases,omitempty"`
	Pro          []Argument `json:"pro"`
	Contra       []Argument `json:"contra"`
	Decision     *Decision  `json:"decision,omitempty"`
	Variant      string     `json:"variant,omitempty"`
	ClosedEarly  string     `json:"closed_early,omitempty"`
	Participants []string   `json:"participants"`
	Remarks      int        `json:"remarks"`
	CardsVersion string     `json:"cards_version"`
}

// Phase is one phase's answered questions.
type Phase struct {
	Title   string  `json:"title"`
	Entries []Entry `json:"entries"`
}

// Entry is one answered question.
type Entry struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
	By       string `json:"by"`
}

// Argument is one argument with its author.
type Argument struct {
	Text  string `json:"text"`
	Value string `json:"value,omitempty"`
	By    string `json:"by"`
}

// Decision is the decision, who took it and when.
type Decision struct {
	Option    string    `json:"option"`
	Rationale string    `json:"rationale"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
	// Warnings are the kinds of the warnings the decision was recorded
	// despite (record.WarningKind: "short-rationale", "outside-mandate").
	Warnings []string `json:"warnings,omitempty"`
}

// exportCase builds a case's export record from its summary.
func caseOf(e *dialogs.Engine, c *record.Case) Case {
	s := e.Summarize(c)
	x := Case{
		ID: s.Key, Channel: c.Channel, Title: s.Title, Scheme: s.Scheme, Zaaknummer: s.Zaaknummer, Urgency: s.Urgency, Lang: string(s.Lang),
		Status: string(c.Status), StatusText: s.Status, StartedBy: s.StartedBy, StartedAt: s.StartedAt,
		UpdatedAt: s.UpdatedAt, Signals: s.Signals, Reading: s.Reading, ClosedEarly: s.ClosedEarly,
		Participants: s.Participants, Remarks: s.Remarks, CardsVersion: c.CardsVersion,
		Pro: []Argument{}, Contra: []Argument{}, Variant: variantOf(e, c),
	}
	if x.Signals == nil {
		x.Signals = []string{}
	}
	for _, ph := range s.Phases {
		p := Phase{Title: ph.Title}
		for _, en := range ph.Entries {
			if en.Arguments {
				continue // the arguments are listed apart, in Pro and Contra
			}
			p.Entries = append(p.Entries, Entry{Question: en.Label, Answer: en.Answer, By: en.By})
		}
		if len(p.Entries) > 0 {
			x.Phases = append(x.Phases, p)
		}
	}
	for _, a := range s.Pro {
		x.Pro = append(x.Pro, Argument{Text: a.Text, Value: a.Value, By: a.By})
	}
	for _, a := range s.Contra {
		x.Contra = append(x.Contra, Argument{Text: a.Text, Value: a.Value, By: a.By})
	}
	if d := s.Decision; d != nil {
		x.Decision = &Decision{Option: d.Option, Rationale: d.Rationale, By: d.By, At: d.At}
		if c.Decision != nil {
			for _, w := range c.Decision.Warnings {
				x.Decision.Warnings = append(x.Decision.Warnings, string(w))
			}
		}
	}
	return x
}

// variantOf is the answer to the first step of the variants card (where
// the decision is placed among the four variants), or "".
func variantOf(e *dialogs.Engine, c *record.Case) string {
	for _, st := range e.Cards().Steps() {
		if st.Card.ID != "varianten" || len(st.Options) == 0 {
			continue
		}
		if a, ok := c.AnswerTo(st.ID); ok {
			return e.ChoiceText(c, a)
		}
		return ""
	}
	return ""
}

// Write writes cases as CSV (one row per case, the columns of
// Columns) or JSON (an array of Case). Times are in loc.
func Write(w io.Writer, format string, e *dialogs.Engine, cases []*record.Case, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	switch format {
	case JSON:
		out := make([]Case, 0, len(cases))
		for _, c := range cases {
			x := caseOf(e, c)
			x.StartedAt, x.UpdatedAt = x.StartedAt.In(loc), x.UpdatedAt.In(loc)
			if x.Decision != nil {
				x.Decision.At = x.Decision.At.In(loc)
			}
			out = append(out, x)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	case CSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(Columns()); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		stamp := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format(time.RFC3339)
		}
		for _, c := range cases {
			x := caseOf(e, c)
			var decision, rationale, by, at string
			if d := x.Decision; d != nil {
				decision, rationale, by, at = d.Option, d.Rationale, d.By, stamp(d.At)
			}
			row := []string{x.ID, x.Title, x.Scheme, x.Status, stamp(x.StartedAt), x.StartedBy, decision, rationale,
				by, at, x.Variant, strings.Join(x.Signals, "; "), strconv.Itoa(len(x.Pro)), strconv.Itoa(len(x.Contra)),
				strings.Join(x.Participants, " "), x.Zaaknummer, x.ClosedEarly, arguments(x.Pro), arguments(x.Contra)}
			for i := range row {
				row[i] = defuseCell(row[i])
			}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	return fmt.Errorf("export: unknown format %q: use csv or json", format)
}

// arguments lists arguments in one cell: "text (by); text (by)".
func arguments(as []Argument) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Text + " (" + a.By + ")"
	}
	return strings.Join(parts, "; ")
}

// defuseCell keeps a spreadsheet from reading user text as a formula
// (CSV injection): a cell starting with = + - @ or a control character gets
// a leading apostrophe.
func defuseCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
