package dialogs

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

const lead = "U-LEAD"

func TestPauseResumeCloseReopen(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepDoel)
	step, seq := c.Step, c.Seq
	steps := []struct {
		name  string
		do    func() error
		code  ErrorCode
		want  record.Status
		field string
	}{
		{"a colleague may not pause", func() error { return e.Pause(c, colleague, false) }, CodeNotAllowed, record.StatusOpen, ""},
		{"resume an open case", func() error { return e.Resume(c, starter, false) }, CodeInvalid, record.StatusOpen, ""},
		{"reopen an open case", func() error { return e.Reopen(c, starter, false) }, CodeInvalid, record.StatusOpen, ""},
		{"the starter pauses", func() error { return e.Pause(c, starter, false) }, "", record.StatusPaused, ""},
		{"pause twice", func() error { return e.Pause(c, starter, false) }, CodePaused, record.StatusPaused, ""},
		{"an answer while paused", func() error {
			_, err := e.Answer(c, Input{Seq: c.Seq, Step: stepDoel, Text: "x", By: starter})
			return err
		}, CodePaused, record.StatusPaused, ""},
		{"an argument while paused", func() error {
			_, err := e.AddArgument(c, ArgumentInput{Pro: true, Text: "x", By: starter})
			return err
		}, CodePaused, record.StatusPaused, ""},
		{"a colleague may not resume", func() error { return e.Resume(c, colleague, false) }, CodeNotAllowed, record.StatusPaused, ""},
		{"a lead resumes", func() error { return e.Resume(c, lead, true) }, "", record.StatusOpen, ""},
		{"close without a reason", func() error { return e.CloseEarly(c, starter, false, "  ") }, CodeRequired, record.StatusOpen, "reason"},
		{"close with personal data", func() error { return e.CloseEarly(c, starter, false, "bel 06-12345678") }, CodePrivacy, record.StatusOpen, "reason"},
		{"a colleague may not close", func() error { return e.CloseEarly(c, colleague, false, "klaar") }, CodeNotAllowed, record.StatusOpen, ""},
		{"the starter closes", func() error { return e.CloseEarly(c, starter, false, " Burger trok bezwaar in. ") }, "", record.StatusClosed, ""},
		{"close twice", func() error { return e.CloseEarly(c, starter, false, "nogmaals") }, CodeClosed, record.StatusClosed, ""},
		{"an answer while closed", func() error {
			_, err := e.Answer(c, Input{Seq: c.Seq, Step: stepDoel, Text: "x", By: starter})
			return err
		}, CodeClosed, record.StatusClosed, ""},
		{"a colleague may not reopen", func() error { return e.Reopen(c, colleague, false) }, CodeNotAllowed, record.StatusClosed, ""},
		{"the starter reopens", func() error { return e.Reopen(c, starter, false) }, "", record.StatusOpen, ""},
	}
	for _, st := range steps {
		clk.Advance(time.Minute)
		before := caseJSON(t, c)
		err := st.do()
		if st.code != "" {
			wantUserError(t, err, st.code, st.field)
			if caseJSON(t, c) != before {
				t.Errorf("%s: the refusal changed the case", st.name)
			}
		} else if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if c.Status != st.want {
			t.Fatalf("%s: status %s, want %s", st.name, c.Status, st.want)
		}
		if st.name == "the starter closes" {
			if c.Closure == nil || c.Closure.Reason != "Burger trok bezwaar in." || !c.Closure.Early || c.Closure.By != starter {
				t.Errorf("closure = %+v", c.Closure)
			}
			s := e.Summarize(c)
			if s.CloseReason != "Burger trok bezwaar in." || s.CloseBy != starter || s.Status != "afgesloten" {
				t.Errorf("summary of the closed case: reason %q by %q status %q", s.CloseReason, s.CloseBy, s.Status)
			}
		}
	}
	if c.Step != step || c.Seq != seq || c.Closure != nil {
		t.Errorf("after reopening: step %d seq %d closure %+v; want step %d seq %d, no closure", c.Step, c.Seq, c.Closure, step, seq)
	}
	var kinds []record.EventKind
	for _, ev := range c.Log {
		kinds = append(kinds, ev.Kind)
	}
	if want := []record.EventKind{record.EventPaused, record.EventResumed, record.EventClosed, record.EventReopened}; !slices.Equal(kinds, want) {
		t.Errorf("log %v, want %v", kinds, want)
	}
	// The conversation goes on where it was.
	mustAnswer(t, e, c, Input{Seq: c.Seq, Step: stepDoel, Text: "De regel wil schulden voorkomen.", By: colleague})
}

