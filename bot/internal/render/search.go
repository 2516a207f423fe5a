package render

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// CaseLink is "<link|MW-0042 · title>", or the same in bold without a link.
func CaseLink(c *record.Case, link string) string {
	label := c.Key() + " · " + Clip(c.Title, 120)
	if link == "" {
		return "*" + UserText(label) + "*"
	}
	return "*<" + link + "|" + strings.ReplaceAll(UserText(label), "|", "¦") + ">*"
}

// SearchHit renders one search result: the case linked to its thread, its
// status and scheme, its decision and rationale (or how it closed), and
// the signals present.
func (r Renderer) SearchHit(c *record.Case, link string, t *LookupTexts) slack.Block {
	s := r.Engine.Summarize(c)
	meta := []string{UserText(s.Status)}
	if s.Scheme != "" {
		meta = append(meta, UserText(Clip(s.Scheme, 80)))
	}
	meta = append(meta, r.Date(c.StartedAt)[:10], Mention(c.StartedBy))
	lines := []string{CaseLink(c, link), strings.Join(meta, " · ")}
	switch {
	case s.Decision != nil:
		lines = append(lines, "*"+t.Decision+":* "+UserText(s.Decision.Option)+" — "+Mention(s.Decision.By)+" "+r.Date(s.Decision.At)[:10])
		if s.Decision.Rationale != "" {
			lines = append(lines, "*"+t.Rationale+":* "+UserText(Clip(s.Decision.Rationale, 400)))
		}
	case s.ClosedEarly != "":
		lines = append(lines, "*"+t.ClosedEarly+":* "+UserText(Clip(s.ClosedEarly, 400)))
	default:
		lines = append(lines, "_"+t.NoDecision+"_")
	}
	if len(s.Signals) > 0 {
		lines = append(lines, "*"+t.Signals+":* "+UserText(Clip(strings.Join(s.Signals, " · "), 600)))
	}
	return Section(strings.Join(lines, "\n"))
}

// LookupTexts are the words of search, the case list, the App Home and the
// export, in one language.
type LookupTexts struct {
	// Search.
	SearchUsage string // %[1]s: the command
	HitsF       string // %[1]d hits, %[2]s the query
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
	HomeCardsHint string // %[1]s the command
	HomeMoreF     string // %[1]d more

	// Export.
	ExportNotLead  string
	ExportNoCheck  string
	ExportEmpty    string
	ExportUsage    string // %[1]s the command
	ExportDoneF    string // %[1]d cases, %[2]s the format
	ExportCommentF string // %[1]d cases, %[2]s the channel, %[3]s the date
	ExportFailed   string
}

