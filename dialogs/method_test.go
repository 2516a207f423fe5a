package dialogs

import (
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// answerMandate advances c to the mandate question and answers it with
// option id.
func answerMandate(t *testing.T, e *Engine, c *record.Case, id string) {
	t.Helper()
	advanceTo(t, e, c, stepMandaat)
	p := mustPrompt(t, e, c)
	in := Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{id}}
	if p.NeedsText(id) {
		in.Text = "De afdeling juridische zaken."
	}
	mustAnswer(t, e, c, in)
}

func TestMoreInformationPausesAtTheDecision(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepBesluit)
	p := mustPrompt(t, e, c)
	step, n := c.Step, len(c.Answers)

	// Without saying which facts are missing, nothing happens.
	_, err := e.Answer(c, Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{"meer-info"}})
	wantUserError(t, err, CodeRequired, "text")

	clk.Advance(time.Hour)
	out := mustAnswer(t, e, c, Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{"meer-info"},
		Text: "Het inkomen van de partner ontbreekt; ik vraag het op, uiterlijk vrijdag."})
	if out.Waiting == nil || out.Finished || out.Next != nil {
		t.Fatalf("outcome %+v: want Waiting only", out)
	}
	if c.Decision != nil || len(c.Answers) != n || c.Step != step {
		t.Errorf("decision %+v, %d answers (was %d), step %d (was %d): a pause is not a decision", c.Decision, len(c.Answers), n, c.Step, step)
	}
	ev, ok := c.Waiting()
	if !ok || c.Status != record.StatusPaused || !strings.Contains(ev.Reason, "partner") || ev.By != starter {
		t.Fatalf("Waiting() = %+v, %v; status %s", ev, ok, c.Status)
	}
	if got := e.StatusText(c); got != TextsFor(cards.NL).StatusWaiting {
		t.Errorf("status text %q", got)
	}
	if c.LookBack != nil {
		t.Errorf("a pause plans a look back: %+v", c.LookBack)
	}
	// The buttons shown before are stale now; an answer is refused with
	// what the case waits for.
	_, err = e.Answer(c, Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{"maatwerk"}, Text: "Toch."})
	if ue := wantUserError(t, err, CodePaused, ""); !strings.Contains(ue.In(cards.NL), "partner") {
		t.Errorf("refusal %q does not say what is missing", ue.In(cards.NL))
	}
	s := e.Summarize(c)
	if s.Waiting == nil || s.Decision != nil {
		t.Errorf("summary Waiting %+v, Decision %+v", s.Waiting, s.Decision)
	}
	if plain := PlainSummary(s, func(u string) string { return u }, nil); !strings.Contains(plain, "Wacht op informatie") {
		t.Errorf("plain summary does not show the wait:\n%s", plain)
	}

	// Resumed, the case is at the decision again: never past it.
	if err := e.Resume(c, starter, false); err != nil {
		t.Fatal(err)
	}
	if q := mustPrompt(t, e, c); q.StepID != stepBesluit || q.Seq == p.Seq {
		t.Fatalf("after resuming: step %s seq %d (before %d), want the decision with a new seq", q.StepID, q.Seq, p.Seq)
	}
	if _, ok := c.Waiting(); ok {
		t.Error("still waiting after resume")
	}
}

func TestDecisionOutsideMandateGoesToVoorleggen(t *testing.T) {
	for _, tc := range []struct {
		mandate string
		in      Input
		refused bool
	}{
		{"ikzelf", Input{By: starter}, false},
		{"teamleider", Input{By: starter}, true},
		{"anders", Input{By: starter}, true},
		{"teamleider", Input{By: colleague, Lead: true}, false},  // a lead records it
		{"teamleider", Input{By: starter, NoLeads: true}, false}, // nobody to put it to
	} {
		t.Run(tc.mandate, func(t *testing.T) {
			e, _ := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			answerMandate(t, e, c, tc.mandate)
			p := mustPrompt(t, e, c)
			if p.StepID != stepBesluit {
				t.Fatalf("at %s", p.StepID)
			}
			if (tc.mandate != "ikzelf") != (p.Notice != "") {
				t.Errorf("notice %q at mandate %s", p.Notice, tc.mandate)
			}
			for _, choice := range []string{"maatwerk", "regel"} {
				in := tc.in
				in.Seq, in.Step, in.Choices, in.Text = p.Seq, p.StepID, []string{choice}, "Omdat het doel anders niet wordt bereikt."
				if err := e.CheckChoice(c, in, choice); tc.refused {
					ue := wantUserError(t, err, CodeOutsideMandate, "choice")
					if !strings.Contains(ue.In(cards.NL), "Voorleggen") {
						t.Errorf("refusal %q does not point to Voorleggen", ue.In(cards.NL))
					}
				} else if err != nil {
					t.Errorf("CheckChoice(%s): %v", choice, err)
				}
			}
			if !tc.refused {
				return
			}
			in := Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{"maatwerk"}, Text: "Toch maar."}
			_, err := e.Answer(c, in)
			wantUserError(t, err, CodeOutsideMandate, "choice")
			if c.Decision != nil {
				t.Fatal("decision recorded outside the mandate")
			}
			in.Choices, in.Leads = []string{"voorleggen"}, []string{"U-LEAD"}
			if out := mustAnswer(t, e, c, in); out.Escalated == nil {
				t.Fatalf("voorleggen did not escalate: %+v", out)
			}
			lead := Input{Seq: c.Seq, Step: stepBesluit, By: "U-LEAD", Lead: true, Choices: []string{"maatwerk"}, Text: "Besloten na overleg met de afdeling, omdat de norm hier te krap is."}
			mustAnswer(t, e, c, lead)
			if c.Decision == nil || c.Decision.By != "U-LEAD" {
				t.Errorf("decision %+v, want the lead's", c.Decision)
			}
		})
	}
}

