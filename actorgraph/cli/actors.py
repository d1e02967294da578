"""``actorgraph actors …``: look at actors, review the resolver's doubtful calls, merge, split,
undo, and share judgements as JSON. ``register`` adds the command to the parser; ``run`` runs it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz

from actorgraph.cli.output import Emit, format_rows, printable
from actorgraph.core.errors import ConfigError, ResolutionError
from actorgraph.core.judgements import (
    Judgement,
    judge,
    load_judgements,
    save_judgements,
    stale_judgements,
)
from actorgraph.core.kb.countries import parse_country
from actorgraph.core.records import ACTOR_TYPES, Actor
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.base import GraphStore
from actorgraph.graph.judgements import compatible_types
from actorgraph.graph.lookup import find_actor
from actorgraph.resolve.facts import own_id
from actorgraph.resolve.normalize import fold

KEYS = {"s": "same", "n": "not_same", "u": "unsure"}
SEARCH_MIN = 60.0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``actors`` and its sub-commands to the CLI's sub-parsers."""
    p = sub.add_parser("actors", help="list, search, review, merge, split and undo actors")
    acts = p.add_subparsers(dest="actors_command", metavar="SUBCOMMAND", required=True)
    q = acts.add_parser("list", help="list actors")
    q.add_argument("--type", metavar="T", help="PERSON, STATE, MILITARY, EXERCISE, ORGANIZATION")
    q.add_argument("--country", metavar="C", help="ISO 3166 alpha-3 code")
    q = acts.add_parser("show", help="an actor: aliases, mentions, merges and judgements")
    q.add_argument("id", metavar="ID")
    q = acts.add_parser("search", help="actors whose name or alias is like NAME")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--limit", type=int, default=10, metavar="N")
    q = acts.add_parser("review", help="pairs that may be one actor, most doubtful first")
    q.add_argument("--limit", type=int, default=20, metavar="N")
    for name, text in (
        ("merge", "judge A and B the same actor (B merged into A)"),
        ("not-same", "judge A and B different actors (split if merged)"),
    ):
        q = acts.add_parser(name, help=text)
        q.add_argument("a", metavar="A")
        q.add_argument("b", metavar="B")
        _who_why(q)
    q = acts.add_parser("split", help="take ID out of the actor it is merged with")
    q.add_argument("id", metavar="ID")
    q.add_argument(
        "--name",
        metavar="NAME",
        help="split off the mentions the resolver merged into ID under this raw name",
    )
    _who_why(q)
    q = acts.add_parser("edit", help="correct an actor's type, country or title")
    q.add_argument("id", metavar="ID")
    q.add_argument("--type", metavar="T", help="PERSON, STATE, MILITARY, EXERCISE, ORGANIZATION")
    q.add_argument("--country", metavar="C", help="ISO 3166 alpha-3 code or name ('' clears it)")
    q.add_argument("--title", metavar="TEXT", help="the post ('' clears it)")
    _who_why(q)
    q = acts.add_parser("drop", help="mark an actor as not an actor (furniture, a fragment)")
    q.add_argument("id", metavar="ID")
    _who_why(q)
    acts.add_parser("undo", help="reverse the last merge, split or judgement")
    q = acts.add_parser("judgements", help="export or import judgements (JSON)")
    jsub = q.add_subparsers(dest="judgements_command", metavar="ACTION", required=True)
    jsub.add_parser("list", help="every judgement, oldest first")
    jsub.add_parser("export", help="write every judgement to FILE").add_argument(
        "file", metavar="FILE"
    )
    jsub.add_parser("import", help="add the judgements in FILE and apply them").add_argument(
        "file", metavar="FILE"
    )


