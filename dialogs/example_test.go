package dialogs_test

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// A transport starts a case, shows its open question and passes the answer
// back with the prompt's Seq and StepID, so that a stale click is refused.
func ExampleEngine_Answer() {
	set, err := cards.LoadDir(filepath.Join("testdata", "cards"))
	if err != nil {
		fmt.Println(err)
		return
	}
	clock := func() time.Time { return time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC) }
	e := dialogs.New(set, clock)

	c, err := e.NewCase(dialogs.Start{Channel: dialogs.ConsoleChannel, Title: "Huurachterstand na verhuizing", By: "U1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := e.Prompt(c)
	fmt.Printf("%d/%d %s\n", p.Number, p.Total, p.Text)

	out, err := e.Answer(c, dialogs.Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"stapeling"}, By: "U1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d/%d %s\n", out.Next.Number, out.Next.Total, out.Next.Text)

	// The same click again is stale.
	_, err = e.Answer(c, dialogs.Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"stapeling"}, By: "U1"})
	if ue, ok := dialogs.AsError(err); ok {
		fmt.Println(ue.Code)
	}
	// Output:
	// 1/10 Welke signalen zie je in de uitkomst?
	// 2/10 Welke signalen zie je bij de persoon?
	// stale
}

func ExampleParseArgument() {
	for _, reply := range []string{
		"voor: De uitkomst is onevenredig voor dit gezin.",
		"*Tegen*: Gelijke gevallen horen gelijk behandeld te worden.",
		"con: It sets a precedent.",
		"voorstel: eerst even bellen",
	} {
		pro, text, ok := dialogs.ParseArgument(reply)
		switch {
		case !ok:
			fmt.Println("no argument")
		case pro:
			fmt.Println("+", text)
		default:
			fmt.Println("-", text)
		}
	}
	// Output:
	// + De uitkomst is onevenredig voor dit gezin.
	// - Gelijke gevallen horen gelijk behandeld te worden.
	// - It sets a precedent.
	// no argument
}

func ExampleParseCommand() {
	for _, text := range []string{"samenvatting", "Stap?", "", "wat vind jij?"} {
		cmd, _ := dialogs.ParseCommand(text)
		fmt.Printf("%q\n", cmd)
	}
	// Output:
	// "summary"
	// "step"
	// "help"
	// ""
}
