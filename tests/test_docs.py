"""The README cannot drift from the code: its command table is the parser's commands, its settings
table the environment variables the code reads, and every command's --help has a description and
an example (in the spirit of datasette's tests/test_docs.py)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from actorgraph.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _all_commands(
    parser: argparse.ArgumentParser, path: str = ""
) -> dict[str, argparse.ArgumentParser]:
    out = {}
    for name, sub in _subparsers(parser).items():
        full = f"{path} {name}".strip()
        out[full] = sub
        out.update(_all_commands(sub, full))
    return out


def test_readme_command_table_lists_exactly_the_parser_commands() -> None:
    documented = set(re.findall(r"^\| `actorgraph ([a-z-]+)", README, flags=re.MULTILINE))
    assert documented == set(_subparsers(build_parser()))


def test_readme_settings_table_lists_exactly_the_variables_the_code_reads() -> None:
    rows = [line for line in README.splitlines() if re.match(r"^\| `[A-Z][A-Z0-9_]+`", line)]
    documented = {
        name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])
    }
    read = set()
    for path in (ROOT / "actorgraph").rglob("*.py"):
        read |= set(
            re.findall(
                r"[\"']((?:ACTORGRAPH|NEO4J|OPENAI)_[A-Z0-9_]+)[\"']", path.read_text("utf-8")
            )
        )
    assert documented == read


@pytest.mark.parametrize("command", sorted(_all_commands(build_parser())))
def test_every_help_screen_has_a_description_and_an_example(command: str) -> None:
    sub = _all_commands(build_parser())[command]
    text = sub.format_help()
    assert sub.description, f"`actorgraph {command} --help` has no description"
    assert "example:\n  actorgraph " in text, f"`actorgraph {command} --help` has no example"
