package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Term is one word of a search. A case matches it when the folded word
// occurs in one of its text fields, or when one of its answers chose one of
// Codes ("step:option", e.g. "signalen/uitkomst:escalatie": the options
// whose label contains the word, found by the caller in the card content).
type Term struct {
	Word string
	// Codes map a "step:option" code to the weight of a match on it.
	Codes map[string]int
}

// Weights of a match in each text field of a case.
const (
	WeightTitle     = 5
	WeightScheme    = 4
	WeightDecision  = 4
	WeightChoiceID  = 2 // the word is (part of) a chosen option's id
	WeightArguments = 2
)

// Query is a search in one channel: every term must match (AND); the score
// of a case is the sum over the terms of the best field each matched.
type Query struct {
	Terms []Term
	// Limit caps the hits returned (best first); default 10.
	Limit int
	// Team, when set, keeps to the cases of that Slack workspace
	// (record.Case.Team): a channel may be shared between workspaces.
	Team string
}

// Hit is one search result.
type Hit struct {
	Brief
	Score int
}

// SearchResult is the best hits and how many cases matched in all.
type SearchResult struct {
	Hits  []Hit
	Total int
}

// Search finds a channel's cases that match q, best first, newer first on a
// tie. It reads only that channel's briefs, and scores them in place: only
// the hits returned are decoded.
func (s *Store) Search(ctx context.Context, channel string, q Query) (SearchResult, error) {
	if err := ctx.Err(); err != nil {
		return SearchResult{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 10
	}
	var res SearchResult
	if len(q.Terms) == 0 {
		return res, nil
	}
	words := make([][]byte, len(q.Terms))
	codes := make([][]weighted, len(q.Terms))
	for i, t := range q.Terms {
		words[i] = []byte(t.Word)
		for c, w := range t.Codes {
			codes[i] = append(codes[i], weighted{[]byte(" " + c + " "), w})
		}
		// Heaviest first: a match on a lighter code cannot improve the score.
		sort.Slice(codes[i], func(a, b int) bool { return codes[i][a].weight > codes[i][b].weight })
	}
	type scored struct {
		key   []byte
		score int
	}
	var best []scored // at most q.Limit, best first
	err := s.view(ctx, func(tx kv.Tx) error {
		prefix := append([]byte(channel), 0)
		cur := tx.Bucket(bucketBriefs).Cursor()
		n := 0
		for k, v := seekLast(cur, prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Prev() {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			f, err := briefFields(v)
			if err != nil || !ofTeam(v, q.Team) {
				continue
			}
			score := 0
			for i := range words {
				sc := termScore(f, words[i], codes[i])
				if sc == 0 {
					score = 0
					break
				}
				score += sc
			}
			if score == 0 {
				continue
			}
			res.Total++
			// Walking newest first: a later case only displaces on a higher score.
			if len(best) == q.Limit && score <= best[len(best)-1].score {
				continue
			}
			i := sort.Search(len(best), func(i int) bool { return best[i].score < score })
			if len(best) < q.Limit {
				best = append(best, scored{})
			}
			copy(best[i+1:], best[i:])
			best[i] = scored{key: append([]byte(nil), k...), score: score}
		}
		for _, sc := range best {
			b, err := decodeBrief(tx.Bucket(bucketBriefs).Get(sc.key))
			if err != nil {
				continue // a brief is an index entry, rebuilt with its case: one bad one hides one hit
			}
			res.Hits = append(res.Hits, Hit{Brief: *b, Score: sc.score})
		}
		return nil
	})
	if err != nil {
		return SearchResult{}, fmt.Errorf("store: search: %w", err)
	}
	return res, nil
}

// weighted is a "step:option" code (with a space either side) and its weight.
type weighted struct {
	code   []byte
	weight int
}

// termScore is the weight of the best field of a brief that matches a term;
// 0 when none does.
func termScore(f [nFields][]byte, word []byte, codes []weighted) int {
	best := 0
	try := func(field int, w int) {
		if w > best && len(word) > 0 && bytes.Contains(f[field], word) {
			best = w
		}
	}
	try(fTitle, WeightTitle)
	try(fScheme, WeightScheme)
	try(fDecision, WeightDecision)
	try(fChoices, WeightChoiceID)
	try(fArgs, WeightArguments)
	for _, c := range codes {
		if c.weight <= best {
			break
		}
		if bytes.Contains(f[fCodes], c.code) {
			best = c.weight
		}
	}
	return best
}

// seekLast positions cur on the last key with prefix (or, if there is none,
// on a key without it) and returns it.
func seekLast(cur kv.Cursor, prefix []byte) ([]byte, []byte) {
	end := append(bytes.Clone(prefix[:len(prefix)-1]), prefix[len(prefix)-1]+1)
	k, _ := cur.Seek(end)
	if k == nil {
		return cur.Last()
	}
	return cur.Prev()
}

// BriefFilter selects briefs in ChannelBriefs.
type BriefFilter struct {
	// OpenOnly leaves out closed cases (paused ones stay).
	OpenOnly bool
	// Window is how many of the channel's newest cases are looked at; 0
	// means all.
	Window int
	// Limit caps the briefs returned; 0 means no cap.
	Limit int
	// Team, when set, keeps to the cases of that Slack workspace.
	Team string
}

// ChannelBriefs returns briefs of a channel's cases, newest first.
func (s *Store) ChannelBriefs(ctx context.Context, channel string, f BriefFilter) ([]Brief, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Brief
	err := s.view(ctx, func(tx kv.Tx) error {
		prefix := append([]byte(channel), 0)
		cur := tx.Bucket(bucketBriefs).Cursor()
		n := 0
		for k, v := seekLast(cur, prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Prev() {
			if n++; f.Window > 0 && n > f.Window {
				break
			}
			if (f.OpenOnly && isClosedBrief(v)) || !ofTeam(v, f.Team) {
				continue
			}
			b, err := decodeBrief(v)
			if err != nil {
				continue // see Search: one bad brief hides one line
			}
			out = append(out, *b)
			if f.Limit > 0 && len(out) >= f.Limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: briefs of %s: %w", channel, err)
	}
	return out, nil
}

// UserBriefs returns briefs of the cases user started or took part in, in
// every channel of team (every team when ""), newest first, at most limit
// (0: all).
func (s *Store) UserBriefs(ctx context.Context, user, team string, limit int) ([]Brief, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if user == "" {
		return nil, nil
	}
	var out []Brief
	err := s.view(ctx, func(tx kv.Tx) error {
		prefix := append([]byte(user), 0)
		cur := tx.Bucket(bucketUserCases).Cursor()
		briefs := tx.Bucket(bucketBriefs)
		for k, v := seekLast(cur, prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Prev() {
			if len(k) != len(prefix)+16 {
				continue
			}
			at := int64(binary.BigEndian.Uint64(k[len(prefix):]))
			id := int64(binary.BigEndian.Uint64(k[len(prefix)+8:]))
			raw := briefs.Get(chanTimeKey(string(v), time.Unix(0, at), id))
			if raw == nil || !ofTeam(raw, team) {
				continue
			}
			b, err := decodeBrief(raw)
			if err != nil {
				continue // see Search: one bad brief hides one line
			}
			out = append(out, *b)
			if limit > 0 && len(out) >= limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: cases of user: %w", err)
	}
	return out, nil
}

// ChannelCount is a channel and how many cases it has.
type ChannelCount struct {
	Channel string
	Cases   int
}

// ChannelCounts lists the channels that have cases, in id order, with their number of cases.
func (s *Store) ChannelCounts(ctx context.Context) ([]ChannelCount, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []ChannelCount
	err := s.view(ctx, func(tx kv.Tx) error {
		cur := tx.Bucket(bucketChanTime).Cursor()
		for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				continue
			}
			ch := string(k[:i])
			if len(out) == 0 || out[len(out)-1].Channel != ch {
				out = append(out, ChannelCount{Channel: ch})
			}
			out[len(out)-1].Cases++
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: channels: %w", err)
	}
	return out, nil
}

// OpenReadOnly opens the database at path for reading only, as the operator's
// command-line export does. bbolt takes a shared lock: while a running bot
// holds the file this returns ErrLocked after opts.LockTimeout. The file
// must already have this program's schema version (run the bot once after
// an upgrade).
func OpenReadOnly(ctx context.Context, path string, opts Options) (*Store, error) {
	if IsPostgres(path) {
		return openPostgres(ctx, path, opts) // shared: no lock to avoid
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = time.Second
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: opts.LockTimeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (stop maatwerkbot first)", ErrLocked, path)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: boltkv.New(db), path: path}
	v := 0
	err = s.db.View(ctx, func(tx kv.Tx) error {
		if tx.Bucket(bucketMeta) != nil {
			v = schemaVersion(tx)
		}
		return nil
	})
	if err == nil && v != SchemaVersionCurrent() {
		err = fmt.Errorf("store: %s has schema version %d, this program reads %d; start maatwerkbot once on it to migrate", path, v, SchemaVersionCurrent())
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
