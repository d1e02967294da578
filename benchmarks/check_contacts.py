"""Check a store's pair contacts against its events (every entry the events imply is stored).

    python benchmarks/check_contacts.py STORE [--repair | --rebuild]

Prints the missing and extra entries per month and a few examples; exit status 1 when they
differ. ``--repair`` adds the missing entries (one transaction, the write path's merge) and checks
again; ``--rebuild`` rebuilds every contact from the events as ``store migrate`` does on an older
schema (``migrate`` does nothing on a version 2 store). Opens the store read-write (Ladybug's
lock): run it on a copy of a cached benchmark store, or on the cached file when no one uses it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from actorgraph.graph import contacts
from actorgraph.graph.ladybug_store import LadybugStore

ALL_CONTACTS = "MATCH (c:Contact) RETURN c.id AS id, c.entries AS entries"


def differences(store: LadybugStore) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """``(missing, extra)``: ``{contact id: entries}`` the events imply but the store lacks, and
    the other way round."""
    expected = contacts.entries_of(store._read(contacts.ALL_EVENT_PAIRS, {}))
    stored = {r["id"]: set(r["entries"] or []) for r in store._read(ALL_CONTACTS, {})}
    missing: dict[str, set[str]] = {}
    extra: dict[str, set[str]] = {}
    for cid, found in expected.items():
        lack = set(found.values()) - stored.get(cid, set())
        if lack:
            missing[cid] = lack
    for cid, held in stored.items():
        more = held - set(expected.get(cid, {}).values())
        if more:
            extra[cid] = more
    return missing, extra


def summary(name: str, found: dict[str, set[str]]) -> list[str]:
    entries = [e for es in found.values() for e in es]
    months = Counter(e.split("|")[0][:7] for e in entries)
    lines = [f"{name}: {len(entries)} entries of {len(found)} pairs"]
    lines += [f"  {m}: {n}" for m, n in sorted(months.items())]
    for cid in sorted(found)[:3]:
        lines.append(f"  e.g. {cid}: {sorted(found[cid])[:3]}")
    return lines


def check(store: LadybugStore) -> tuple[bool, dict[str, set[str]]]:
    """Print the differences; ``(no differences, missing entries)``."""
    missing, extra = differences(store)
    print("\n".join(summary("missing", missing) + summary("extra", extra)), flush=True)
    return not missing and not extra, missing


def repair(store: LadybugStore, missing: dict[str, set[str]]) -> None:
    """Merge the missing entries into their contacts (creating the contacts that lack)."""
    found = {cid: {e.split("|")[1]: e for e in es} for cid, es in missing.items()}
    store._in_transaction(lambda execute: contacts.update(execute, found))


def timed(what: str, work: Callable[[], Any]) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{what} in {wall:.1f} s wall, {cpu:.1f} s CPU", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--repair", action="store_true", help="add the missing entries")
    how.add_argument("--rebuild", action="store_true", help="rebuild every contact")
    args = parser.parse_args(argv)
    store = LadybugStore(args.store)
    try:
        ok, missing = check(store)
        if args.repair and missing:
            timed(
                f"added {sum(map(len, missing.values()))} entries", lambda: repair(store, missing)
            )
        if args.rebuild:
            timed("rebuilt every contact", lambda: store._in_transaction(contacts.rebuild_all))
        if (args.repair and missing) or args.rebuild:
            ok, _ = check(store)
    finally:
        store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
