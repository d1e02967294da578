"""actorgraph.resolve: mentions to canonical actors and events (see :class:`Resolver`)."""

from actorgraph.core.judgements import (
    Judgement,
    JudgementBook,
    judge,
    judgements_from_json,
    judgements_to_json,
    load_judgements,
    save_judgements,
    stale_judgements,
)
from actorgraph.resolve.facts import own_id
from actorgraph.resolve.normalize import fold, name_key, person_parts, series
from actorgraph.resolve.resolver import Resolver, resolve_all, series_id

__all__ = [
    "Judgement",
    "JudgementBook",
    "Resolver",
    "fold",
    "judge",
    "judgements_from_json",
    "judgements_to_json",
    "load_judgements",
    "name_key",
    "own_id",
    "person_parts",
    "resolve_all",
    "save_judgements",
    "series",
    "series_id",
    "stale_judgements",
]

from actorgraph.resolve.evaluate import ResolutionScores, evaluate_resolution  # noqa: E402

__all__ += ["ResolutionScores", "evaluate_resolution"]

from actorgraph.resolve.review import ReviewPair, review_pairs  # noqa: E402

__all__ += ["ReviewPair", "review_pairs"]
