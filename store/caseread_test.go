package store_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestCaseReadsAreCopies: the store keeps recently used cases decoded; what
// it hands out is the caller's own, and a write that fails leaves the case
// as it was, also for the next read.
func TestCaseReadsAreCopies(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.Open(t)
		c := newCase("C0CACHE", "Kopieën", t0)
		if err := s.CreateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		changed, err := s.UpdateCase(ctx, c.ID, func(c *record.Case) error {
			c.Answers = append(c.Answers, record.Answer{Step: "gebruik", Seq: 1, Choices: []string{"a", "b"}, By: "U0MARLOES", At: t0})
			c.SetPost("root", "1700000000.000100")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		// Whatever a caller does to its copy stays with it.
		changed.Answers[0].Choices[0] = "veranderd"
		changed.Posts["root"] = "veranderd"
		changed.Title = "veranderd"
		first, err := s.Case(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if first.Title != "Kopieën" || first.Answers[0].Choices[0] != "a" || first.Post("root") != "1700000000.000100" {
			t.Fatalf("a caller's change reached the store: %+v", first)
		}
		first.Answers[0].Choices[1] = "ook veranderd"
		second, err := s.CaseByThread(ctx, "C0CACHE", "1700000000.000100")
		if err == nil {
			t.Fatalf("found by a thread it never had: %+v", second)
		}
		second, err = s.Case(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if second.Answers[0].Choices[1] != "b" {
			t.Fatalf("a caller's change to a read case reached the next read: %v", second.Answers[0].Choices)
		}

		// A write that fails after the changed case was put (its outbox job
		// cannot be encoded) is rolled back, and the case reads as it was.
		_, err = s.ChangeCase(ctx, c.ID, t0, func(c *record.Case) (json.RawMessage, error) {
			c.Title = "nooit opgeslagen"
			return json.RawMessage("{geen json"), nil
		})
		if err == nil {
			t.Fatal("ChangeCase with a job that cannot be encoded: no error")
		}
		third, err := s.Case(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(third, second) {
			t.Errorf("after a refused write:\n%+v\nwant\n%+v", third, second)
		}
	})
}
