package dialogs

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseArgument recognises a reply that adds an argument: "voor: …",
// "tegen: …", "pro: …" or "con: …" (also "contra:", "against:", "for:"), in
// any case, after leading spaces or Slack formatting such as "*voor*:". It
// returns whether the argument is for maatwerk and its text.
func ParseArgument(text string) (pro bool, rest string, ok bool) {
	s := strings.TrimLeftFunc(text, unicode.IsSpace)
	s = strings.TrimLeft(s, "*_~")
	word, after, found := strings.Cut(s, ":")
	if !found || len(word) > 10 {
		return false, "", false
	}
	word = strings.ToLower(strings.TrimRight(strings.TrimSpace(word), "*_~"))
	switch word {
	case "voor", "pro", "for":
		pro = true
	case "tegen", "con", "contra", "against":
		pro = false
	default:
		return false, "", false
	}
	rest = strings.TrimSpace(strings.TrimLeft(after, "*_~"))
	if strings.TrimSpace(strings.Trim(rest, "*_~")) == "" || !utf8.ValidString(rest) {
		return false, "", false
	}
	return pro, rest, true
}

// Command is a recognised mention command in a case thread.
type Command string

// The thread commands. Persisted nowhere; Dutch and English words map to
// the same command.
const (
	CmdNone    Command = ""
	CmdSummary Command = "summary"
	CmdStep    Command = "step"
	CmdHelp    Command = "help"
	CmdPause   Command = "pause"
	CmdResume  Command = "resume"
	CmdClose   Command = "close"
	CmdReopen  Command = "reopen"
	// CmdWithdraw withdraws an argument: "trek in 2", "withdraw 2".
	CmdWithdraw Command = "withdraw"
)

// ParseCommand reads the first word of a mention's text (the mention itself
// already removed) as a thread command, and returns the rest.
func ParseCommand(text string) (Command, string) {
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return CmdHelp, ""
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), fields[0]))
	word := strings.ToLower(strings.Trim(fields[0], ".,!?:*_"))
	if word == "" && strings.Contains(fields[0], "?") {
		word = "?" // a bare question mark asks for help
	}
	switch word {
	case "samenvatting", "summary", "overzicht":
		return CmdSummary, rest
	case "stap", "step", "vraag", "question":
		return CmdStep, rest
	case "help", "hulp", "?":
		return CmdHelp, rest
	case "pauze", "pauzeer", "pause":
		return CmdPause, rest
	case "hervat", "resume":
		return CmdResume, rest
	case "sluit", "close":
		return CmdClose, rest
	case "heropen", "reopen":
		return CmdReopen, rest
	case "trek", "intrekken", "withdraw":
		if word == "trek" {
			// "trek in 2", "trek 2 in", "trek argument 2 in"
			rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "in "))
			rest = strings.TrimSpace(strings.TrimSuffix(rest, " in"))
			if rest == "in" {
				rest = ""
			}
		}
		return CmdWithdraw, rest
	}
	return CmdNone, text
}

// ParseArgumentNumber reads the argument number of a withdraw command:
// "2", "#2", "argument 2", "nr. 2".
func ParseArgumentNumber(rest string) (int, bool) {
	for _, f := range strings.Fields(rest) {
		f = strings.Trim(f, "#.,:()")
		if n, err := strconv.Atoi(f); err == nil && n > 0 {
			return n, true
		}
	}
	return 0, false
}

// IsReserved reports whether a reply is one of the words that steer the
// conversation — help, ?, stop, samenvatting, verslag, terug, wijzig [stap] (and
// their English) — rather than an answer. Such a word is never stored as
// an answer, at any question. Only the word itself counts (with a step
// number after wijzig): "Stop de terugvordering, want …" is an answer.
func IsReserved(text string) bool {
	word, arg, _ := strings.Cut(strings.ToLower(strings.TrimSpace(text)), " ")
	arg = strings.TrimSpace(arg)
	switch word {
	case "help", "?", "hulp", "stop", "quit", "exit", "samenvatting", "summary", "verslag", "report", "terug", "back":
		return arg == ""
	case "wijzig", "change":
		return arg == "" || strings.Trim(arg, "0123456789") == ""
	}
	return false
}
