package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Brief is what lists, search results and the App Home need to know of a
// case, kept apart from the case itself so that they need not read and
// decode whole cases.
type Brief struct {
	ID        int64         `json:"id"`
	Channel   string        `json:"channel"`
	Team      string        `json:"team,omitempty"`
	Thread    string        `json:"thread,omitempty"`
	Title     string        `json:"title"`
	Scheme    string        `json:"scheme,omitempty"`
	Status    record.Status `json:"status"`
	Step      int           `json:"step"`
	StartedBy string        `json:"started_by"`
	StartedAt time.Time     `json:"started_at"`
	UpdatedAt time.Time     `json:"updated_at"`
	// Decision is the chosen option's id, with who decided and when.
	Decision  string    `json:"decision,omitempty"`
	DecidedBy string    `json:"decided_by,omitempty"`
	DecidedAt time.Time `json:"decided_at,omitzero"`
	// Participants are everyone who contributed, starter first.
	Participants []string `json:"participants,omitempty"`
}

// Key is the case's display id, e.g. "MW-0042".
func (b *Brief) Key() string { return record.FormatKey(b.ID) }

// A brief is stored under the case's time-index key (channel, start, id) in
// the briefs bucket, so a channel's briefs lie together in start order. The
// value is a format byte and then the fields below, each as a uvarint length
// and its bytes: the folded search fields first, so search reads them in
// place without decoding anything, and the Brief as JSON last.
const briefFormat = 1

// Fields of a stored brief.
const (
	fTitle    = iota // folded title, and the zaaknummer when there is one
	fScheme          // folded scheme
	fDecision        // folded decision option, rationale and closing reason
	fCodes           // " step:option " for every choice in every answer
	fChoices         // the chosen option ids, folded (words, not step ids)
	fArgs            // folded text of the arguments not withdrawn
	fMeta            // the Brief as JSON
	nFields
)

// maxArgsText caps the folded argument text kept for search.
const maxArgsText = 2000

// userKey is the user index key: user, NUL, 8-byte start, 8-byte id. Its
// value is the channel, from which the brief's key follows.
func userKey(user string, at time.Time, id int64) []byte {
	k := make([]byte, 0, len(user)+17)
	k = append(k, user...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint64(k, uint64(at.UnixNano()))
	k = binary.BigEndian.AppendUint64(k, uint64(id))
	return k
}

// indexKeys are the keys a case has in the briefs and user indexes.
type indexKeys struct {
	brief []byte
	users [][]byte
}

func caseIndexKeys(c *record.Case) indexKeys {
	k := indexKeys{brief: chanTimeKey(c.Channel, c.StartedAt, c.ID)}
	for _, u := range c.Involved() {
		k.users = append(k.users, userKey(u, c.StartedAt, c.ID))
	}
	return k
}

// reindex brings a case's entries in the briefs and user indexes in line
// with c; old are its keys before the change (nil for a new case). An entry
// that is already right is left alone: most changes (a posted question, a
// reply) change little of it, and bbolt writes every page that is touched.
func reindex(tx kv.Tx, old *indexKeys, c *record.Case) error {
	k := caseIndexKeys(c)
	briefs, users := tx.Bucket(bucketBriefs), tx.Bucket(bucketUserCases)
	if old != nil {
		if !bytes.Equal(old.brief, k.brief) {
			if err := briefs.Delete(old.brief); err != nil {
				return fmt.Errorf("store: unindex case: %w", err)
			}
		}
		for _, uk := range old.users {
			if slices.ContainsFunc(k.users, func(n []byte) bool { return bytes.Equal(n, uk) }) {
				continue
			}
			if err := users.Delete(uk); err != nil {
				return fmt.Errorf("store: unindex participant: %w", err)
			}
		}
	}
	val, err := encodeBrief(c)
	if err != nil {
		return err
	}
	if !bytes.Equal(briefs.Get(k.brief), val) {
		if err := briefs.Put(k.brief, val); err != nil {
			return fmt.Errorf("store: index case %d: %w", c.ID, err)
		}
	}
	for _, uk := range k.users {
		if v := users.Get(uk); v != nil && string(v) == c.Channel {
			continue
		}
		if err := users.Put(uk, []byte(c.Channel)); err != nil {
			return fmt.Errorf("store: index participant of case %d: %w", c.ID, err)
		}
	}
	return nil
}

// unindex removes a case's entries from the briefs and user indexes.
func unindex(tx kv.Tx, k indexKeys) error {
	if err := tx.Bucket(bucketBriefs).Delete(k.brief); err != nil {
		return fmt.Errorf("store: unindex case: %w", err)
	}
	users := tx.Bucket(bucketUserCases)
	for _, uk := range k.users {
		if err := users.Delete(uk); err != nil {
			return fmt.Errorf("store: unindex participant: %w", err)
		}
	}
	return nil
}

func encodeBrief(c *record.Case) ([]byte, error) {
	b := Brief{
		ID: c.ID, Channel: c.Channel, Team: c.Team, Thread: c.Thread, Title: c.Title, Scheme: c.Scheme, Status: c.Status,
		Step: c.Step, StartedBy: c.StartedBy, StartedAt: c.StartedAt, UpdatedAt: c.UpdatedAt,
		Participants: c.Participants(),
	}
	var decision []string
	if d := c.Decision; d != nil {
		b.Decision, b.DecidedBy, b.DecidedAt = d.Option, d.By, d.At
		decision = append(decision, d.Option, d.Rationale)
	}
	if cl := c.Closure; cl != nil {
		decision = append(decision, cl.Option, cl.Reason)
	}
	var codes strings.Builder
	var choices []string
	codes.WriteByte(' ')
	for _, a := range c.Answers {
		for _, ch := range a.Choices {
			codes.WriteString(a.Step + ":" + ch + " ")
			choices = append(choices, ch)
		}
	}
	var args []string
	n := 0
	for _, a := range c.Arguments {
		if a.Withdrawn || n > maxArgsText {
			continue
		}
		f := Fold(a.Text)
		n += len(f) + 1
		args = append(args, f)
	}
	meta, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("store: encode brief of case %d: %w", c.ID, err)
	}
	fields := [nFields][]byte{
		fTitle:    []byte(Fold(strings.TrimSpace(c.Title + " " + c.Zaaknummer))),
		fScheme:   []byte(Fold(c.Scheme)),
		fDecision: []byte(Fold(strings.Join(decision, " "))),
		fCodes:    []byte(codes.String()),
		fChoices:  []byte(Fold(strings.Join(choices, " "))),
		fArgs:     []byte(strings.Join(args, " ")),
		fMeta:     meta,
	}
	size := 1
	for _, f := range fields {
		size += binary.MaxVarintLen32 + len(f)
	}
	out := make([]byte, 0, size)
	out = append(out, briefFormat)
	for _, f := range fields {
		out = binary.AppendUvarint(out, uint64(len(f)))
		out = append(out, f...)
	}
	return out, nil
}

