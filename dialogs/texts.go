package dialogs

import "github.com/maatwerkbot/maatwerkbot/cards"

// Texts are the interface texts around the card content: labels, buttons,
// statuses and messages. Fields ending in F are fmt format strings; the
// Dutch and English versions take the same verbs in the same order (a test
// checks this).
type Texts struct {
	StepF       string // "Stap %d van %d"
	PhaseStepF  string // "%s · stap %d van %d"
	Status      map[Status]string
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
	StartedF       string // "Casus %s is gestart in de thread hieronder."
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
	// DeliveryProblemF: a message about the case that Slack refused (%s:
	// Slack's error), shown on the root message.
	DeliveryProblemF string
	SomethingWrong   string
	UnknownCaseF     string // "Ik ken geen casus %s in dit kanaal."
	NotACaseThread   string
	Help             string // the slash command's help; %[1]s is the command
	EarlierF         string // "Uit kaartversie %s, niet meer in het gesprek"
	UnknownCommandF  string // "Dat ken ik niet: %q. ..."
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
		Status: map[Status]string{
			StatusOpen:   "open",
			StatusPaused: "gepauzeerd",
			StatusClosed: "afgesloten",
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
		ArgumentsHint:  "Iedereen in de thread kan argumenten toevoegen: met de knop, of met een reactie die begint met `voor:` of `tegen:`.",
		MultiHint:      "(nummers met komma's, 0 = geen)",
		ArgsReplyHint:  "('voor: …' of 'tegen: …' voegt een argument toe, 'klaar' = verder)",
		TallyF:         "Voor: %d · Tegen: %d",
		ArgumentByF:    "%s (%s)",
		ReadingLabel:   "Wat de signalen zeggen",
		SignalsFound:   "Aanwezige signalen",
		NoSignals:      "Geen signalen aangevinkt.",
		SeeAlso:        "Zie ook",
		StartedF:       "Casus %s is gestart. De vragen staan in de thread.",
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

		StaleF:           "Deze vraag (stap %d) is al beantwoord; het gesprek staat nu bij stap %d.",
		CaseClosed:       "Deze casus is afgesloten. Heropen hem eerst als je verder wilt.",
		CasePaused:       "Deze casus is gepauzeerd. Hervat hem eerst als je verder wilt.",
		Required:         "Vul hier iets in.",
		ChooseOne:        "Kies één van de mogelijkheden.",
		TooLongF:         "Je tekst is %d tekens lang; het maximum is %d. Maak hem korter.",
		PrivacyF:         "Je tekst lijkt %s te bevatten. Persoonsgegevens van burgers horen niet in deze casus; ik heb niets opgeslagen. Wil je het opnieuw formuleren, zonder die gegevens?",
		And:              " en ",
		NeedArgument:     "Voeg eerst minstens één argument toe, voor of tegen.",
		NotDecider:       "Het besluit legt degene vast die de casus startte, of een teamleider.",
		UnknownOption:    "Die keuze ken ik niet bij deze vraag.",
		NotInChannel:     "Ik ben nog geen lid van dit kanaal. Nodig me uit met `/invite @maatwerkbot` en probeer het opnieuw.",
		DeliveryProblemF: ":warning: Slack weigerde een bericht over deze casus (%s). Vraag `@maatwerkbot samenvatting` voor de actuele stand, of meld het aan functioneel beheer.",
		SomethingWrong:   "Er ging iets mis aan mijn kant; je casus is niet veranderd. Probeer het zo nog eens.",
		UnknownCaseF:     "Ik ken geen casus %s in dit kanaal.",
		NotACaseThread:   "Dit is geen casus-thread. Start een casus met `/maatwerk`; daarna stel ik de vragen in de thread van die casus.",
		Help:             "*%[1]s* helpt je een casus te doordenken als de standaardregel misschien niet past.\n• `%[1]s` opent het venster voor een nieuwe casus\n• `%[1]s <korte omschrijving>` start meteen een casus\n• `%[1]s kaart` toont de kaarten, `%[1]s kaart <naam>` één kaart (bijvoorbeeld `%[1]s kaart signalen`)\n• `%[1]s varianten` toont de vier varianten van maatwerk en de dilemma's\n• `%[1]s help` toont deze uitleg\nIn de thread van een casus: reageer om een open vraag te beantwoorden, begin met `voor:` of `tegen:` voor een argument, of noem mij met `samenvatting` of `stap`.",
		UnknownCommandF:  "Dat ken ik niet: %q. Typ `%s help` voor wat ik kan.",
		EarlierF:         "Uit kaartversie %s, niet meer in het gesprek",
	}
}

