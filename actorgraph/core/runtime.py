"""Process-wide settings of a run of the command (set by the CLI, which owns its process).

A run builds a few hundred thousand long-lived objects (spaCy's pipeline, the resolver's index of
the stored actors, the gazetteer). With Python's default thresholds (700, 10, 10) the cyclic
garbage collector walks them again and again as they are made: 4 full and 43 middle collections,
0.4 s of CPU in a one-article ingest into a store of 5,000 actors, more as the store has more.
Reference counting frees all but cyclic garbage either way; collecting it less often only lets a
little more of it wait.
"""

from __future__ import annotations

import gc

GC_THRESHOLDS = (50_000, 20, 20)


def collect_less_often() -> None:
    """Raise the collector's thresholds to :data:`GC_THRESHOLDS` (never lower them; a collector
    switched off with threshold 0 stays off)."""
    current = gc.get_threshold()
    if current[0] == 0:
        return
    gc.set_threshold(*(max(now, ours) for now, ours in zip(current, GC_THRESHOLDS, strict=True)))
