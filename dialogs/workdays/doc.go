// Package workdays counts Dutch working days: the days that are neither a
// Saturday, a Sunday nor a public holiday, computed for any year without a
// network look-up.
//
// Which holidays count. A nudge about a quiet case measures a time limit the
// way Dutch administrative law does, so the holidays are those of article 3
// of the Algemene termijnenwet (which the Awb's time limits follow):
// Nieuwjaarsdag, Tweede Paasdag, Koningsdag (27 April, or 26 April when the
// 27th is a Sunday), Bevrijdingsdag (5 May, every year, as in that law),
// Hemelvaartsdag, Tweede Pinksterdag and Eerste en Tweede Kerstdag. Eerste
// Paasdag and Eerste Pinksterdag are listed too; they are Sundays anyway.
//
// Goede Vrijdag is not counted. It is not a holiday under the Algemene
// termijnenwet, and many municipalities, the Rijk and the
// uitvoeringsorganisaties keep their counters open that day; whether staff
// have it off differs per CAO and per organisation. Counting it as a working
// day at most sends a nudge one day early, which is the safer side of the
// mistake for a reminder.
//
// The package imports nothing of the module: it is pure date arithmetic.
package workdays
