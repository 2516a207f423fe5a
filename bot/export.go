package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Export formats.
const (
	FormatCSV  = "csv"
	FormatJSON = "json"
)

// ExportColumns returns the columns of a CSV export, in order.
func ExportColumns() []string {
	return []string{"id", "title", "scheme", "status", "started", "started_by", "decision", "rationale",
		"decided_by", "decided_at", "variant", "signals present", "pro count", "contra count", "participants"}
}

// ExportCase is one case in a JSON export: the case's summary (as the
// summary message shows it, in the case's language) with its ids.
type ExportCase struct {
	ID           string           `json:"id"`
	Channel      string           `json:"channel"`
	Title        string           `json:"title"`
	Scheme       string           `json:"scheme,omitempty"`
	Urgency      string           `json:"urgency,omitempty"`
	Lang         string           `json:"lang"`
	Status       string           `json:"status"`
	StatusText   string           `json:"status_text"`
	StartedBy    string           `json:"started_by"`
	StartedAt    time.Time        `json:"started_at"`
	UpdatedAt    time.Time        `json:"updated_at"`
	Signals      []string         `json:"signals"`
	Reading      string           `json:"reading,omitempty"`
	Phases       []ExportPhase    `json:"phases,omitempty"`
	Pro          []ExportArgument `json:"pro"`
	Contra       []ExportArgument `json:"contra"`
	Decision     *ExportDecision  `json:"decision,omitempty"`
	Variant      string           `json:"variant,omitempty"`
	ClosedEarly  string           `json:"closed_early,omitempty"`
	Participants []string         `json:"participants"`
	Remarks      int              `json:"remarks"`
	CardsVersion string           `json:"cards_version"`
}

// ExportPhase is one phase's answered questions.
type ExportPhase struct {
	Title   string        `json:"title"`
	Entries []ExportEntry `json:"entries"`
}

// ExportEntry is one answered question.
type ExportEntry struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
	By       string `json:"by"`
}

// ExportArgument is one argument with its author.
type ExportArgument struct {
	Text  string `json:"text"`
	Value string `json:"value,omitempty"`
	By    string `json:"by"`
}

