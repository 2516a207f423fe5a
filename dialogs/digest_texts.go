package dialogs

import "github.com/maatwerkbot/maatwerkbot/cards"

// DigestTexts are the texts of the weekly digest and its settings. Fields
// ending in F are fmt format strings with the same verbs in both languages.
type DigestTexts struct {
	TitleF          string // "Weekoverzicht maatwerk %s" week
	PeriodF         string // "%s t/m %s" first and last day
	Nothing         string
	Started         string
	Decisions       string
	ClosedAtSignals string
	Idle            string
	IdleDaysF       string // "%d dagen geen activiteit"
	Waiting         string
	WaitingF        string // "%s (wacht al %d dagen)" what is missing, days
	PolicySignals   string
	Signals         string
	Schemes         string
	CountF          string // "%s (%d)"
	Patterns        string
	PatternKind     map[string]string
	PatternF        string // "%s %q kwam terug in %d casussen in %d weken" kind, label, n, weeks
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
	TargetHereShort   string
	TargetLeadsShort  string
	TargetOtherShortF string // channel
}

// DigestTextsFor returns the digest texts in lang (Dutch unless English).
func DigestTextsFor(lang cards.Lang) *DigestTexts {
	if lang == cards.EN {
		return digestTextsEN()
	}
	return digestTextsNL()
}

