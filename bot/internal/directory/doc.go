// Package directory knows the people of the workspace as far as the bot
// needs to: the language to answer each person in (LangFor, the one rule
// for every reply that only its reader sees), who the team leads are
// (MAATWERK_TEAM_LEADS and the members of MAATWERK_TEAM_LEAD_GROUP), and
// the permalinks of case threads. It asks Slack (users.info with the
// user's locale, usergroups.users.list, chat.getPermalink) within the
// rate-limit holds of package delivery, and caches the answers: a
// language for a day, a failed look-up for ten minutes, the lead group for
// five minutes.
//
// It may import slack-go, cards, dialogs and delivery; never the store or
// package bot.
package directory
