"""Public API of the NLP stage: :class:`Extractor` turns an :class:`Article` into an
:class:`Extraction` (actor mentions and event mentions with offsets into ``Article.text``)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from actorgraph.core.errors import ExtractionError
from actorgraph.core.records import Article, EventMention, Extraction, Mention
from actorgraph.core.settings import Settings
from actorgraph.nlp.chunks import paragraph_starts, split_text
from actorgraph.nlp.dates import find_date, parse_published
from actorgraph.nlp.events import FUTURE_AUX, HYPO_AUX, ArticleState, EventFinder, Found
from actorgraph.nlp.exercises import SentenceInfo, aggregate, national_forces
from actorgraph.nlp.furniture import Furniture, find_furniture, mask
from actorgraph.nlp.grouping import group_mentions, retype_short_names, share_person_facts
from actorgraph.nlp.homoglyphs import fold_mixed_script
from actorgraph.nlp.mentions import add_acronym_uses, mentions_of
from actorgraph.nlp.pipeline import load_pipeline

PLACE_PREPS = {"in", "at", "near", "inside"}


class Extractor:
    """Rule-based extraction on the spaCy pipeline named by ``Settings.model`` (loaded once)."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else load_pipeline(self.settings.model)

    def extract(self, article: Article) -> Extraction:
        """Mentions and events of one article."""
        return next(self.extract_many([article], batch_size=1))

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Extractions in input order; texts go through ``nlp.pipe`` in batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run(batch, batch_size)
                batch = []
        if batch:
            yield from self._run(batch, batch_size)

    def _run(self, batch: list[Article], batch_size: int) -> Iterator[Extraction]:
        found = [find_furniture(a.text or "", a.title or "") for a in batch]
        jobs = [
            (offset, chunk, n)
            for n, a in enumerate(batch)
            for offset, chunk in split_text(prepared_text(a.text or "", found[n]))
        ]
        docs: list[list[tuple[int, Doc]]] = [[] for _ in batch]
        try:
            piped = self.nlp.pipe(
                ((chunk, (offset, n)) for offset, chunk, n in jobs),
                as_tuples=True,
                batch_size=batch_size,
            )
            for doc, (offset, n) in piped:
                docs[n].append((offset, doc))
        except Exception as exc:  # spaCy/thinc errors become ours, naming the batch
            urls = ", ".join(a.url for a in batch[:3])
            raise ExtractionError(f"spaCy failed on {urls}: {exc}") from exc
        for article, parts, furn in zip(batch, docs, found, strict=True):
            yield build_extraction(article, parts, furn)


