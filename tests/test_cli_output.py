"""How the CLI prints query rows."""

from __future__ import annotations

from actorgraph.cli.output import format_rows


def test_long_cells_are_cut_with_an_ellipsis() -> None:
    table = format_rows([{"sentence": "x" * 80, "n": 1}], "table")
    row = table.splitlines()[2]
    assert row.startswith("x" * 57 + "...")
    assert "x" * 61 not in table


def test_short_cells_are_untouched() -> None:
    assert format_rows([{"a": "Mongolia"}], "table").splitlines()[2].strip() == "Mongolia"
