"""A ``.txt`` clipping without front matter: the date comes from the dateline, else the first
explicit date, else the file's modification time with a warning naming the file."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from actorgraph.core.records import Article
from actorgraph.core.settings import Settings
from actorgraph.ingest import IngestWarning, SeenIndex, collect
from actorgraph.ingest.files import read_text_document

MTIME = 1_780_000_000.0  # 2026-05-28


def _read(tmp_path: Path, name: str, text: str) -> list[object]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    os.utime(path, (MTIME, MTIME))
    settings = replace(Settings(), store_path=tmp_path / "s.lbug")
    return list(collect([str(path)], settings, SeenIndex(), lambda url: None))


def test_dateline_date_with_the_year_of_the_file(tmp_path: Path) -> None:
    items = _read(
        tmp_path,
        "wire.txt",
        "SEOUL, March 12 (Reuters) - South Korea and Mongolia agreed to widen defence ties, "
        "officials said, adding that talks would go on in May 2025.",
    )
    [art] = [i for i in items if isinstance(i, Article)]
    assert art.published == "2026-03-12T00:00:00Z"
    assert not [i for i in items if isinstance(i, IngestWarning)]


def test_first_explicit_date_in_the_text(tmp_path: Path) -> None:
    items = _read(
        tmp_path,
        "note.txt",
        "Embassy note\n\nThe ambassador met the minister on 3 September 2024 and again on "
        "9 October 2024 to discuss the visit.",
    )
    [art] = [i for i in items if isinstance(i, Article)]
    assert art.published == "2024-09-03T00:00:00Z"


def test_modification_time_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    items = _read(tmp_path, "undated.txt", "The two sides held talks and agreed to meet again.")
    [art] = [i for i in items if isinstance(i, Article)]
    assert art.published is not None and art.published.startswith("2026-05-28")
    warnings = [i for i in items if isinstance(i, IngestWarning)]
    assert warnings and "undated.txt" in warnings[0].reason
    assert "modification time" in warnings[0].reason


def test_front_matter_date_wins_and_gives_no_warning() -> None:
    doc = read_text_document(
        b"---\ndate: 2025-01-02\n---\nULAANBAATAR, May 4 (Xinhua) -- Talks were held.",
        "a.txt",
        MTIME,
    )
    assert doc.published == "2025-01-02T00:00:00Z" and doc.date_warning is None