def build_extraction(
    article: Article, parts: list[tuple[int, Doc]], furn: Furniture | None = None
) -> Extraction:
    """Mentions and events from the parsed chunks of one article (``furn``: its furniture,
    already masked in the parsed text)."""
    furn = furn or find_furniture(article.text or "", article.title or "")
    text = prepared_text(article.text or "", furn)
    furniture = list(furn.ranges)
    pairs = [
        (offset, span, m)
        for offset, doc in parts
        for span, m in mentions_of(doc, offset, furniture)
    ]
    pairs = sorted(pairs + _people_taken_for_places(parts, pairs), key=lambda p: p[2].start)
    mentions: list[Mention] = [m for _, _, m in pairs]
    all_mentions = add_acronym_uses(text, mentions)
    index = {id(m): i for i, m in enumerate(all_mentions)}
    retype_short_names(all_mentions)
    groups = group_mentions(all_mentions, text)
    share_person_facts(all_mentions, groups, _counterpart(parts, furniture))
    types = [m.type for m in all_mentions]
    countries = [m.country for m in all_mentions]
    military_of = national_forces(all_mentions)
    state_words = {  # first word of a state's two-word name: "Soviet" -> "Soviet Union"
        m.name.split()[0].lower(): i
        for i, m in reversed(list(enumerate(all_mentions)))
        if m.type == "STATE" and len(m.name.split()) == 2
    }
    published = parse_published(article.published)
    paragraphs = paragraph_starts(text)
    state = ArticleState()
    has_exercise = any(m.type == "EXERCISE" for m in all_mentions)
    state_of: dict[str, int] = {}
    for i, m in enumerate(all_mentions):
        if m.type == "STATE" and m.country:
            state_of.setdefault(m.country, i)
    events: list[EventMention] = []
    context: dict[int, str] = {}
    infos: list[tuple[int, SentenceInfo]] = []
    by_doc: dict[int, list[tuple[int, Span, Mention]]] = {}
    for pair in pairs:  # each chunk's own mentions, in order (no chunks x mentions scan)
        by_doc.setdefault(id(pair[1].doc), []).append(pair)
    for offset, doc in parts:
        token_mention: dict[int, int] = {}
        for off, span, m in by_doc.get(id(doc), []):
            if off == offset:
                for t in range(span.start, span.end):
                    token_mention[t] = index[id(m)]
        finder = EventFinder(
            token_mention, groups, types, state, state_of, countries, military_of, state_words
        )
        ents = doc.ents  # built once per chunk (spaCy rebuilds the tuple on every access)
        for sent in doc.sents:
            start = offset + sent.start_char
            para = bisect.bisect_right(paragraphs, start)
            found = finder.sentence(sent) if token_mention else []
            main = _main_clause(sent) if found or _may_hold_day(sent.text) else ""
            stated = find_date(main, published) if main else None
            for f in found:
                when = stated
                if f.status in ("future", "hypothetical") and stated:
                    when = find_date(main, published, future=True)
                carried = context.get(para, context.get(-1))
                events.append(_event(f, offset, when, carried, article, tuple(ents)))
            if has_exercise:
                when = stated or _exercise_clause_date(sent, token_mention, types, published)
                infos.append((offset, _sentence_info(sent, token_mention, found, when)))
            if stated and len(stated) == 10:
                context[para] = context[-1] = stated
    events = _with_exercises(events, infos, all_mentions, groups, article)
    return Extraction(article=article, mentions=all_mentions, events=events, dateline=furn.dateline)


def prepared_text(text: str, furn: Furniture) -> str:
    """What the parser reads: furniture masked, look-alike letters folded (same length)."""
    return fold_mixed_script(mask(text, furn.ranges))


def _sentence_info(
    sent, token_mention: dict[int, int], found: list[Found], stated: str | None
) -> SentenceInfo:
    root = sent.root
    negated = any(c.dep_ == "neg" for c in root.children) or any(
        t.lower_ in ("neither", "nor", "never") for t in sent
    )
    status = next((f.status for f in found if f.type == "PARTICIPATE"), None)
    if status is None:
        status = "actual"
        for t in sent:
            if (
                t.dep_ == "aux"
                and t.lower_ in FUTURE_AUX
                or t.lower_ in ("scheduled", "due", "expected", "planned")
            ):
                status = "future"
                break
            if t.dep_ == "aux" and t.lower_ in HYPO_AUX:
                status = "hypothetical"
                break
    return SentenceInfo(
        sent=sent,
        token_mention=token_mention,
        other_events=any(f.type != "PARTICIPATE" for f in found),
        negated=negated,
        status=status,
        date=stated,
    )


def _with_exercises(
    events: list[EventMention],
    infos: list[tuple[int, SentenceInfo]],
    mentions: list[Mention],
    groups: list[int],
    article: Article,
) -> list[EventMention]:
    """Sentence-level PARTICIPATE events replaced by one event per exercise (see exercises.py)."""
    offsets = {id(info): offset for offset, info in infos}
    used: list[SentenceInfo] = []
    merged = aggregate([i for _, i in infos], mentions, groups, article.published, used)
    if not merged:
        return events
    covered = {groups[ex] for ex, *_ in merged}
    merged_at = {offsets[id(i)] + i.sent.start_char for i in used}
    kept = [
        e
        for e in events
        if not (
            e.type == "PARTICIPATE"
            and e.status != "negated"
            and e.start in merged_at
            and any(
                groups[i] in covered for i, _ in e.participants if mentions[i].type == "EXERCISE"
            )
        )
    ]
    for exercise, status, parts, first, date in merged:
        offset = offsets[id(first)]
        sent = first.sent
        kept.append(
            EventMention(
                type="PARTICIPATE",
                status=status,
                participants=[(exercise, "participant")] + [(m, "participant") for m in parts],
                date=date or article.published_date,
                date_basis="text" if date else "published",
                place=None,
                sentence=sent.text,
                start=offset + sent.start_char,
                end=offset + sent.end_char,
                trigger="exercise",
            )
        )
    return sorted(kept, key=lambda e: e.start)


