"""The `claimgraph` command, run in-process over a temp store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from claimgraph.app import cli
from claimgraph.app.cli import main
from claimgraph.extract import Extractor
from claimgraph.extract.schema import Extraction
from claimgraph.graph import ClaimGraph
from tests.app.samples import ISIS_K, WILLIAMSON, sample_articles
from tests.app.support import TestClient
from tests.app.support import run_cli as run

KABUL = (
    "Defence Secretary Gavin Williamson told Sky News the Taliban could not be trusted.\n\n"
    '"We will not let them decide who leaves Kabul Airport," Mr Williamson said.\n'
)
LONDON = (
    "Johnson: Britain is not going anywhere\n\n"
    "Prime Minister Boris Johnson said on Tuesday that Britain would keep working with the "
    'United States.\n\n"We are not going anywhere," he told reporters in London.\n'
)


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kabul.txt").write_text(KABUL, encoding="utf-8")
    (folder / "more").mkdir()
    (folder / "more" / "london.md").write_text(LONDON, encoding="utf-8")
    return folder


@pytest.fixture
def shared_extractor(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    """Commands reuse the session's real extractor instead of loading the pipeline each time."""
    monkeypatch.setattr(cli, "load_extractor", lambda model=None: extractor)


@pytest.fixture
def stored_db(db_path: Path) -> Path:
    with ClaimGraph.open(db_path) as graph:
        graph.ingest_many(sample_articles())
    return db_path


@pytest.mark.model
@pytest.mark.usefixtures("shared_extractor")
def test_ingest_files_and_folders(
    capsys: pytest.CaptureFixture[str], articles_dir: Path, db_path: Path
) -> None:
    status, out, _ = run(capsys, "ingest", str(articles_dir), "--db", str(db_path))
    assert status == 0
    assert "2 created, 0 unchanged, 0 failed" in out
    status, out, _ = run(capsys, "ingest", str(articles_dir / "kabul.txt"), "--db", str(db_path))
    assert status == 0
    assert "0 created, 1 unchanged, 0 failed" in out
    with ClaimGraph.open(db_path) as graph:
        assert graph.articles(limit=10, offset=0).count == 2


@pytest.mark.model
@pytest.mark.usefixtures("shared_extractor")
def test_ingest_reports_bad_inputs_and_fails(
    capsys: pytest.CaptureFixture[str], articles_dir: Path, db_path: Path
) -> None:
    (articles_dir / "photo.txt").write_bytes(b"\x89PNG\r\n\x00\x00binary")
    (articles_dir / "feed.jsonl").write_text(
        json.dumps({"text": LONDON.replace("Tuesday", "Wednesday"), "url": "https://x.example/1"})
        + "\n{broken\n",
        encoding="utf-8",
    )
    missing = articles_dir / "missing.txt"
    status, out, err = run(capsys, "ingest", str(articles_dir), str(missing), "--db", str(db_path))
    assert status == 1
    assert "3 created, 0 unchanged, 3 failed" in out
    assert "photo.txt" in err and "binary" in err
    assert "feed.jsonl:2" in err
    assert "missing.txt" in err


@pytest.mark.sqlite_only
def test_ingest_of_nothing_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    """Checked before the pipeline loads, so the mistake costs no waiting."""
    empty = tmp_path / "empty"
    empty.mkdir()
    status, _, err = run(capsys, "ingest", str(empty), "--db", str(db_path))
    assert status == 1
    assert "no articles found" in err
    assert not db_path.exists()


