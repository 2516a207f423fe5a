package dialogs

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// changedContent is the built-in content after an organisation edited it:
// the signal group "de regel" left the conversation (it stays on the
// card), the reflection question "geleerd" was renamed, and the version
// went up.
func changedContent(t *testing.T) *cards.Set {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(cards.Embedded(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(cards.Embedded(), path)
		fsys[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(file, old, new string) {
		s := string(fsys[file].Data)
		if !strings.Contains(s, old) {
			t.Fatalf("%s lacks %q", file, old)
		}
		fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
	}
	edit("flow.yaml", "      - signalen/regel\n", "")
	edit("flow.yaml", "vragen/geleerd", "vragen/wat-geleerd")
	edit("flow.yaml", `version: "2026.12-1"`, `version: "2027.01-1"`)
	edit("vragen.yaml", "  - id: geleerd\n", "  - id: wat-geleerd\n")
	set, err := cards.Load(fsys)
	if err != nil {
		t.Fatalf("changed content: %v", err)
	}
	return set
}

// TestOldCaseSummaryAfterContentChange asks a whole case under the built-in
// content and summarises it under changed content: every answer still
// shows, those whose steps left the conversation under their own heading
// with the case's card version, read from the card where the item remains.
func TestOldCaseSummaryAfterContentChange(t *testing.T) {
	old, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			clk := &testClock{now: t0}
			e := New(old, clk.Now)
			c, err := e.NewCase(Start{Channel: "C1", Title: "Huurachterstand", By: starter, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			c.ID = 9
			walk(t, e, clk, c)
			if c.CardsVersion != old.Version || old.Version == "" {
				t.Fatalf("case records cards version %q, content is %q", c.CardsVersion, old.Version)
			}
			before := e.Summarize(c)

			changed := changedContent(t)
			e2 := New(changed, clk.Now)
			after := e2.Summarize(c)
			tx := TextsFor(lang)

			if after.Decision == nil || after.Decision.Option != before.Decision.Option {
				t.Errorf("decision %+v, before %+v", after.Decision, before.Decision)
			}
			last := after.Phases[len(after.Phases)-1]
			wantTitle := strings.Replace(tx.EarlierF, "%s", old.Version, 1)
			if last.Title != wantTitle {
				t.Fatalf("last phase %q, want %q; phases %+v", last.Title, wantTitle, after.Phases)
			}
			_, regel, _ := old.Lookup("signalen/regel")
			a, _ := c.AnswerTo("signalen/regel")
			var got []string
			for _, en := range last.Entries {
				got = append(got, en.Label)
			}
			if len(last.Entries) != 2 {
				t.Fatalf("earlier entries %q, want the signal group and the renamed question", got)
			}
			// The signal group is still on the card: its title and the signals' texts.
			if last.Entries[0].Label != regel.Title.In(lang) {
				t.Errorf("entry 0 label %q, want %q", last.Entries[0].Label, regel.Title.In(lang))
			}
			if want := e.ChoiceText(c, a); last.Entries[0].Answer != want || strings.Contains(want, a.Choices[0]) {
				t.Errorf("entry 0 answer %q, want the signals' texts %q (not ids %q)", last.Entries[0].Answer, want, a.Choices)
			}
			// The renamed item is gone: the step id stands in, the text answer stays.
			b, _ := c.AnswerTo("vragen/geleerd")
			if last.Entries[1].Label != "vragen/geleerd" || last.Entries[1].Answer != b.Text || b.Text == "" {
				t.Errorf("entry 1 %+v, want vragen/geleerd with %q", last.Entries[1], b.Text)
			}
			plain := PlainSummary(after, names, nil)
			for _, w := range []string{wantTitle, regel.Title.In(lang), b.Text, after.Decision.Option} {
				if !strings.Contains(plain, w) {
					t.Errorf("plain summary lacks %q:\n%s", w, plain)
				}
			}
			// Under the content it was asked from, nothing is "earlier".
			for _, ph := range before.Phases {
				if ph.Title == wantTitle {
					t.Errorf("the unchanged content lists earlier answers")
				}
			}
		})
	}
}
