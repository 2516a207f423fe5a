package delivery

import (
	"context"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// syncLookBack asks the look back in the case's thread when it is due and
// not yet asked, and shows the answer on that message once given (o.lookBack).
func (dl *Deliverer) syncLookBack(ctx context.Context, c *record.Case, o SyncOpts, posted map[string]string) error {
	lb := c.LookBack
	if lb == nil || c.Thread == "" {
		return nil
	}
	ts := c.Post(record.PostLookBack)
	blocks, text, ok := dl.render.LookBack(c)
	switch {
	case !ok:
		return nil
	case ts == "" && lb.Text == "" && c.LookBackDue(dl.cfg.Now()):
		ts, err := dl.PostCase(ctx, c.ID, record.PostLookBack, c.Channel, c.Thread, false, blocks, text)
		if err != nil {
			return err
		}
		posted[record.PostLookBack] = ts
		c.SetPost(record.PostLookBack, ts)
	case ts != "" && o.LookBack:
		return dl.UpdateVia(ctx, c.Channel, ts, o.viaFor(ts), blocks, text)
	}
	return nil
}