func digestTextsNL() *DigestTexts {
	return &DigestTexts{
		TitleF:          "Weekoverzicht maatwerk %s",
		PeriodF:         "%s t/m %s",
		Nothing:         "Deze week geen nieuwe casussen, besluiten of vastgelopen casussen.",
		Started:         "Nieuwe casussen",
		Decisions:       "Besluiten",
		ClosedAtSignals: "Afgesloten na de signalen",
		Idle:            "Open zonder activiteit (langer dan 7 dagen)",
		IdleDaysF:       "%d dagen geen activiteit",
		Waiting:         "Wacht op informatie voor het besluit",
		WaitingF:        "%s (wacht al %d dagen)",
		PolicySignals:   "Signalen voor beleid, door uitvoerders gegeven",
		Signals:         "Meest genoemde signalen",
		Schemes:         "Regelingen",
		CountF:          "%s (%d)",
		Patterns:        "Patronen voor beleid",
		PatternKind:     map[string]string{PatternSignal: "Signaal", PatternScheme: "Regeling", PatternValue: "Waarde"},
		PatternF:        "%s %q kwam terug in %d casussen in %d weken: kandidaat voor een beleidscategorie of een beleidswijziging.",
		PatternWhy:      "Een uitzondering die steeds terugkomt voor hetzelfde soort geval is geen uitzondering meer: dan past een beleidscategorie beter dan telkens de hardheidsclausule (Maatwerk als standaard).",
		Hardship:        "Hardheidsclausule voor hetzelfde soort geval",
		HardshipF:       "%s delen: %s",
		HardshipWhy:     "Keert de hardheidsclausule terug bij dezelfde signalen, overweeg dan een beleidscategorie voor deze groep.",
		PolicyCardF:     "Breng het naar beleid met de Vragenkaart beleid: `%s kaart beleid`.",
		MoreF:           "… en nog %d",

		PostButton:  "Plaats in kanaal",
		PostedF:     "Het overzicht van %s staat nu in het kanaal.",
		WeekHelpF:   "Gebruik `%s overzicht` (deze week), `%s overzicht vorige` (vorige week) of `%s overzicht 2026-W47` (een ISO-week).",
		FutureWeekF: "Week %s is nog niet begonnen.",

		SettingsTitle:     "Weekoverzicht",
		SettingsIntroF:    "Het weekoverzicht van <#%s>: wanneer en waar het verschijnt.",
		DayLabel:          "Dag",
		Days:              [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
		TimeLabel:         "Tijd",
		TimeHintF:         "Tijdzone %s.",
		TargetLabel:       "Plaatsen in",
		TargetHere:        "Dit kanaal",
		TargetOther:       "Een ander kanaal",
		TargetLeads:       "Een direct bericht aan de teamleiders",
		OtherLabel:        "Ander kanaal",
		OtherHint:         "Alleen bij 'Een ander kanaal'. Het overzicht noemt titels van casussen: kies een kanaal met dezelfde mensen.",
		OnLabel:           "Weekoverzicht",
		On:                "Aan",
		Off:               "Uit",
		CoversHint:        "Op maandag t/m woensdag gaat het over de vorige week, op donderdag t/m zondag over de lopende week.",
		SettingsSavedF:    "Het weekoverzicht van <#%s> komt voortaan op %s om %s in %s.",
		SettingsOffF:      "Het weekoverzicht van <#%s> staat uit.",
		OnlyLeads:         "Alleen teamleiders kunnen het weekoverzicht instellen. Vraag je teamleider, of lees het overzicht zelf met `/maatwerk overzicht`.",
		NeedOtherChannel:  "Kies het kanaal waarin het overzicht moet komen.",
		BadTime:           "Kies een tijd.",
		NoLeads:           "Er zijn geen teamleiders ingesteld (MAATWERK_TEAM_LEADS): kies een kanaal.",
		NotInChannelF:     "Ik kon het weekoverzicht niet plaatsen in <#%s>: nodig me daar eerst uit.",
		TargetHereShort:   "dit kanaal",
		TargetLeadsShort:  "een direct bericht aan de teamleiders",
		TargetOtherShortF: "<#%s>",
	}
}

func digestTextsEN() *DigestTexts {
	return &DigestTexts{
		TitleF:          "Maatwerk weekly digest %s",
		PeriodF:         "%s to %s",
		Nothing:         "No new cases, decisions or stuck cases this week.",
		Started:         "New cases",
		Decisions:       "Decisions",
		ClosedAtSignals: "Closed after the signals",
		Idle:            "Open without activity (over 7 days)",
		IdleDaysF:       "%d days without activity",
		Waiting:         "Waiting for information before the decision",
		WaitingF:        "%s (waiting for %d days)",
		PolicySignals:   "Signals for policy, given by caseworkers",
		Signals:         "Most frequent signals",
		Schemes:         "Schemes",
		CountF:          "%s (%d)",
		Patterns:        "Patterns for policy",
		PatternKind:     map[string]string{PatternSignal: "Signal", PatternScheme: "Scheme", PatternValue: "Value"},
		PatternF:        "%s %q recurred in %d cases in %d weeks: a candidate for a policy category (beleidscategorie) or a policy change.",
		PatternWhy:      "An exception that keeps coming back for the same kind of case is no longer an exception: a policy category then fits better than the hardship clause each time (Maatwerk als standaard).",
		Hardship:        "Hardship clause for the same kind of case",
		HardshipF:       "%s share: %s",
		HardshipWhy:     "If the hardship clause keeps returning with the same signals, consider a policy category for this group.",
		PolicyCardF:     "Take it to policy with the Policy questions card: `%s card beleid`.",
		MoreF:           "… and %d more",

		PostButton:  "Post in channel",
		PostedF:     "The digest of %s is now in the channel.",
		WeekHelpF:   "Use `%s digest` (this week), `%s digest vorige` (last week) or `%s digest 2026-W47` (an ISO week).",
		FutureWeekF: "Week %s has not started yet.",

		SettingsTitle:     "Weekly digest",
		SettingsIntroF:    "The weekly digest of <#%s>: when and where it appears.",
		DayLabel:          "Day",
		Days:              [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		TimeLabel:         "Time",
		TimeHintF:         "Time zone %s.",
		TargetLabel:       "Post to",
		TargetHere:        "This channel",
		TargetOther:       "Another channel",
		TargetLeads:       "A direct message to the team leads",
		OtherLabel:        "Other channel",
		OtherHint:         "Only with 'Another channel'. The digest names case titles: choose a channel with the same people.",
		OnLabel:           "Weekly digest",
		On:                "On",
		Off:               "Off",
		CoversHint:        "On Monday to Wednesday it covers the week before, on Thursday to Sunday the current week.",
		SettingsSavedF:    "The weekly digest of <#%s> now comes on %s at %s in %s.",
		SettingsOffF:      "The weekly digest of <#%s> is off.",
		OnlyLeads:         "Only team leads can set up the weekly digest. Ask your team lead, or read the digest yourself with `/maatwerk digest`.",
		NeedOtherChannel:  "Choose the channel the digest should go to.",
		BadTime:           "Choose a time.",
		NoLeads:           "No team leads are configured (MAATWERK_TEAM_LEADS): choose a channel.",
		NotInChannelF:     "I could not post the weekly digest in <#%s>: invite me there first.",
		TargetHereShort:   "this channel",
		TargetLeadsShort:  "a direct message to the team leads",
		TargetOtherShortF: "<#%s>",
	}
}
