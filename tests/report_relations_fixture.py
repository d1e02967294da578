"""A fixture of weeks for the country-relationship report: focus MNG, report week 2026-W22
(Mon 25 May), with W21 as the second week looked at.

Expected answers, read off this file:
- RUS: Battsetseg met Evsikov on 05-20 (W21) and again on 05-27 -> W22 relationship
  *continuing* (last before 2026-05-20, 0 weeks silent), the pair *continuing*; in W21 the
  relationship is *first* and the pair *new*.
- CHN: Battsetseg met Wang Yi on 03-11 (W11), then on 05-28 -> *resumed* after 10 silent weeks,
  the pair continuing; the Mongolian Armed Forces and the PLA met for the first time on 05-28 ->
  a *new* pair inside a resumed relationship.
- KOR: Battsetseg met Cho Tae-yul on 05-26, never before -> *first*, pair *new*; the meeting is
  one wire story rerun by two outlets: 2 reports from 1 independent origin.
- JPN: Battsetseg met Nakatani on 05-13 (W20), nothing since -> *lapsed* in W21 and W22, the
  pair *lapsed*.
- USA: one meeting on 2026-01-07, long before the 4-week window -> not listed in W22.
"""

from __future__ import annotations

from report_fixture import BAT, EVS, KIH, MAF, PLA, WANG, article, event

from actorgraph.core.records import Actor, Article, Event, ResolvedArticle

CHO = Actor("p-cho", "Cho Tae-yul", "PERSON", "KOR", "Minister of Foreign Affairs")
BLI = Actor("p-bli", "Antony Blinken", "PERSON", "USA", "Secretary of State")
ACTORS = [BAT, EVS, KIH, MAF, PLA, WANG, CHO, BLI]


def resolved(art: Article, events: list[Event]) -> ResolvedArticle:
    used = {p.actor_id for e in events for p in e.participants}
    return ResolvedArticle(art, [a for a in ACTORS if a.id in used], [], events)


R1 = article("usa-jan07", "montsame", "2026-01-07T08:00:00Z")
R2 = article("wang-mar11", "xinhua", "2026-03-11T08:00:00Z")
R3 = article("kih-may13", "kyodo", "2026-05-13T08:00:00Z")
R4 = article("evs-may20", "montsame", "2026-05-20T08:00:00Z")
R5 = article("evs-may27", "tass", "2026-05-27T08:00:00Z")
R6 = article("wang-may28", "xinhua", "2026-05-28T08:00:00Z")
R7 = article("cho-may26", "yonhap", "2026-05-26T08:00:00Z")
R8 = article("cho-may26-rerun", "koreaherald", "2026-05-26T12:00:00Z")  # same wire story

MEET = "MEET"
DOCS = [
    resolved(R1, [event(MEET, "2026-01-07", [(BAT, "actor"), (BLI, "recipient")], R1, "s1")]),
    resolved(R2, [event(MEET, "2026-03-11", [(BAT, "actor"), (WANG, "recipient")], R2, "s2")]),
    resolved(R3, [event(MEET, "2026-05-13", [(BAT, "actor"), (KIH, "recipient")], R3, "s3")]),
    resolved(R4, [event(MEET, "2026-05-20", [(BAT, "actor"), (EVS, "recipient")], R4, "s4")]),
    resolved(R5, [event(MEET, "2026-05-27", [(BAT, "actor"), (EVS, "recipient")], R5, "s5")]),
    resolved(
        R6,
        [
            event(MEET, "2026-05-28", [(BAT, "actor"), (WANG, "recipient")], R6, "s6"),
            event(
                "COOPERATE",
                "2026-05-28",
                [(MAF, "participant"), (PLA, "participant")],
                R6,
                "s7",
            ),
        ],
    ),
    *[
        resolved(art, [event(MEET, "2026-05-26", [(BAT, "actor"), (CHO, "recipient")], art, "s8")])
        for art in (R7, R8)
    ],
]
ORIGINS = {R8.id: R7.id}  # the rerun copies the Yonhap story
