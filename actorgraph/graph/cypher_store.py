"""What both backends share: the batching writer and the reads, on top of three engine
primitives (run statements in one write transaction, run one read, run user Cypher)."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from actorgraph.core.errors import ResolutionError
from actorgraph.core.judgements import VERDICTS, Judgement, judge
from actorgraph.core.kb.countries import by_code, code_for_name
from actorgraph.core.records import (
    Actor,
    Article,
    ArticleMeta,
    EventKey,
    EventView,
    FeedState,
    Place,
    ResolvedArticle,
    SourceRef,
    StoredMention,
    stable_id,
)
from actorgraph.graph import contacts
from actorgraph.graph import cypher as stmts
from actorgraph.graph import judgements as judged
from actorgraph.graph.base import NODE_LABELS, GraphStore
from actorgraph.graph.rows import (
    actor_ids,
    batch_rows,
    created_participants,
    participants_after,
    split_new,
)
from actorgraph.graph.safety import check_statement

Execute = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
_ONE = {"events": "event", "article": "article_one"}  # web anchors of one id by primary key
ROLE_ORDER = {"actor": 0, "recipient": 1, "participant": 2}
COUNTRY_WINDOW_DAYS = 91  # days of the date index in the first window of country_history
COUNTRY_WALK_CODES = 4  # more counterparts than this: country_history reads the whole history


def index_hashes(execute: Execute, articles: Sequence[dict[str, Any]]) -> None:
    """Point the content-hash keys of these article rows (``id``, ``content_hash``) at their
    articles (created when new)."""
    rows = {
        r["content_hash"]: {"id": r["content_hash"], "article": r["id"]}
        for r in articles
        if r["content_hash"]
    }
    if not rows:
        return
    found = execute(stmts.HASH_ARTICLES, {"hashes": sorted(rows)})
    known = {r["content_hash"] for r in found}
    if known:
        execute(stmts.SET_HASHES, {"rows": [rows[h] for h in sorted(known)]})
    new = [rows[h] for h in sorted(rows) if h not in known]
    if new:
        execute(stmts.CREATE_HASHES, {"rows": new})


class CypherStore(GraphStore):
    """A :class:`GraphStore` speaking the shared Cypher of :mod:`actorgraph.graph.cypher`."""

    key_lists_scan = False  # `UNWIND $ids MATCH (n {id: id})-[r]-(m)` scans instead of looking up

    # engine primitives ---------------------------------------------------------------------------
    @abstractmethod
    def _in_transaction(self, work: Callable[[Execute], Any]) -> Any:
        """Run ``work(execute)`` in one write transaction; on error roll back, raise StoreError."""

    @abstractmethod
    def _read(self, statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """One read statement, rows as dicts."""

    @abstractmethod
    def _run_user(
        self, statement: str, params: dict[str, Any], write: bool
    ) -> list[dict[str, Any]]:
        """User Cypher (already checked), with the query timeout, errors as QueryError."""

    # writes --------------------------------------------------------------------------------------
    def write(self, batch: Sequence[ResolvedArticle]) -> None:
        if not batch:
            return

        def work(execute: Execute) -> None:
            ids = actor_ids(batch)
            stored = {
                r["id"]: r["aliases"] or [] for r in execute(stmts.STORED_ALIASES, {"ids": ids})
            }
            named = sorted(set(ids) | set(judged.hinted_ids(batch)))
            states = {r["id"]: r["into"] for r in execute(judged.STATES, {"ids": named})}
            rows = batch_rows(batch, stored)
            members = judged.member_names(execute, ids)
            judged.prepare_rows(rows, batch, states, stored, members)
            events = [r["id"] for r in rows["events"]]
            known = execute(stmts.KNOWN_EVENTS, {"ids": events}) if events else []
            arts = [r["id"] for r in rows["articles"]]
            stored_arts = {r["id"] for r in execute(stmts.KNOWN_IDS, {"ids": arts})}
            merge, create = split_new(rows, {r["id"]: r["date"] for r in known}, stored_arts)
            dated = [r["id"] for r in rows["events"] if r["status"] == "actual" and r["date"]]
            again = sorted({r["id"] for r in known} & set(dated))
            # before anything is created (contacts.STORED_PAIRS)
            before = contacts.stored_pairs(execute, again, self.key_lists_scan)
            if merge["unlink"]:
                execute(stmts.UNLINK_DAYS, {"rows": merge["unlink"]})
            for name, statement in stmts.WRITES:
                if merge[name]:
                    execute(stmts.UPDATES.get(name, statement), {"rows": merge[name]})
                if create.get(name):
                    execute(stmts.CREATES[name], {"rows": create[name]})
            index_hashes(execute, rows["articles"])
            written = created_participants(create) + participants_after(
                before, merge, merge["events"]
            )
            contacts.note_events(execute, dated, written=written, complete=again)
            if create["mentioned_in_explained"]:
                rows_ = create["mentioned_in_explained"]
                execute(stmts.CREATES["mentioned_in_explained"], {"rows": rows_})
            if merge["explain"]:
                execute(judged.EXPLAIN, {"rows": merge["explain"]})
            # an actor created now may be named by an earlier judgement: apply it again
            if judged.new_actors_judged(execute, [i for i in ids if i not in states]):
                judged.reconcile(execute, self._judgements(execute), nodes_created=True)
            # a re-ingest rewrites fields a person edited: set them again
            if judged.edits_named(execute, ids):
                judged.apply_edits(execute, self._judgements(execute), only=ids)

        self._in_transaction(work)

    def index_dates(self, chunk: int = 50_000) -> int:
        """Build the date index (Day nodes, DATED edges) and the pair contacts of every stored
        event again, in one transaction (``store migrate``; the write path keeps them from then
        on). Returns the number of dated events."""

        def work(execute: Execute) -> int:
            contacts.rebuild_all(execute)
            execute(stmts.UNLINK_ALL_DAYS, {})
            rows = execute(stmts.DATED_EVENTS, {})
            days = [{"id": d} for d in sorted({r["day"] for r in rows})]
            for i in range(0, len(days), chunk):
                execute(stmts.WRITE_DAYS, {"rows": days[i : i + chunk]})
            for i in range(0, len(rows), chunk):
                execute(stmts.WRITE_ON, {"rows": rows[i : i + chunk]})
            return len(rows)

        return int(self._in_transaction(work))

    def index_hashes(self, chunk: int = 50_000) -> int:
        """Build the content-hash index of every stored article, in one transaction (``store
        migrate``; the write path keeps it from then on). Returns the number of keys."""

        def work(execute: Execute) -> int:
            rows = execute(stmts.ALL_HASHES, {})
            for i in range(0, len(rows), chunk):
                index_hashes(execute, rows[i : i + chunk])
            return len({r["content_hash"] for r in rows})

        return int(self._in_transaction(work))

    def sign_articles(self, sign: Callable[[str], list[int] | None], chunk: int = 2_000) -> int:
        """Store the LSH band keys ``sign(text)`` of every stored article without them, a chunk
        per transaction (``store migrate``: the keys are a speed-up, so a kill half-way loses
        nothing). Returns the number of articles signed."""
        signed, after = 0, ""
        while True:
            rows = self._read(stmts.UNSIGNED_ARTICLES, {"after": after, "limit": chunk})
            if not rows:
                return signed
            after = rows[-1]["id"]
            keyed = {r["id"]: keys for r in rows if (keys := sign(r["text"] or ""))}
            self.set_origins({}, keyed)
            signed += len(keyed)

    def save_feed_state(self, state: FeedState) -> None:
        params = {"url": state.url, "etag": state.etag, "modified": state.modified}
        self._in_transaction(lambda execute: execute(stmts.SAVE_FEED, params))

    def clear(self) -> None:
        self._in_transaction(lambda execute: execute(stmts.CLEAR, {}))

    # reads ---------------------------------------------------------------------------------------
    def feed_state(self, url: str) -> FeedState | None:
        rows = self._read(stmts.FEED_STATE, {"url": url})
        if not rows:
            return None
        return FeedState(url=rows[0]["url"], etag=rows[0]["etag"], modified=rows[0]["modified"])

    def known_articles(self) -> tuple[set[str], set[str]]:
        rows = self._read(stmts.KNOWN_ARTICLES)
        return {r["url"] for r in rows if r["url"]}, {
            r["content_hash"] for r in rows if r["content_hash"]
        }

    def actors(self) -> list[Actor]:
        """Every actor not merged into another; its aliases include those merged into it."""
        rows = self._read(stmts.ACTORS)
        live = {
            r["id"]: _actor(r) for r in rows if not r.get("merged_into") and not r.get("dropped")
        }
        for r in rows:
            root = live.get(r.get("merged_into") or "")
            if root is not None:
                extra = [n for n in (r["name"], *(r["aliases"] or [])) if n]
                root.aliases += [n for n in dict.fromkeys(extra) if n not in root.aliases]
        return sorted(live.values(), key=lambda a: a.id)

    # judgements ----------------------------------------------------------------------------------
    def add_judgements(self, judgements: Sequence[Judgement]) -> None:
        if not judgements:
            return

        def work(execute: Execute) -> None:
            rows = execute(judged.LIST, {})
            seq = max((int(r["seq"]) for r in rows), default=0) + 1
            execute(judged.ADD, {"rows": judged.judgement_rows(judgements, seq)})
            judged.reconcile(execute, self._judgements(execute), nodes_created=False)

        self._in_transaction(work)

    def judge_merge(
        self, actor_id: str, name: str, new_id: str, verdict: str, *, who: str = "", why: str = ""
    ) -> str:
        if verdict not in VERDICTS:
            raise ResolutionError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")

        def work(execute: Execute) -> str:
            found = execute(judged.ACTOR, {"id": actor_id})
            if not found:
                raise ResolutionError(f"no actor {actor_id!r}")
            holder = _actor(found[0])
            target, n = new_id, 1
            while execute(judged.STATES, {"ids": [target]}):
                n += 1
                target = f"{new_id}-{n}"
            row = {
                "id": target,
                "name": name,
                "type": holder.type,
                "country": None,
                "title": None,
                "aliases": [name],
                "series": holder.series,
            }
            execute(stmts.WRITE_ACTORS, {"rows": [row]})
            execute(judged.SET_MERGED_INTO, {"rows": [{"id": target, "into": actor_id}]})
            names = {"actor": actor_id, "name": name, "new": target}
            execute(judged.REORIG_MENTIONS, names)
            execute(judged.REORIG_PARTICIPANTS, names)
            seq = max((int(r["seq"]) for r in execute(judged.LIST, {})), default=0) + 1
            resolver = judge(actor_id, target, "same", "resolver", f"automatic merge of {name!r}")
            execute(judged.ADD, {"rows": judged.judgement_rows([resolver], seq)})
            person = judge(actor_id, target, verdict, who, why)
            execute(judged.ADD, {"rows": judged.judgement_rows([person], seq + 1)})
            judged.reconcile(execute, self._judgements(execute), nodes_created=True)
            return target

        return self._in_transaction(work)

    def judgements(self) -> list[Judgement]:
        return [judged.judgement_of(r) for r in judged.ordered(self._read(judged.LIST))]

    def remove_last_judgements(self) -> list[Judgement]:
        def work(execute: Execute) -> list[Judgement]:
            rows = judged.ordered(execute(judged.LIST, {}))
            if not rows:
                return []
            last = [r for r in rows if r["seq"] == rows[-1]["seq"]]
            execute(judged.DELETE, {"ids": [r["id"] for r in last]})
            judged.restore_edits(execute, [judged.judgement_of(r) for r in last])
            judged.reconcile(execute, self._judgements(execute), nodes_created=False)
            return [judged.judgement_of(r) for r in last]

        return self._in_transaction(work)

    def _judgements(self, execute: Execute) -> list[Judgement]:
        return [judged.judgement_of(r) for r in judged.ordered(execute(judged.LIST, {}))]

    def merged_into(self) -> dict[str, str]:
        return {r["id"]: r["into"] for r in self._read(judged.MERGED)}

    def actor(self, actor_id: str) -> Actor | None:
        rows = self._read(judged.ACTOR, {"id": actor_id})
        return _actor(rows[0]) if rows else None

    def actor_mentions(self, actor_id: str) -> list[StoredMention]:
        rows = self._read(judged.MENTIONS_OF, {"id": actor_id})
        mentions = [judged.stored_mention(r) for r in rows]
        return sorted(mentions, key=lambda m: (m.published or "", m.url, m.start))

    def merge_explanations(self) -> list[StoredMention]:
        mentions = [judged.stored_mention(r) for r in self._read(judged.EXPLANATIONS)]
        return sorted(
            mentions,
            key=lambda m: (m.score if m.score is not None else 1.0, m.actor, m.url, m.start),
        )

    def sentences(self, actor_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self._read(judged.SENTENCES, {"ids": list(actor_ids)}):
            if r["sentence"] and r["sentence"] not in out.setdefault(r["actor"], []):
                out[r["actor"]].append(r["sentence"])
        return {k: sorted(v) for k, v in out.items()}

    def article(self, article_id: str) -> Article | None:
        rows = self._read(stmts.ARTICLE, {"id": article_id})
        if not rows:
            return None
        r = rows[0]
        return Article(
            id=r["id"],
            url=r["url"] or "",
            title=r["title"] or "",
            text=r["text"] or "",
            outlet=r["outlet"] or "",
            published=r["published"],
            content_hash=r["content_hash"] or "",
            source=r["source"] or "",
            via=r["via"] or "page",
        )

    def articles(self) -> list[ArticleMeta]:
        metas = [
            ArticleMeta(
                id=r["id"],
                url=r["url"],
                title=r["title"] or "",
                outlet=r["outlet"] or "",
                published=r["published"],
                content_hash=r["content_hash"] or "",
            )
            for r in self._read(stmts.ARTICLES)
        ]
        return sorted(metas, key=lambda m: (m.published or "", m.id))

    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        statuses: Sequence[str] = ("actual",),
    ) -> list[EventView]:
        reads = (stmts.EVENTS, stmts.EVENT_PARTICIPANTS, stmts.EVENT_SOURCES, stmts.EVENT_PLACES)
        params: dict[str, Any] = {
            "statuses": list(statuses),
            "since": since or "",
            "until": until or "",
        }
        if since or until:  # a window: start from its Day keys (the date index)
            days = self.days_between(since or "", until or "")
            if not days:
                return []
            params = {"statuses": list(statuses), "days": days}
            reads = stmts.view_reads("days")
        return self._views(reads, params)

    def event_summaries(
        self, since: str, until: str, statuses: Sequence[str] = ("actual",)
    ) -> list[EventView]:
        days = self.days_between(since, until)
        if not days:
            return []
        params = {"statuses": list(statuses), "days": days}
        participants, published = stmts.summary_reads()
        views: dict[str, EventView] = {}
        actors: dict[str, Actor] = {}
        for r in self._read(participants, params):
            view = views.get(r["event"])
            if view is None:
                view = views[r["event"]] = EventView(
                    r["event"], r["type"], r["status"], r["date"], None, [], []
                )
            actor = actors.get(r["id"])
            if actor is None:
                actor = actors[r["id"]] = Actor(r["id"], r["name"], r["actor_type"], r["country"])
            view.participants.append((actor, r["role"]))
        for r in self._read(published, params):
            view = views.get(r["event"])
            if view is not None:
                view.sources.append(SourceRef("", "", "", r["published"]))
        for view in views.values():
            view.participants[:] = _one_per_actor(view.participants)
            view.participants.sort(key=lambda p: (ROLE_ORDER.get(p[1], 9), p[0].id))
        kept = without_dropped(list(views.values()), self.dropped())
        return sorted(kept, key=lambda v: (v.date or "", v.id))

    def events_with_ids(
        self, ids: Sequence[str], statuses: Sequence[str] = ("actual",)
    ) -> list[EventView]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        # read through the days of these events: on Ladybug a source or place read anchored on
        # event keys is planned as a scan of every article (measured: 0.2 s at 100k events)
        dated = self._read(stmts.KNOWN_EVENTS, {"ids": wanted})
        days = sorted({r["date"] for r in dated if r["date"]})
        views = self._views(stmts.view_reads("days"), {"statuses": list(statuses), "days": days})
        undated = sorted({r["id"] for r in dated if not r["date"]})
        if undated:
            params = {"statuses": list(statuses), "ids": undated}
            views += self._views(stmts.view_reads("ids"), params)
        keep = set(wanted)
        return sorted((v for v in views if v.id in keep), key=lambda v: (v.date or "", v.id))

    def reported_between(self, since: str, until: str, published: tuple[str, str]) -> list[str]:
        days = self.days_between(since, until)
        if not days:
            return []
        params = {"days": days, "since": published[0], "until": published[1]}
        return sorted(r["id"] for r in self._read(stmts.REPORTED_BETWEEN, params))

    def _views(self, reads: Sequence[str], params: dict[str, Any]) -> list[EventView]:
        """Complete event views from the four reads of one anchor (see ``cypher.view_reads``)."""
        views = {r["id"]: _event_view(r) for r in self._read(reads[0], params)}
        actors: dict[str, Actor] = {}  # one Actor per id, shared by its participant rows
        for r in self._read(reads[1], params):
            if r["event"] in views:
                actor = actors.get(r["id"])
                if actor is None:
                    actor = actors[r["id"]] = _actor(r)
                views[r["event"]].participants.append((actor, r["role"]))
        for r in self._read(reads[2], params):
            if r["event"] in views:
                views[r["event"]].sources.append(_source(r))
        # places (issue 13)
        for r in self._read(reads[3], params):
            if r["event"] in views and r["precision"]:
                views[r["event"]].geo = Place(
                    name=r["name"],
                    geonameid=r["geonameid"] or None,
                    lat=float(r["lat"]),
                    lng=float(r["lng"]),
                    country=r["country"] or None,
                    admin1=r["admin1"] or None,
                    precision=r["precision"],
                )
        for view in views.values():
            view.participants[:] = _one_per_actor(view.participants)
            view.participants.sort(key=lambda p: (ROLE_ORDER.get(p[1], 9), p[0].id))
            view.sources.sort(key=lambda s: (s.published or "", s.url))
        kept = without_dropped(list(views.values()), self.dropped())
        return sorted(kept, key=lambda v: (v.date or "", v.id))

    def days(self) -> list[str]:
        """Every date string events carry ("2026-05-27", "2026-05", "2026"), sorted: one row per
        day of the store's history, read from the date index."""
        return sorted(r["id"] for r in self._read(stmts.DAYS) if r["id"])

    def days_between(self, since: str, until: str) -> list[str]:
        """The stored date strings ``d`` with ``since <= d < until`` ('' is no bound), compared
        as strings like ``e.date`` in :data:`~actorgraph.graph.cypher.EVENTS`."""
        rows = self._read(stmts.DAYS_BETWEEN, {"since": since, "until": until})
        return sorted(r["id"] for r in rows if r["id"])

    def dropped(self) -> set[str]:
        """Ids of the actors a person dropped (``actors drop``)."""
        return {r["id"] for r in self._read(judged.DROPPED)}

    # bounded reads (scale, issue 12) --------------------------------------------------------------
    def event_keys(self, days: Sequence[str], statuses: Sequence[str]) -> list[EventKey]:
        if not days:
            return []
        rows = self._read(stmts.EVENT_KEYS, {"days": sorted(days), "statuses": list(statuses)})
        found: dict[str, tuple[dict[str, Any], set[str]]] = {}
        for r in rows:
            found.setdefault(r["id"], (r, set()))[1].add(r["actor"])
        return [
            EventKey(
                r["id"],
                r["type"],
                r["status"],
                r["date"],
                r["date_basis"] or "text",
                frozenset(ids),
            )  # fmt: skip
            for r, ids in found.values()
        ]

    def known_article_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        return {r["id"] for r in self._read(stmts.KNOWN_IDS, {"ids": list(ids)})}

    def known_content_hashes(self, hashes: Sequence[str]) -> set[str]:
        wanted = sorted({h for h in hashes if h})
        if not wanted:
            return set()
        named = self._read(stmts.HASH_ARTICLES, {"hashes": wanted})
        if not named:
            return set()
        ids = sorted({r["article"] for r in named if r["article"]})
        has = {r["id"]: r["content_hash"] for r in self._read(stmts.ARTICLE_HASHES, {"ids": ids})}
        # a key whose article was re-written with another text is stale: not stored
        return {r["content_hash"] for r in named if has.get(r["article"]) == r["content_hash"]}

    def actor_activity(self) -> list[tuple[Actor, int]]:
        counts = {r["id"]: int(r["events"]) for r in self._read(stmts.ACTOR_ACTIVITY)}
        rows = self._read(stmts.ACTORS)
        return [
            (_actor({**r, "aliases": [], "series": None}), counts[r["id"]])
            for r in rows
            if r["id"] in counts
        ]

    def pair_totals(self) -> list[tuple[str, str, int]]:
        top = {(r["a"], r["b"]): int(r["weight"]) for r in self._read(stmts.PAIR_TOTALS)}
        undated = {
            (r["a"], r["b"]): int(r["weight"]) for r in self._read(stmts.UNDATED_PAIR_TOTALS)
        }
        if undated:
            # a pair outside the contacts' top k can only climb with undated events: those pairs
            # and the top k are the candidates
            rest = [p for p in undated if p not in top]
            found = (
                {
                    r["id"]: len(r["entries"] or [])
                    for r in self._read(
                        contacts.CONTACTS, {"ids": [contacts.key(*p) for p in rest]}
                    )
                }
                if rest
                else {}
            )
            for pair in rest:
                top[pair] = found.get(contacts.key(*pair), 0)
            for pair, n in undated.items():
                top[pair] += n
        ranked = sorted(top.items(), key=lambda t: (-t[1], t[0]))[: stmts.PAIR_TOTALS_LIMIT]
        return [(a, b, n) for (a, b), n in ranked]

    def pairs_before(self, pairs: Sequence[frozenset[str]], before: str) -> set[frozenset[str]]:
        found = self.pair_contacts([(a, b) for a, b in (sorted(p) for p in pairs if len(p) == 2)])
        return {
            pair
            for pair, entries in found.items()
            if any(date and date < before and formed for date, _, formed in entries)
        }

    def pair_contacts(
        self, pairs: Sequence[tuple[str, str]]
    ) -> dict[frozenset[str], list[tuple[str, str, bool]]]:
        wanted = sorted({tuple(sorted(p)) for p in pairs if len(set(p)) == 2})
        found = self._contacts(wanted)  # type: ignore[arg-type]
        out: dict[frozenset[str], list[tuple[str, str, bool]]] = {}
        for a, b in wanted:
            entries = found.get(contacts.key(a, b))
            if entries:
                out[frozenset((a, b))] = [contacts.parse(e) for e in entries]
        return out

    def pair_events_outside_contacts(
        self, pairs: Sequence[tuple[str, str]], statuses: Sequence[str]
    ) -> list[str]:
        rows = [{"a": a, "b": b} for a, b in sorted({tuple(sorted(p)) for p in pairs}) if a != b]
        if not rows or not statuses:
            return []
        params = {"pairs": rows, "statuses": list(statuses)}
        return sorted({r["id"] for r in self._read(contacts.PAIRS_OUTSIDE, params)})

    def counts(self) -> dict[str, int]:
        return {label: int(self._read(stmts.count_nodes(label))[0]["n"]) for label in NODE_LABELS}

    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> list[dict[str, Any]]:
        check_statement(cypher, write=write)
        return self._run_user(cypher, dict(params or {}), write)

    # web pages (``actorgraph serve``) ------------------------------------------------------------
    def actor_events(self, actor_ids: Sequence[str]) -> list[EventView]:
        return self._anchored("actors", actor_ids)

    def events_by_id(self, event_ids: Sequence[str]) -> list[EventView]:
        return self._anchored("events", event_ids)

    def article_events(self, article_id: str) -> list[EventView]:
        return self._anchored("article", [article_id])

    def _anchored(self, anchor: str, ids: Sequence[str]) -> list[EventView]:
        params: dict[str, Any] = {"ids": list(dict.fromkeys(ids))}
        if not params["ids"]:
            return []
        if len(params["ids"]) == 1 and anchor in _ONE:  # a primary-key lookup
            anchor, params = _ONE[anchor], {"id": params["ids"][0]}
        views = {r["id"]: _event_view(r) for r in self._read(stmts.web_events(anchor), params)}
        return self._complete(
            views,
            self._read(stmts.web_participants(anchor), params),
            self._read(stmts.web_sources(anchor), params),
        )

    def article_ids(self, urls: Sequence[str]) -> dict[str, str]:
        wanted = set(urls)
        if not wanted:
            return {}
        guesses = sorted({stable_id(u) for u in wanted})
        rows = self._read(stmts.WEB_ARTICLES_BY_ID, {"ids": guesses})
        found = {r["url"]: r["id"] for r in rows if r["url"] in wanted}
        rest = sorted(wanted - set(found))  # stored under another id, or not stored
        if rest:
            found |= {r["url"]: r["id"] for r in self._read(stmts.WEB_ARTICLE_IDS, {"urls": rest})}
        return found

    def event_counts(self, actor_ids: Sequence[str]) -> dict[str, int]:
        if not actor_ids:
            return {}
        rows = self._read(stmts.WEB_EVENT_COUNTS, {"ids": list(actor_ids)})
        return {r["id"]: int(r["n"]) for r in rows}

    def search_actors(
        self, text: str, *, type: str = "", country: str = "", limit: int = 50
    ) -> list[tuple[Actor, str, float]]:
        from actorgraph.graph.search import search

        return search(self.actors(), text, type=type, country=country, limit=limit)

    # bounded web reads (issue 14) -------------------------------------------------------------
    def actor_timeline(
        self, actor_ids: Sequence[str], *, before: tuple[str, str] | None = None, limit: int = 100
    ) -> list[EventView]:
        ids = list(dict.fromkeys(actor_ids))
        if not ids or limit <= 0:
            return []
        params: dict[str, Any] = {"ids": ids, "limit": limit}
        if before is not None:
            params.update(date=before[0], id=before[1])
        rows = self._read(stmts.web_timeline(before is not None), params)
        if not rows:
            return []
        views = {r["id"]: _event_view(r) for r in rows}
        days = {"ids": ids, "lo": rows[-1]["day"], "hi": rows[0]["day"]}
        found = self._complete(
            views,
            self._read(stmts.web_participants("actor_days"), days),
            self._read(stmts.web_sources("actor_days"), days),
        )
        return list(reversed(found))

    def actor_event_total(self, actor_ids: Sequence[str]) -> int:
        ids = list(dict.fromkeys(actor_ids))
        if not ids:
            return 0
        return int(self._read(stmts.WEB_EVENT_TOTAL, {"ids": ids})[0]["n"])

    def counterparts(
        self,
        actor_ids: Sequence[str],
        *,
        statuses: Sequence[str] | None = ("actual",),
        event_types: Sequence[str] = (),
        limit: int = 10000,
    ) -> list[tuple[Actor, int]]:
        ids = list(dict.fromkeys(actor_ids))
        if not ids or limit <= 0:
            return []
        params: dict[str, Any] = {"ids": ids, "limit": limit}
        if statuses is not None:
            params["statuses"] = list(statuses)
        if event_types:
            params["event_types"] = list(event_types)
        statement = stmts.web_counterparts(statuses is not None, bool(event_types))
        rows = self._read(statement, params)
        return [(_actor({**r, "aliases": []}), int(r["n"])) for r in rows]

    def shared_events(
        self, actor_ids: Sequence[str], others: Sequence[str], statuses: Sequence[str]
    ) -> list[tuple[str, str, str, EventView]]:
        if not actor_ids or not others:
            return []
        params = {
            "ids": list(dict.fromkeys(actor_ids)),
            "others": sorted(set(others)),
            "statuses": list(statuses),
        }
        found: dict[tuple[str, str], tuple[str, str, EventView]] = {}
        for r in self._read(stmts.WEB_SHARED, params):
            key = (r["other"], r["id"])
            if key not in found:
                found[key] = (r["other_role"], r["role"], _event_view(r))
            view = found[key][2]
            if all((s.url, s.start) != (r["url"], r["start"] or 0) for s in view.sources):
                view.sources.append(_source(r))
        out = []
        for (other, _), (other_role, role, view) in sorted(found.items()):
            view.sources.sort(key=lambda s: (s.published or "", s.url))
            out.append((other, other_role, role, view))
        return out

    def mention_names(self, actor_id: str) -> list[tuple[str, str | None, str | None, int]]:
        rows = self._read(stmts.WEB_MENTION_NAMES, {"id": actor_id})
        found = [(r["name"], r["first"], r["last"], int(r["n"])) for r in rows if r["name"]]
        return sorted(found, key=lambda t: (t[1] or "", t[0]))

    def mentions_page(self, actor_id: str, limit: int) -> tuple[list[StoredMention], int]:
        total = int(self._read(stmts.WEB_MENTION_TOTAL, {"id": actor_id})[0]["n"])
        if not total or limit <= 0:
            return [], total
        rows = self._read(stmts.WEB_MENTIONS, {"id": actor_id, "limit": limit})
        return [judged.stored_mention(r) for r in rows], total

    def merged_members(self, actor_id: str) -> list[Actor]:
        rows = self._read(stmts.WEB_MEMBERS, {"id": actor_id})
        return sorted(
            (
                _actor({**r, "type": "", "country": None, "title": None, "series": None})
                for r in rows
            ),
            key=lambda a: a.id,
        )

    @staticmethod
    def _complete(
        views: dict[str, EventView],
        participants: list[dict[str, Any]],
        sources: list[dict[str, Any]],
    ) -> list[EventView]:
        """Attach participant and source rows to their events; one order for every read."""
        for r in participants:
            if r["event"] in views:
                views[r["event"]].participants.append((_actor(r), r["role"]))
        for r in sources:
            if r["event"] in views:
                views[r["event"]].sources.append(_source(r))
        for view in views.values():
            view.participants[:] = _one_per_actor(view.participants)
            view.participants.sort(key=lambda p: (ROLE_ORDER.get(p[1], 9), p[0].id))
            unique = {(s.url, s.start): s for s in view.sources}
            view.sources[:] = sorted(unique.values(), key=lambda s: (s.published or "", s.url))
        return sorted(views.values(), key=lambda v: (v.date or "", v.id))

    # report reads and article origins (report helper) ------------------------------------------
    def set_origins(
        self, origins: dict[str, str], bands: Mapping[str, Sequence[int]] | None = None
    ) -> None:
        rows = [{"id": k, "origin": v} for k, v in sorted(origins.items())]
        # rows with keys only: an empty list has no element type to bind (Ladybug)
        keyed = [{"id": k, "bands": list(v)} for k, v in sorted((bands or {}).items()) if v]
        if not rows and not keyed:
            return

        def work(execute: Execute) -> None:
            if rows:
                execute(stmts.SET_ORIGINS, {"rows": rows})
            if keyed:
                execute(stmts.SET_BANDS, {"rows": keyed})

        self._in_transaction(work)

    def articles_on_days(self, days: Sequence[str]) -> dict[str, set[str]]:
        if not days:
            return {}
        out: dict[str, set[str]] = {}
        for r in self._read(stmts.DAY_ARTICLES, {"days": sorted(set(days))}):
            out.setdefault(r["day"], set()).add(r["id"])
        return out

    def article_bands(self, ids: Sequence[str]) -> list[tuple[str, list[int] | None]]:
        if not ids:
            return []
        rows = self._read(stmts.ARTICLE_BANDS, {"ids": sorted(set(ids))})
        return [(r["id"], r["bands"]) for r in rows]

    def article_texts(self, ids: Sequence[str]) -> list[tuple[str, str, str | None]]:
        if not ids:
            return []
        rows = self._read(stmts.ARTICLE_TEXTS, {"ids": sorted(set(ids))})
        return [(r["id"], r["text"] or "", r["origin"]) for r in rows]

    def report_articles(
        self, urls: Sequence[str], ids: Sequence[str] = ()
    ) -> dict[str, dict[str, str]]:
        wanted = set(urls)
        rows = self._read(stmts.REPORT_ARTICLES_BY_ID, {"ids": sorted(set(ids))}) if ids else []
        rows = [r for r in rows if r["url"] in wanted]
        rest = sorted(wanted - {r["url"] for r in rows})
        if rest:
            rows += self._read(stmts.REPORT_ARTICLES, {"urls": rest})
        return {
            r["url"]: {"id": r["id"], "origin": r["origin"] or r["id"], "text": r["text"] or ""}
            for r in rows
        }

    def _contacts(self, pairs: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
        """The stored contact entries of these pairs (by key), without dropped actors."""
        dropped = self.dropped()
        ids = sorted({contacts.key(a, b) for a, b in pairs if not {a, b} & dropped})
        if not ids:
            return {}
        return {r["id"]: r["entries"] or [] for r in self._read(contacts.CONTACTS, {"ids": ids})}

    def pair_history(
        self, pairs: Sequence[tuple[str, str]], before: str
    ) -> dict[tuple[str, str], tuple[int, str, str]]:
        wanted = sorted({(a, b) for a, b in pairs if a != b})
        found = self._contacts(wanted)
        out: dict[tuple[str, str], tuple[int, str, str]] = {}
        for a, b in wanted:
            days = [d for d, _, _ in map(contacts.parse, found.get(contacts.key(a, b), []))]
            days = [d for d in days if d < before]
            if days:
                out[(a, b)] = (len(days), min(days), max(days))
        return out

    def pair_first_sources(
        self, firsts: dict[tuple[str, str], str]
    ) -> dict[tuple[str, str], list[EventView]]:
        if not firsts:
            return {}
        found = self._contacts(list(firsts))
        ids: dict[tuple[str, str], set[str]] = {}
        days: set[str] = set()
        for (a, b), day in firsts.items():
            for date, event, _ in map(contacts.parse, found.get(contacts.key(a, b), [])):
                if date == day:
                    ids.setdefault((a, b), set()).add(event)
                    days.add(date)
        wanted = sorted({e for held in ids.values() for e in held})
        if not wanted:
            return {}
        events: dict[str, EventView] = {}
        params = {"days": sorted(days), "ids": wanted}
        for r in self._read(stmts.FIRST_SOURCES, params):
            view = events.setdefault(
                r["event"], EventView(r["event"], r["type"], "actual", r["date"], None, [], [])
            )
            view.sources.append(
                SourceRef(
                    url=r["url"],
                    title=r["title"] or "",
                    outlet=r["outlet"] or "",
                    published=r["published"],
                    sentence=r["sentence"] or "",
                )
            )
        out: dict[tuple[str, str], list[EventView]] = {}
        for pair, held in ids.items():
            views = [_copy_view(events[e]) for e in sorted(held) if e in events]
            for view in views:
                view.sources.sort(key=lambda s: (s.published or "", s.url))
            if views:
                out[pair] = views
        return out

    def country_history(self, focus: str, codes: Sequence[str], before: str) -> dict[str, str]:
        wanted = sorted(set(codes) - {focus})
        if not wanted:
            return {}
        if len(wanted) > COUNTRY_WALK_CODES:  # many at once: one read of the whole history
            return self._country_links(stmts.COUNTRY_HISTORY_ALL, focus, wanted, before, {})
        # walk the date index back from ``before`` in windows that double (13 weeks of days
        # first): the first window that links a counterpart holds its last contact
        days = self.days_between("", before)
        out: dict[str, str] = {}
        size, end = COUNTRY_WINDOW_DAYS, len(days)
        while end > 0 and len(out) < len(wanted):
            rest = [c for c in wanted if c not in out]
            window = {"days": days[max(end - size, 0) : end]}
            out.update(self._country_links(stmts.COUNTRY_HISTORY, focus, rest, before, window))
            end, size = end - size, size * 2
        return out

    def _country_links(
        self, statement: str, focus: str, codes: list[str], before: str, extra: dict[str, Any]
    ) -> dict[str, str]:
        """``{ISO3: last date}`` from one country-history read."""
        params = {
            **extra,
            "focus": focus,
            "focus_names": _names([focus]),
            "codes": codes,
            "names": _names(codes),
            "before": before,
        }
        out: dict[str, str] = {}
        for r in self._read(statement, params):
            code = r["country"] or code_for_name(r["name"] or "")
            if code in codes and r["last"] and r["last"] > out.get(code, ""):
                out[code] = r["last"]
        return out


def _copy_view(view: EventView) -> EventView:
    """A view of its own (two pairs may share a first event; callers may sort its sources)."""
    return EventView(view.id, view.type, view.status, view.date, view.place, [], list(view.sources))


def _event_view(r: dict[str, Any]) -> EventView:
    return EventView(
        id=r["id"],
        type=r["type"],
        status=r["status"],
        date=r["date"],
        place=r["place"],
        participants=[],
        sources=[],
        date_basis=r["date_basis"] or "text",
    )


def _source(r: dict[str, Any]) -> SourceRef:
    return SourceRef(
        url=r["url"],
        title=r["title"] or "",
        outlet=r["outlet"] or "",
        published=r["published"],
        sentence=r["sentence"] or "",
        start=r["start"] or 0,
        end=r["stop"] or 0,
        article=r.get("article") or "",
    )


def _names(codes: Sequence[str]) -> list[str]:
    """Names and aliases of countries (a STATE actor without a country is named as one)."""
    out: list[str] = []
    for code in codes:
        found = by_code(code)
        if found is not None:
            out += [found.name, *found.aliases]
    return sorted(set(out))


def _one_per_actor(participants: list[tuple[Actor, str]]) -> list[tuple[Actor, str]]:
    """An actor listed once per event (two merged actors may both have taken part)."""
    best: dict[str, tuple[Actor, str]] = {}
    for actor, role in participants:
        held = best.get(actor.id)
        if held is None or ROLE_ORDER.get(role, 9) < ROLE_ORDER.get(held[1], 9):
            best[actor.id] = (actor, role)
    return list(best.values())


def without_dropped(views: list[EventView], dropped: set[str]) -> list[EventView]:
    """Events without the actors a person dropped; an event left with fewer than two
    participants is no interaction and is left out."""
    if not dropped:
        return views
    kept = []
    for view in views:
        if any(actor.id in dropped for actor, _ in view.participants):
            view.participants[:] = [p for p in view.participants if p[0].id not in dropped]
            if len(view.participants) < 2:
                continue
        kept.append(view)
    return kept


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        country=row["country"],
        title=row["title"],
        aliases=row["aliases"] or [],  # a fresh list from the engine: no copy
        series=row.get("series"),
    )