@pytest.mark.model
@pytest.mark.usefixtures("shared_extractor")
def test_extract_json_prints_the_extraction_document(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    status, out, _ = run(capsys, "extract", str(articles_dir), "--json")
    assert status == 0
    extraction = Extraction.model_validate_json(out)
    assert len(extraction.articles) == 2
    article_ids = {article.id for article in extraction.articles}
    assert extraction.entities
    assert all(set(entity.articles) <= article_ids for entity in extraction.entities)


@pytest.mark.model
@pytest.mark.usefixtures("shared_extractor")
def test_extract_lists_claims(capsys: pytest.CaptureFixture[str], articles_dir: Path) -> None:
    status, out, _ = run(capsys, "extract", str(articles_dir / "kabul.txt"))
    assert status == 0
    assert "kabul.txt" in out
    assert " \u2014 " in out


def test_an_unknown_model_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    status, _, err = run(capsys, "extract", str(articles_dir), "--model", "xx_no_such_model")
    assert status == 1
    assert err.startswith("claimgraph:")


def test_export_to_a_file(
    capsys: pytest.CaptureFixture[str], stored_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "graph.gexf"
    status, _, _ = run(
        capsys, "export", "--format", "gexf", "-o", str(target), "--db", str(stored_db)
    )
    assert status == 0
    assert WILLIAMSON.id in nx.read_gexf(target)


def test_export_to_stdout(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    argv = ("export", "--format", "node-link", "--edges", "links", "--db", str(stored_db))
    status, out, _ = run(capsys, *argv, "--entity", ISIS_K.id, "--depth", "2")
    assert status == 0
    document = json.loads(out)
    assert "links" in document
    assert ISIS_K.id in {node["id"] for node in document["nodes"]}


def test_export_without_a_store_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "export", "--format", "gexf", "--db", str(tmp_path / "none.db"))
    assert status == 1
    assert "no database" in err


def test_export_of_an_unknown_entity_fails(
    capsys: pytest.CaptureFixture[str], stored_db: Path
) -> None:
    argv = ("export", "--format", "graphml", "--entity", "person:nobody", "--db", str(stored_db))
    status, _, err = run(capsys, *argv)
    assert status == 1
    assert "nobody" in err


def test_query_claims_as_a_table(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    status, out, _ = run(
        capsys, "query", "claims", "--speaker", WILLIAMSON.id, "--db", str(stored_db)
    )
    assert status == 0
    header = ["SPEAKER", "CUE", "PUBLISHED", "OUTLET", "ARTICLE", "CLAIM"]
    assert out.splitlines()[0].split() == header
    assert "Gavin Williamson" in out and "2021-08-26" in out
    assert "1\u20132 of 2" in out


def test_query_claims_wide_shows_whole_texts(
    capsys: pytest.CaptureFixture[str], stored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    longest = max((c.text for a in sample_articles() for c in a.claims), key=len)
    argv = ("query", "claims", "--db", str(stored_db))
    _, narrow, _ = run(capsys, *argv)
    _, wide, _ = run(capsys, *argv, "--wide")
    assert " ".join(longest.split()) not in narrow
    assert " ".join(longest.split()) in wide


def test_query_claims_as_csv(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    status, out, _ = run(
        capsys, "query", "claims", "--speaker", WILLIAMSON.id, "--csv", "--db", str(stored_db)
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 and {row["speaker_id"] for row in rows} == {WILLIAMSON.id}
    assert rows[0]["published"] == "2021-08-26" and rows[0]["title"]
    status, _, err = run(capsys, "query", "entities", "--csv", "--db", str(stored_db))
    assert status == 1 and "--csv is for query claims" in err


def test_query_claims_by_date_and_cue_class(
    capsys: pytest.CaptureFixture[str], stored_db: Path
) -> None:
    def count(*options: str) -> int:
        status, out, err = run(
            capsys, "query", "claims", *options, "--json", "--db", str(stored_db)
        )
        assert status == 0, err
        return int(json.loads(out)["count"])

    everything = count()
    assert 0 < count("--since", "2021-08-26", "--until", "2021-08") < everything
    assert count("--since", "2021-08-27") == 0
    assert count("--cue-class", "assert") + count("--cue-class", "warn") <= everything
    status, _, err = run(capsys, "query", "claims", "--since", "August", "--db", str(stored_db))
    assert status == 1 and "'August' is not a date" in err


def test_query_timeline(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    argv = ("query", "timeline", "--speaker", WILLIAMSON.id, "--interval", "day")
    status, out, _ = run(capsys, *argv, "--db", str(stored_db))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"claims by Gavin Williamson ({WILLIAMSON.id}), per day"
    assert lines[3].split()[:2] == ["2021-08-26", "1"]
    assert lines[-1] == "2 claims, 1 in articles with no date"
    status, _, err = run(capsys, "query", "timeline", "--db", str(stored_db))
    assert status == 1 and "needs --speaker ENTITY" in err


def test_query_claims_as_json(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    argv = (
        "query",
        "claims",
        "--about",
        ISIS_K.id,
        "--limit",
        "1",
        "--json",
        "--db",
        str(stored_db),
    )
    status, out, _ = run(capsys, *argv)
    assert status == 0
    page = json.loads(out)
    assert page["count"] == 2
    assert len(page["data"]) == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("entities", "--type", "person"), "person:frank-gardner"),
        (("entities", "--q", "kabul"), "place:kabul-airport"),
        (("speakers", "--about", "ISIS-K"), "Frank Gardner"),
        (("articles",), "ISIS-K"),
        (("merges",), "of"),
    ],
)
def test_query_tables(
    capsys: pytest.CaptureFixture[str], stored_db: Path, argv: tuple[str, ...], expected: str
) -> None:
    status, out, _ = run(capsys, "query", *argv, "--db", str(stored_db))
    assert status == 0
    assert expected in out


def test_query_speakers_needs_about(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    status, _, err = run(capsys, "query", "speakers", "--db", str(stored_db))
    assert status == 1
    assert "--about" in err


def test_the_store_defaults_to_claimgraph_db(
    capsys: pytest.CaptureFixture[str], stored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMGRAPH_DB", str(stored_db))
    status, out, _ = run(capsys, "query", "articles", "--json")
    assert status == 0
    assert json.loads(out)["count"] == 2


@pytest.mark.parametrize(
    "argv",
    [
        ("query", "claims", "--limit", "0"),
        ("query", "claims", "--kind", "rumour"),
        ("export", "--format", "dot"),
        ("export", "--format", "gexf", "--depth", "9"),
        ("frobnicate",),
        (),
    ],
)
def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.model
@pytest.mark.usefixtures("shared_extractor")
def test_serve_ingests_then_serves(
    monkeypatch: pytest.MonkeyPatch, articles_dir: Path, db_path: Path
) -> None:
    served: dict[str, Any] = {}

    def fake_run(asgi_app: Any, *, host: str, port: int, access_log: bool, **options: Any) -> None:
        served.update(host=host, port=port, access_log=access_log)
        with TestClient(asgi_app) as client:
            served["articles"] = client.get("/articles").json()["count"]

    monkeypatch.setattr(cli.uvicorn, "run", fake_run)
    argv = ["serve", "--db", str(db_path), "--port", "8123", "--ingest", str(articles_dir)]
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert main(argv) == 0
    assert served == {"host": "127.0.0.1", "port": 8123, "access_log": False, "articles": 2}


def test_merges_listed_decided_and_undone_from_the_cli(
    capsys: pytest.CaptureFixture[str], stored_db: Path
) -> None:
    db = ("--db", str(stored_db))
    status, out, _ = run(capsys, "merges", "list", *db)
    assert status == 0 and out.splitlines()[0].split() == [
        "ID",
        "STATUS",
        "SCORE",
        "KEPT",
        "MERGED",
        "EVIDENCE",
    ]
    # Two entities merged by hand, with who and why, then undone.
    argv = ("merges", "merge", WILLIAMSON.id, ISIS_K.id, *db)
    status, _, err = run(capsys, *argv)
    assert status == 1 and "only entities of one type merge" in err
    lone = "person:frank-gardner"
    status, out, err = run(
        capsys, "merges", "merge", WILLIAMSON.id, lone, "--by", "dana", "--note", "test", *db
    )
    assert status == 0, err
    merge_id = out.split(":")[0]
    assert "applied by dana" in out
    status, out, _ = run(capsys, "merges", "list", "--status", "applied", "--json", *db)
    [merge] = json.loads(out)["data"]
    assert (merge["id"], merge["reason"], merge["decided_by"]) == (merge_id, "test", "dana")
    status, out, _ = run(capsys, "merges", "undo", merge_id, "--by", "dana", *db)
    assert status == 0 and "undone by dana" in out
    status, _, err = run(capsys, "merges", "accept", *db)
    assert status == 1 and "takes one merge ID" in err
    status, _, err = run(capsys, "merges", "accept", "m-nope", *db)
    assert status == 1 and "m-nope" in err


def test_resolve_again(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    status, out, err = run(capsys, "resolve", "--db", str(stored_db))
    assert status == 0, err
    assert out.startswith("resolved 2 articles again: 0 merges applied, 0 proposed")


def test_split_from_the_cli(capsys: pytest.CaptureFixture[str], stored_db: Path) -> None:
    db = ("--db", str(stored_db))
    kabul = sample_articles()[0].id
    status, out, err = run(capsys, "merges", "split", WILLIAMSON.id, kabul, "--by", "gail", *db)
    assert status == 0, err
    split_id = out.split(":")[0]
    assert f"in {kabul} is person:gavin-williamson@{split_id}" in out
    status, out, _ = run(capsys, "merges", "splits", *db)
    assert split_id in out and "in force" in out
    status, out, _ = run(capsys, "merges", "unsplit", split_id, *db)
    assert status == 0 and "split undone" in out
    status, _, err = run(capsys, "merges", "split", WILLIAMSON.id, *db)
    assert status == 1 and "ENTITY ARTICLE" in err