// LookupTextsFor returns the texts in lang (Dutch unless English).
func LookupTextsFor(lang cards.Lang) *LookupTexts {
	if lang == cards.EN {
		return &LookupTexts{
			SearchUsage: "Search earlier cases of this channel: `%[1]s search <words, signal, scheme or decision>`, " +
				"e.g. `%[1]s search eviction`, `%[1]s search Wmo` or `%[1]s search disproportionate`.",
			HitsF:       "*%[1]d case(s) in this channel match “%[2]s”*",
			HitsTopF:    "*%[1]d cases in this channel match “%[2]s”; the best %[3]d:*",
			NoHitsF:     "No case in this channel matches “%[1]s”. Tips: use fewer words (every word must match), part of a word (`debt` also finds `debts`), a scheme (`Wmo`), a signal as the card words it (`disproportionate`) or a decision (`maatwerk`). `%[2]s list all` shows every case.",
			Decision:    "Decision",
			Rationale:   "Statement of reasons",
			Signals:     "Signals",
			ClosedEarly: "Closed early",
			NoDecision:  "no decision yet",

			ListOpenF:  "*Open cases in this channel (%[1]d)*",
			ListAllF:   "*Cases in this channel (%[1]d)*",
			ListNewest: "the newest %[1]d are shown; find older ones with search",
			ListEmpty:  "No cases in this channel.",
			ListNoOpen: "No open cases in this channel. `%[1]s list all` shows the closed ones too.",
			LastActive: "last activity",

			HomeTitle:     "maatwerkbot",
			HomeIntroF:    "Think a case through together: type `%[1]s` in your team channel. Here are your cases and the cards.",
			HomeMine:      "My open cases",
			HomeMineNone:  "You have no open cases.",
			HomeWaiting:   "Waiting for my decision",
			HomeWaitNone:  "No case is waiting for your decision.",
			HomeDecisions: "Recent decisions in my channels",
			HomeDecNone:   "No decisions yet in the channels where you took part in a case.",
			HomeCards:     "The cards",
			HomeCardsHint: "Open a card in a channel with `%[1]s card <name>`:",
			HomeMoreF:     "and %[1]d more",

			ExportNotLead: "Only team leads may export cases. Ask your team lead, or the app's administrator to add you to the team leads.",
			ExportNoCheck: "I could not check with Slack whether you are a team lead. Please try again in a minute.",
			ExportEmpty:   "This channel has no cases to export.",
			ExportUsage:   "Use `%[1]s export csv` or `%[1]s export json`.",
			ExportDoneF:   "The export of this channel's %[1]d case(s) (%[2]s) is in your direct messages with maatwerkbot. It holds case data: keep it as carefully as the cases themselves.",
			ExportCommentF: "Export of %[1]d case(s) from %[2]s, %[3]s. Only you received this file; " +
				"it holds case data — do not forward it, and delete it when you no longer need it.",
			ExportFailed: "The export failed; nothing was shared. Please try again later.",
		}
	}
	return &LookupTexts{
		SearchUsage: "Zoek eerdere casussen in dit kanaal: `%[1]s zoek <woorden, signaal, regeling of besluit>`, " +
			"bijvoorbeeld `%[1]s zoek huisuitzetting`, `%[1]s zoek Wmo` of `%[1]s zoek onevenredig`.",
		HitsF:       "*%[1]d casus(sen) in dit kanaal passen bij “%[2]s”*",
		HitsTopF:    "*%[1]d casussen in dit kanaal passen bij “%[2]s”; de beste %[3]d:*",
		NoHitsF:     "Geen casus in dit kanaal past bij “%[1]s”. Tips: gebruik minder woorden (elk woord moet passen), een deel van een woord (`schuld` vindt ook `schulden`), een regeling (`Wmo`), een signaal in de woorden van de kaart (`onevenredig`) of een besluit (`maatwerk`). `%[2]s lijst alle` toont alle casussen.",
		Decision:    "Besluit",
		Rationale:   "Onderbouwing",
		Signals:     "Signalen",
		ClosedEarly: "Vroeg afgesloten",
		NoDecision:  "nog geen besluit",

		ListOpenF:  "*Open casussen in dit kanaal (%[1]d)*",
		ListAllF:   "*Casussen in dit kanaal (%[1]d)*",
		ListNewest: "de nieuwste %[1]d staan hier; oudere vind je met zoek",
		ListEmpty:  "Geen casussen in dit kanaal.",
		ListNoOpen: "Geen open casussen in dit kanaal. `%[1]s lijst alle` toont ook de afgesloten.",
		LastActive: "laatste activiteit",

		HomeTitle:     "maatwerkbot",
		HomeIntroF:    "Denk samen een casus door: typ `%[1]s` in je teamkanaal. Hier staan jouw casussen en de kaarten.",
		HomeMine:      "Mijn open casussen",
		HomeMineNone:  "Je hebt geen open casussen.",
		HomeWaiting:   "Wachten op mijn besluit",
		HomeWaitNone:  "Er wacht geen casus op jouw besluit.",
		HomeDecisions: "Recente besluiten in mijn kanalen",
		HomeDecNone:   "Nog geen besluiten in de kanalen waar je aan een casus meedeed.",
		HomeCards:     "De kaarten",
		HomeCardsHint: "Open een kaart in een kanaal met `%[1]s kaart <naam>`:",
		HomeMoreF:     "en nog %[1]d",

		ExportNotLead: "Alleen teamleiders kunnen casussen exporteren. Vraag het je teamleider, of vraag de beheerder van de app om je als teamleider toe te voegen.",
		ExportNoCheck: "Ik kon bij Slack niet nagaan of je teamleider bent. Probeer het over een minuut nog eens.",
		ExportEmpty:   "Dit kanaal heeft geen casussen om te exporteren.",
		ExportUsage:   "Gebruik `%[1]s export csv` of `%[1]s export json`.",
		ExportDoneF:   "De export van de %[1]d casus(sen) van dit kanaal (%[2]s) staat in je privéberichten met maatwerkbot. Er staan casusgegevens in: bewaar het bestand even zorgvuldig als de casussen zelf.",
		ExportCommentF: "Export van %[1]d casus(sen) uit %[2]s, %[3]s. Alleen jij hebt dit bestand gekregen; " +
			"er staan casusgegevens in — stuur het niet door en verwijder het als je het niet meer nodig hebt.",
		ExportFailed: "De export is mislukt; er is niets gedeeld. Probeer het later nog eens.",
	}
}
