package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestWrite(t *testing.T) {
	e := dialogstest.Engine(t)
	c := dialogstest.Case(t, e, cards.EN, -1, false)
	c.Title = "@SUM(A1) -2"
	c.Zaaknummer = "Z-2026-00123"
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	var buf bytes.Buffer
	if err := Write(&buf, CSV, e, []*record.Case{c}, ams); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v, %q", err, rows)
	}
	want := map[string]string{
		"id": "MW-0042", "title": "'@SUM(A1) -2", "scheme": "Participatiewet", "status": "closed",
		"started": "2026-11-23T10:30:00+01:00", "started_by": dialogstest.Alice, "decision": "Apply maatwerk",
		"decided_by": dialogstest.Alice, "pro count": "1", "contra count": "1",
		"zaaknummer": "Z-2026-00123", "closed early": "",
		"pro":    "De schuld ontstond door een fout van de gemeente zelf. (" + dialogstest.Bob + ")",
		"contra": "Andere huishoudens krijgen deze ruimte ook niet. (" + dialogstest.Lead + ")",
	}
	for i, name := range Columns() {
		if w, ok := want[name]; ok && rows[1][i] != w {
			t.Errorf("%s = %q, want %q", name, rows[1][i], w)
		}
	}
	if err := Write(&buf, "xlsx", e, nil, nil); err == nil {
		t.Error("unknown format accepted")
	}
	var js bytes.Buffer
	if err := Write(&js, JSON, e, nil, nil); err != nil || strings.TrimSpace(js.String()) != "[]" {
		t.Errorf("empty JSON export: %q, %v", js.String(), err)
	}
	if err := Write(failWriter{}, CSV, e, []*record.Case{c}, nil); err == nil {
		t.Error("a write error was not returned")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