func textsEN() *Texts {
	return &Texts{
		StepF:      "Step %d of %d",
		PhaseStepF: "%s · step %d of %d",
		Status: map[Status]string{
			StatusOpen:   "open",
			StatusPaused: "paused",
			StatusClosed: "closed",
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
		ArgumentsHint:  "Anyone in the thread can add arguments: with the button, or with a reply that starts with `pro:` or `con:`.",
		MultiHint:      "(numbers separated by commas, 0 = none)",
		ArgsReplyHint:  "('pro: …' or 'con: …' adds an argument, 'done' = continue)",
		TallyF:         "For: %d · Against: %d",
		ArgumentByF:    "%s (%s)",
		ReadingLabel:   "What the signals say",
		SignalsFound:   "Signals present",
		NoSignals:      "No signals ticked.",
		SeeAlso:        "See also",
		StartedF:       "Case %s has started. The questions are in the thread.",
		AskStartF:      "%s: %s",
		Summary:        "Summary",
		SummaryF:       "Summary of %s",
		Decision:       "Decision",
		Rationale:      "Rationale",
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

		StaleF:           "This question (step %d) has already been answered; the conversation is now at step %d.",
		CaseClosed:       "This case is closed. Reopen it first if you want to continue.",
		CasePaused:       "This case is paused. Resume it first if you want to continue.",
		Required:         "Please fill this in.",
		ChooseOne:        "Choose one of the options.",
		TooLongF:         "Your text is %d characters long; the maximum is %d. Please shorten it.",
		PrivacyF:         "Your text seems to contain %s. Citizens' personal data does not belong in this case; I have stored nothing. Could you rephrase it without that data?",
		And:              " and ",
		NeedArgument:     "Add at least one argument first, for or against.",
		NotDecider:       "The decision is recorded by whoever started the case, or by a team lead.",
		UnknownOption:    "I don't know that choice for this question.",
		NotInChannel:     "I am not a member of this channel yet. Invite me with `/invite @maatwerkbot` and try again.",
		DeliveryProblemF: ":warning: Slack refused a message about this case (%s). Ask `@maatwerkbot summary` for the current state, or tell your administrator.",
		SomethingWrong:   "Something went wrong on my side; your case has not changed. Please try again in a moment.",
		UnknownCaseF:     "I know no case %s in this channel.",
		NotACaseThread:   "This is not a case thread. Start a case with `/maatwerk`; I will then ask the questions in that case's thread.",
		Help:             "*%[1]s* helps you think a case through when the standard rule may not fit.\n• `%[1]s` opens the form for a new case\n• `%[1]s <short description>` starts a case at once\n• `%[1]s card` lists the cards, `%[1]s card <name>` shows one (for example `%[1]s card signals`)\n• `%[1]s variants` shows the four variants of maatwerk and the dilemmas\n• `%[1]s help` shows this help\nIn a case's thread: reply to answer an open question, start with `pro:` or `con:` for an argument, or mention me with `summary` or `step`.",
		UnknownCommandF:  "I don't know %q. Type `%s help` for what I can do.",
		EarlierF:         "From card version %s, no longer in the conversation",
	}
}