func TestRecallAndScheme(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL) // scheme "Participatiewet"
	advanceTo(t, e, c, stepRuimte)
	if p := mustPrompt(t, e, c); p.SchemeTitle != "Participatiewet" || !strings.Contains(p.SchemeText, "18 lid 1") {
		t.Errorf("scheme %q %q", p.SchemeTitle, p.SchemeText)
	}
	answerMandate(t, e, c, "ikzelf")
	p := mustPrompt(t, e, c)
	if len(p.Recall) != 1 || p.Recall[0].Answer != "Ikzelf" {
		t.Errorf("recall %+v, want the mandate answer", p.Recall)
	}

	other := mustNewCase(t, e, cards.NL)
	other.Scheme = "Wmo 2015"
	advanceTo(t, e, other, stepRuimte)
	if p := mustPrompt(t, e, other); p.SchemeTitle != "" {
		t.Errorf("scheme %q for a Wmo case", p.SchemeTitle)
	}
}

func TestContainsWord(t *testing.T) {
	for _, tc := range []struct {
		s, w string
		want bool
	}{
		{"Participatiewet", "participatiewet", true},
		{"PW art. 18", "pw", true},
		{"bijzondere bijstand", "bijstand", true},
		{"pwned", "pw", false},
		{"bijstandsuitkering", "bijstand", false},
		{"Wet gemeentelijke schuldhulpverlening", "gemeentelijke schuldhulpverlening", true},
		{"", "pw", false},
		{"pw", "", false},
	} {
		if got := containsWord(tc.s, tc.w); got != tc.want {
			t.Errorf("containsWord(%q, %q) = %v", tc.s, tc.w, got)
		}
	}
}

func TestLookBackAWeekAfterTheDecision(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	if err := e.RecordLookBack(c, starter, false, "Te vroeg."); err == nil {
		t.Fatal("look back before any decision")
	}
	advanceTo(t, e, c, stepBesluit)
	p := mustPrompt(t, e, c)
	decided := clk.Now()
	mustAnswer(t, e, c, Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{"regel"}, Text: "Ik pas de regel toe, omdat die hier past."})
	if c.LookBack == nil || !c.LookBack.Due.Equal(decided.Add(LookBackAfter)) {
		t.Fatalf("look back %+v, want due a week after %v", c.LookBack, decided)
	}
	advanceTo(t, e, c, stepSignaal)
	mustAnswer(t, e, c, genericInput(t, e, c, mustPrompt(t, e, c)))
	if c.Status != record.StatusClosed {
		t.Fatalf("status %s", c.Status)
	}
	if c.LookBackDue(decided.Add(LookBackAfter - time.Minute)) {
		t.Error("due before the week is over")
	}
	if !c.LookBackDue(decided.Add(LookBackAfter)) {
		t.Error("not due after a week")
	}
	clk.Advance(LookBackAfter)
	if _, ok := c.LookBackPending(); !ok {
		t.Error("not pending before it was asked")
	}
	c.SetPost(record.PostLookBack, "1.2") // the transport asked it
	if _, ok := c.LookBackPending(); ok {
		t.Error("still pending after it was asked")
	}
	if q, _, ok := e.LookBackQuestion(c); !ok || q != "Hoe ging het gesprek?" {
		t.Errorf("question %q %v", q, ok)
	}
	// Only the starter or a lead; personal data is refused; the answer
	// lands in the closed case and its summary.
	if err := e.RecordLookBack(c, colleague, false, "Ging goed."); err == nil {
		t.Error("a colleague recorded the look back")
	}
	err := e.RecordLookBack(c, starter, false, "Bel me op 0612345678.")
	wantUserError(t, err, CodePrivacy, "text")
	if err := e.RecordLookBack(c, starter, false, "De inwoner begreep het besluit en weet hoe bezwaar werkt."); err != nil {
		t.Fatal(err)
	}
	s := e.Summarize(c)
	if s.LookBack == nil || !strings.Contains(PlainSummary(s, func(u string) string { return u }, nil), "weet hoe bezwaar werkt") {
		t.Errorf("summary look back %+v", s.LookBack)
	}
}

