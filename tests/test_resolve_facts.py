"""The memo of name facts (resolve/facts.py): the resolver's index and its decisions are the same
with the memo, without it and from a damaged one; the memo is named by all it is made of."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from resolve_helpers import doc, meet, mention

from actorgraph.core.judgements import Judgement
from actorgraph.core.records import Actor
from actorgraph.resolve import Resolver, facts

ACTORS = [
    Actor("person:gursediin-saikhanbayar", "Gursediin Saikhanbayar", "PERSON", "MNG",
          "Minister of Defence", ["G. Saikhanbayar", "Saikhanbayar", "Гүрсэдийн Сайханбаяр"]),
    Actor("person:ahn-gyu-back", "Ahn Gyu-back", "PERSON", "KOR", None, ["Minister Ahn"]),
    Actor("person:battsetseg-batmunkh", "Batmunkh Battsetseg", "PERSON", "MNG", None,
          ["B. Battsetseg", "Battsetseg Batmunkh"]),
    Actor("org:korea-internet-and-security-agency", "Korea Internet and Security Agency",
          "ORGANIZATION", "KOR", None, ["KISA"]),
    Actor("military:mongolian-armed-forces", "Mongolian Armed Forces", "MILITARY", "MNG", None,
          ["MAF", "the Mongolian Armed Forces", "Armed Forces of Mongolia"]),
    Actor("org:china-s-national-immigration-administration",
          "China's National Immigration Administration", "ORGANIZATION", "CHN", None, []),
    Actor("exercise:khaan-quest-2024", "Khaan Quest 2024", "EXERCISE", None, None,
          ["Khaan Quest-2024", "KQ24"], series="Khaan Quest"),
    Actor("exercise:steppe-partner", "Steppe Partner", "EXERCISE", None, None, []),
    Actor("state:mng", "Mongolia", "STATE", "MNG", None, ["Монгол Улс"]),
    Actor("org:x", ".", "ORGANIZATION", None, None, ["-", "x" * 300]),
]  # fmt: skip
JUDGED = [Judgement("person:ahn-gyu-back", "person:minister-ahn", "not_same")]


def _index(resolver: Resolver) -> tuple[object, ...]:
    index = resolver._index
    return (
        resolver._actors,
        index.forms,
        {k: list(v) for k, v in index._by_key.items()},
        index._blocks,
        resolver._acronyms,
        resolver._derived,
    )


def _decisions(resolver: Resolver) -> list[object]:
    articles = [
        doc(mention("G. Saikhanbayar", "PERSON", "MNG"), mention("Ahn", "PERSON", "KOR"),
            events=[meet((0, "actor"), (1, "recipient"))]),
        doc(mention("KISA", "ORGANIZATION"), mention("Saikhanbayar Gursediin", "PERSON")),
        doc(mention("KQ24", "EXERCISE"), mention("Mongolian Armed Force", "MILITARY", "MNG")),
        doc(mention("NIA", "ORGANIZATION"), mention("Minister Ahn", "PERSON", "KOR")),
    ]  # fmt: skip
    out: list[object] = []
    for article in articles:
        r = resolver.resolve(article)
        out += [[a.id for a in r.actors], r.mentions, [e.id for e in r.events], r.merges]
    return out


def _fresh(monkeypatch: pytest.MonkeyPatch, cache: str) -> Resolver:
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", cache)
    facts.name_facts.cache_clear()
    return Resolver(ACTORS, JUDGED)


def test_index_and_decisions_are_the_same_with_the_memo_without_it_and_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without = _fresh(monkeypatch, "off")
    expected = _index(without), _decisions(without)
    assert facts.memo_file() is None
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path))
    with monkeypatch.context() as patch:  # no stored actors: the memo is not even read
        patch.setattr(facts, "_read", lambda path: pytest.fail(f"read {path}"))
        Resolver()
    assert list(tmp_path.iterdir()) == []
    writing = _fresh(monkeypatch, str(tmp_path))
    path = facts.memo_file()
    assert path is not None and path.parent == tmp_path and path.is_file()
    written = path.read_text("utf-8")
    assert written.count("\n") == len(
        {(n[:200], a.type) for a in ACTORS for n in (a.name, *a.aliases)}
    )
    assert (_index(writing), _decisions(writing)) == expected
    reading = _fresh(monkeypatch, str(tmp_path))
    assert facts.name_facts.cache_info().misses == 0  # every stored name came from the memo
    assert (_index(reading), _decisions(reading)) == expected
    assert path.read_text("utf-8") == written  # nothing new to add


def test_a_damaged_memo_is_recomputed_where_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _index(_fresh(monkeypatch, "off"))
    _fresh(monkeypatch, str(tmp_path))
    path = facts.memo_file()
    assert path is not None
    lines = path.read_text("utf-8").splitlines(keepends=True)
    torn = lines[0] + "[1, 2]\n" + "not json\n" + "".join(lines[2:-1]) + lines[-1][:10]
    path.write_text(torn, encoding="utf-8")
    assert _index(_fresh(monkeypatch, str(tmp_path))) == expected
    assert facts.name_facts.cache_info().misses == 2  # the line overwritten, the torn one
    assert _index(_fresh(monkeypatch, str(tmp_path))) == expected
    assert facts.name_facts.cache_info().misses == 0  # added back, on a line of their own
    path.write_bytes(b"\xff\xfe garbage")
    assert _index(_fresh(monkeypatch, str(tmp_path))) == expected
    (tmp_path / "file").write_text("x")
    assert _index(_fresh(monkeypatch, str(tmp_path / "file" / "cache"))) == expected


def test_a_memo_of_many_more_names_is_rewritten_with_the_names_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(facts, "SLACK", 10)
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path))
    many = [(f"Person {i}", "PERSON") for i in range(40)]
    facts.known_facts(many)
    path = facts.memo_file()
    assert path is not None and path.read_text("utf-8").count("\n") == 40
    assert facts.known_facts(many[:30]) == {p: facts.name_facts(*p) for p in many[:30]}
    assert path.read_text("utf-8").count("\n") == 40  # within the slack
    assert facts.known_facts(many[:3]) == {p: facts.name_facts(*p) for p in many[:3]}
    assert path.read_text("utf-8").count("\n") == 3
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no leftover


def test_the_memo_is_named_by_the_code_and_data_the_facts_come_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.core.kb import countries, lexicon
    from actorgraph.core.records import stable_id
    from actorgraph.resolve import matcher, normalize

    made_of = set(facts.made_of_files())
    used = [facts.name_facts, facts.own_id, matcher.form_of, stable_id, countries.code_for]
    used += [lexicon.titles, *(f for f in vars(normalize).values() if callable(f))]
    used = [f for f in used if getattr(f, "__module__", "").startswith("actorgraph")]
    assert len(used) > 20
    for function in used:
        assert Path(inspect.getfile(inspect.unwrap(function))) in made_of, function
    kb = Path(countries.__file__).parent
    data = [p for p in kb.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert len(data) > 10 and set(data) <= made_of
    copies = []
    for n in range(2):
        copy = tmp_path / f"copy{n}.txt"
        copy.write_text("kb data" + "!" * n)
        copies.append(copy)
    assert facts.digest([copies[0]]) != facts.digest([copies[1]])  # one byte more
    elsewhere = tmp_path / "elsewhere" / copies[0].name
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(copies[0].read_bytes())
    assert facts.digest([elsewhere]) == facts.digest([copies[0]])  # what it holds, not where
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path))
    path = facts.memo_file()
    assert path is not None and facts.digest(facts.made_of_files()) in path.name
