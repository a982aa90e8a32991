"""`claimgraph ingest` and `extract` on what a scraper leaves behind: folders of mixed files,
unreadable and binary files, broken JSON and JSONL records, HTML, pipes. Each item succeeds or
fails on its own, the report names every failure, the exit status says whether any failed, and
the store holds whole articles only.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from claimgraph.app import cli
from claimgraph.extract import Extractor
from claimgraph.extract.sources import MAX_FILE_BYTES
from claimgraph.graph import ClaimGraph
from tests.app.support import run_cli as run

KABUL = (
    "Kabul Airport\n\n"
    "Defence Secretary Gavin Williamson told Sky News the Taliban could not be trusted.\n\n"
    '"We will not let them decide who leaves Kabul Airport," Mr Williamson said.\n'
)
LONDON = (
    "Johnson: Britain is not going anywhere\n\n"
    "Prime Minister Boris Johnson said on Tuesday that Britain would keep working with the "
    'United States.\n\n"We are not going anywhere," he told reporters in London.\n'
)
HTML = (
    "<html><head><title>Gardner on IS-K</title></head><body><nav>Home | News</nav>"
    "<article><h1>Gardner on IS-K</h1><p>BBC Security Correspondent Frank Gardner said the "
    "group had carried out dozens of attacks this year.</p><p>&ldquo;They are absolutely "
    "ruthless,&rdquo; he told Radio 4.</p></article><footer>Cookies</footer></body></html>"
)
RECORD = {"text": LONDON.replace("Tuesday", "Wednesday"), "url": "https://news.example/2"}

# name -> (content, why it must fail, or None when it must be ingested)
MIXED: dict[str, tuple[bytes, str | None]] = {
    "kabul.txt": (KABUL.encode(), None),
    "nested/london.md": (LONDON.encode(), None),
    "nested/deeper/gardner.html": (HTML.encode(), None),
    "bom.txt": (b"\xef\xbb\xbf" + LONDON.replace("Tuesday", "Monday").encode(), None),
    "feed.jsonl": (
        b"\n".join(
            [
                json.dumps(RECORD).encode(),
                b"{broken",
                b"[1, 2]",
                json.dumps({"title": "no text at all"}).encode(),
                b"",
                json.dumps({**RECORD, "text": RECORD["text"].replace("London", "Leeds")}).encode(),
            ]
        ),
        None,
    ),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin1.txt": ("Le ministre a déclaré « ça suffit ».".encode("latin-1"), "UTF-8"),
    "empty.txt": (b"", "empty"),
    "blank.md": (b"  \n\n \t \n", "empty"),
    "nothing.html": (b"<html><head><script>track()</script></head><body></body></html>", "HTML"),
    "broken.json": (b'{"text": "unterminated', "invalid JSON"),
    "list.json": (
        json.dumps(
            [{**RECORD, "text": KABUL.replace("Sky News", "LBC")}, "not an object"]
        ).encode(),
        "JSON object",
    ),
    # Not article types: skipped in a folder, neither ingested nor reported.
    "cover.jpg": (b"\xff\xd8\xff\xe0 jpeg", None),
    "README.md": (b"# How these files were scraped", None),
    ".hidden/secret.txt": (KABUL.replace("Kabul", "Herat").encode(), None),
}
# Every item that must be reported, and a word its reason must contain.
FAILING_ITEMS = {
    "photo.txt": "binary",
    "latin1.txt": "UTF-8",
    "empty.txt": "empty",
    "blank.md": "empty",
    "nothing.html": "HTML",
    "broken.json": "invalid JSON",
    "list.json#2": "JSON object",
    "feed.jsonl:2": "invalid JSON",
    "feed.jsonl:3": "JSON object",
    "feed.jsonl:4": "no article text",
}
INGESTED = 7  # kabul, london, gardner, bom, feed.jsonl:1 and :6, list.json#1


@pytest.fixture(autouse=True)
def shared_extractor(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    monkeypatch.setattr(cli, "load_extractor", lambda model=None: extractor)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "scraped"
    for name, (content, _) in MIXED.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return folder


def failure_lines(err: str) -> dict[str, str]:
    """The report's `  source: reason` lines, by the source's name relative to the folder."""
    lines = {}
    for line in err.splitlines():
        if line.startswith("  ") and ": " in line:
            source, reason = line.strip().split(": ", 1)
            lines[source.split("scraped/")[-1]] = reason
    return lines


def assert_only_whole_articles(db: Path, count: int) -> None:
    with ClaimGraph.open(db) as graph:
        page = graph.articles(limit=1000)
        assert page.count == count
        for summary in page.data:
            article = graph.article(summary.id)
            assert (len(article.claims), len(article.entities)) == (
                summary.claims,
                summary.entities,
            )
            assert "scraped/.hidden" not in (summary.source or "")
        assert graph.claims(limit=1).count == sum(summary.claims for summary in page.data)


@pytest.mark.model
def test_a_folder_of_mixed_files_is_ingested_item_by_item(
    capsys: pytest.CaptureFixture[str], mixed: Path, db_path: Path
) -> None:
    status, out, err = run(capsys, "ingest", str(mixed), "--db", str(db_path))
    assert status == 1
    assert f"{INGESTED} created, 0 unchanged, {len(FAILING_ITEMS)} failed" in out
    assert f"{len(FAILING_ITEMS)} failed:" in err
    reported = failure_lines(err)
    assert sorted(reported) == sorted(FAILING_ITEMS)
    for item, reason in FAILING_ITEMS.items():
        assert reason in reported[item], (item, reported[item])
    assert_only_whole_articles(db_path, INGESTED)

    # Running it again stores nothing twice and reports the same failures.
    status, out, err = run(capsys, "ingest", str(mixed), "--db", str(db_path))
    assert status == 1
    assert f"0 created, {INGESTED} unchanged, {len(FAILING_ITEMS)} failed" in out
    assert sorted(failure_lines(err)) == sorted(FAILING_ITEMS)
    assert_only_whole_articles(db_path, INGESTED)


@pytest.mark.model
def test_a_clean_folder_exits_0(
    capsys: pytest.CaptureFixture[str], mixed: Path, db_path: Path
) -> None:
    for name, (_, reason) in MIXED.items():
        if reason is not None or name.endswith((".json", ".jsonl")):
            (mixed / name).unlink()
    status, out, err = run(capsys, "ingest", str(mixed), "--db", str(db_path))
    assert (status, err) == (0, "")
    assert "4 created, 0 unchanged, 0 failed" in out


@pytest.mark.model
def test_unreadable_oversize_and_special_files_are_reported(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(KABUL, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(LONDON, encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:  # sparse: takes no disk space
        sparse.truncate(MAX_FILE_BYTES + 1)
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")

    # Running as root ignores file modes, so the permission error is raised by hand.
    open_path = Path.open

    def guarded_open(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open_path(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    paths = [good, locked, huge, pipe, dangling, tmp_path / "missing.txt", "/dev/null"]
    # Should the pipe ever be read, a writer turns up so that the test fails instead of hanging.
    stop = threading.Event()
    unblocker = threading.Thread(target=_write_when_read, args=(pipe, stop))
    unblocker.start()
    try:
        status, out, err = run(capsys, "ingest", *map(str, paths), "--db", str(db_path))
    finally:
        stop.set()
        unblocker.join()
    assert status == 1
    assert "1 created, 0 unchanged, 6 failed" in out
    reasons = {line.split(": ", 1)[0].strip(): line for line in err.splitlines()[1:]}
    assert "Permission denied" in reasons[str(locked)]
    assert "limit" in reasons[str(huge)]
    assert "not a regular file" in reasons[str(pipe)]
    assert "not a regular file" in reasons["/dev/null"]
    assert "no such file" in reasons[str(dangling)]
    assert "no such file" in reasons[str(tmp_path / "missing.txt")]
    assert_only_whole_articles(db_path, 1)


def _write_when_read(pipe: Path, stop: threading.Event) -> None:
    while not stop.wait(0.2):
        try:
            writer = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            continue  # no reader: nothing is blocked on the pipe
        os.write(writer, LONDON.encode())
        os.close(writer)
        return


@pytest.mark.model
def test_an_interrupted_ingest_keeps_whole_articles_and_says_so(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    mixed: Path,
    db_path: Path,
) -> None:
    ingest = ClaimGraph.ingest
    calls = 0

    def interrupted(graph: ClaimGraph, article: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return ingest(graph, article)  # type: ignore[arg-type]

    monkeypatch.setattr(ClaimGraph, "ingest", interrupted)
    status, out, _ = run(capsys, "ingest", str(mixed), "--db", str(db_path))
    assert status == 130
    assert "2 created" in out and "interruption" in out
    assert_only_whole_articles(db_path, 2)

    monkeypatch.setattr(ClaimGraph, "ingest", ingest)
    status, out, _ = run(capsys, "ingest", str(mixed), "--db", str(db_path))
    assert status == 1
    assert f"{INGESTED - 2} created, 2 unchanged" in out
    assert_only_whole_articles(db_path, INGESTED)


@pytest.mark.model
def test_extract_reports_failures_and_prints_the_rest(
    capsys: pytest.CaptureFixture[str], mixed: Path
) -> None:
    status, out, err = run(capsys, "extract", str(mixed), "--json")
    assert status == 1
    assert len(json.loads(out)["articles"]) == INGESTED
    assert sorted(failure_lines(err)) == sorted(FAILING_ITEMS)


@pytest.mark.model
def test_a_page_with_no_article_is_reported_once_by_name(tmp_path: Path) -> None:
    """trafilatura logged "WARNING: discarding data: None" for such a page: a message that
    names no input. The CLI says what happened to which input, and only that."""
    import subprocess
    import sys

    page = tmp_path / "shell.html"
    page.write_text("<html>", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "claimgraph", "extract", str(page)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["1 failed:", f"  {page}: no article text found in the HTML"]


@pytest.mark.model
def test_ingest_source_names_where_one_file_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    article = tmp_path / "kabul.txt"
    article.write_text(KABUL, encoding="utf-8")
    url = "https://news.example/kabul"
    status, _, _ = run(capsys, "ingest", str(article), "--db", str(db_path), "--source", url)
    assert status == 0
    with ClaimGraph.open(db_path) as graph:
        assert [summary.source for summary in graph.articles().data] == [url]
    for paths, given in (([article], "kabul"), ([article, tmp_path], url)):
        options = ["--db", str(db_path), "--source", given]
        status, _, err = run(capsys, "ingest", *map(str, paths), *options)
        assert status == 1
        assert "--source" in err


@pytest.mark.model
def test_ingest_names_the_date_and_outlet_of_one_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    article = tmp_path / "kabul.txt"
    article.write_text(KABUL, encoding="utf-8")
    given = ["--published", "26 August 2021", "--outlet", "Kabul Weekly"]
    status, _, _ = run(capsys, "ingest", str(article), "--db", str(db_path), *given)
    assert status == 0
    with ClaimGraph.open(db_path) as graph:
        claim = graph.claims().data[0]
    assert claim.article is not None
    assert (claim.article.published, claim.article.outlet) == ("2021-08-26", "Kabul Weekly")
    options = ["--db", str(db_path), "--published", "the day before"]
    status, _, err = run(capsys, "ingest", str(article), *options)
    assert status == 1
    assert "--published: 'the day before' is not a date" in err
