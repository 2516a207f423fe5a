package bot

import (
	"context"

	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// Channel life (issue 17.7). When a case's channel is archived or the bot
// is removed from it, the channel is held (delivery/channelhold.go): the
// cases stay in the store and stay readable and findable (search, list,
// export and the record work from the store), the outbox leaves the
// channel's jobs queued and logs that once, and the weekly digest goes to
// the team leads by DM (digestTargets). channel_unarchive and the bot
// joining again release it and the held jobs are delivered. A rename
// changes nothing: Slack addresses a channel by its id, and messages name
// it as <#id>, which shows the new name; it is only logged.

// channelEvent handles the events of a channel's life; other events are
// ignored.
func (b *Bot) channelEvent(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.ChannelArchiveEvent:
		return b.out.HoldChannel(ctx, e.Channel, store.HoldArchived)
	case *slackevents.GroupArchiveEvent:
		return b.out.HoldChannel(ctx, e.Channel, store.HoldArchived)
	case *slackevents.ChannelUnarchiveEvent:
		return b.channelOpen(ctx, e.Channel, "channel_unarchive")
	case *slackevents.GroupUnarchiveEvent:
		return b.channelOpen(ctx, e.Channel, "group_unarchive")
	case *slackevents.MemberLeftChannelEvent:
		if e.User != "" && e.User == b.selfID(ctx) {
			return b.out.HoldChannel(ctx, e.Channel, store.HoldRemoved)
		}
	case *slackevents.MemberJoinedChannelEvent:
		if e.User != "" && e.User == b.selfID(ctx) {
			return b.out.ReleaseChannel(ctx, e.Channel, "member_joined_channel")
		}
	case *slackevents.ChannelRenameEvent:
		b.log.Info("Slack channel renamed; its cases and deliveries go on", "channel", e.Channel.ID)
	case *slackevents.GroupRenameEvent:
		b.log.Info("Slack channel renamed; its cases and deliveries go on", "channel", e.Channel.ID)
	}
	return nil
}

// channelOpen releases a channel that was unarchived, unless the bot was
// removed from it too (an archived channel loses no members, but one the
// bot left stays held until it is added again).
func (b *Bot) channelOpen(ctx context.Context, channel, how string) error {
	if hold, held := b.out.Held(ctx, channel); !held || hold.Why != store.HoldArchived {
		return nil
	}
	return b.out.ReleaseChannel(ctx, channel, how)
}
