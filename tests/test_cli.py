"""Every CLI command through ``actorgraph.cli.main``, on a store built from the sample feeds."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from actorgraph.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_site) -> str:
    """A store filled by ``actorgraph ingest`` from the sample OPML list (once per module)."""
    path = str(tmp_path_factory.mktemp("cli") / "cli.lbug")
    code = main(["--store", path, "ingest", f"{sample_site}/feeds.opml"])
    assert code == 0
    return path


def test_ingest_prints_summary_and_reingest_sees_everything(capsys, store, sample_site) -> None:
    code, out, err = run(capsys, "--store", store, "ingest", f"{sample_site}/feeds.opml")
    assert code == 0, err
    assert out.startswith("articles: 0 new, ")
    assert "0 failed" in out


def test_ingest_with_a_broken_source_exits_1_and_names_it(capsys, tmp_path, sample_site) -> None:
    good = tmp_path / "note.md"
    good.write_text(
        "---\ntitle: Note\ndate: 2026-05-20\n---\nMongolia and Japan signed a memorandum "
        "on defence cooperation in Ulaanbaatar on Tuesday.\n",
        encoding="utf-8",
    )
    missing = f"{sample_site}/no-such-feed.xml"
    code, out, err = run(capsys, "--store", str(tmp_path / "s.lbug"), "ingest", missing, str(good))
    assert code == 1
    assert "articles: 1 new" in out
    assert missing in err and "404" in err
    assert "Traceback" not in err


def test_extract_json_shape(capsys, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        textwrap.dedent("""\
        ---
        title: Shoigu meets Byambajargal
        date: 2026-05-28
        url: https://example.org/a
        ---
        Russian Security Council Secretary Sergei Shoigu met his Mongolian counterpart
        A. Byambajargal in Moscow on Wednesday.
        """),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "extract", str(article))
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"url", "actors", "relations"}
    by_name = {a["name"]: a for a in data["actors"]}
    assert by_name["Sergei Shoigu"]["country"] == "RUS"
    assert set(by_name["Sergei Shoigu"]) == {"id", "name", "type", "country", "aliases", "title"}
    meet = [r for r in data["relations"] if r["type"] == "MEET"]
    assert meet and meet[0]["date"] == "2026-05-27"
    assert set(meet[0]) == {"source", "target", "type", "date", "evidence", "sources"}
    assert meet[0]["sources"] == ["https://example.org/a"]
    code, out, _ = run(capsys, "extract", str(article), "--format", "table")
    assert code == 0 and "Sergei Shoigu" in out


def test_extract_reads_every_file_and_folder_given(capsys, tmp_path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    for n, (who, whom) in enumerate(
        [("Sergei Shoigu", "A. Byambajargal"), ("Wang Yi", "B. Battsetseg")]
    ):
        (folder / f"{n}.txt").write_text(
            f"---\ntitle: t{n}\ndate: 2026-05-28\nurl: https://example.org/{n}\n---\n"
            f"{who} met {whom} in Ulaanbaatar on Wednesday.\n",
            encoding="utf-8",
        )
    single = tmp_path / "c.txt"
    single.write_text(
        "---\ntitle: c\ndate: 2026-05-28\nurl: https://example.org/c\n---\n"
        "Yasar Guler met D. Ganzorig in Ankara on Tuesday.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "extract", str(folder), str(single))
    assert code == 0
    data = json.loads(out)
    assert sorted(d["url"] for d in data) == [f"https://example.org/{x}" for x in ("0", "1", "c")]
    names = {a["name"] for d in data for a in d["actors"]}
    assert {"Sergei Shoigu", "Wang Yi", "Yasar Guler"} <= names


def test_export_has_every_section(capsys, store) -> None:
    code, out, _ = run(capsys, "--store", store, "export")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"actors", "events", "relations", "articles"}
    assert len(data["articles"]) >= 30
    assert {"url", "title", "outlet", "published"} <= set(data["articles"][0])
    urls = {a["url"] for a in data["articles"]}
    assert all(set(r["sources"]) <= urls for r in data["relations"])


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_formats(capsys, store, tmp_path, fmt) -> None:
    out_file = tmp_path / f"r.{fmt}"
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "report",
        "--week",
        "2026-W22",
        "--focus",
        "mng",
        "--format",
        fmt,
        "--out",
        str(out_file),
    )
    assert code == 0 and out.strip() == str(out_file)
    text = out_file.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["week"] == "2026-W22" and data["focus"] == "MNG"
        assert "RUS" in data["counterparts"]
    elif fmt == "html":
        assert text.lstrip().lower().startswith("<!doctype html")
        # sample titles carry markup: stored as plain text, then escaped in the page
        assert "Mongolia &amp; Russia deepen military ties" in text
        assert "<em>deepen" not in text and "<script>alert" not in text
    else:
        assert "2026-W22" in text


def test_report_counterpart_filter_and_bad_week(capsys, store) -> None:
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "report",
        "--week",
        "2026-W22",
        "--focus",
        "MNG",
        "--counterpart",
        "RUS",
        "--format",
        "json",
    )
    assert code == 0
    assert set(json.loads(out)["counterparts"]) == {"RUS"}
    code, _, err = run(capsys, "--store", store, "report", "--week", "2026-22", "--focus", "MNG")
    assert code == 1 and err.count("\n") == 1 and "2026-22" in err


def test_queries_and_query(capsys, store) -> None:
    code, out, _ = run(capsys, "queries")
    assert code == 0
    for name in (
        "new_interactions",
        "actor_timeline",
        "exercise_participants",
        "interaction_sources",
    ):
        assert name in out
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "query",
        "MATCH (a:Actor) RETURN count(a) AS n",
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)[0]["n"] > 20
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "query",
        "new_interactions",
        "--param",
        "a=MNG",
        "--param",
        "b=RUS",
        "--param",
        "since=2026-05-01",
        "--param",
        "until=2026-06-01",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows


def test_query_write_needs_flag(capsys, store) -> None:
    code, _, err = run(capsys, "--store", store, "query", "MATCH (a:Actor) DETACH DELETE a")
    assert code == 1 and "--write" in err and err.count("\n") == 1
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "query",
        "MATCH (a:Actor) RETURN count(a) AS n",
        "--format",
        "json",
    )
    assert json.loads(out)[0]["n"] > 0


def test_viz_writes_an_html_file(capsys, store, tmp_path) -> None:
    out_file = tmp_path / "net.html"
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "viz",
        "--week",
        "2026-W22",
        "--focus",
        "MNG",
        "--out",
        str(out_file),
    )
    assert code == 0 and out_file.exists()
    assert "vis" in out_file.read_text(encoding="utf-8").lower()


def test_demo_writes_report_and_view(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "demo")
    assert code == 0
    written = [Path(line.split("wrote: ", 1)[1]) for line in out.splitlines() if "wrote: " in line]
    suffixes = sorted(p.suffix for p in written)
    assert suffixes == [".html", ".html", ".json", ".md"]
    assert all((tmp_path / p if not p.is_absolute() else p).exists() for p in written)
    assert (tmp_path / "actorgraph-demo" / "actorgraph.lbug").exists()
    # it says what to open and what to run next, and those commands work as printed
    steps = out.split("next:\n", 1)[1].splitlines()
    assert any(s.strip().startswith("open actorgraph-demo/report-") for s in steps)
    commands = [s.strip() for s in steps if s.strip().startswith("actorgraph ")]
    assert len(commands) >= 3
    monkeypatch.delenv("ACTORGRAPH_STORE", raising=False)
    for command in commands:
        code, out, err = run(capsys, *shlex.split(command)[1:])
        assert code == 0, (command, err)
        assert "using the demo store actorgraph-demo/actorgraph.lbug" in err
    code, out, _ = run(capsys, *shlex.split(commands[1])[1:])
    assert "(no rows)" not in out


def test_store_in_use_is_one_line(capsys, tmp_path) -> None:
    path = tmp_path / "locked.lbug"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, ladybug; db = ladybug.Database(sys.argv[1]); "
            "ladybug.Connection(db); print('ready', flush=True); time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        code, _, err = run(capsys, "--store", str(path), "ingest", str(tmp_path / "none.txt"))
        assert code == 1
        assert "in use" in err and str(holder.pid) in err
        assert err.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("actorgraph")
    result = subprocess.run(
        [str(exe), "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "ACTORGRAPH_STORE": "/nonexistent/x.lbug"},
    )
    assert result.returncode == 0
    for command in ("ingest", "extract", "export", "report", "query", "queries", "viz", "demo"):
        assert command in result.stdout


def test_sync_to_an_unreachable_neo4j_is_one_line(capsys, store) -> None:
    code, _, err = run(capsys, "--store", store, "sync", "--to-neo4j", "bolt://127.0.0.1:9")
    assert code == 1
    assert err.count("\n") == 1 and "127.0.0.1:9" in err


def test_eval_prints_scores(capsys) -> None:
    gold = Path(__file__).parent / "data" / "gold"
    code, out, _ = run(capsys, "eval", str(gold))
    assert code == 0
    for label in ("typed actors", "event pairs", "event dates", "resolution: precision"):
        assert label in out


def test_eval_grid_prints_cells_and_wants_one_of_dir_or_grid(capsys) -> None:
    code, out, _ = run(capsys, "eval", "--grid")
    assert code == 0
    for label in ("grid cases: 297", "overall recall=", "construction x origin:", "title:"):
        assert label in out
    assert "failures (" not in out
    code, _, err = run(capsys, "eval")
    assert code == 1 and "GOLD_DIR or --grid" in err and err.count("\n") == 1


def test_reading_a_missing_store_is_an_error_and_creates_nothing(capsys, tmp_path) -> None:
    missing = tmp_path / "nothing-here.lbug"
    code, _, err = run(capsys, "--store", str(missing), "export")
    assert code == 1 and "no store at" in err and err.count("\n") == 1
    assert not missing.exists()


def test_a_sigterm_that_a_library_turns_into_its_own_error_still_reads_interrupted(
    tmp_path, monkeypatch, capsys
) -> None:
    """SIGTERM raises KeyboardInterrupt wherever the process is; code that catches it and
    raises something else (as a model loader may) must not turn the stop into a traceback."""
    import importlib
    import signal

    from actorgraph.cli import commands

    cli_main = importlib.import_module("actorgraph.cli.main")

    def dispatch(*_args, **_kwargs) -> int:  # noqa: ANN002, ANN003
        try:
            signal.raise_signal(signal.SIGTERM)
        except KeyboardInterrupt:
            raise TypeError("expected str, not BufferedReader") from None
        return 0

    monkeypatch.setattr(commands, "dispatch", dispatch)
    monkeypatch.setattr(cli_main, "_terminated", [])
    previous = signal.getsignal(signal.SIGTERM)
    try:
        code = cli_main.main(["--store", str(tmp_path / "s.lbug"), "queries"])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert code == 130
    assert "interrupted" in capsys.readouterr().err
    monkeypatch.setattr(cli_main, "_terminated", [])

    def broken(*_args, **_kwargs) -> int:  # noqa: ANN002, ANN003
        raise TypeError("a real bug")

    monkeypatch.setattr(commands, "dispatch", broken)
    try:
        with pytest.raises(TypeError, match="a real bug"):  # without a signal it is a bug
            cli_main.main(["--store", str(tmp_path / "s.lbug"), "queries"])
    finally:
        signal.signal(signal.SIGTERM, previous)
