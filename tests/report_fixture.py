"""Hand-built records for the report and viz tests: focus MNG over ISO weeks 2026-W21
(Mon 18 May) and 2026-W22 (Mon 25 May).

Expected answers, read off this file:
- W21: Battsetseg meets Evsikov (RUS) on 05-20 -> new pair in W21.
- W22: Battsetseg meets Evsikov again on 05-27, reported by two outlets -> continuing (first
  seen 2026-05-20), one event with two sources; Battsetseg meets Lavrov (RUS) on 05-28 -> new;
  Mongolian Armed Forces and PLA (CHN) take part in Steppe Partner 2026 on 05-27 -> new;
  Battsetseg meets Wang Yi (CHN) on 05-29 -> continuing, because of a historical "2024"
  agreement (year-only date, never counted as this week); a month-only "2026-05" Mongolia-Russia
  cooperation is not this week either; a negated meeting with Choe Son Hui (PRK) is no event;
  an announced (future) agreement with Japan is in the outlook, and so is a Khaan Quest opening
  on 15 June tagged "actual" in an article of 26 May (dated after its only report, so a plan).
"""

from __future__ import annotations

from actorgraph.core.records import (
    Actor,
    Article,
    Event,
    EventView,
    Participant,
    ResolvedArticle,
    SourceRef,
    stable_id,
)

BAT = Actor("p-bat", "Batmunkh Battsetseg", "PERSON", "MNG", "Minister of Foreign Affairs")
EVS = Actor("p-evs", "Alexei Evsikov", "PERSON", "RUS", "Ambassador")
LAV = Actor("p-lav", "Sergei Lavrov", "PERSON", "RUS", "Minister of Foreign Affairs")
WANG = Actor("p-wang", "Wang Yi", "PERSON", "CHN", "Minister of Foreign Affairs")
CHOE = Actor("p-choe", "Choe Son Hui", "PERSON", "PRK", "Minister of Foreign Affairs")
KIH = Actor("p-kih", "Gen Nakatani", "PERSON", "JPN", "Minister of Defense")
MAF = Actor("m-maf", "Mongolian Armed Forces", "MILITARY", "MNG")
PLA = Actor("m-pla", "People's Liberation Army", "MILITARY", "CHN")
STEPPE = Actor("x-sp26", "Steppe Partner 2026", "EXERCISE", None)
USARPAC = Actor("m-usarpac", "US Army Pacific", "MILITARY", "USA")
KQ26 = Actor("x-kq26", "Khaan Quest 2026", "EXERCISE", None)
MONGOLIA = Actor("s-mng", "Mongolia", "STATE", "MNG")
RUSSIA = Actor("s-rus", "Russia", "STATE", None)  # a STATE is its own country (RUS)
ACTORS = [BAT, EVS, LAV, WANG, CHOE, KIH, MAF, PLA, STEPPE, USARPAC, KQ26, MONGOLIA, RUSSIA]


def article(key: str, outlet: str, published: str, title: str = "") -> Article:
    url = f"https://{outlet}.example/{key}"
    return Article(
        id=stable_id(url),
        url=url,
        title=title or f"Story {key}",
        text=f"text of {key}",
        outlet=outlet,
        published=published,
        content_hash=stable_id("hash", key, length=64),
        source=url,
    )


A1 = article("evsikov-may20", "montsame", "2026-05-20T08:00:00Z", "Minister receives Russian envoy")
A2 = article("evsikov-may27", "montsame", "2026-05-27T09:00:00Z", "Talks with Russia's ambassador")
A3 = article("evsikov-may27-b", "ubpost", "2026-05-27T15:00:00Z", "Envoy Evsikov meets minister")
A4 = article("lavrov-may28", "tass", "2026-05-28T10:00:00Z", "Lavrov holds talks in Moscow")
A5 = article("steppe-may27", "xinhua", "2026-05-27T11:00:00Z", "Steppe Partner 2026 begins")
A6 = article("wang-may29", "montsame", "2026-05-29T07:00:00Z", "Wang Yi meets Battsetseg")
A7 = article("outlook-may29", "kyodo", "2026-05-29T12:00:00Z", "Japan and Mongolia to sign pact")
A8 = article("kq-plans-may26", "montsame", "2026-05-26T06:00:00Z", "Khaan Quest to open in June")


def event(
    etype: str,
    date: str | None,
    parts: list[tuple[Actor, str]],
    art: Article,
    sentence: str,
    status: str = "actual",
    place: str | None = None,
) -> Event:
    ids = [a.id for a, _ in parts]
    return Event(
        id=Event.make_id(etype, ids, date, status),
        type=etype,
        status=status,
        date=date,
        date_basis="text",
        place=place,
        participants=[Participant(a.id, r) for a, r in parts],
        article_id=art.id,
        sentence=sentence,
        start=0,
        end=len(sentence),
    )


