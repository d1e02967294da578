"""Optional executive summary written by a language model from the structured report only.

The model (any OpenAI-compatible endpoint, ``ACTORGRAPH_LLM_*`` settings) gets the report's JSON
without article texts and must answer ``{"sentences": [{"text", "event_ids"}]}``. A sentence
is kept only when it cites at least one event id of the report and every id it cites is one;
the others are dropped and counted. Never required: without ``--narrative`` nothing is sent.
"""

from __future__ import annotations

import json
import re
from typing import Any

from actorgraph.core.errors import LLMError
from actorgraph.core.settings import Settings
from actorgraph.report.model import WeeklyReport

SYSTEM_PROMPT = (
    "You write the executive summary of a weekly security report for analysts. Use ONLY the "
    "JSON report you are given; add no fact that is not in it. Answer with JSON "
    '{"sentences": [{"text": "...", "event_ids": ["..."]}]}: at most 8 sentences, each citing '
    "the ids of the events (from the report's events, key_events, upcoming, non_events or "
    "counterparts' event_ids) that support it."
)
_CITED = re.compile(r"\[([0-9a-f]{6,40})\]")


def event_ids(report: WeeklyReport) -> set[str]:
    """Every event id the report holds."""
    doc = report.to_dict()
    ids = {e["id"] for k in ("events", "key_events", "upcoming", "non_events") for e in doc[k]}
    for section in doc["counterparts"].values():
        for kind in ("new", "continuing", "lapsed"):
            ids.update(i for entry in section[kind] for i in entry["event_ids"])
    ids.update(i for item in doc["outlook"] for i in item.get("event_ids", []))
    return ids


def _prompt_doc(report: WeeklyReport) -> str:
    doc = report.to_dict()
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True)
    return re.sub(r'"paragraph": "(?:[^"\\]|\\.)*"', '"paragraph": null', text)


def check_sentences(raw: Any, known: set[str]) -> tuple[list[dict[str, Any]], int]:
    """The sentences whose citations are all known event ids (at least one), and how many
    were dropped."""
    items = raw.get("sentences") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise LLMError("the narrative is not a JSON object with a 'sentences' list")
    kept: list[dict[str, Any]] = []
    dropped = 0
    for item in items:
        text = item.get("text") if isinstance(item, dict) else None
        ids = item.get("event_ids") if isinstance(item, dict) else None
        if not isinstance(text, str) or not text.strip() or not isinstance(ids, list):
            dropped += 1
            continue
        ids = [i for i in ids if isinstance(i, str)] + _CITED.findall(text)
        if not ids or not set(ids) <= known:
            dropped += 1
            continue
        clean = " ".join(_CITED.sub("", text).split())
        kept.append({"text": clean, "event_ids": sorted(set(ids))})
    return kept, dropped


def ask_model(report: WeeklyReport, settings: Settings) -> Any:
    """The model's parsed JSON answer (LLMError for an unreachable endpoint or bad JSON)."""
    try:
        import openai
    except ImportError as exc:
        raise LLMError(
            "--narrative needs the openai package: pip install 'actorgraph[llm]'"
        ) from exc
    if not settings.llm_base_url and not settings.llm_api_key:
        raise LLMError(
            "--narrative needs an LLM endpoint: set ACTORGRAPH_LLM_BASE_URL and/or "
            "ACTORGRAPH_LLM_API_KEY"
        )
    client = openai.OpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "not-needed",
        timeout=settings.http_timeout,
        max_retries=1,
    )
    try:
        response = client.chat.completions.create(
            model=settings.llm_model,
            temperature=0,
            messages=[
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": _prompt_doc(report)},
            ],
            response_format={"type": "json_object"},
        )
        content = response.choices[0].message.content or ""
    except openai.OpenAIError as exc:
        raise LLMError(f"LLM endpoint {settings.llm_base_url}: {exc}") from exc
    except (IndexError, AttributeError) as exc:
        raise LLMError("the LLM endpoint returned no message") from exc
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        raise LLMError("the narrative from the LLM endpoint is not valid JSON") from exc


def add_narrative(report: WeeklyReport, settings: Settings) -> None:
    """Ask the model and attach ``{"sentences", "dropped", "model"}`` to the report."""
    kept, dropped = check_sentences(ask_model(report, settings), event_ids(report))
    report.narrative = {"sentences": kept, "dropped": dropped, "model": settings.llm_model}