func TestWithdrawArgument(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepAfweging)
	mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Onevenredig", By: colleague})
	mustAddArgument(t, e, c, ArgumentInput{Pro: false, Text: "Precedent", By: starter})
	for _, tc := range []struct {
		name string
		n    int
		by   string
		code ErrorCode
	}{
		{"someone else's", 1, starter, CodeNotAllowed},
		{"unknown number", 9, colleague, CodeInvalid},
		{"own", 1, colleague, ""},
		{"twice", 1, colleague, CodeInvalid},
	} {
		before := caseJSON(t, c)
		a, err := e.WithdrawArgument(c, tc.n, tc.by)
		if tc.code != "" {
			ue := wantUserError(t, err, tc.code, "")
			if ue.Code == CodeNotAllowed && !strings.Contains(ue.In(cards.NL), "Argument 1") {
				t.Errorf("%s: refusal %q does not name the argument", tc.name, ue.In(cards.NL))
			}
			if caseJSON(t, c) != before {
				t.Errorf("%s: the refusal changed the case", tc.name)
			}
			continue
		}
		if err != nil || !a.Withdrawn || a.N != 1 {
			t.Fatalf("%s: %+v, %v", tc.name, a, err)
		}
	}
	pro, contra := c.ActiveArguments()
	if len(pro) != 0 || len(contra) != 1 {
		t.Errorf("after withdrawing: %d pro, %d contra; want 0, 1", len(pro), len(contra))
	}
	if p := mustPrompt(t, e, c); len(p.Pro) != 0 || len(p.Contra) != 1 {
		t.Errorf("the tally still shows the withdrawn argument: %+v", p.Pro)
	}
}

func TestEditAndDeleteMessages(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepDoel)
	if err := e.AddRemark(c, colleague, "Ik ken zo'n casus.", "r1"); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, e, c, Input{Seq: c.Seq, Step: stepDoel, Text: "Schulden voorkomen.", By: colleague, Ref: "a1"})
	mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Onevenredig", By: colleague, Ref: "g1"})
	mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Fout van de gemeente", By: colleague, Ref: "g2"})

	type check func(t *testing.T, ch RefChange)
	for _, tc := range []struct {
		name  string
		do    func() RefChange
		check check
	}{
		{"edit a remark", func() RefChange { return e.EditMessage(c, "r1", colleague, "Ik ken er twee.") }, func(t *testing.T, ch RefChange) {
			if ch.Kind != RefRemark || c.Discussion[0].Text != "Ik ken er twee." || !c.Discussion[0].Edited {
				t.Errorf("%+v; discussion %+v", ch, c.Discussion)
			}
		}},
		{"edit the latest answer", func() RefChange { return e.EditMessage(c, "a1", colleague, "Bestaanszekerheid bieden.") }, func(t *testing.T, ch RefChange) {
			a, _ := c.AnswerTo(stepDoel)
			if ch.Kind != RefAnswer || ch.Step != stepDoel || a.Text != "Bestaanszekerheid bieden." || !a.Edited {
				t.Errorf("%+v; answer %+v", ch, a)
			}
			if got := e.AnswerText(c, a); got != "Bestaanszekerheid bieden. (bewerkt)" {
				t.Errorf("AnswerText = %q", got)
			}
		}},
		{"edit the answer with personal data", func() RefChange { return e.EditMessage(c, "a1", colleague, "mail a@b.nl") }, func(t *testing.T, ch RefChange) {
			a, _ := c.AnswerTo(stepDoel)
			if ch.Problem == nil || ch.Problem.Code != CodePrivacy || a.Text != "Bestaanszekerheid bieden." {
				t.Errorf("%+v; answer %+v", ch, a)
			}
		}},
		{"edit an argument, changing sides", func() RefChange { return e.EditMessage(c, "g1", colleague, "tegen: precedentwerking") }, func(t *testing.T, ch RefChange) {
			a := c.Arguments[0]
			if ch.Kind != RefArgument || ch.Argument != 1 || a.Pro || a.Text != "precedentwerking" || !a.Edited {
				t.Errorf("%+v; argument %+v", ch, a)
			}
		}},
		{"edit an argument to personal data", func() RefChange { return e.EditMessage(c, "g2", colleague, "voor: BSN 123456782") }, func(t *testing.T, ch RefChange) {
			a := c.Arguments[1]
			if !ch.Removed || ch.Problem == nil || ch.Problem.Code != CodePrivacy || !a.Withdrawn || a.Text != "" {
				t.Errorf("%+v; argument %+v", ch, a)
			}
		}},
		{"answer the next step, then edit the old answer", func() RefChange {
			mustAnswer(t, e, c, genericInput(t, e, c, mustPrompt(t, e, c)))
			return e.EditMessage(c, "a1", colleague, "Toch iets anders.")
		}, func(t *testing.T, ch RefChange) {
			a, _ := c.AnswerTo(stepDoel)
			last := c.Discussion[len(c.Discussion)-1]
			if ch.Kind != RefRemark || a.Text != "Bestaanszekerheid bieden." || last.Ref != "a1" || last.Text != "Toch iets anders." || !last.Edited {
				t.Errorf("%+v; answer %+v; remark %+v", ch, a, last)
			}
		}},
		{"edit an unknown message", func() RefChange { return e.EditMessage(c, "x9", colleague, "nieuw") }, func(t *testing.T, ch RefChange) {
			if ch.Kind != RefNone {
				t.Errorf("%+v", ch)
			}
		}},
		{"delete a remark", func() RefChange { return e.DeleteMessage(c, "r1") }, func(t *testing.T, ch RefChange) {
			if ch.Kind != RefRemark || !ch.Removed || slices.ContainsFunc(c.Discussion, func(r record.Remark) bool { return r.Ref == "r1" }) {
				t.Errorf("%+v; discussion %+v", ch, c.Discussion)
			}
		}},
		{"delete an argument", func() RefChange { return e.DeleteMessage(c, "g1") }, func(t *testing.T, ch RefChange) {
			if ch.Kind != RefArgument || !c.Arguments[0].Withdrawn {
				t.Errorf("%+v; argument %+v", ch, c.Arguments[0])
			}
		}},
		{"delete an answer", func() RefChange { return e.DeleteMessage(c, "a1") }, func(t *testing.T, ch RefChange) {
			a, ok := c.AnswerTo(stepDoel)
			if ch.Kind != RefAnswer || !ok || !a.Deleted || e.AnswerText(c, a) != "Bestaanszekerheid bieden. (bericht verwijderd)" {
				t.Errorf("%+v; answer %+v", ch, a)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk.Advance(time.Minute)
			tc.check(t, tc.do())
		})
	}
}