var errBadBrief = errors.New("store: damaged brief")

// briefFields splits a stored brief into its fields, without copying.
func briefFields(v []byte) ([nFields][]byte, error) {
	var f [nFields][]byte
	if len(v) == 0 || v[0] != briefFormat {
		return f, errBadBrief
	}
	v = v[1:]
	for i := range f {
		n, w := binary.Uvarint(v)
		if w <= 0 || uint64(len(v)-w) < n {
			return f, errBadBrief
		}
		f[i] = v[w : w+int(n)]
		v = v[w+int(n):]
	}
	return f, nil
}

func decodeBrief(v []byte) (*Brief, error) {
	f, err := briefFields(v)
	if err != nil {
		return nil, err
	}
	var b Brief
	if err := json.Unmarshal(f[fMeta], &b); err != nil {
		return nil, fmt.Errorf("store: decode brief: %w", err)
	}
	return &b, nil
}

// ofTeam reports whether a stored brief is of a case of team, without
// decoding it; every brief is when team is "" (no filter).
func ofTeam(v []byte, team string) bool {
	if team == "" {
		return true
	}
	f, err := briefFields(v)
	return err == nil && bytes.Contains(f[fMeta], []byte(`"team":"`+team+`"`))
}

// closedMarker is how the JSON of a closed case's brief says so; a
// prefilter before decoding.
var closedMarker = []byte(`"status":"` + string(record.StatusClosed) + `"`)

// isClosedBrief reports whether a stored brief is of a closed case, without
// decoding it.
func isClosedBrief(v []byte) bool {
	f, err := briefFields(v)
	return err == nil && bytes.Contains(f[fMeta], closedMarker)
}

// backfillIndexes builds the briefs and user indexes from the cases: the
// migration that introduced them. The entries are put in key order: bbolt
// splits nodes only at commit, and inserting in random order into one huge
// transaction costs a memmove per key (quadratic; 20,000 cases took 30 s).
func backfillIndexes(tx kv.Tx) error {
	type entry struct{ k, v []byte }
	var briefs, users []entry
	cur := tx.Bucket(bucketCases).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		var c record.Case
		if err := json.Unmarshal(v, &c); err != nil {
			// Left out of the indexes: the loops that read it later set it
			// aside (quarantine.go); one bad case does not stop the start.
			continue
		}
		val, err := encodeBrief(&c)
		if err != nil {
			return err
		}
		keys := caseIndexKeys(&c)
		briefs = append(briefs, entry{keys.brief, val})
		for _, uk := range keys.users {
			users = append(users, entry{uk, []byte(c.Channel)})
		}
	}
	for _, idx := range []struct {
		bucket  []byte
		entries []entry
	}{{bucketBriefs, briefs}, {bucketUserCases, users}} {
		slices.SortFunc(idx.entries, func(a, b entry) int { return bytes.Compare(a.k, b.k) })
		b := tx.Bucket(idx.bucket)
		for _, e := range idx.entries {
			if err := b.Put(e.k, e.v); err != nil {
				return fmt.Errorf("store: build index %s: %w", idx.bucket, err)
			}
		}
	}
	return nil
}
