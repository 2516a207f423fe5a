package dialogs

import (
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Texts are the interface texts around the card content: labels, buttons,
// statuses and messages. Fields ending in F are fmt format strings; the
// Dutch and English versions take the same verbs in the same order (a test
// checks this).
type Texts struct {
	StepF       string // "Stap %d van %d"
	PhaseStepF  string // "%s · stap %d van %d"
	Status      map[record.Status]string
	StatusDone  string
	Confirm     string
	Yes, No     string
	DontKnow    string
	AnswerBtn   string
	AddArgument string
	ArgsDone    string
	Submit      string
	Cancel      string
	Continue    string

	NewCaseTitle   string
	AnswerTitle    string
	ArgumentTitle  string
	TitleLabel     string
	TitleHint      string
	SchemeLabel    string
	SchemeHint     string
	UrgencyLabel   string
	UrgencyNormal  string
	UrgencyHigh    string
	UrgencyUrgent  string
	AnswerLabel    string
	ProContraLabel string
	ProLabel       string
	ContraLabel    string
	ArgumentLabel  string
	ValueLabel     string

	CaseF          string // "Casus %s"
	StartedByF     string // "Gestart door %s op %s"
	Scheme         string
	Urgency        string
	Progress       string
	StatusLabel    string
	AnsweredByF    string // "%s antwoordde: %s"
	NoneChosen     string
	ThreadHint     string
	ArgumentsHint  string
	MultiHint      string // console: how to tick options
	ArgsReplyHint  string // console: how to add arguments and go on
	TallyF         string // "Voor: %d · Tegen: %d"
	ArgumentByF    string // "%s (%s)" text, author
	ReadingLabel   string
	SignalsFound   string
	NoSignals      string
	SeeAlso        string
	StartedF       string // console: "Casus %s is gestart. De vragen volgen hieronder."
	AskStartF      string // root message fallback "%s: %s"
	Summary        string
	SummaryF       string // "Samenvatting van %s"
	Decision       string
	Rationale      string
	DecidedByF     string // "besloten door %s op %s"
	Closed         string
	ClosedEarlyF   string // "Afgesloten na de signalen: %s"
	Reason         string
	Participants   string
	Discussion     string
	Dates          string
	ArgsPro        string
	ArgsContra     string
	ArgumentAddedF string // "Argument %s vastgelegd: %s"
	AnswerTakenF   string // "Je antwoord op stap %d is vastgelegd."
	Thanks         string

	// The case thread as the team's table (pause, close, arguments, edits,
	// escalation to the team leads).
	ThreadHelp          string
	PausedF             string // "%s zette de casus op pauze."
	ResumedF            string // "%s hervatte de casus."
	ClosedByF           string // "%s sloot de casus: %s"
	ReopenedF           string // "%s heropende de casus."
	WithdrawnF          string // "Argument %d is ingetrokken."
	WithdrawUsage       string
	AnswerLost          string
	EditRemovedNote     string
	EditKeptNote        string
	EditedMark          string
	DeletedMark         string
	EscalatedF          string // "Voorgelegd aan de teamleider door %s op %s."
	EscalatedLabel      string
	LeadAskF            string // "%s legt casus %s aan je voor."
	LeadDecideF         string // "Besluit: %s"
	LeadBack            string
	LeadQuestionTitle   string
	LeadQuestionLabel   string
	LeadDecidedF        string // "%s besloot als teamleider: %s"
	LeadReturnedF       string // "%s stuurt de casus terug met een vraag: %s"
	LeadNote            string
	ReturnedByF         string // "teruggestuurd met een vraag door %s: %s"
	SummaryEscalatedF   string // "Voorgelegd aan de teamleider door %s"
	SummaryLeadDecidedF string // "besloten door teamleider %s"
	NotManager          string
	AlreadyPaused       string
	NotPaused           string
	NeedCloseReason     string
	NotClosed           string
	UnknownArgumentF    string // "Ik ken geen argument %d in deze casus."
	NotArgumentAuthorF  string // "Argument %d is van iemand anders ..."
	WaitingForLead      string
	NoLeads             string
	NotLead             string

	// Messages for problems the user can fix.
	StaleF        string // "Deze vraag (stap %d) is al beantwoord; het gesprek staat bij stap %d."
	CaseClosed    string
	CasePaused    string
	Required      string
	ChooseOne     string
	TooLongF      string // "Je tekst is %d tekens; het maximum is %d."
	PrivacyF      string // "Je tekst lijkt %s te bevatten. ..."
	And           string
	NeedArgument  string
	NotDecider    string
	UnknownOption string
	NotInChannel  string
	// AskedAgain replaces the buttons of a question that is asked again
	// further down the thread (after resuming or reopening).
	AskedAgain string
	// LeadCaseClosed replaces a team lead's buttons when the case was
	// closed before a lead decided.
	LeadCaseClosed string

	// The method around the decision (method.go).
	StatusWaiting     string
	MandateLeadF      string // "Bij Mandaat koos je: %s. …"
	MandateElsewhereF string // "Bij Mandaat koos je: %s. …"
	OutsideMandateF   string // "Bij Mandaat koos je: %s. …"
	CaseWaitingF      string // "Deze casus wacht op informatie: %s …"
	WaitingF          string // date, who, what is missing
	WaitingLabel      string
	Recalled          string
	NoLookBack        string
	LookBackLabel     string
	LookBackAskF      string // starter, case key, date of the decision
	LookBackBtn       string
	LookBackTitle     string
	LookBackThanks    string
	LookBackByF       string // "%s op %s"
	NotInThisChannel  string
	AnswerAfterClose  string
	// DeliveryProblemF: a message about the case that Slack refused (%s:
	// Slack's error), shown on the root message.
	DeliveryProblemF string
	SomethingWrong   string
	// ModalFailed: Slack did not open a form the user asked for (busy, or
	// the click's trigger expired).
	ModalFailed string
	// ModalFailedReply and ModalFailedArgument follow ModalFailed when the
	// form was for a free-text answer or an argument, which a reply in the
	// thread can give as well.
	ModalFailedReply    string
	ModalFailedArgument string
	UnknownCaseF        string // "Ik ken geen casus %s in dit kanaal."
	NotACaseThread      string
	Help                string // the slash command's help; %[1]s is the command
	EarlierF            string // "Uit kaartversie %s, niet meer in het gesprek"
	UnknownCommandF     string // "Dat ken ik niet: %q. ..."
}

// TextsFor returns the interface texts in lang (Dutch for anything else).
func TextsFor(lang cards.Lang) *Texts {
	if lang == cards.EN {
		return textsEN()
	}
	return textsNL()
}

func textsNL() *Texts {
	return &Texts{
		StepF:      "Stap %d van %d",
		PhaseStepF: "%s · stap %d van %d",
		Status: map[record.Status]string{
			record.StatusOpen:   "open",
			record.StatusPaused: "gepauzeerd",
			record.StatusClosed: "afgesloten",
		},
		StatusDone:  "afgerond",
		Confirm:     "Bevestigen",
		Yes:         "Ja",
		No:          "Nee",
		DontKnow:    "Weet ik niet",
		AnswerBtn:   "Beantwoorden",
		AddArgument: "Argument toevoegen",
		ArgsDone:    "Klaar met argumenten",
		Submit:      "Opslaan",
		Cancel:      "Annuleren",
		Continue:    "Verder",

		NewCaseTitle:   "Nieuwe casus",
		AnswerTitle:    "Antwoord",
		ArgumentTitle:  "Argument toevoegen",
		TitleLabel:     "Korte omschrijving",
		TitleHint:      "Zonder persoonsgegevens: geen naam, BSN, adres, telefoonnummer of e-mailadres.",
		SchemeLabel:    "Regeling of regel",
		SchemeHint:     "Bijvoorbeeld Participatiewet, Wmo, schuldhulpverlening.",
		UrgencyLabel:   "Urgentie",
		UrgencyNormal:  "normaal",
		UrgencyHigh:    "hoog",
		UrgencyUrgent:  "spoed",
		AnswerLabel:    "Je antwoord",
		ProContraLabel: "Voor of tegen maatwerk?",
		ProLabel:       "Voor maatwerk",
		ContraLabel:    "Tegen maatwerk",
		ArgumentLabel:  "Argument (één volledige bewering)",
		ValueLabel:     "Welke waarde raakt het?",

		CaseF:          "Casus %s",
		StartedByF:     "Gestart door %s op %s",
		Scheme:         "Regeling",
		Urgency:        "Urgentie",
		Progress:       "Voortgang",
		StatusLabel:    "Status",
		AnsweredByF:    "%s antwoordde: %s",
		NoneChosen:     "geen",
		ThreadHint:     "Antwoord door in deze thread te reageren, of klik op Beantwoorden.",
		ArgumentsHint:  "Iedereen in de thread kan argumenten toevoegen: met de knop, of met een reactie die begint met `voor:` of `tegen:`. Je eigen argument intrekken: `@maatwerkbot trek in <nummer>`, of verwijder je bericht.",
		MultiHint:      "(nummers met komma's, 0 = geen)",
		ArgsReplyHint:  "('voor: …' of 'tegen: …' voegt een argument toe, 'klaar' = verder)",
		TallyF:         "Voor: %d · Tegen: %d",
		ArgumentByF:    "%s (%s)",
		ReadingLabel:   "Wat de signalen zeggen",
		SignalsFound:   "Aanwezige signalen",
		NoSignals:      "Geen signalen aangevinkt.",
		SeeAlso:        "Zie ook",
		StartedF:       "Casus %s is gestart. De vragen volgen hieronder.",
		AskStartF:      "%s: %s",
		Summary:        "Samenvatting",
		SummaryF:       "Samenvatting van %s",
		Decision:       "Besluit",
		Rationale:      "Motivering",
		DecidedByF:     "besloten door %s op %s",
		Closed:         "Afgesloten",
		ClosedEarlyF:   "Afgesloten na de signalen: %s",
		Reason:         "Reden",
		Participants:   "Deelnemers",
		Discussion:     "Uit de discussie",
		Dates:          "Data",
		ArgsPro:        "Argumenten voor maatwerk",
		ArgsContra:     "Argumenten tegen maatwerk",
		ArgumentAddedF: "Argument %s vastgelegd: %s",
		AnswerTakenF:   "Je antwoord op stap %d is vastgelegd.",
		Thanks:         "Dank je, vastgelegd.",

		ThreadHelp:          "*In de thread van een casus*\n• reageer om een open vraag met vrije tekst te beantwoorden\n• begin je reactie met `voor:` of `tegen:` voor een argument; de telling toont het nummer (#2)\n• `@maatwerkbot trek in 2` trekt jouw argument 2 in; je `voor:`-bericht verwijderen kan ook\n• `@maatwerkbot samenvatting` toont de stand, `@maatwerkbot stap` stelt de open vraag opnieuw\n• `@maatwerkbot pauze`, `hervat`, `sluit <reden>` en `heropen` (wie de casus startte of een teamleider)\nAndere reacties bewaar ik als discussie. Bewerk of verwijder je een bericht, dan pas ik de casus aan.",
		PausedF:             ":double_vertical_bar: %s zette de casus op pauze. Hervat met `@maatwerkbot hervat`.",
		ResumedF:            ":arrow_forward: %s hervatte de casus. De open vraag staat hieronder.",
		ClosedByF:           "%s sloot de casus: %s",
		ReopenedF:           ":leftwards_arrow_with_hook: %s heropende de casus; we gaan verder waar we waren.",
		WithdrawnF:          "Argument %d is ingetrokken.",
		WithdrawUsage:       "Noem het nummer van je argument, bijvoorbeeld `@maatwerkbot trek in 2`. De nummers staan in de telling bij de argumenten.",
		AnswerLost:          "Iemand anders beantwoordde deze vraag net voor jou. Je reactie staat als discussie in de casus.",
		EditRemovedNote:     "Wat ik van dit bericht bewaard had, heb ik uit de casus gehaald.",
		EditKeptNote:        "Het antwoord blijft zoals het was.",
		EditedMark:          "(bewerkt)",
		DeletedMark:         "(bericht verwijderd)",
		EscalatedF:          ":bust_in_silhouette: Voorgelegd aan de teamleider door %s op %s. Het gesprek gaat verder zodra die besluit.",
		EscalatedLabel:      "Voorgelegd aan teamleider",
		LeadAskF:            "%s legt casus %s aan je voor. Jij legt als teamleider het besluit vast, of stuurt de casus terug met een vraag.",
		LeadDecideF:         "Besluit: %s",
		LeadBack:            "Terug met vraag",
		LeadQuestionTitle:   "Vraag terug",
		LeadQuestionLabel:   "Je vraag (komt in de thread van de casus)",
		LeadDecidedF:        ":white_check_mark: %s besloot als teamleider: %s",
		LeadReturnedF:       ":leftwards_arrow_with_hook: %s stuurt de casus terug met een vraag:\n>%s\nHet besluit ligt weer bij %s.",
		LeadNote:            "Toelichting",
		ReturnedByF:         "teruggestuurd met een vraag door %s: %s",
		SummaryEscalatedF:   "Voorgelegd aan de teamleider door %s",
		SummaryLeadDecidedF: "besloten door teamleider %s",
		NotManager:          "Alleen wie de casus startte of een teamleider kan de casus pauzeren, hervatten, sluiten of heropenen.",
		AlreadyPaused:       "Deze casus staat al op pauze.",
		NotPaused:           "Deze casus staat niet op pauze.",
		NeedCloseReason:     "Geef een reden op, bijvoorbeeld `@maatwerkbot sluit burger heeft bezwaar ingetrokken`.",
		NotClosed:           "Deze casus is niet afgesloten.",
		UnknownArgumentF:    "Ik ken geen argument %d in deze casus.",
		NotArgumentAuthorF:  "Argument %d is door een ander ingebracht; alleen die kan het intrekken. Ben je het er niet mee eens? Voeg dan een tegenargument toe.",
		WaitingForLead:      "Het besluit ligt bij de teamleider. Die legt het vast, of stuurt de casus terug met een vraag.",
		NoLeads:             "Er is geen teamleider ingesteld om aan voor te leggen. Kies een ander besluit, of vraag de beheerder MAATWERK_TEAM_LEADS in te stellen.",
		NotLead:             "Alleen een teamleider kan dit besluit vastleggen of de casus terugsturen.",

		StaleF:         "Deze vraag (stap %d) is al beantwoord; het gesprek staat nu bij stap %d.",
		CaseClosed:     "Deze casus is afgesloten. Heropen hem eerst als je verder wilt.",
		CasePaused:     "Deze casus staat op pauze. Hervat hem met `@maatwerkbot hervat` als je verder wilt.",
		Required:       "Vul hier iets in.",
		ChooseOne:      "Kies één van de mogelijkheden.",
		TooLongF:       "Je tekst is %d tekens lang; het maximum is %d. Maak hem korter.",
		PrivacyF:       "Je tekst lijkt %s te bevatten. Persoonsgegevens van burgers horen niet in deze casus; ik heb niets opgeslagen. Wil je het opnieuw formuleren, zonder die gegevens?",
		And:            " en ",
		NeedArgument:   "Voeg eerst minstens één argument toe, voor of tegen.",
		NotDecider:     "Het besluit legt degene vast die de casus startte, of een teamleider.",
		UnknownOption:  "Die keuze ken ik niet bij deze vraag.",
		AskedAgain:     ":arrow_down: Deze vraag staat hieronder opnieuw.",
		LeadCaseClosed: "De casus is afgesloten voordat er een besluit was. Je hoeft niets meer te doen.",

		StatusWaiting:       "wacht op informatie",
		MandateLeadF:        "Bij *Mandaat* koos je: %s. Dan neemt de teamleider het besluit. Leg het daarom voor.",
		MandateElsewhereF:   "Bij *Mandaat* koos je: %s. Dit besluit neem je dus niet zelf. Leg het voor aan de teamleider. Die stemt het af met wie het mandaat heeft en legt het besluit vast.",
		OutsideMandateF:     "Bij Mandaat koos je: %s. Dit besluit leg je daarom niet zelf vast. Kies Voorleggen: de teamleider legt het besluit vast.",
		CaseWaitingF:        "Deze casus wacht op informatie: %s\nIs de informatie er? Ga verder met `@maatwerkbot hervat`.",
		WaitingF:            ":hourglass_flowing_sand: Wacht op informatie voor het besluit, sinds %s (%s).\n*Wat ontbreekt, wie en wanneer:* %s\nIs de informatie er? Ga verder met `@maatwerkbot hervat`.",
		WaitingLabel:        "Wacht op informatie",
		Recalled:            "Eerder in deze casus",
		NoLookBack:          "In deze casus is nog geen besluit genomen. Terugkijken op het gesprek kan pas na het besluit.",
		LookBackLabel:       "Terugblik op het gesprek met de inwoner",
		LookBackAskF:        "%s, in %s viel op %s het besluit. Hoe ging het gesprek met de inwoner? Kijk even terug.",
		LookBackBtn:         "Terugblik invullen",
		LookBackTitle:       "Terugblik",
		LookBackThanks:      "Dank je. Je terugblik staat in de casus.",
		LookBackByF:         "%s op %s",
		NotInThisChannel:    "Deze knop hoort bij een casus in een ander kanaal. Er is niets veranderd.",
		AnswerAfterClose:    "De casus werd net afgesloten of gepauzeerd. Je reactie staat als discussie in de casus.",
		NotInChannel:        "Ik ben nog geen lid van dit kanaal. Nodig me uit met `/invite @maatwerkbot` en probeer het opnieuw.",
		SomethingWrong:      "Er ging iets mis aan mijn kant; je casus is niet veranderd. Probeer het zo nog eens.",
		ModalFailed:         "Slack opende het venster niet (het is er even druk). Er is niets veranderd: klik zo nog eens.",
		ModalFailedReply:    "Je kunt ook gewoon in de thread antwoorden.",
		ModalFailedArgument: "Je kunt ook in de thread reageren met `voor: …` of `tegen: …`.",
		UnknownCaseF:        "Ik ken geen casus %s in dit kanaal.",
		NotACaseThread:      "Dit is geen casus-thread. Start een casus met `/maatwerk`; daarna stel ik de vragen in de thread van die casus.",
		Help:                "*%[1]s* helpt je een casus te doordenken als de standaardregel misschien niet past.\n• `%[1]s` opent het venster voor een nieuwe casus\n• `%[1]s <korte omschrijving>` start meteen een casus\n• `%[1]s kaart` toont de kaarten, `%[1]s kaart <naam>` één kaart (bijvoorbeeld `%[1]s kaart signalen`)\n• `%[1]s varianten` toont de vier varianten van maatwerk en de dilemma's\n• `%[1]s lijst [alle]` toont de casussen van dit kanaal, `%[1]s zoek <woorden>` zoekt in eerdere casussen\n• `%[1]s overzicht [vorige|2026-W47]` toont het weekoverzicht van dit kanaal\n• teamleiders: `%[1]s export [csv|json]`, `%[1]s instellingen` (weekoverzicht), `%[1]s verwijder MW-0042`\n• `%[1]s help` toont deze uitleg\nIn de thread van een casus: reageer om een open vraag te beantwoorden, begin met `voor:` of `tegen:` voor een argument, of noem mij met `samenvatting` of `stap`.",
		UnknownCommandF:     "Dat ken ik niet: %q. Typ `%s help` voor wat ik kan.",
		DeliveryProblemF:    ":warning: Slack weigerde een bericht over deze casus (%s). Vraag `@maatwerkbot samenvatting` voor de actuele stand, of meld het aan functioneel beheer.",
		EarlierF:            "Uit kaartversie %s, niet meer in het gesprek",
	}
}

func textsEN() *Texts {
	return &Texts{
		StepF:      "Step %d of %d",
		PhaseStepF: "%s · step %d of %d",
		Status: map[record.Status]string{
			record.StatusOpen:   "open",
			record.StatusPaused: "paused",
			record.StatusClosed: "closed",
		},
		StatusDone:  "completed",
		Confirm:     "Confirm",
		Yes:         "Yes",
		No:          "No",
		DontKnow:    "Don't know",
		AnswerBtn:   "Answer",
		AddArgument: "Add argument",
		ArgsDone:    "Done with arguments",
		Submit:      "Save",
		Cancel:      "Cancel",
		Continue:    "Continue",

		NewCaseTitle:   "New case",
		AnswerTitle:    "Answer",
		ArgumentTitle:  "Add argument",
		TitleLabel:     "Short description",
		TitleHint:      "No personal data: no name, citizen service number, address, phone number or e-mail address.",
		SchemeLabel:    "Scheme or rule",
		SchemeHint:     "For example Participatiewet, Wmo, debt assistance.",
		UrgencyLabel:   "Urgency",
		UrgencyNormal:  "normal",
		UrgencyHigh:    "high",
		UrgencyUrgent:  "urgent",
		AnswerLabel:    "Your answer",
		ProContraLabel: "For or against maatwerk?",
		ProLabel:       "For maatwerk",
		ContraLabel:    "Against maatwerk",
		ArgumentLabel:  "Argument (one complete claim)",
		ValueLabel:     "Which value does it touch?",

		CaseF:          "Case %s",
		StartedByF:     "Started by %s on %s",
		Scheme:         "Scheme",
		Urgency:        "Urgency",
		Progress:       "Progress",
		StatusLabel:    "Status",
		AnsweredByF:    "%s answered: %s",
		NoneChosen:     "none",
		ThreadHint:     "Answer by replying in this thread, or click Answer.",
		ArgumentsHint:  "Anyone in the thread can add arguments: with the button, or with a reply that starts with `pro:` or `con:`. To withdraw your own: `@maatwerkbot withdraw <number>`, or delete your message.",
		MultiHint:      "(numbers separated by commas, 0 = none)",
		ArgsReplyHint:  "('pro: …' or 'con: …' adds an argument, 'done' = continue)",
		TallyF:         "For: %d · Against: %d",
		ArgumentByF:    "%s (%s)",
		ReadingLabel:   "What the signals say",
		SignalsFound:   "Signals present",
		NoSignals:      "No signals ticked.",
		SeeAlso:        "See also",
		StartedF:       "Case %s has started. The questions follow below.",
		AskStartF:      "%s: %s",
		Summary:        "Summary",
		SummaryF:       "Summary of %s",
		Decision:       "Decision",
		Rationale:      "Statement of reasons",
		DecidedByF:     "decided by %s on %s",
		Closed:         "Closed",
		ClosedEarlyF:   "Closed after the signals: %s",
		Reason:         "Reason",
		Participants:   "Participants",
		Discussion:     "From the discussion",
		Dates:          "Dates",
		ArgsPro:        "Arguments for maatwerk",
		ArgsContra:     "Arguments against maatwerk",
		ArgumentAddedF: "Argument %s recorded: %s",
		AnswerTakenF:   "Your answer to step %d has been recorded.",
		Thanks:         "Thank you, recorded.",

		ThreadHelp:          "*In a case's thread*\n• reply to answer an open free-text question\n• start your reply with `pro:` or `con:` for an argument; the tally shows its number (#2)\n• `@maatwerkbot withdraw 2` withdraws your argument 2; deleting your `pro:` message works too\n• `@maatwerkbot summary` shows where the case stands, `@maatwerkbot step` asks the open question again\n• `@maatwerkbot pause`, `resume`, `close <reason>` and `reopen` (whoever started the case or a team lead)\nOther replies I keep as discussion. If you edit or delete a message, I update the case.",
		PausedF:             ":double_vertical_bar: %s paused the case. Resume with `@maatwerkbot resume`.",
		ResumedF:            ":arrow_forward: %s resumed the case. The open question is below.",
		ClosedByF:           "%s closed the case: %s",
		ReopenedF:           ":leftwards_arrow_with_hook: %s reopened the case; we continue where we were.",
		WithdrawnF:          "Argument %d has been withdrawn.",
		WithdrawUsage:       "Give the number of your argument, for example `@maatwerkbot withdraw 2`. The numbers are in the tally of the arguments.",
		AnswerLost:          "Someone else answered this question just before you. Your reply is kept as discussion in the case.",
		EditRemovedNote:     "What I had kept of this message has been removed from the case.",
		EditKeptNote:        "The answer stays as it was.",
		EditedMark:          "(edited)",
		DeletedMark:         "(message deleted)",
		EscalatedF:          ":bust_in_silhouette: Put to the team lead by %s on %s. The conversation continues once they decide.",
		EscalatedLabel:      "Put to the team lead",
		LeadAskF:            "%s puts case %s to you. As team lead you record the decision, or send the case back with a question.",
		LeadDecideF:         "Decide: %s",
		LeadBack:            "Back with a question",
		LeadQuestionTitle:   "Question back",
		LeadQuestionLabel:   "Your question (goes to the case's thread)",
		LeadDecidedF:        ":white_check_mark: %s decided as team lead: %s",
		LeadReturnedF:       ":leftwards_arrow_with_hook: %s sends the case back with a question:\n>%s\nThe decision is back with %s.",
		LeadNote:            "Note",
		ReturnedByF:         "sent back with a question by %s: %s",
		SummaryEscalatedF:   "Put to the team lead by %s",
		SummaryLeadDecidedF: "decided by team lead %s",
		NotManager:          "Only whoever started the case or a team lead can pause, resume, close or reopen it.",
		AlreadyPaused:       "This case is already paused.",
		NotPaused:           "This case is not paused.",
		NeedCloseReason:     "Give a reason, for example `@maatwerkbot close citizen withdrew the objection`.",
		NotClosed:           "This case is not closed.",
		UnknownArgumentF:    "I know no argument %d in this case.",
		NotArgumentAuthorF:  "Argument %d was brought in by someone else; only they can withdraw it. Disagree? Then add a counter-argument.",
		WaitingForLead:      "The decision is with the team lead. They record it, or send the case back with a question.",
		NoLeads:             "No team lead is configured to put this to. Choose another decision, or ask the administrator to set MAATWERK_TEAM_LEADS.",
		NotLead:             "Only a team lead can record this decision or send the case back.",

		StaleF:         "This question (step %d) has already been answered; the conversation is now at step %d.",
		CaseClosed:     "This case is closed. Reopen it first if you want to continue.",
		CasePaused:     "This case is paused. Resume it with `@maatwerkbot resume` if you want to continue.",
		Required:       "Please fill this in.",
		ChooseOne:      "Choose one of the options.",
		TooLongF:       "Your text is %d characters long; the maximum is %d. Please shorten it.",
		PrivacyF:       "Your text seems to contain %s. Citizens' personal data does not belong in this case; I have stored nothing. Could you rephrase it without that data?",
		And:            " and ",
		NeedArgument:   "Add at least one argument first, for or against.",
		NotDecider:     "The decision is recorded by whoever started the case, or by a team lead.",
		UnknownOption:  "I don't know that choice for this question.",
		AskedAgain:     ":arrow_down: This question is asked again below.",
		LeadCaseClosed: "The case was closed before a decision was taken. There is nothing left for you to do.",

		StatusWaiting:       "waiting for information",
		MandateLeadF:        "Under *Mandate* you chose: %s. The team lead then takes the decision, so refer it to them.",
		MandateElsewhereF:   "Under *Mandate* you chose: %s. So this decision is not yours to take. Refer it to the team lead, who agrees it with whoever holds the mandate and records the decision.",
		OutsideMandateF:     "Under Mandate you chose: %s. So you do not record this decision yourself. Choose to refer it: the team lead records the decision.",
		CaseWaitingF:        "This case is waiting for information: %s\nIs it in? Continue with `@maatwerkbot resume`.",
		WaitingF:            ":hourglass_flowing_sand: Waiting for information before the decision, since %s (%s).\n*What is missing, who and by when:* %s\nIs it in? Continue with `@maatwerkbot resume`.",
		WaitingLabel:        "Waiting for information",
		Recalled:            "Earlier in this case",
		NoLookBack:          "No decision has been taken in this case yet. You can look back on the conversation only after the decision.",
		LookBackLabel:       "Looking back on the conversation with the resident",
		LookBackAskF:        "%s, the decision in %s was taken on %s. How did the conversation with the resident go? Take a moment to look back.",
		LookBackBtn:         "Write a look-back",
		LookBackTitle:       "Look-back",
		LookBackThanks:      "Thank you. Your look-back is in the case.",
		LookBackByF:         "%s on %s",
		NotInThisChannel:    "This button belongs to a case in another channel. Nothing has changed.",
		AnswerAfterClose:    "The case was closed or paused just now. Your reply is kept as discussion in the case.",
		NotInChannel:        "I am not a member of this channel yet. Invite me with `/invite @maatwerkbot` and try again.",
		SomethingWrong:      "Something went wrong on my side; your case has not changed. Please try again in a moment.",
		ModalFailed:         "Slack did not open the form (it is busy for a moment). Nothing has changed: please click again shortly.",
		ModalFailedReply:    "You can also simply answer in the thread.",
		ModalFailedArgument: "You can also reply in the thread with `pro: …` or `con: …`.",
		UnknownCaseF:        "I know no case %s in this channel.",
		NotACaseThread:      "This is not a case thread. Start a case with `/maatwerk`; I will then ask the questions in that case's thread.",
		Help:                "*%[1]s* helps you think a case through when the standard rule may not fit.\n• `%[1]s` opens the form for a new case\n• `%[1]s <short description>` starts a case at once\n• `%[1]s card` lists the cards, `%[1]s card <name>` shows one (for example `%[1]s card signals`)\n• `%[1]s variants` shows the four variants of maatwerk and the dilemmas\n• `%[1]s list [all]` lists this channel's cases, `%[1]s search <words>` searches earlier cases\n• `%[1]s digest [previous|2026-W47]` shows this channel's weekly digest\n• team leads: `%[1]s export [csv|json]`, `%[1]s settings` (weekly digest), `%[1]s delete MW-0042`\n• `%[1]s help` shows this help\nIn a case's thread: reply to answer an open question, start with `pro:` or `con:` for an argument, or mention me with `summary` or `step`.",
		UnknownCommandF:     "I don't know %q. Type `%s help` for what I can do.",
		DeliveryProblemF:    ":warning: Slack refused a message about this case (%s). Ask `@maatwerkbot summary` for the current state, or tell your administrator.",
		EarlierF:            "From card version %s, no longer in the conversation",
	}
}