func TestEscalation(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepBesluit)
	decide := func(by string, isLead bool, choice, text string, noLeads bool) (Outcome, error) {
		return e.Answer(c, Input{Seq: c.Seq, Step: stepBesluit, Choices: []string{choice}, Text: text, By: by, Lead: isLead, NoLeads: noLeads})
	}
	if got := optionIDs(e.LeadChoices(c)); !slices.Equal(got, []string{"maatwerk", "regel"}) {
		t.Errorf("LeadChoices = %q, want maatwerk and regel", got)
	}
	if _, err := decide(starter, false, "voorleggen", "Buiten mijn mandaat.", true); err == nil {
		t.Fatal("escalated with no team lead configured")
	} else {
		wantUserError(t, err, CodeNoLead, "choice")
	}
	if _, err := decide(colleague, false, "voorleggen", "Graag een besluit.", false); err == nil {
		t.Fatal("a colleague escalated")
	} else {
		wantUserError(t, err, CodeNotDecider, "choice")
	}
	step, seq := c.Step, c.Seq
	clk.Advance(time.Hour)
	out, err := decide(starter, false, "voorleggen", "Buiten mijn mandaat.", false)
	if err != nil {
		t.Fatal(err)
	}
	esc, pending := c.PendingEscalation()
	if out.Escalated == nil || !pending || esc.By != starter || esc.Note != "Buiten mijn mandaat." || esc.Seq != seq+1 {
		t.Fatalf("outcome %+v; escalation %+v", out, esc)
	}
	if c.Step != step || c.Seq != seq+1 || c.Decision != nil || len(c.Answers) != step {
		t.Errorf("escalating moved the case: step %d seq %d decision %+v", c.Step, c.Seq, c.Decision)
	}
	for _, who := range []struct {
		by     string
		lead   bool
		choice string
	}{{starter, false, "maatwerk"}, {colleague, false, "maatwerk"}, {lead, true, "voorleggen"}} {
		if _, err := decide(who.by, who.lead, who.choice, "Motivering.", false); err == nil {
			t.Fatalf("%s decided %s while waiting for the lead", who.by, who.choice)
		} else {
			wantUserError(t, err, CodeEscalated, "choice")
		}
	}
	// A lead sends it back with a question.
	if err := e.ReturnEscalation(c, c.Seq, colleague, false, "Waarom?"); err == nil {
		t.Fatal("a colleague sent the case back")
	}
	if err := e.ReturnEscalation(c, c.Seq-1, lead, true, "Waarom?"); err == nil {
		t.Fatal("a stale question back was taken")
	} else {
		wantUserError(t, err, CodeStale, "")
	}
	if err := e.ReturnEscalation(c, c.Seq, lead, true, "Is de schuld al afgelost?"); err != nil {
		t.Fatal(err)
	}
	if _, pending := c.PendingEscalation(); pending || c.Seq != seq+2 {
		t.Errorf("after the question back: pending %v seq %d", pending, c.Seq)
	}
	if last := c.Discussion[len(c.Discussion)-1]; last.By != lead || last.Text != "Is de schuld al afgelost?" {
		t.Errorf("the question is not kept as discussion: %+v", last)
	}
	// Escalated again; the lead decides.
	if _, err := decide(starter, false, "voorleggen", "Nog steeds buiten mijn mandaat.", false); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	if _, err := decide(lead, true, "maatwerk", "Ik doe dit omdat de schuld door ons ontstond.", false); err != nil {
		t.Fatal(err)
	}
	if c.Decision == nil || c.Decision.By != lead || c.Decision.Option != "maatwerk" || !c.Decision.At.Equal(clk.Now()) {
		t.Errorf("decision %+v", c.Decision)
	}
	if len(c.Escalations) != 2 || c.Escalations[0].ReturnedBy != lead || c.Escalations[1].DecidedBy != lead {
		t.Errorf("escalations %+v", c.Escalations)
	}
	if c.Step != step+1 {
		t.Errorf("the lead's decision did not move the case on: step %d", c.Step)
	}
	s := e.Summarize(c)
	lines := s.EscalationLines(func(u string) string { return u })
	if len(lines) != 2 || lines[0] != "Voorgelegd aan de teamleider door U-START; teruggestuurd met een vraag door U-LEAD: Is de schuld al afgelost?" ||
		lines[1] != "Voorgelegd aan de teamleider door U-START; besloten door teamleider U-LEAD" {
		t.Errorf("escalation lines %q", lines)
	}
	if !slices.Contains(c.Participants(), lead) {
		t.Errorf("participants %v lack the lead", c.Participants())
	}
}

