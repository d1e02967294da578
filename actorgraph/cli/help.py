"""What ``--help`` says for each command beyond its usage line: a description and an example.

Kept apart from the parser so every command's text sits in one table; a command whose parser sets
its own ``description``/``epilog`` keeps them.
"""

from __future__ import annotations

import argparse

# command path ("actors merge") -> (description, example)
HELP: dict[str, tuple[str, str]] = {
    "ingest": (
        "Fetch feeds (RSS, Atom), OPML lists, article pages, local files and folders; extract "
        "actors and interactions; resolve them and write them to the store. A source that fails "
        "is named on stderr and skipped; the others are ingested.",
        "actorgraph ingest https://example.org/feed.xml feeds.opml ./clippings/",
    ),
    "extract": (
        "Run the articles in the given files and folders through extraction and resolution and "
        "print actors and relations; the store is not touched.",
        "actorgraph extract clipping.txt ./more-clippings/ --format table",
    ),
    "export": (
        "Write the whole store (actors, events, relations, articles) as JSON.",
        "actorgraph export --out store.json",
    ),
    "report": (
        "The weekly 'what changed' report for a focus country: relationships per counterpart, new, "
        "continuing and lapsed contacts, every statement with its sources.",
        "actorgraph report --week latest --focus MNG --format html --out week.html",
    ),
    "query": (
        "Run a saved query by name (see `actorgraph queries`) or raw Cypher, read-only unless "
        "--write; values are always passed as parameters.",
        "actorgraph query actor_timeline --param actor='B. Battsetseg'",
    ),
    "queries": (
        "List the saved queries with their parameters.",
        "actorgraph queries",
    ),
    "viz": (
        "Write an interactive network view (HTML) of one week or of the whole graph.",
        "actorgraph viz --week 2026-W22 --focus MNG --out network.html",
    ),
    "demo": (
        "Serve the bundled sample feeds on 127.0.0.1, ingest them into a fresh store in DIR, and "
        "write the latest week's report and network view there.",
        "actorgraph demo --dir actorgraph-demo",
    ),
    "eval": (
        "Precision and recall of extraction (and resolution, when the folder has resolution.json) "
        "on a folder of gold JSON files; with --grid, recall per cell of the behavioural grid "
        "(sentences generated from templates: constructions x name origins, title positions, "
        "datelines, furniture lines).",
        "actorgraph eval tests/data/gold",
    ),
    "sync": (
        "Copy the embedded store into a Neo4j database (idempotent).",
        "actorgraph sync --to-neo4j bolt://127.0.0.1:7687",
    ),
    "actors": (
        "Review, explain and undo entity resolution: every decision is stored as a judgement "
        "(who, when, why) and re-applied on later ingests.",
        "actorgraph actors show 'B. Battsetseg'",
    ),
    "actors list": (
        "List live actors, optionally by type and country.",
        "actorgraph actors list --type PERSON --country MNG",
    ),
    "actors show": (
        "One actor (by id, name or alias): aliases, mentions, merge explanations, judgements.",
        "actorgraph actors show 'Battsetseg'",
    ),
    "actors search": (
        "Actors whose name or alias is like NAME.",
        "actorgraph actors search Battsetseg",
    ),
    "actors review": (
        "Pairs that may be one actor, most doubtful first; answer s(ame), n(ot same), u(nsure), "
        "q(uit).",
        "actorgraph actors review --limit 20",
    ),
    "actors merge": (
        "Judge A and B the same actor: B's mentions and events move to A (reversible).",
        "actorgraph actors merge person:a person:b --why 'same minister, two spellings'",
    ),
    "actors not-same": (
        "Judge A and B different actors; splits them if they were merged.",
        "actorgraph actors not-same person:a person:b",
    ),
    "actors split": (
        "Take an actor out of the group it was merged into, or (--name) split off the mentions the "
        "resolver merged into it under one raw name.",
        "actorgraph actors split person:ganbold-dorj --name 'Ms. Dorj'",
    ),
    "actors undo": ("Reverse the last merge, split or judgement.", "actorgraph actors undo"),
    "actors edit": (
        "Correct an actor's type, country or title. Kept as a judgement (who, when, why) that "
        "later ingests respect; `actors undo` restores the old values.",
        "actorgraph actors edit 'Tsend-Ayush Bold' --type PERSON --country MNG",
    ),
    "actors drop": (
        "Mark an actor as not an actor (page furniture, a title fragment): it is listed nowhere "
        "and its events lose it; kept as a judgement later ingests respect; `actors undo` "
        "brings it back.",
        "actorgraph actors drop organization:ulan --why 'dateline fragment'",
    ),
    "actors judgements": (
        "List, export or import judgements (JSON) to share decisions in a team.",
        "actorgraph actors judgements export team.json",
    ),
    "actors judgements list": (
        "Every judgement, oldest first.",
        "actorgraph actors judgements list",
    ),
    "actors judgements export": (
        "Write every judgement to FILE.",
        "actorgraph actors judgements export team.json",
    ),
    "actors judgements import": (
        "Add the judgements in FILE and apply them.",
        "actorgraph actors judgements import team.json",
    ),
}


def document(parser: argparse.ArgumentParser, path: str = "") -> None:
    """Give every sub-command of ``parser`` its description and example from :data:`HELP`."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for name, sub in action.choices.items():
            full = f"{path} {name}".strip()
            description, example = HELP.get(full, (None, None))
            if description and not sub.description:
                sub.description = description
            if example and not sub.epilog:
                sub.epilog = f"example:\n  {example}"
            sub.formatter_class = argparse.RawDescriptionHelpFormatter
            document(sub, full)
