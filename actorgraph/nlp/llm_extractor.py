"""Optional LLM extraction through any OpenAI-compatible endpoint (the ``[llm]`` extra).

The model is asked for JSON matching :data:`EXTRACTION_SCHEMA`. Its output is untrusted input:
every actor name and evidence sentence must occur in the article text (so nothing is invented),
types, roles, statuses and dates are checked against fixed lists and formats, and anything that
does not validate is dropped. ``mode="hybrid"`` keeps the rule-based events and adds the LLM's
events that the rules missed; ``mode="llm"`` uses the LLM alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from actorgraph.core.errors import LLMError
from actorgraph.core.llm import llm_client
from actorgraph.core.records import (
    ACTOR_TYPES,
    EVENT_TYPES,
    ROLES,
    STATUSES,
    Article,
    EventMention,
    Extraction,
    Mention,
)
from actorgraph.core.settings import Settings

EXTRACTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["actors", "events"],
    "properties": {
        "actors": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "type", "country", "title"],
                "properties": {
                    "name": {"type": "string"},
                    "type": {"type": "string", "enum": list(ACTOR_TYPES)},
                    "country": {"type": ["string", "null"]},
                    "title": {"type": ["string", "null"]},
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["type", "status", "date", "sentence", "participants"],
                "properties": {
                    "type": {"type": "string", "enum": list(EVENT_TYPES)},
                    "status": {"type": "string", "enum": list(STATUSES)},
                    "date": {"type": ["string", "null"]},
                    "sentence": {"type": "string"},
                    "participants": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["name", "role"],
                            "properties": {
                                "name": {"type": "string"},
                                "role": {"type": "string", "enum": list(ROLES)},
                            },
                        },
                    },
                },
            },
        },
    },
}

SYSTEM_PROMPT = (
    "You extract actors and interactions from one news article for a security analyst. "
    "Actors are people, states, armed forces and units, named military exercises and "
    "organisations; places are not actors. Use names exactly as written in the article. Countries "
    "are ISO 3166 alpha-3 codes. Events are interactions between two or more actors, each with the "
    "exact sentence of the article that states it, a status (actual, future, negated, "
    "hypothetical) and a date YYYY-MM-DD (or YYYY-MM, YYYY) resolved against the publication "
    "date. Answer with JSON only."
)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


def _client(settings: Settings) -> Any:
    return llm_client(settings, "the LLM extractor")


def _ask(client: Any, settings: Settings, article: Article) -> dict[str, Any]:
    import openai

    published = article.published or "unknown"
    try:
        response = client.chat.completions.create(
            model=settings.llm_model,
            temperature=0,
            messages=[
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": f"Published: {published}\n\n{article.text}"},
            ],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "extraction", "schema": EXTRACTION_SCHEMA, "strict": True},
            },
        )
    except openai.APIConnectionError as exc:
        raise LLMError(f"LLM endpoint {settings.llm_base_url} unreachable: {exc}") from exc
    except openai.APIStatusError as exc:
        raise LLMError(f"LLM endpoint answered HTTP {exc.status_code} for {article.url}") from exc
    except openai.OpenAIError as exc:
        raise LLMError(f"LLM request failed for {article.url}: {exc}") from exc
    try:
        content = response.choices[0].message.content or ""
        data = json.loads(content)
    except (IndexError, AttributeError, json.JSONDecodeError) as exc:
        raise LLMError(f"LLM output for {article.url} is not valid JSON") from exc
    if not isinstance(data, dict):
        raise LLMError(f"LLM output for {article.url} is not a JSON object")
    return data


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def validate(data: dict[str, Any], article: Article) -> Extraction:
    """LLM JSON -> Extraction, keeping only what checks out against the article text."""
    text = article.text
    mentions: list[Mention] = []
    index: dict[str, int] = {}
    for raw in data.get("actors") or []:
        if not isinstance(raw, dict):
            continue
        name, kind = _str(raw.get("name")), raw.get("type")
        if not name or kind not in ACTOR_TYPES or name.casefold() in index:
            continue
        at = text.find(name)
        if at < 0:
            continue  # a name that is not in the article is invented
        country = _str(raw.get("country"))
        mentions.append(
            Mention(
                text=name,
                name=name,
                type=kind,
                start=at,
                end=at + len(name),
                country=country if country and _COUNTRY.match(country) else None,
                title=_str(raw.get("title")) if kind == "PERSON" else None,
            )
        )
        index[name.casefold()] = len(mentions) - 1
    events: list[EventMention] = []
    for raw in data.get("events") or []:
        event = _validate_event(raw, text, index, article)
        if event is not None:
            events.append(event)
    return Extraction(article=article, mentions=mentions, events=events)


def _validate_event(
    raw: Any, text: str, index: dict[str, int], article: Article
) -> EventMention | None:
    if not isinstance(raw, dict) or raw.get("type") not in EVENT_TYPES:
        return None
    status = raw.get("status") if raw.get("status") in STATUSES else None
    sentence = _str(raw.get("sentence"))
    if status is None or sentence is None or (start := text.find(sentence)) < 0:
        return None
    participants: list[tuple[int, str]] = []
    for p in raw.get("participants") or []:
        if not isinstance(p, dict) or p.get("role") not in ROLES:
            continue
        name = _str(p.get("name"))
        if name and name.casefold() in index:
            participants.append((index[name.casefold()], p["role"]))
    if len({i for i, _ in participants}) < 2:
        return None
    date = _str(raw.get("date"))
    basis = "text"
    if not date or not _DATE.match(date):
        date, basis = article.published_date, "published"
    return EventMention(
        type=raw["type"],
        status=status,
        participants=participants,
        date=date,
        date_basis=basis,
        place=None,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        trigger="llm",
    )


def _event_key(extraction: Extraction, event: EventMention) -> tuple[str, frozenset[str]]:
    names = frozenset(extraction.mentions[i].name.casefold() for i, _ in event.participants)
    return event.type, names


def merge(rules: Extraction, llm: Extraction) -> Extraction:
    """Rule-based events plus the LLM events the rules did not find (same type and actors)."""
    mentions = list(rules.mentions)
    by_name = {m.name.casefold(): i for i, m in enumerate(mentions)}
    known = {_event_key(rules, e) for e in rules.events}
    events = list(rules.events)
    for event in llm.events:
        if _event_key(llm, event) in known:
            continue
        remapped = []
        for i, role in event.participants:
            mention = llm.mentions[i]
            if mention.name.casefold() not in by_name:
                mentions.append(mention)
                by_name[mention.name.casefold()] = len(mentions) - 1
            remapped.append((by_name[mention.name.casefold()], role))
        events.append(EventMention(**{**_fields(event), "participants": remapped}))
    return Extraction(article=rules.article, mentions=mentions, events=events)


def _fields(event: EventMention) -> dict[str, Any]:
    return {name: getattr(event, name) for name in EventMention.__slots__}


class LLMExtractor:
    """Extraction by an OpenAI-compatible model, alone (``llm``) or beside the rules."""

    def __init__(self, settings: Settings, mode: str = "llm", rules: Any = None) -> None:
        if mode not in ("llm", "hybrid"):
            raise LLMError(f"unknown LLM extractor mode {mode!r}")
        self.settings = settings
        self.mode = mode
        self.rules = rules
        self._client = _client(settings)

    def extract(self, article: Article) -> Extraction:
        found = validate(_ask(self._client, self.settings, article), article)
        if self.mode == "hybrid" and self.rules is not None:
            return merge(self.rules.extract(article), found)
        return found

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[Extraction]:
        for article in articles:
            yield self.extract(article)
