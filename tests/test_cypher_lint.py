"""Every Cypher statement the Neo4j backend sends, and every saved query in its Neo4j form, passes
Neo4j's own parser and semantic analysis (``@neo4j-cypher/language-support``, run with Node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from actorgraph.graph.base import NODE_LABELS, REL_TYPES
from actorgraph.graph.neo4j_store import neo4j_statements
from actorgraph.graph.schema import property_keys
from actorgraph.queries import load_queries

LINT_DIR = Path(__file__).parent / "lint"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
EXAMPLES: dict[str, Any] = {
    "str": "",
    "int": 1,
    "float": 1.0,
    "bool": True,
    "date": "2026-05-18",
    "year": "2026",
    "country": "MNG",
    "actor": "person:b-battsetseg",
}


def _statements() -> list[dict[str, Any]]:
    queries = [
        {"name": f"backend:{name}", "text": text, "params": params}
        for name, text, params in neo4j_statements()
    ]
    for saved in load_queries():
        params = {p.name: EXAMPLES[p.type] for p in saved.params}
        queries.append(
            {"name": f"saved:{saved.name}", "text": saved.text_for("neo4j"), "params": params}
        )
    return queries


def _row_keys() -> set[str]:
    """Keys of the UNWIND row maps (``r.actor`` ...), taken from the real row builder."""
    from graph_fixture_data import DOCS

    from actorgraph.graph.rows import batch_rows

    return {key for rows in batch_rows(DOCS, {}).values() for row in rows for key in row}


def _lint(queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node (Node.js) is not installed; needed for Neo4j's Cypher linter")
    if not PACKAGE.exists():
        pytest.skip(
            "@neo4j-cypher/language-support is not installed: run npm ci --prefix tests/lint"
        )
    payload = {
        "schema": {
            "labels": list(NODE_LABELS),
            "relationshipTypes": list(REL_TYPES),
            "propertyKeys": sorted(set(property_keys()) | _row_keys()),
        },
        "cypherVersion": "CYPHER 5",
        "queries": queries,
    }
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["results"]


def test_every_neo4j_statement_passes_neo4j_linter() -> None:
    queries = _statements()
    names = {q["name"] for q in queries}
    assert "backend:write_actors" in names and "saved:shortest_path" in names
    results = _lint(queries)
    assert len(results) == len(queries)
    errors = [
        f"{r['name']} line {d['line']}:{d['character']}: {d['message']}"
        for r in results
        for d in r["diagnostics"]
        if d["severity"] == "error"
    ]
    warnings = [
        f"{r['name']}: {d['message']}"
        for r in results
        for d in r["diagnostics"]
        if d["severity"] != "error"
    ]
    for warning in warnings:
        print("warning:", warning)
    assert not errors, "\n".join(errors)


def test_linter_catches_a_ladybug_only_statement() -> None:
    """The check is real: Ladybug's dialect (CAST ... AS, SHORTEST) fails Neo4j's parser."""
    from actorgraph.queries import get_query

    text = get_query("shortest_path").text_for("ladybug")
    results = _lint(
        [
            {"name": "ladybug_form", "text": text, "params": {"a": "", "b": ""}},
            {"name": "undefined", "text": "MATCH (a:Actor) RETURN b", "params": {}},
        ]
    )
    assert all(any(d["severity"] == "error" for d in r["diagnostics"]) for r in results)