// A case asked under earlier content continues at the first question of
// the current flow it has not answered, and never asks one twice.
func TestOldContentCaseContinues(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepRuimte)
	// Pretend the case was asked under content without the ruimte step and
	// sat, in that flow, at the mandate question (index 5 there).
	c.CardsVersion = "old-1"
	c.Step = 5
	p := mustPrompt(t, e, c)
	if p.StepID != stepRuimte {
		t.Fatalf("open step %s, want the unanswered %s", p.StepID, stepRuimte)
	}
	mustAnswer(t, e, c, genericInput(t, e, c, p))
	if p := mustPrompt(t, e, c); p.StepID != stepMandaat {
		t.Fatalf("then %s, want %s", p.StepID, stepMandaat)
	}
	for {
		p, ok := e.Prompt(c)
		if !ok {
			break
		}
		mustAnswer(t, e, c, genericInput(t, e, c, p))
	}
	seen := map[string]int{}
	for _, a := range c.Answers {
		if seen[a.Step]++; seen[a.Step] > 1 {
			t.Errorf("step %s answered twice", a.Step)
		}
	}
	if c.CardsVersion != "old-1" || c.Status != record.StatusClosed {
		t.Errorf("version %q status %s: the case keeps the version it was started under", c.CardsVersion, c.Status)
	}
}

// The team lead's digest lists the cases waiting for information and counts
// the policy signals of the week, listing the ones with a note.
func TestDigestWaitingAndPolicySignals(t *testing.T) {
	e, clk := newTestEngine(t)
	loc := time.UTC
	w := WeekOf(t0, loc)

	waiting := mustNewCase(t, e, cards.NL)
	waiting.ID, waiting.Channel = 1, "C"
	advanceTo(t, e, waiting, stepBesluit)
	p := mustPrompt(t, e, waiting)
	mustAnswer(t, e, waiting, Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{"meer-info"}, Text: "Het huurcontract ontbreekt."})

	signal := func(id int64, choice, note string) *record.Case {
		c := mustNewCase(t, e, cards.NL)
		c.ID, c.Channel = id, "C"
		advanceTo(t, e, c, stepSignaal)
		p := mustPrompt(t, e, c)
		mustAnswer(t, e, c, Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{choice}, Text: note})
		return c
	}
	cases := []*record.Case{waiting,
		signal(2, "terugkerend", "Komt elke maand voor bij jongeren."),
		signal(3, "terugkerend", "Zelfde groep."),
		signal(4, "geen", ""),
	}
	clk.Advance(48 * time.Hour)
	d := e.Digest(cases, DigestParams{Channel: "C", Week: w, Loc: loc, Now: clk.Now()})
	if len(d.Waiting) != 1 || d.Waiting[0].ID != 1 || !strings.Contains(d.Waiting[0].Note, "huurcontract") {
		t.Errorf("Waiting = %+v", d.Waiting)
	}
	if len(d.PolicySignals) != 2 {
		t.Fatalf("PolicySignals = %+v", d.PolicySignals)
	}
	rec, none := d.PolicySignals[1], d.PolicySignals[0]
	if none.ID != "" || len(none.Cases) != 1 || rec.ID != "terugkerend" || len(rec.Cases) != 2 || rec.Cases[0].Note != "Komt elke maand voor bij jongeren." {
		t.Errorf("policy groups %+v / %+v", none, rec)
	}
	plain := PlainDigest(d, DigestFormat{Command: "/maatwerk"})
	for _, want := range []string{"Wacht op informatie voor het besluit (1)", "huurcontract",
		"Signalen voor beleid", "Geen signaal (1)", "Terugkerend: kandidaat-beleidscategorie (2):", "Komt elke maand voor bij jongeren", "kaart beleid"} {
		if !strings.Contains(plain, want) {
			t.Errorf("digest lacks %q:\n%s", want, plain)
		}
	}
}
