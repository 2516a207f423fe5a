package pgkv

import (
	"context"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// ClaimChannels leases the channels to owner where no other owner holds
// a live lease, with the database's clock. Each channel gets a row in
// maatwerk_leases on first claim; the claim then locks the rows it can
// (FOR UPDATE SKIP LOCKED: a row another claim is locking now is left
// out, not waited for) whose lease ran out or is owner's, and sets them
// to owner until now + lease. A channel is TakenOver when its last owner
// was another one that did not release it.
func (db *DB) ClaimChannels(ctx context.Context, owner string, channels []string, lease kv.Lease) ([]kv.Claim, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	if owner == "" {
		return nil, fmt.Errorf("pgkv: claim channels: no owner")
	}
	// Its own statement, before the claim: a new row is visible to every
	// claim at once, and the claim does not hold its locks while others
	// wait on a unique index entry it inserted.
	if _, err := db.pool.Exec(ctx, `INSERT INTO maatwerk_leases (channel)
SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, channels); err != nil {
		return nil, fmt.Errorf("pgkv: claim channels: %w", err)
	}
	rows, err := db.pool.Query(ctx, `WITH free AS (
	SELECT channel, owner FROM maatwerk_leases
	WHERE channel = ANY($1) AND (until < now() OR owner = $2)
	ORDER BY channel
	FOR UPDATE SKIP LOCKED
)
UPDATE maatwerk_leases l SET owner = $2, until = now() + $3 * interval '1 microsecond'
FROM free WHERE l.channel = free.channel
RETURNING l.channel, free.owner <> '' AND free.owner <> $2`, channels, owner, lease.Microseconds())
	if err != nil {
		return nil, fmt.Errorf("pgkv: claim channels: %w", err)
	}
	defer rows.Close()
	var granted []kv.Claim
	for rows.Next() {
		var c kv.Claim
		if err := rows.Scan(&c.Channel, &c.TakenOver); err != nil {
			return nil, fmt.Errorf("pgkv: claim channels: %w", err)
		}
		granted = append(granted, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgkv: claim channels: %w", err)
	}
	return granted, nil
}

// ReleaseChannels ends owner's leases on the channels: the next claim,
// by any owner, gets them at once and is no takeover.
func (db *DB) ReleaseChannels(ctx context.Context, owner string, channels []string) error {
	if len(channels) == 0 {
		return nil
	}
	_, err := db.pool.Exec(ctx, `UPDATE maatwerk_leases SET owner = '', until = '-infinity'
WHERE channel = ANY($1) AND owner = $2`, channels, owner)
	if err != nil {
		return fmt.Errorf("pgkv: release channels: %w", err)
	}
	return nil
}

// schedulerPing bounds the check that the scheduler's connection answers.
const schedulerPing = 5 * time.Second

// TryScheduler tries to take, or checks that this DB still holds, the
// session advisory lock of the scheduler role. The lock lives on one
// connection taken out of the pool for it: while that connection
// answers, the role is held; when it broke, the lock went with it and
// TryScheduler tries again on a new connection. Close gives it up.
func (db *DB) TryScheduler(ctx context.Context) (bool, error) {
	db.sched.mu.Lock()
	defer db.sched.mu.Unlock()
	if c := db.sched.conn; c != nil {
		// Bounded: a connection that no longer answers (a half-open TCP
		// connection) must not hold up the scheduler, or Close.
		pctx, cancel := context.WithTimeout(ctx, schedulerPing)
		err := c.Ping(pctx)
		cancel()
		if err == nil {
			return true, nil
		} else if ctx.Err() != nil {
			return false, fmt.Errorf("pgkv: scheduler: %w", ctx.Err())
		}
		db.log("pgkv: the scheduler connection broke or stopped answering; its lock is given up")
		c.Close(context.Background())
		db.sched.conn = nil
	}
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("pgkv: scheduler: %w", err)
	}
	var got bool
	if err := pc.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", lockScheduler).Scan(&got); err != nil {
		pc.Release()
		return false, fmt.Errorf("pgkv: scheduler: %w", err)
	}
	if !got {
		pc.Release()
		return false, nil
	}
	db.sched.conn = pc.Hijack()
	return true, nil
}
