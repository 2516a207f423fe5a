package dialogs

import "github.com/maatwerkbot/maatwerkbot/dialogs/record"

// Texts are the interface texts around the card content: labels, buttons,
// statuses and messages. Their values come from the catalog
// (dialogs/catalog), key "Texts.<Field>". Fields ending in F are fmt format strings; the
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

	NewCaseTitle  string
	AnswerTitle   string
	ArgumentTitle string
	TitleLabel    string
	TitleHint     string
	SchemeLabel   string
	SchemeHint    string
	// ZaaknummerLabel and ZaaknummerHint ask for the optional zaaknummer;
	// ZaaknummerShape says what one may look like; Zaaknummer labels it.
	ZaaknummerLabel string
	ZaaknummerHint  string
	ZaaknummerShape string
	Zaaknummer      string
	// Optional says that a field may stay empty (the console's prompts).
	Optional string
	// ReportBtn asks for the case's document as a PDF.
	ReportBtn      string
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

	CaseF         string // "Casus %s"
	StartedByF    string // "Gestart door %s op %s"
	Scheme        string
	Urgency       string
	Progress      string
	StatusLabel   string
	AnsweredByF   string // "%s antwoordde: %s"
	NoneChosen    string
	ThreadHint    string
	ArgumentsHint string
	MultiHint     string // console: how to tick options
	ArgsReplyHint string // console: how to add arguments and go on
	TallyF        string // "Voor: %d · Tegen: %d"
	ArgumentByF   string // "%s (%s)" text, author
	ReadingLabel  string
	SignalsFound  string
	NoSignals     string
	SeeAlso       string
	StartedF      string // console: "Casus %s is gestart. De vragen volgen hieronder."
	AskStartF     string // root message fallback "%s: %s"
	Summary       string
	SummaryF      string // "Samenvatting van %s"
	Decision      string
	Rationale     string
	DecidedByF    string // "besloten door %s op %s"
	Closed        string
	ClosedEarlyF  string // "Afgesloten na de signalen: %s"
	Reason        string
	Participants  string
	Discussion    string
	// Period and ContentVersion label the period and the content version
	// in the footer of a summary.
	Period         string
	ContentVersion string
	// Weighing heads the weighing in a summary when the content has no
	// phase for it; VariantLabel heads the variant and the tension.
	Weighing       string
	VariantLabel   string
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
	MandateAloneF     string // the same where no team lead can receive it
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
	UnknownButtonF      string // %[1]s the command
	NotAnswered         string // a correction of a question not yet answered
	DocTitleF           string // %s the case id: heading of the case document
	DocCase             string // heading of the case's particulars
	DocStartedF         string // %s who, %s when
	DocChanged          string // marks an answer that was changed
	DocHistory          string // heading of the appendix of changed answers
	DocDecision         string // heading of the decision and its motivering
	DocFooterF          string // %s content version, %s first day, %s last day
	DocPageF            string // %d this page, %d the pages: the foot of each page of the printed copy
	ReservedHint        string // a steering word typed as an answer in the thread
	ChangeBtn           string // the button on an answered question
	ChangeTitle         string // the title of the form that changes it
	ChangeNowF          string // %s the current answer
	ChangeChoice        string // label of the options in that form
	ChangedF            string // %d the step: told to whoever changed it
	ReviewF             string // %s the later steps that build on it
	NotYourAnswer       string // who may change an answer
	CorrectArguments    string // arguments are changed one by one
	CorrectNotHere      string // a closing, escalating or waiting choice as a correction
	NotACaseThread      string
	Help                string // the slash command's help; %[1]s is the command
	EarlierF            string // "Uit kaartversie %s, niet meer in het gesprek"
	UnknownCommandF     string // "Dat ken ik niet: %q. ..."

	// Warnings before a decision is recorded (warnings.go).
	WarnShortRationaleF string // %d the fewest words of a motivering
	WarnOutsideMandateF string // %s the answer to the mandate question
	// WarnShortRationale and WarnOutsideMandate name the warnings in the
	// record of a decision that went on despite them.
	WarnShortRationale string
	WarnOutsideMandate string
	WarnedLabel        string // "Vastgelegd ondanks waarschuwing"
	WarnHeading        string // the form: above the warnings
	WarnGoOnHint       string // the form: record anyway, or change the motivering
	WarnGoOn           string // the form's submit button after a warning

	// Dates (dates.go).
	Months  [12]string // January first, as time.Month - 1
	PeriodF string     // "%s tot en met %s": the first and the last day

	// The Workflow Builder step "Start maatwerkcasus" (issue 17.6): why it
	// started no case, told to whoever ran the workflow (plain text).
	WorkflowRefusedF     string // %[1]s the input's label, %[2]s the problem
	WorkflowNoChannel    string
	WorkflowNotInChannel string
	WorkflowUnknownStep  string
	WorkflowFailed       string
	// Nudges for stalled cases (nudge.go; issue 17.2). NudgeStarterF and
	// NudgeLeadsF count working days: format them with NudgeText.
	NudgeStarterF    string // %s the case id, %d working days, %s the day of the last activity
	NudgeLeadsF      string // %s the case id, %s the starter, %d working days, %s the day
	NudgeQuestion    string // label of the open question
	NudgeNoQuestion  string // the case has no open question (it waits for a team lead)
	NudgeGo          string // button: to the open question in the thread
	NudgePause       string // button: pause until a date
	NudgeClose       string // button: close the case
	NudgeOpen        string // the team lead's button: to the thread
	NudgePauseTitle  string // the pause form's title
	NudgeUntilLabel  string
	NudgeUntilHint   string
	NudgeReasonLabel string
	NudgeReasonHint  string
	NudgeCloseTitle  string // the close form's title
	NudgeCloseLabel  string
	NudgeCloseHint   string
	NudgePausedF     string // %s who, %s the day: the DM after pausing
	NudgeClosedF     string // %s who: the DM after closing
	NudgeDone        string // the DM's case is no longer quiet
	PausedUntilF     string // %s who, %s the day: the thread notice
	PauseReasonF     string // %s the reason, under that notice
	WokenF           string // %s the day: the thread notice when the pause ends
	PauseDatePast    string
	PauseDateFar     string // the date lies too far ahead (MaxPauseDays)
	// StatusPausedUntilF is the status of a case paused until a day (%s).
	StatusPausedUntilF string
	// Shortcuts (issue 17.1): a case from a message, or from anywhere.
	SourceLink      string // the root message's link to the source message
	SourceLabel     string // the record's label of that link
	FromMessageNote string // the form: the title was taken from the message
	NotCopiedF      string // the form: %s the kinds of personal data found
	ChannelLabel    string // the form's channel picker
	ChannelHint     string
	ChannelWrong    string // the field error when no channel was chosen
}
