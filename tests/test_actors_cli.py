"""``actorgraph actors …`` through the real CLI entry point on a real Ladybug store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actors_helpers import DONG, EVS, GAN, GD, hand_built, open_test_store

from actorgraph.cli import main
from actorgraph.graph.export import store_dict
from actorgraph.graph.review_queue import candidates


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "cli.lbug"
    with open_test_store(path) as store:
        store.write(hand_built())
    return path


def actors(path: Path, *args: str) -> list[str]:
    return ["--store", str(path), "actors", *args]


def export(path: Path) -> dict:
    with open_test_store(path) as store:
        return store_dict(store)


def test_list_filters_by_type_and_country(store_path, capsys) -> None:
    assert main(actors(store_path, "list", "--type", "person", "--country", "MNG")) == 0
    out = capsys.readouterr().out
    assert GAN.id in out and GD.id in out
    assert EVS.id not in out and DONG.id not in out


def test_search_finds_names_and_aliases(store_path, capsys) -> None:
    assert main(actors(store_path, "search", "Ganbold Dorzh")) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert GAN.id in first
    assert main(actors(store_path, "search", "Alexey Evsikov")) == 0
    assert EVS.id in capsys.readouterr().out.splitlines()[0]
    assert main(actors(store_path, "search", "zzzzqqq")) == 0
    assert "no actor like" in capsys.readouterr().out


def test_merge_show_undo_round_trip(store_path, capsys) -> None:
    before = export(store_path)
    code = main(
        actors(store_path, "merge", GAN.id, GD.id, "--why", "same minister", "--who", "tester")
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == f"merged {GD.id} into {GAN.id}"

    assert main(actors(store_path, "show", GAN.id)) == 0
    shown = capsys.readouterr().out
    assert f"merged here: {GD.id}" in shown
    assert "'G. Dorj' at" in shown and f"[resolved to {GD.id}]" in shown
    assert "merged by partial_name, score 0.880" in shown  # the automatic merge, explained
    assert "same  person:ganbold-dorj  person:g-dorj by tester: same minister" in shown

    assert main(actors(store_path, "show", GD.id)) == 0
    assert f"merged into: {GAN.id}" in capsys.readouterr().out
    assert main(actors(store_path, "list")) == 0
    assert GD.id not in capsys.readouterr().out

    assert main(actors(store_path, "undo")) == 0
    assert "undid:" in capsys.readouterr().out
    assert export(store_path) == before
    assert main(actors(store_path, "undo")) == 0
    assert "nothing to undo" in capsys.readouterr().out


def test_split_and_not_same(store_path, capsys) -> None:
    before = export(store_path)
    assert main(actors(store_path, "merge", GAN.id, GD.id)) == 0
    assert main(actors(store_path, "split", GD.id)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"split {GD.id} from {GAN.id}"
    assert export(store_path) == before
    # split again: nothing merged now
    assert main(actors(store_path, "split", GD.id)) == 1
    assert "is not merged with any actor" in capsys.readouterr().err
    # merging two actors judged not the same is possible (the latest verdict counts) ...
    assert main(actors(store_path, "merge", GAN.id, GD.id)) == 0
    # ... and not-same splits them again
    assert main(actors(store_path, "not-same", GAN.id, GD.id, "--why", "two men")) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("split them")
    assert export(store_path) == before


def test_errors_name_the_actor_and_suggest_a_search(store_path, capsys) -> None:
    assert main(actors(store_path, "merge", GAN.id, "person:nobody-here")) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "actorgraph: error: no actor 'person:nobody-here' (by id, name or alias); "
        "try `actorgraph actors search 'nobody here'`"
    )
    assert main(actors(store_path, "show", "state:xyz")) == 1
    assert "no actor 'state:xyz'" in capsys.readouterr().err


def test_actor_arguments_take_names_and_aliases_and_say_what_they_matched(
    store_path, capsys
) -> None:
    assert main(actors(store_path, "show", "ganbold dorj")) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{GAN.id}  Ganbold Dorj")
    assert f"'ganbold dorj' matched {GAN.id}" in captured.err and "(by name)" in captured.err
    assert main(actors(store_path, "show", "Ganbold Dorjj")) == 1
    assert f"did you mean {GAN.id}" in capsys.readouterr().err
    assert main(actors(store_path, "merge", GAN.id, GAN.id)) == 1
    assert "already one actor" in capsys.readouterr().err


def test_merging_different_types_is_refused(tmp_path, capsys) -> None:
    from actors_helpers import resolved

    from actorgraph.core.records import Actor

    mongolia = Actor("state:mng", "Mongolia", "STATE", "MNG")
    path = tmp_path / "types.lbug"
    with open_test_store(path) as store:
        store.write([resolved("t1", "2026-05-05", [(GAN, "Ganbold Dorj"), (mongolia, "Mongolia")])])
    assert main(actors(path, "merge", GAN.id, "state:mng")) == 1
    assert "different types" in capsys.readouterr().err


def test_judgements_export_import_round_trip(store_path, tmp_path, capsys) -> None:
    assert main(actors(store_path, "merge", GAN.id, GD.id, "--who", "ana", "--why", "x")) == 0
    assert main(actors(store_path, "not-same", GAN.id, DONG.id, "--who", "bo")) == 0
    shared = tmp_path / "shared.json"
    assert main(actors(store_path, "judgements", "export", str(shared))) == 0
    data = json.loads(shared.read_text())
    assert [(j["a"], j["b"], j["verdict"], j["who"]) for j in data["judgements"]] == [
        (GAN.id, GD.id, "same", "ana"),
        (GAN.id, DONG.id, "not_same", "bo"),
    ]

    other = tmp_path / "other.lbug"
    with open_test_store(other) as store:
        store.write(hand_built())
    capsys.readouterr()
    assert main(actors(other, "judgements", "import", str(shared))) == 0
    assert "imported 2 judgements" in capsys.readouterr().out
    assert export(other) == export(store_path)
    with open_test_store(other) as store:
        assert store.merged_into() == {GD.id: GAN.id}
    # importing the same file again adds nothing
    assert main(actors(other, "judgements", "import", str(shared))) == 0
    assert "imported 0 judgements" in capsys.readouterr().out
    # and a file exported again is the same file
    again = tmp_path / "again.json"
    assert main(actors(other, "judgements", "export", str(again))) == 0
    assert json.loads(again.read_text()) == data


def test_stale_judgement_is_reported_not_dropped(store_path, tmp_path, capsys) -> None:
    shared = tmp_path / "stale.json"
    shared.write_text(
        json.dumps(
            {
                "judgements": [
                    {
                        "a": GAN.id,
                        "b": "person:ghost-writer",
                        "verdict": "same",
                        "who": "x",
                        "when": "2026-05-01T00:00:00Z",
                        "why": "",
                    }
                ]
            }
        )
    )
    assert main(actors(store_path, "judgements", "import", str(shared))) == 0
    captured = capsys.readouterr()
    assert "imported 1 judgements" in captured.out
    warning = [line for line in captured.err.splitlines() if "person:ghost-writer" in line]
    assert warning and warning[0].startswith("warning: judgement same")
    assert "names no actor 'person:ghost-writer'" in warning[0]
    # it stays stored, and every later actors command reports it again
    assert main(actors(store_path, "list")) == 0
    assert "person:ghost-writer" in capsys.readouterr().err


def test_bad_judgements_file_is_one_line(store_path, tmp_path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"judgements": [{"a": "x"}]}')
    assert main(actors(store_path, "judgements", "import", str(bad))) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("actorgraph: error: ") and str(bad) in err and "\n" not in err
    assert main(actors(store_path, "judgements", "import", str(tmp_path / "none.json"))) == 1
    assert "cannot read judgements" in capsys.readouterr().err


def test_review_lists_most_doubtful_first_without_a_terminal(store_path, capsys) -> None:
    with open_test_store(store_path) as store:
        found = candidates(store)
    margins = [c.margin for c in found]
    assert margins == sorted(margins)
    merges = [(c.a.id, c.mention, c.score) for c in found if c.kind == "merge"]
    assert merges == [(GAN.id, "Ms. Dorj", 0.88), (EVS.id, "Alexey Evsikov", 0.97)]
    pair = [c for c in found if c.b is not None and {c.a.id, c.b_id} == {GAN.id, GD.id}]
    assert pair, "the missed merge Ganbold Dorj / G. Dorj is a review candidate"
    assert found.index(pair[0]) < [c.mention for c in found].index("Alexey Evsikov")

    assert main(actors(store_path, "review", "--limit", "5")) == 0
    out = capsys.readouterr().out
    assert out.index("'Ms. Dorj'") < out.index("'Alexey Evsikov'")
    assert "[1] merge" in out and "features:" in out and "said:" in out

    # judged pairs leave the queue
    assert main(actors(store_path, "merge", GAN.id, GD.id)) == 0
    with open_test_store(store_path) as store:
        assert not [c for c in candidates(store) if {c.a.id, c.b_id} == {GAN.id, GD.id}]


def _run_on_terminal(args: list[str], keys: bytes, timeout: float = 60.0) -> tuple[int, str]:
    """Run the CLI with stdin and stdout on a pseudo-terminal, typing ``keys``."""
    import os
    import pty
    import subprocess
    import sys
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "actorgraph.cli", *args],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    os.write(master, keys)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    code = proc.wait(timeout=10)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_review_on_a_terminal_asks_a_key_per_pair(store_path) -> None:
    # 1: Ms. Dorj merged into Ganbold Dorj -> n (not the same: split off)
    # 2: G. Dorj / Ganbold Dorj -> s (the same: merge)   3: quit
    code, out = _run_on_terminal(actors(store_path, "review"), b"x\nn\ns\nq\n")
    assert code == 0, out
    assert out.count("[s/n/u/q]") == 4  # asked again after the unknown key "x"
    assert "2 judgements recorded" in out
    with open_test_store(store_path) as store:
        assert store.merged_into() == {GD.id: GAN.id}
        mentions = {m.name: m.actor for m in store.actor_mentions("person:dorj")}
        assert mentions == {"Ms. Dorj": "person:dorj"}
        assert [(j.verdict, j.b) for j in store.judgements()] == [
            ("same", "person:dorj"),
            ("not_same", "person:dorj"),
            ("same", GD.id),
        ]
        assert store.judgements()[0].who == "resolver"


def test_terminal_escapes_in_names_never_reach_the_screen(tmp_path, capsys) -> None:
    from actors_helpers import resolved

    from actorgraph.core.records import Actor

    evil = Actor("person:evil", "Evil\x1b[2JName", "PERSON", "MNG", None, ["Evil\x1b[2JName"])
    path = tmp_path / "evil.lbug"
    with open_test_store(path) as store:
        store.write(
            [resolved("e1", "2026-05-05", [(evil, "Evil\x1b[2JName"), (GAN, "Ganbold Dorj")])]
        )
    for args in (["list"], ["show", "person:evil"], ["search", "Evil Name"]):
        assert main(actors(path, *args)) == 0
        out = capsys.readouterr().out
        assert "person:evil" in out and "\x1b" not in out and "Evil?[2JName" in out


def test_list_refuses_unknown_types_and_countries_naming_the_choices(store_path, capsys) -> None:
    assert main(actors(store_path, "list", "--type", "PEOPLE")) == 1
    err = capsys.readouterr().err
    assert "--type 'PEOPLE' is not an actor type: PERSON, STATE" in err
    assert main(actors(store_path, "list", "--country", "Atlantis")) == 1
    assert "--country: 'Atlantis' is not a known country" in capsys.readouterr().err
    assert main(actors(store_path, "list", "--country", "Mongolia")) == 0  # a name works too
    assert "Ganbold Dorj" in capsys.readouterr().out


def test_an_automatic_merge_can_be_split_and_judgements_listed(store_path, capsys) -> None:
    assert main(actors(store_path, "split", GAN.id)) == 1
    err = capsys.readouterr().err
    assert "the resolver merged these names into it: 'Ms. Dorj' (1)" in err
    assert "--name NAME" in err
    assert main(actors(store_path, "split", GAN.id, "--name", "Ms. Dorj", "--who", "t")) == 0
    assert "split 'Ms. Dorj' (1 mentions)" in capsys.readouterr().out
    with open_test_store(store_path) as store:
        ids = {a.id for a in store.actors()}
        assert "person:ms-dorj" in ids or any(i.startswith("person:dorj") for i in ids)
        assert [m.name for m in store.actor_mentions(GAN.id) if m.actor == GAN.id].count(
            "Ms. Dorj"
        ) == 0
    assert main(actors(store_path, "judgements", "list")) == 0
    listing = capsys.readouterr().out
    assert "not_same" in listing and "resolver" in listing
    assert main(actors(store_path, "split", GAN.id, "--name", "Nobody")) == 1
    assert "merged no mention named 'Nobody'" in capsys.readouterr().err


def test_edit_and_drop_survive_a_re_ingest_and_undo_reverses_them(store_path, capsys) -> None:
    assert main(actors(store_path, "edit", GAN.id, "--country", "KAZ", "--title", "Envoy")) == 0
    assert "country MNG -> KAZ" in capsys.readouterr().out
    assert main(actors(store_path, "drop", "Dong Jun", "--why", "not a person here")) == 0
    capsys.readouterr()
    with open_test_store(store_path) as store:
        store.write(hand_built())  # a later ingest of the same articles
        gan = store.actor(GAN.id)
        assert gan is not None and (gan.country, gan.title) == ("KAZ", "Envoy")
        assert DONG.id not in {a.id for a in store.actors()}
        assert all(DONG.id not in {a.id for a, _ in e.participants} for e in store.events())
    assert main(actors(store_path, "list", "--country", "KAZ")) == 0
    assert GAN.id in capsys.readouterr().out
    assert main(actors(store_path, "edit", GAN.id, "--type", "PEOPLE")) == 1
    assert "is not an actor type" in capsys.readouterr().err
    assert main(actors(store_path, "undo")) == 0
    assert main(actors(store_path, "undo")) == 0
    with open_test_store(store_path) as store:
        gan = store.actor(GAN.id)
        assert gan is not None and gan.country == GAN.country and gan.title == GAN.title
        assert DONG.id in {a.id for a in store.actors()}