func TestCheckChoice(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	if err := e.CheckChoice(c, Input{By: colleague}, "kosten"); err != nil {
		t.Errorf("a signal question: %v", err)
	}
	advanceTo(t, e, c, stepBesluit)
	wantUserError(t, e.CheckChoice(c, Input{By: colleague}, "maatwerk"), CodeNotDecider, "choice")
	if err := e.CheckChoice(c, Input{By: starter}, "maatwerk"); err != nil {
		t.Errorf("the starter: %v", err)
	}
	if err := e.CheckChoice(c, Input{By: colleague, Lead: true}, "regel"); err != nil {
		t.Errorf("a lead: %v", err)
	}
}

func TestParseThreadCommands(t *testing.T) {
	for _, tc := range []struct {
		in   string
		cmd  Command
		rest string
	}{
		{"pauze", CmdPause, ""},
		{"Pause please", CmdPause, "please"},
		{"hervat", CmdResume, ""},
		{"resume", CmdResume, ""},
		{"sluit burger trok bezwaar in", CmdClose, "burger trok bezwaar in"},
		{"close: withdrawn", CmdClose, "withdrawn"},
		{"heropen", CmdReopen, ""},
		{"reopen", CmdReopen, ""},
		{"trek in 2", CmdWithdraw, "2"},
		{"trek 2 in", CmdWithdraw, "2"},
		{"withdraw #3", CmdWithdraw, "#3"},
		{"samenvatting", CmdSummary, ""},
	} {
		cmd, rest := ParseCommand(tc.in)
		if cmd != tc.cmd || rest != tc.rest {
			t.Errorf("ParseCommand(%q) = %q, %q; want %q, %q", tc.in, cmd, rest, tc.cmd, tc.rest)
		}
	}
	for _, tc := range []struct {
		in string
		n  int
		ok bool
	}{{"2", 2, true}, {"#3", 3, true}, {"argument 4", 4, true}, {"nr. 5", 5, true}, {"", 0, false}, {"twee", 0, false}, {"0", 0, false}} {
		if n, ok := ParseArgumentNumber(tc.in); n != tc.n || ok != tc.ok {
			t.Errorf("ParseArgumentNumber(%q) = %d, %v; want %d, %v", tc.in, n, ok, tc.n, tc.ok)
		}
	}
}

func TestParseArgumentForms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		pro  bool
		rest string
		ok   bool
	}{
		{"voor: onevenredig", true, "onevenredig", true},
		{"   VOOR:  onevenredig", true, "onevenredig", true},
		{"Tegen: precedent", false, "precedent", true},
		{"PRO: fair", true, "fair", true},
		{"  con: unfair", false, "unfair", true},
		{"*voor*: vet", true, "vet", true},
		{"voor:", false, "", false},
		{"voorstel: iets", false, "", false},
	} {
		pro, rest, ok := ParseArgument(tc.in)
		if pro != tc.pro || rest != tc.rest || ok != tc.ok {
			t.Errorf("ParseArgument(%q) = %v, %q, %v; want %v, %q, %v", tc.in, pro, rest, ok, tc.pro, tc.rest, tc.ok)
		}
	}
}
