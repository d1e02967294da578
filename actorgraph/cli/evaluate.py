"""``actorgraph eval GOLD_DIR``: extraction scores over the gold articles, and resolution scores
when the directory also holds ``resolution.json``; ``actorgraph eval --grid``: the behavioural
grid's recall per cell."""

from __future__ import annotations

from pathlib import Path

from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings


def evaluate_all(gold_dir: Path, settings: Settings) -> str:
    """The evaluation report as text."""
    from actorgraph.nlp import make_extractor
    from actorgraph.nlp.evaluate import evaluate, format_report

    if not gold_dir.is_dir():
        raise ConfigError(f"{gold_dir}: not a directory of gold files")
    parts = [format_report(evaluate(gold_dir, make_extractor(settings)))]
    resolution = gold_dir / "resolution.json"
    if resolution.exists():
        from actorgraph.resolve.evaluate import evaluate_resolution

        scores = evaluate_resolution(resolution)
        parts.append(scores.line())
        parts += [f"  false merge: {a} = {b}" for a, b in scores.false_merges]
        parts += [f"  missed: {a} = {b}" for a, b in scores.missed]
    return "\n\n".join(parts)


def evaluate_grid(settings: Settings, failures: bool = False) -> str:
    """The behavioural grid's report as text (``failures``: every failed check listed too)."""
    from actorgraph.nlp import make_extractor
    from actorgraph.nlp.grid import format_grid, run_grid

    result, _ = run_grid(make_extractor(settings))
    return format_grid(result, failures=failures)
