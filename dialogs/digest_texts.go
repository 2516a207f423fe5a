package dialogs

import "github.com/maatwerkbot/maatwerkbot/cards"

// DigestTexts are the texts of the weekly digest and its settings, from the
// catalog (dialogs/catalog), key "Digest.<Field>". Fields ending in F are
// fmt format strings with the same verbs in both languages; texts with a
// counted noun are methods (IdleDays, WaitingDays, Pattern).
type DigestTexts struct {
	TitleF          string // "Weekoverzicht maatwerk %s" week
	Nothing         string
	Started         string
	Decisions       string
	ClosedAtSignals string
	Idle            string
	Waiting         string
	PolicySignals   string
	Signals         string
	Schemes         string
	CountF          string // "%s (%d)"
	Patterns        string
	PatternKind     map[string]string
	PatternWhy      string
	Hardship        string
	HardshipF       string // "%s delen: %s" cases, signals
	HardshipWhy     string
	PolicyCardF     string // "… %s kaart beleid …" command
	MoreF           string // "… en nog %d"

	PostButton  string
	PostedF     string // "Het overzicht van %s staat nu in het kanaal."
	WeekHelpF   string // command, command, command
	FutureWeekF string // week

	SettingsTitle     string
	SettingsIntroF    string // channel
	DayLabel          string
	Days              [7]string // Sunday first, as time.Weekday
	TimeLabel         string
	TimeHintF         string // time zone
	TargetLabel       string
	TargetHere        string
	TargetOther       string
	TargetLeads       string
	OtherLabel        string
	OtherHint         string
	OnLabel           string
	On                string
	Off               string
	CoversHint        string
	SettingsSavedF    string // channel, day, time, target
	SettingsOffF      string // channel
	OnlyLeads         string
	NeedOtherChannel  string
	BadTime           string
	NoLeads           string
	NotInChannelF     string // channel
	HeldNoteF         string // channel: the digest comes by DM, the bot cannot post there
	TargetHereShort   string
	TargetLeadsShort  string
	TargetOtherShortF string // channel

	lang cards.Lang
}

// IdleDays is the note of a case without activity: "12 dagen geen
// activiteit".
func (t *DigestTexts) IdleDays(days int) string {
	return textSetOnce().cat.Format(t.lang, "Digest.IdleDaysF", days)
}

// WaitingDays is the note of a case waiting for information: "loonstrook
// (wacht al 1 dag)".
func (t *DigestTexts) WaitingDays(what string, days int) string {
	return textSetOnce().cat.Format(t.lang, "Digest.WaitingF", what, days)
}

// Pattern is the line of a pattern for policy: kind and label of what
// recurred, in how many cases over how many weeks.
func (t *DigestTexts) Pattern(kind, label string, cases, weeks int) string {
	return textSetOnce().cat.Format(t.lang, "Digest.PatternF", kind, label, cases, weeks)
}