// ExportDecision is the decision, who took it and when.
type ExportDecision struct {
	Option    string    `json:"option"`
	Rationale string    `json:"rationale"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// exportCase builds a case's export record from its summary.
func exportCase(e *dialogs.Engine, c *record.Case) ExportCase {
	s := e.Summarize(c)
	x := ExportCase{
		ID: s.Key, Channel: c.Channel, Title: s.Title, Scheme: s.Scheme, Urgency: s.Urgency, Lang: string(s.Lang),
		Status: string(c.Status), StatusText: s.Status, StartedBy: s.StartedBy, StartedAt: s.StartedAt,
		UpdatedAt: s.UpdatedAt, Signals: s.Signals, Reading: s.Reading, ClosedEarly: s.ClosedEarly,
		Participants: s.Participants, Remarks: s.Remarks, CardsVersion: c.CardsVersion,
		Pro: []ExportArgument{}, Contra: []ExportArgument{}, Variant: variantOf(e, c),
	}
	if x.Signals == nil {
		x.Signals = []string{}
	}
	for _, ph := range s.Phases {
		p := ExportPhase{Title: ph.Title}
		for _, en := range ph.Entries {
			p.Entries = append(p.Entries, ExportEntry{Question: en.Question, Answer: en.Answer, By: en.By})
		}
		x.Phases = append(x.Phases, p)
	}
	for _, a := range s.Pro {
		x.Pro = append(x.Pro, ExportArgument{Text: a.Text, Value: a.Value, By: a.By})
	}
	for _, a := range s.Contra {
		x.Contra = append(x.Contra, ExportArgument{Text: a.Text, Value: a.Value, By: a.By})
	}
	if d := s.Decision; d != nil {
		x.Decision = &ExportDecision{Option: d.Option, Rationale: d.Rationale, By: d.By, At: d.At}
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

// WriteExport writes cases as CSV (one row per case, the columns of
// ExportColumns) or JSON (an array of ExportCase). Times are in loc.
func WriteExport(w io.Writer, format string, e *dialogs.Engine, cases []*record.Case, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	switch format {
	case FormatJSON:
		out := make([]ExportCase, 0, len(cases))
		for _, c := range cases {
			x := exportCase(e, c)
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
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(ExportColumns()); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		stamp := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format(time.RFC3339)
		}
		for _, c := range cases {
			x := exportCase(e, c)
			var decision, rationale, by, at string
			if d := x.Decision; d != nil {
				decision, rationale, by, at = d.Option, d.Rationale, d.By, stamp(d.At)
			}
			row := []string{x.ID, x.Title, x.Scheme, x.Status, stamp(x.StartedAt), x.StartedBy, decision, rationale,
				by, at, x.Variant, strings.Join(x.Signals, "; "), strconv.Itoa(len(x.Pro)), strconv.Itoa(len(x.Contra)),
				strings.Join(x.Participants, " ")}
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

// defuseCell keeps a spreadsheet from reading user text as a formula
// (CSV injection): a cell starting with = + - @ or a control character gets
// a leading apostrophe.
func defuseCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// exportCases answers "/maatwerk export [csv|json]" for team leads: the
// channel's cases, and only this channel's, as a file sent to the lead by
// direct message. Not into the channel: a file shared there stays
// downloadable by every present and future member, beyond the bot's
// retention and beyond a team lead's erasing of a case, while the lead who
// asked is the only one who needs it.
func (b *Bot) exportCases(ctx context.Context, cmd slack.SlashCommand, arg string) *reply {
	lang := b.cfg.Lang
	t := lookupTextsFor(lang)
	format := strings.ToLower(strings.TrimSpace(arg))
	if format == "" {
		format = FormatCSV
	}
	if format != FormatCSV && format != FormatJSON {
		return ephemeralReply(fmt.Sprintf(t.ExportUsage, b.cfg.Command))
	}
	b.spawn("export", func(ctx context.Context) error {
		tell := func(text string) { b.ephemeral(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, text) }
		ok, err := b.isLeadCtx(ctx, cmd.UserID)
		if err != nil {
			b.log.Warn("team lead check failed", "err", err)
			tell(t.ExportNoCheck)
			return nil
		}
		if !ok {
			b.log.Info("export refused: not a team lead", "user", cmd.UserID, "channel", cmd.ChannelID)
			tell(t.ExportNotLead)
			return nil
		}
		n, err := b.uploadExport(ctx, cmd.ChannelID, cmd.UserID, format, t)
		switch {
		case err != nil:
			b.log.Error("export failed", "channel", cmd.ChannelID, "err", err)
			tell(t.ExportFailed)
		case n == 0:
			tell(t.ExportEmpty)
		default:
			b.log.Info("export sent", "channel", cmd.ChannelID, "user", cmd.UserID, "cases", n, "format", format)
			tell(fmt.Sprintf(t.ExportDoneF, n, strings.ToUpper(format)))
		}
		return nil
	})
	return nil
}

// uploadExport sends the channel's cases to user's DM as a file and returns
// how many cases it held.
func (b *Bot) uploadExport(ctx context.Context, channel, user, format string, t *lookupTexts) (int, error) {
	cases, err := b.store.ListCases(ctx, channel, store.Filter{})
	if err != nil {
		return 0, err
	}
	// The time index is per channel; check anyway, it is cheap.
	own := cases[:0]
	for _, c := range cases {
		if c.Channel == channel {
			own = append(own, c)
		}
	}
	if len(own) == 0 {
		return 0, nil
	}
	var buf bytes.Buffer
	if err := WriteExport(&buf, format, b.engine, own, b.cfg.Location); err != nil {
		return 0, err
	}
	dm, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return 0, fmt.Errorf("conversations.open: %w", err)
	}
	date := b.cfg.Now().In(b.cfg.Location).Format("2006-01-02")
	name := fmt.Sprintf("maatwerk-%s-%s.%s", channel, date, format)
	_, err = b.api.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader: &buf, FileSize: buf.Len(), Filename: name, Title: name, Channel: dm.ID,
		InitialComment: fmt.Sprintf(t.ExportCommentF, len(own), "<#"+channel+">", date),
	})
	if err != nil {
		return 0, fmt.Errorf("upload: %w", err)
	}
	return len(own), nil
}