def _who_why(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--why", default="", metavar="TEXT", help="the reason, kept with it")
    parser.add_argument("--who", default=None, metavar="NAME", help="who decides (default $USER)")


def run(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    """Run ``actorgraph actors SUBCOMMAND``; project errors propagate as one-liners."""
    command = args.actors_command
    emit = _printable_emit(emit)
    read_only = command in ("list", "show", "search") or (
        command == "judgements" and args.judgements_command in ("export", "list")
    )
    with open_store(settings, read_only=read_only) as store:
        if command != "search":
            warn_stale(store)
        return HANDLERS[command](store, args, emit)


# reading ----------------------------------------------------------------------------------------
def cmd_list(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:

    kind = (args.type or "").upper()
    if kind and kind not in ACTOR_TYPES:
        raise ConfigError(f"--type {args.type!r} is not an actor type: {', '.join(ACTOR_TYPES)}")
    try:
        country = parse_country(args.country) if args.country else ""
    except ValueError as exc:
        raise ConfigError(f"--country: {exc}") from exc
    rows = [
        {
            "id": a.id,
            "type": a.type,
            "country": a.country or "",
            "name": a.name,
            "title": a.title or "",
            "aliases": len(a.aliases),
        }
        for a in store.actors()
        if (not kind or a.type == kind) and (not country or a.country == country)
    ]
    emit(format_rows(rows, "table"), None)
    return 0


def cmd_show(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    actor = require(store, args.id)
    merged = store.merged_into()
    lines = [f"{actor.id}  {actor.name}  ({describe(actor)})"]
    if actor.id in merged:
        lines.append(f"merged into: {merged[actor.id]}")
    members = sorted(x for x, root in merged.items() if root == actor.id)
    if members:
        lines.append(f"merged here: {', '.join(members)}")
    shown = next((a for a in store.actors() if a.id == actor.id), actor)
    lines.append(f"aliases: {', '.join(sorted(shown.aliases)) or '-'}")
    mentions = store.actor_mentions(actor.id)
    lines.append(f"mentions ({len(mentions)}):")
    for m in mentions:
        where = f"{(m.published or '')[:10] or '-'}  {m.url}"
        origin = f"  [resolved to {m.orig}]" if m.orig != m.actor else ""
        lines.append(f"  {where}  {m.name!r} at {m.start}-{m.end}{origin}")
        if m.method:
            features = json.dumps(m.features, ensure_ascii=False, sort_keys=True)
            lines.append(f"      merged by {m.method}, score {m.score:.3f}: {features}")
    judged = [j for j in store.judgements() if actor.id in (j.a, j.b)]
    lines.append(f"judgements ({len(judged)}):")
    lines += [f"  {judgement_line(j)}" for j in judged]
    emit("\n".join(lines), None)
    return 0


def cmd_search(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    query = fold(args.name).strip()
    if not query:
        raise ResolutionError(f"search {args.name!r}: give a name with letters or digits")
    scored = []
    for actor in store.actors():
        names = dict.fromkeys([actor.name, *actor.aliases])
        best = max(((fuzz.WRatio(query, fold(n)), n) for n in names if n), default=(0.0, ""))
        if best[0] >= SEARCH_MIN:
            scored.append((-best[0], actor.id, actor, best[1]))
    scored.sort(key=lambda t: (t[0], t[1]))
    if not scored:
        emit(f"no actor like {args.name!r}", None)
        return 0
    lines = [
        f"{-s:5.1f}  {a.id}  {a.name}  ({describe(a)})"
        + (f"  as {matched!r}" if matched != a.name else "")
        for s, _, a, matched in scored[: max(args.limit, 1)]
    ]
    emit("\n".join(lines), None)
    return 0


# review -----------------------------------------------------------------------------------------
def cmd_review(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    from actorgraph.graph.review_queue import candidates

    found = candidates(store, limit=max(args.limit, 1))
    if not found:
        emit("nothing to review", None)
        return 0
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not interactive:
        emit("\n\n".join(candidate_text(i, c) for i, c in enumerate(found, 1)), None)
        return 0
    who = default_who()
    decided = 0
    for i, c in enumerate(found, 1):
        emit(candidate_text(i, c), None)
        key = ask("same, not same, unsure or quit? [s/n/u/q] ")
        if key == "q":
            break
        if c.b is None:  # an automatic merge: its mentions get an actor id to judge
            store.judge_merge(c.a.id, c.mention, c.b_id, KEYS[key], who=who, why="review")
        else:
            store.add_judgement(judge(c.a.id, c.b_id, KEYS[key], who, "review"))
        decided += 1
    emit(f"{decided} judgement{'s' if decided != 1 else ''} recorded", None)
    return 0


def ask(prompt: str) -> str:
    """One of s/n/u/q from the terminal (asks again on anything else; end of input quits)."""
    while True:
        try:
            print(prompt, end="", flush=True)
            answer = input().strip().lower()[:1]
        except EOFError:
            return "q"
        if answer in ("s", "n", "u", "q"):
            return answer


def candidate_text(number: int, c) -> str:  # noqa: ANN001 - a review_queue.Candidate
    head = f"[{number}] {c.kind}  score {c.score:.3f}  method {c.method or '-'}"
    a = f"    A  {c.a.id}  {c.a.name!r}  ({describe(c.a)})  aliases: {_names(c.a)}"
    if c.b is None:
        b = (
            f"    B  {c.mention!r}  ({c.mentions} mention{'s' if c.mentions != 1 else ''} merged "
            f"into A; alone it would be {c.b_id})"
        )
    else:
        b = f"    B  {c.b.id}  {c.b.name!r}  ({describe(c.b)})  aliases: {_names(c.b)}"
    lines = [head, a, b]
    lines.append(f"    features: {json.dumps(c.features, ensure_ascii=False, sort_keys=True)}")
    for label, sentences in (("A", c.sentences_a), ("B", c.sentences_b)):
        for s in sentences:
            lines.append(f"    {label} said: {s}")
    return "\n".join(lines)


def _names(actor: Actor) -> str:
    return ", ".join(repr(n) for n in sorted(actor.aliases)[:6]) or "-"


# decisions --------------------------------------------------------------------------------------
def cmd_merge(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    a, b = require(store, args.a), require(store, args.b)
    merged = store.merged_into()
    root_a, root_b = merged.get(a.id, a.id), merged.get(b.id, b.id)
    if root_a == root_b:
        raise ResolutionError(f"{a.id!r} and {b.id!r} are already one actor ({root_a!r})")
    if not compatible_types(a.type, b.type):
        raise ResolutionError(
            f"cannot merge {b.id!r} ({b.type}) into {a.id!r} ({a.type}): different types"
        )
    store.add_judgement(judge(a.id, b.id, "same", _who(args), args.why))
    after = store.merged_into()
    if after.get(b.id, b.id) != after.get(a.id, a.id):
        print(
            f"warning: recorded, but {b.id} stays apart from {a.id}: an earlier 'not same' "
            "judgement separates their groups (see `actorgraph actors show`)",
            file=sys.stderr,
        )
        emit(f"recorded same: {a.id} {b.id}", None)
        return 0
    emit(f"merged {b.id} into {after.get(a.id, a.id)}", None)
    return 0


def cmd_not_same(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    a, b = require(store, args.a), require(store, args.b)
    merged = store.merged_into()
    together = merged.get(a.id, a.id) == merged.get(b.id, b.id)
    store.add_judgement(judge(a.id, b.id, "not_same", _who(args), args.why))
    emit(f"recorded not same: {a.id} {b.id}" + ("; split them" if together else ""), None)
    return 0


def cmd_split(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    actor = require(store, args.id)
    if args.name:
        return _split_automatic(store, actor, args, emit)
    merged = store.merged_into()
    root = merged.get(actor.id, actor.id)
    group = sorted({root, *(x for x, r in merged.items() if r == root)} - {actor.id})
    if not group:
        automatic = _automatic_names(store, actor.id)
        if automatic:
            listed = ", ".join(f"{shlex.quote(n)} ({k})" for n, k in automatic.items())
            raise ResolutionError(
                f"{actor.id!r} is not merged with any actor by a judgement; the resolver merged "
                f"these names into it: {listed}; split one with --name NAME"
            )
        raise ResolutionError(f"{actor.id!r} is not merged with any actor; nothing to split")
    who = _who(args)
    store.add_judgements([judge(actor.id, other, "not_same", who, args.why) for other in group])
    emit(f"split {actor.id} from {', '.join(group)}", None)
    return 0


def _automatic_names(store: GraphStore, actor_id: str) -> dict[str, int]:
    """Raw names the resolver merged into the actor automatically, with their mention counts."""
    counts: dict[str, int] = {}
    for m in store.actor_mentions(actor_id):
        if m.method and m.actor == actor_id and m.orig == actor_id:
            counts[m.name] = counts.get(m.name, 0) + 1
    return counts


def _split_automatic(store: GraphStore, actor: Actor, args: argparse.Namespace, emit: Emit) -> int:
    """Give the mentions the resolver merged into ``actor`` under one raw name an actor of
    their own (recorded as the resolver's merge plus the person's ``not_same``)."""
    automatic = _automatic_names(store, actor.id)
    if args.name not in automatic:
        known = ", ".join(shlex.quote(n) for n in automatic) or "none"
        raise ResolutionError(
            f"the resolver merged no mention named {args.name!r} into {actor.id}; "
            f"automatic merges: {known}"
        )
    new_id = store.judge_merge(
        actor.id, args.name, own_id(args.name, actor.type), "not_same", who=_who(args), why=args.why
    )
    emit(f"split {args.name!r} ({automatic[args.name]} mentions) from {actor.id} as {new_id}", None)
    return 0


def cmd_edit(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    """Correct an actor's type, country or title; kept as a judgement that later ingests
    respect (and ``actors undo`` reverses)."""
    actor = require(store, args.id)
    wanted: dict[str, str | None] = {}
    if args.type is not None:
        kind = args.type.upper()
        if kind not in ACTOR_TYPES:
            raise ConfigError(
                f"--type {args.type!r} is not an actor type: {', '.join(ACTOR_TYPES)}"
            )
        wanted["type"] = kind
    if args.country is not None:
        try:
            wanted["country"] = parse_country(args.country) if args.country else None
        except ValueError as exc:
            raise ConfigError(f"--country: {exc}") from exc
    if args.title is not None:
        wanted["title"] = args.title or None
    if not wanted:
        raise ConfigError("actors edit: give at least one of --type, --country, --title")
    current = {"type": actor.type, "country": actor.country, "title": actor.title}
    changes = {k: [current[k], v] for k, v in wanted.items() if current[k] != v}
    if not changes:
        emit(f"{actor.id}: nothing to change", None)
        return 0
    store.add_judgement(
        judge(actor.id, "", "edit", _who(args), args.why, json.dumps(changes, ensure_ascii=False))
    )
    said = ", ".join(f"{k} {old or '-'} -> {new or '-'}" for k, (old, new) in changes.items())
    emit(f"edited {actor.id}: {said}", None)
    return 0


def cmd_drop(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    """Mark an actor as not an actor (page furniture, a fragment); kept as a judgement that
    later ingests respect (and ``actors undo`` reverses). Nothing is deleted."""
    actor = require(store, args.id)
    if actor.id in store.dropped():
        emit(f"{actor.id} is already dropped", None)
        return 0
    store.add_judgement(judge(actor.id, "", "drop", _who(args), args.why))
    emit(f"dropped {actor.id} ({actor.name}); `actorgraph actors undo` brings it back", None)
    return 0


def cmd_undo(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    removed = store.remove_last_judgements()
    if not removed:
        emit("nothing to undo", None)
        return 0
    emit("undid:\n" + "\n".join(f"  {judgement_line(j)}" for j in removed), None)
    return 0


def cmd_judgements(store: GraphStore, args: argparse.Namespace, emit: Emit) -> int:
    if args.judgements_command == "list":
        rows = [
            {
                "when": j.when,
                "verdict": j.verdict,
                "a": j.a,
                "b": j.b,
                "changes": j.changes,
                "who": j.who,
                "why": j.why,
            }
            for j in store.judgements()
        ]
        emit(format_rows(rows, "table") if rows else "no judgements yet", None)
        return 0
    path = Path(args.file)
    if args.judgements_command == "export":
        judgements = store.judgements()
        try:
            save_judgements(path, judgements)
        except OSError as exc:
            raise ResolutionError(f"cannot write judgements to {path}: {exc.strerror}") from exc
        emit(f"exported {len(judgements)} judgements to {path}", None)
        return 0
    incoming = load_judgements(path)
    present = set(store.judgements())
    new = [j for j in dict.fromkeys(incoming) if j not in present]
    store.add_judgements(new)
    warn_stale(store, new)
    emit(
        f"imported {len(new)} judgements from {path} ({len(incoming) - len(new)} already present)",
        None,
    )
    return 0


HANDLERS: dict[str, Callable[[GraphStore, argparse.Namespace, Emit], int]] = {
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "review": cmd_review,
    "merge": cmd_merge,
    "not-same": cmd_not_same,
    "split": cmd_split,
    "undo": cmd_undo,
    "edit": cmd_edit,
    "drop": cmd_drop,
    "judgements": cmd_judgements,
}


# helpers ----------------------------------------------------------------------------------------
def _printable_emit(emit: Emit) -> Emit:
    return lambda text, out: emit(printable(text), out)


def require(store: GraphStore, text: str) -> Actor:
    """The actor an argument names (id, name or alias); says on stderr which actor a name
    matched; ResolutionError naming the input otherwise."""
    found = find_actor(store, text)
    if found.how != "id" or found.actor.id != text:
        print(printable(f"actor: {found.describe()}"), file=sys.stderr)
    return found.actor


def describe(actor: Actor) -> str:
    return ", ".join(x for x in (actor.type, actor.country, actor.title) if x)


def judgement_line(j: Judgement) -> str:
    who = f" by {j.who}" if j.who else ""
    why = f": {j.why}" if j.why else ""
    return f"{j.when or '-'}  {j.verdict}  {j.a}  {j.b}{who}{why}"


def default_who() -> str:
    try:
        return os.environ.get("ACTORGRAPH_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _who(args: argparse.Namespace) -> str:
    return args.who if args.who is not None else default_who()


def warn_stale(store: GraphStore, judgements: list[Judgement] | None = None) -> None:
    """One warning line per judgement that names an actor the store does not have."""
    for j in stale_judgements_of(store, judgements):
        missing = [x for x in (j.a, j.b) if store.actor(x) is None]
        print(
            printable(
                f"warning: judgement {j.verdict} {j.a} {j.b} names no actor "
                f"{' or '.join(repr(m) for m in missing)}; kept, not applied"
            ),
            file=sys.stderr,
        )


def stale_judgements_of(
    store: GraphStore, judgements: list[Judgement] | None = None
) -> list[Judgement]:
    """Judgements (default: every stored one) naming an actor the store does not have."""
    judgements = store.judgements() if judgements is None else judgements
    ids = {x for j in judgements for x in (j.a, j.b)}
    present = {x for x in ids if store.actor(x) is not None}
    return stale_judgements(judgements, present)
