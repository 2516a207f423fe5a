package dialogs

import (
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Pattern defaults: a signal, scheme or value that recurs in PatternMin or
// more cases within PatternWeeks weeks is named as a candidate for policy.
const (
	DefaultPatternMin   = 3
	DefaultPatternWeeks = 4
	// IdleAfter is how long an open case may go without any change before
	// the digest names it as stuck.
	IdleAfter = 7 * 24 * time.Hour
)

// DigestParams says which digest to compute.
type DigestParams struct {
	Channel string
	Week    Week
	// Loc is the time zone the week is counted in.
	Loc  *time.Location
	Lang cards.Lang
	// Now is the moment the digest is made; idle cases are counted up to
	// the end of the week or Now, whichever is earlier.
	Now time.Time
	// PatternMin and PatternWeeks tune the pattern flags; zero means the
	// defaults.
	PatternMin, PatternWeeks int
}

// Window returns the range of last-change times a digest needs cases from:
// every case changed at or after since (the week and the pattern window),
// plus the open cases last changed before idleBefore.
func (p DigestParams) Window() (since, idleBefore time.Time) {
	p = p.withDefaults()
	since = p.Week.Start(p.Loc)
	if pf := p.patternFrom(); pf.Before(since) {
		since = pf
	}
	return since, p.asOf().Add(-IdleAfter)
}

func (p DigestParams) withDefaults() DigestParams {
	if p.PatternMin <= 0 {
		p.PatternMin = DefaultPatternMin
	}
	if p.PatternWeeks <= 0 {
		p.PatternWeeks = DefaultPatternWeeks
	}
	if p.Loc == nil {
		p.Loc = time.UTC
	}
	if p.Lang != cards.EN {
		p.Lang = cards.NL
	}
	return p
}

func (p DigestParams) patternFrom() time.Time {
	w := p.Week
	for range p.PatternWeeks - 1 {
		w = w.Prev()
	}
	return w.Start(p.Loc)
}

func (p DigestParams) asOf() time.Time {
	end := p.Week.End(p.Loc)
	if !p.Now.IsZero() && p.Now.Before(end) {
		return p.Now
	}
	return end
}

// Digest is what happened in one channel in one week, ready to render.
type Digest struct {
	Channel  string
	Week     Week
	Lang     cards.Lang
	From, To time.Time
	// Started are the cases started in the week.
	Started []DigestCase
	// Decisions are the decisions taken in the week, by kind.
	Decisions []DigestGroup
	// ClosedAfterSignals are the cases closed in the week at the weighing
	// of the signals ("geen maatwerk nodig"), with the reason as Note.
	ClosedAfterSignals []DigestCase
	// Idle are open cases without any change for over IdleAfter; Note says
	// how long.
	Idle []DigestCase
	// Waiting are the cases on hold for more information before the
	// decision; Note says what is missing and since when.
	Waiting []DigestCase
	// PolicySignals are the answers to the policy-signal question given in
	// the week, by option; the cases are listed (with the note given) for
	// the options that ask for a note, counted for the others ("none").
	PolicySignals []DigestGroup
	// Signals are the signals ticked in the week, most frequent first.
	Signals []DigestCount
	// Schemes are the schemes of the cases active in the week.
	Schemes []DigestCount
	// Patterns are signals, schemes and argument values that recurred in
	// PatternMin or more cases within PatternWeeks weeks.
	Patterns []DigestPattern
	// Hardship groups cases placed under the hardship clause in the pattern
	// window that share signals.
	Hardship     []DigestHardship
	PatternMin   int
	PatternWeeks int
	PatternFrom  time.Time
}

// DigestCase is a case as the digest lists it.
type DigestCase struct {
	ID     int64
	Key    string
	Title  string
	Thread string
	Note   string
}

// DigestGroup is a labelled list of cases.
type DigestGroup struct {
	ID    string
	Label string
	Cases []DigestCase
}

// DigestCount is how many cases share something.
type DigestCount struct {
	ID    string
	Label string
	Count int
}

// Pattern kinds. Persisted nowhere; shown in the digest.
const (
	PatternSignal = "signal"
	PatternScheme = "scheme"
	PatternValue  = "value"
)

// DigestPattern is something that recurred often enough to bring to policy.
type DigestPattern struct {
	Kind  string
	ID    string
	Label string
	Cases []DigestCase
}

// DigestHardship is a group of hardship-clause cases sharing signals.
type DigestHardship struct {
	Signals []string
	Cases   []DigestCase
}

// maxTop is how many signals and schemes the digest lists.
const maxTop = 5

// Digest computes the digest of p.Channel's week from cases, which must
// hold at least the channel's cases the window of p selects (see
// DigestParams.Window); cases of other channels are ignored.
func (e *Engine) Digest(cases []*record.Case, p DigestParams) Digest {
	p = p.withDefaults()
	s := e.newDigestScope(cases, p)
	return Digest{
		Channel: p.Channel, Week: p.Week, Lang: p.Lang, From: s.from, To: s.to,
		Started:            s.started(),
		Decisions:          s.decisions(),
		ClosedAfterSignals: s.closedAfterSignals(),
		Idle:               s.idle(),
		Waiting:            s.waiting(),
		PolicySignals:      s.policySignals(),
		Signals:            s.signals(),
		Schemes:            s.schemes(),
		Patterns:           s.patterns(),
		Hardship:           s.hardship(),
		PatternMin:         p.PatternMin,
		PatternWeeks:       p.PatternWeeks,
		PatternFrom:        s.patternFrom,
	}
}

// Empty reports whether nothing happened in the week and nothing is stuck
// or recurring.
func (d Digest) Empty() bool {
	return len(d.Started)+len(d.Decisions)+len(d.ClosedAfterSignals)+len(d.Idle)+len(d.Signals)+
		len(d.Schemes)+len(d.Patterns)+len(d.Hardship)+len(d.Waiting)+len(d.PolicySignals) == 0
}