_DAY_HINT = re.compile(r"\d|day\b|yesterday|tomorrow", re.IGNORECASE)


def _exercise_clause_date(
    sent: Span, token_mention: dict[int, int], types: list[str], published: dt.date | None
) -> str | None:
    """ "Khaan Quest 2026, which opens on 15 June, …": a relative clause on the exercise's own
    name dates the exercise (other relative clauses are left out of the sentence's date)."""
    for t in sent:
        m = token_mention.get(t.head.i) if t.dep_ == "relcl" else None
        if m is None or types[m] != "EXERCISE":
            continue
        clause = "".join(x.text_with_ws for x in t.subtree)
        if not _may_hold_day(clause):
            continue
        future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in t.children)
        found = find_date(clause, published, future=future or t.tag_ in ("VBZ", "VBP"))
        if found:
            return found
    return None


def _may_hold_day(text: str) -> bool:
    """Cheap test before the date parser: digits, a weekday, yesterday/tomorrow."""
    return bool(_DAY_HINT.search(text))


def _main_clause(sent) -> str:
    """The sentence without its relative clauses ("…, which opens on Thursday")."""
    inner = {t.i for t in sent if t.dep_ == "relcl" for t in t.subtree}
    if not inner:
        return sent.text
    return "".join(t.text_with_ws for t in sent if t.i not in inner)


def _people_taken_for_places(parts: list[tuple[int, Doc]], pairs: list) -> list:
    """ "Byambajargal" tagged as a place although "A. Byambajargal" is a person in the article."""
    words = {
        w
        for _, _, m in pairs
        if m.type == "PERSON" and len(m.name.split()) > 1
        for w in m.name.split()
        if len(w) > 3 and not w.endswith(".")
    }
    extra = []
    for offset, doc in parts:
        for ent in doc.ents:
            if ent.label_ == "LOCATION" and ent.text in words:
                start = offset + ent.start_char
                mention = Mention(
                    text=ent.text,
                    name=ent.text,
                    type="PERSON",
                    start=start,
                    end=start + len(ent.text),
                )
                extra.append((offset, ent, mention))
    return extra


def _counterpart(parts: list[tuple[int, Doc]], furniture: list[tuple[int, int]]) -> str | None:
    """The most named country other than Mongolia (states, capitals, demonyms), if any."""
    counts: Counter[str] = Counter()
    for _, doc in parts:
        for ent in doc.ents:
            if (
                ent.kb_id_
                and ent.label_ in ("STATE", "NORP", "LOCATION", "MILITARY", "ORGANIZATION")
                and ent.kb_id_ != "MNG"
            ):
                counts[ent.kb_id_] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2) + [("", 0)]
    return best if n > rest[0][1] else None


def _event(
    f: Found,
    offset: int,
    stated: str | None,
    carried: str | None,
    article: Article,
    ents: tuple[Span, ...],
) -> EventMention:
    published = article.published_date or ""
    if (
        stated
        and f.status == "actual"
        and published
        and stated[: len(published)] > published[: len(stated)]
    ):
        stated = None  # an actual event is not dated after publication: the date is another's
    date: str | None
    if stated:
        date, basis = stated, "text"
    elif carried:
        date, basis = carried, "text"
    else:
        date, basis = article.published_date, "published"
    sent = f.sent
    return EventMention(
        type=f.type,
        status=f.status,
        participants=f.participants,
        date=date,
        date_basis=basis,
        place=_place(f, ents),
        sentence=sent.text,
        start=offset + sent.start_char,
        end=offset + sent.end_char,
        trigger=f.trigger.text,
    )


def _place(f: Found, ents: tuple[Span, ...]) -> str | None:
    """The first place named in the sentence after "in"/"at" (``ents``: the doc's entities)."""
    for ent in _within(ents, f.sent):
        if ent.label_ == "LOCATION" and ent.root.head.lower_ in PLACE_PREPS:
            return ent.text
    return None


def _within(ents: tuple[Span, ...], span: Span) -> Iterator[Span]:
    """``span.ents`` from the doc's entities already at hand (same rule as spaCy's)."""
    for ent in ents:
        if ent.start >= span.start:
            if ent.end > span.end:
                return
            yield ent
