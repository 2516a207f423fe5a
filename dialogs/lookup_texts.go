package dialogs

import "github.com/maatwerkbot/maatwerkbot/cards"

// LookupTexts are the words of search, the case list, the App Home and the
// export, in one language.
type LookupTexts struct {
	// Search.
	SearchUsage string // %[1]s: the command
	HitsTopF    string // %[1]d hits, %[2]s the query, %[3]d shown
	NoHitsF     string // %[1]s the query, %[2]s the command
	Decision    string
	Rationale   string
	Signals     string
	ClosedEarly string
	NoDecision  string

	// List.
	ListOpenF  string // %[1]d open cases
	ListAllF   string // %[1]d cases shown
	ListNewest string // %[1]d shown of more
	ListEmpty  string
	ListNoOpen string // %[1]s the command
	LastActive string

	// App Home.
	HomeTitle     string
	HomeIntroF    string // %[1]s the command
	HomeMine      string
	HomeMineNone  string
	HomeWaiting   string
	HomeWaitNone  string
	HomeDecisions string
	HomeDecNone   string
	HomeCards     string
	HomeCardWord  string // the subcommand that opens a card
	HomeCardsHint string // %[1]s the command
	HomeMoreF     string // %[1]d more

	// Export.
	ExportNotLead string
	ExportNoCheck string
	ExportEmpty   string
	ExportUsage   string // %[1]s the command
	ExportFailed  string

	// The document of one case (Verslag).
	ReportUsage    string // %[1]s the command
	ReportSentF    string // %[1]s the case id
	ReportNotHereF string // %[1]s the case id
	ReportCommentF string // %[1]s the case id, %[2]s the date
	ReportFailedF  string // %[1]s the case id
	ReportUnknownF string // %[1]s the case id

	lang cards.Lang
}

// LookupTextsFor returns the texts of search, lists, the Home tab and the
// export in lang (Dutch for anything else).
func LookupTextsFor(lang cards.Lang) *LookupTexts {
	t := *textSetOnce().lookup[setLang(lang)]
	return &t
}

// Hits heads the search results: "3 casussen in dit kanaal passen bij
// “schuld”".
func (t *LookupTexts) Hits(n int, query string) string {
	return textSetOnce().cat.Format(t.lang, "Lookup.HitsF", n, query)
}

// ExportDone tells the lead where the export of n cases in format went.
func (t *LookupTexts) ExportDone(n int, format string) string {
	return textSetOnce().cat.Format(t.lang, "Lookup.ExportDoneF", n, format)
}

// ExportComment goes with the exported file of n cases of channel on date.
func (t *LookupTexts) ExportComment(n int, channel, date string) string {
	return textSetOnce().cat.Format(t.lang, "Lookup.ExportCommentF", n, channel, date)
}

// EraseTexts are the texts of erasing a case.
type EraseTexts struct {
	UsageF     string // %[1]s the command
	NotLead    string
	AskF       string // case id, its title
	Yes, No    string
	Cancelled  string
	DoneF      string // case id
	TombstoneF string // %[1]s case id, %[2]s who, %[3]s date
	Failed     string
}

// EraseTextsFor returns the texts of erasing a case in lang.
func EraseTextsFor(lang cards.Lang) *EraseTexts {
	t := *textSetOnce().erase[setLang(lang)]
	return &t
}
