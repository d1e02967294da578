"""Refresh the corpus-derived fields of the sample gold files (``sNN.json``).

The ``text`` of a sample gold file must be exactly what the extractor sees: the article's body
paragraphs joined with a blank line. This script copies ``id``, ``title``, ``published`` and
``text`` from ``actorgraph/sample/articles/*.md`` into the matching gold file, keeping the hand-made
``actors`` and ``events``. Run: ``python tests/data/gold/sync_text.py [--check]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from actorgraph.sample.corpus import load_articles

GOLD_DIR = Path(__file__).resolve().parent


def gold_header(article) -> dict:
    """The corpus-derived part of a gold record."""
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "text": article.body,
    }


def sync(check_only: bool = False) -> list[str]:
    """Update (or with ``check_only`` just compare) every sample gold file; returns stale ids."""
    stale = []
    for article in load_articles():
        path = GOLD_DIR / f"{article.id}.json"
        record = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        header = gold_header(article)
        if any(record.get(key) != value for key, value in header.items()):
            stale.append(article.id)
            if not check_only:
                merged = {
                    **header,
                    "actors": record.get("actors", []),
                    "events": record.get("events", []),
                }
                path.write_text(
                    json.dumps(merged, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
    return stale


if __name__ == "__main__":
    check = "--check" in sys.argv[1:]
    ids = sync(check_only=check)
    print(("stale: " if check else "updated: ") + (", ".join(ids) or "none"))
    sys.exit(1 if check and ids else 0)
