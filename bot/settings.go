package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The settings modal: callback id and block ids.
const (
	cbSettings     = "mw.settings"
	blkDigestOn    = "dg.on"
	blkDigestDay   = "dg.day"
	blkDigestTime  = "dg.time"
	blkDigestWhere = "dg.target"
	blkDigestOther = "dg.other"
	valOn          = "on"
	valOff         = "off"
)

// settingsCommand answers /maatwerk instellingen: team leads get the
// digest settings of this channel in a modal, everyone else a friendly
// refusal.
func (b *Bot) settingsCommand(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang) *reply {
	if !b.dir.Lead(ctx, cmd.UserID) {
		return ephemeralReply(dialogs.DigestTextsFor(lang).OnlyLeads)
	}
	cs, err := b.store.Channel(ctx, cmd.ChannelID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return ephemeralReply(b.userMessage(err, lang))
	}
	cs.Channel = cmd.ChannelID
	m := render.Meta{Channel: cmd.ChannelID, ResponseURL: cmd.ResponseURL, Lang: string(lang)}
	target := clickTarget{responseURL: cmd.ResponseURL, channel: cmd.ChannelID, user: cmd.UserID}
	b.openModal(ctx, target, dialogs.TextsFor(lang).ModalFailed, cmd.TriggerID, settingsModal(lang, b.cfg.Location, m, scheduleOf(cs)))
	return nil
}

// settingsModal is the form of a channel's digest settings, filled in with
// the current schedule.
func settingsModal(lang cards.Lang, loc *time.Location, m render.Meta, sc schedule) slack.ModalViewRequest {
	t := dialogs.TextsFor(lang)
	dt := dialogs.DigestTextsFor(lang)
	sel := func(blockID, label, hint string, opts []*slack.OptionBlockObject, initial string) *slack.InputBlock {
		el := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, render.ActInput, opts...)
		for _, o := range opts {
			if o.Value == initial {
				el.InitialOption = o
			}
		}
		var h *slack.TextBlockObject
		if hint != "" {
			h = render.Plain(render.Clip(hint, render.MaxOptionText*2))
		}
		return slack.NewInputBlock(blockID, render.Plain(label), h, el)
	}
	opt := func(value, text string) *slack.OptionBlockObject {
		return slack.NewOptionBlockObject(value, render.Plain(render.Clip(text, render.MaxOptionText)), nil)
	}
	onOff := valOn
	if sc.off {
		onOff = valOff
	}
	var days []*slack.OptionBlockObject
	for i := range 7 {
		d := (i + 1) % 7 // Monday first
		days = append(days, opt(weekdays[d], dt.Days[d]))
	}
	var times []*slack.OptionBlockObject
	for q := range 96 {
		hm := fmt.Sprintf("%02d:%02d", q/4, q%4*15)
		times = append(times, opt(hm, hm))
	}
	cur := fmt.Sprintf("%02d:%02d", sc.hour, sc.minute)
	if sc.minute%15 != 0 {
		times = append(times[:0:0], append([]*slack.OptionBlockObject{opt(cur, cur)}, times...)...)
	}
	targets := []*slack.OptionBlockObject{
		opt(store.TargetHere, dt.TargetHere), opt(store.TargetOther, dt.TargetOther), opt(store.TargetLeads, dt.TargetLeads),
	}
	other := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, nil, render.ActInput)
	other.Filter = &slack.SelectBlockElementFilter{Include: []string{"public", "private"}, ExcludeBotUsers: true}
	if sc.targetChannel != "" {
		other.InitialConversation = sc.targetChannel
	}
	otherIn := slack.NewInputBlock(blkDigestOther, render.Plain(dt.OtherLabel), render.Plain(render.Clip(dt.OtherHint, 150)), other)
	otherIn.Optional = true
	v := render.Modal(cbSettings, dt.SettingsTitle, t, m,
		render.Section(fmt.Sprintf(dt.SettingsIntroF, m.Channel)),
		sel(blkDigestOn, dt.OnLabel, "", []*slack.OptionBlockObject{opt(valOn, dt.On), opt(valOff, dt.Off)}, onOff),
		sel(blkDigestDay, dt.DayLabel, dt.CoversHint, days, weekdays[sc.day]),
		sel(blkDigestTime, dt.TimeLabel, fmt.Sprintf(dt.TimeHintF, loc.String()), times, cur),
		sel(blkDigestWhere, dt.TargetLabel, "", targets, sc.target),
		otherIn,
	)
	return v
}

// settingsSubmit stores the digest settings from the modal. Only team leads
// may; the form answers problems next to the field.
func (b *Bot) settingsSubmit(ctx context.Context, cb slack.InteractionCallback, m render.Meta, lang cards.Lang) any {
	dt := dialogs.DigestTextsFor(lang)
	user := cb.User.ID
	state := cb.View.State
	fieldErr := func(block, msg string) any {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{block: msg})
	}
	if !b.dir.Lead(ctx, user) {
		return fieldErr(blkDigestOn, dt.OnlyLeads)
	}
	day, ok := parseWeekday(render.ViewValue(state, blkDigestDay))
	if !ok {
		day = defaultDigestDay
	}
	hh, mm, ok := parseClock(render.ViewValue(state, blkDigestTime))
	if !ok {
		return fieldErr(blkDigestTime, dt.BadTime)
	}
	sched := store.DigestSchedule{
		Off: render.ViewValue(state, blkDigestOn) == valOff, Day: weekdays[day], Hour: hh, Minute: mm,
		Target: render.ViewValue(state, blkDigestWhere), By: user, At: b.cfg.Now(),
	}
	switch sched.Target {
	case store.TargetOther:
		other := ""
		if state != nil {
			other = state.Values[blkDigestOther][render.ActInput].SelectedConversation
		}
		switch {
		case other == "":
			return fieldErr(blkDigestOther, dt.NeedOtherChannel)
		case other == m.Channel:
			sched.Target = store.TargetHere
		default:
			sched.TargetChannel = other
		}
	case store.TargetLeads:
		if len(b.sched.leads()) == 0 {
			return fieldErr(blkDigestWhere, dt.NoLeads)
		}
	default:
		sched.Target = store.TargetHere
	}
	if err := b.store.SetDigestSchedule(ctx, m.Channel, sched); err != nil {
		return fieldErr(blkDigestOn, b.userMessage(err, lang))
	}
	b.log.Info("digest settings changed", "channel", m.Channel, "by", user, "off", sched.Off,
		"day", sched.Day, "time", fmt.Sprintf("%02d:%02d", hh, mm), "target", sched.Target)
	b.sched.wake()
	msg := fmt.Sprintf(dt.SettingsOffF, m.Channel)
	if !sched.Off {
		where := dt.TargetHereShort
		switch sched.Target {
		case store.TargetOther:
			where = fmt.Sprintf(dt.TargetOtherShortF, sched.TargetChannel)
		case store.TargetLeads:
			where = dt.TargetLeadsShort
		}
		msg = fmt.Sprintf(dt.SettingsSavedF, m.Channel, dt.Days[day], fmt.Sprintf("%02d:%02d", hh, mm), where)
	}
	channel, responseURL := m.Channel, m.ResponseURL
	b.spawn(ctx, "settings saved", func(ctx context.Context) error {
		b.out.Ephemeral(ctx, responseURL, channel, user, msg)
		return nil
	})
	return nil
}

// parseClock reads "09:00".
func parseClock(s string) (hour, minute int, ok bool) {
	h, m, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found {
		return 0, 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, 0, false
	}
	return hh, mm, true
}