def resolved(art: Article, events: list[Event]) -> ResolvedArticle:
    used = {p.actor_id for e in events for p in e.participants}
    return ResolvedArticle(art, [a for a in ACTORS if a.id in used], [], events)


MEET_EVS_W21 = event(
    "MEET",
    "2026-05-20",
    [(BAT, "actor"), (EVS, "recipient")],
    A1,
    "Minister B. Battsetseg received Ambassador Alexei Evsikov on Wednesday.",
    place="Ulaanbaatar",
)
MEET_EVS_W22 = [
    event(
        "MEET",
        "2026-05-27",
        [(BAT, "actor"), (EVS, "recipient")],
        art,
        sentence,
        place="Ulaanbaatar",
    )
    for art, sentence in (
        (A2, "Battsetseg met Russian Ambassador Alexei Evsikov on Wednesday."),
        (A3, "Ambassador Evsikov held talks with Minister Battsetseg on May 27."),
    )
]
HISTORIC = event(
    "AGREE",
    "2024",
    [(BAT, "actor"), (WANG, "recipient")],
    A6,
    "The two ministers signed a memorandum in 2024.",
)
MONTH_ONLY = event(
    "COOPERATE",
    "2026-05",
    [(MONGOLIA, "participant"), (RUSSIA, "participant")],
    A4,
    "Mongolia and Russia cooperated on fuel supplies in May.",
)
NEGATED = event(
    "MEET",
    "2026-05-28",
    [(BAT, "actor"), (CHOE, "recipient")],
    A4,
    "Battsetseg did not meet Choe Son Hui.",
    status="negated",
)

ARTICLES = [
    resolved(A1, [MEET_EVS_W21]),
    resolved(A2, [MEET_EVS_W22[0]]),
    resolved(A3, [MEET_EVS_W22[1]]),
    resolved(
        A4,
        [
            event(
                "MEET",
                "2026-05-28",
                [(BAT, "actor"), (LAV, "recipient")],
                A4,
                "Battsetseg held talks with Sergei Lavrov in Moscow on Thursday.",
                place="Moscow",
            ),
            MONTH_ONLY,
            NEGATED,
        ],
    ),
    resolved(
        A5,
        [
            event(
                "PARTICIPATE",
                "2026-05-27",
                [(MAF, "participant"), (PLA, "participant"), (STEPPE, "participant")],
                A5,
                "Mongolian Armed Forces and the PLA began Steppe Partner 2026 on Wednesday.",
                place="Inner Mongolia",
            ),
        ],
    ),
    resolved(
        A6,
        [
            HISTORIC,
            event(
                "MEET",
                "2026-05-29",
                [(BAT, "actor"), (WANG, "recipient")],
                A6,
                "Wang Yi met Battsetseg in Beijing on Friday.",
                place="Beijing",
            ),
        ],
    ),
    resolved(
        A7,
        [
            event(
                "AGREE",
                "2026-06-10",
                [(BAT, "actor"), (KIH, "recipient")],
                A7,
                "Mongolia and Japan will sign a defence pact on June 10.",
                status="future",
            ),
        ],
    ),
    resolved(
        A8,
        [
            event(
                "PARTICIPATE",
                "2026-06-15",
                [(MAF, "participant"), (USARPAC, "participant"), (KQ26, "participant")],
                A8,
                "Khaan Quest 2026 is scheduled to open on 15 June.",
            ),
        ],
    ),
]
PLANNED_ID = ARTICLES[-1].events[0].id


def views(batch: list[ResolvedArticle] = ARTICLES) -> list[EventView]:
    """The batch as the store reads it back: one view per event id, one source per article."""
    actors = {a.id: a for ra in batch for a in ra.actors}
    out: dict[str, EventView] = {}
    for ra in batch:
        for e in ra.events:
            view = out.setdefault(
                e.id,
                EventView(
                    e.id,
                    e.type,
                    e.status,
                    e.date,
                    e.place,
                    [(actors[p.actor_id], p.role) for p in e.participants],
                    [],
                ),
            )
            art = ra.article
            view.sources.append(
                SourceRef(art.url, art.title, art.outlet, art.published, e.sentence, e.start, e.end)
            )
    return sorted(out.values(), key=lambda v: (v.date or "", v.id))


def actual_until(day: str, batch: list[ResolvedArticle] = ARTICLES) -> list[EventView]:
    """What ``store.events(until=day)`` returns: actual events dated before ``day``."""
    return [v for v in views(batch) if v.status == "actual" and (v.date or "") < day]


def future(batch: list[ResolvedArticle] = ARTICLES) -> list[EventView]:
    """What ``build_weekly`` passes as candidate announcements: every actual or future event."""
    return [v for v in views(batch) if v.status in ("actual", "future")]


def latest_week_of_views(events: list[EventView]) -> str | None:
    """``latest_week``'s rule on records: actual events reported on or after their date."""
    from actorgraph.report.diff import reported_after
    from actorgraph.report.weeks import latest_week_of

    return latest_week_of(e.date for e in events if e.status == "actual" and reported_after(e))
