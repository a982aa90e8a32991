"""Reading inputs: files, folders, JSON/JSONL records, and what is refused."""

from __future__ import annotations

import json
import os

import pytest

from claimgraph.extract.sources import SourceDocument, SourceError, iter_sources


def test_folder_reads_articles_and_skips_docs_and_hidden(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nMarsh said the base was safe.")
    (tmp_path / "b.html").write_text("<html><body><p>Text</p></body></html>")
    (tmp_path / "README.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    found = list(iter_sources([tmp_path]))
    assert [type(item) for item in found] == [SourceDocument, SourceDocument]
    assert [item.format for item in found] == ["auto", "html"]  # type: ignore[union-attr]


def test_jsonl_records_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Body one.", "url": "https://example.org/1", "title": "One"}),
        "{not json",
        json.dumps({"html": "<p>Body two.</p>", "headline": "Two"}),
        json.dumps({"title": "no body"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines))
    found = list(iter_sources([path]))
    assert isinstance(found[0], SourceDocument) and found[0].source == "https://example.org/1"
    assert isinstance(found[1], SourceError) and found[1].source.endswith(":2")
    assert isinstance(found[2], SourceDocument) and found[2].format == "html"
    assert all(isinstance(item, SourceError) for item in found[3:])


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"\x00\x01binary", "binary"), (b"caf\xe9 latin-1", "UTF-8"), (b"", "empty")],
)
def test_unreadable_files_are_reported(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = list(iter_sources([path]))
    assert isinstance(error, SourceError) and reason in error.message


def test_a_pipe_is_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [error] = list(iter_sources([fifo]))
    assert isinstance(error, SourceError) and "regular file" in error.message


def test_missing_path(tmp_path):
    [error] = list(iter_sources([tmp_path / "nope.txt"]))
    assert isinstance(error, SourceError) and "no such file" in error.message


def test_a_records_outlet_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "feed.jsonl"
    record = {"text": "Mayor Ada Park said the bridge would reopen.", "site_name": "Gazette"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [document] = list(iter_sources([path]))
    assert isinstance(document, SourceDocument) and document.outlet == "Gazette"


def test_the_cue_lexicon_uses_the_contracts_cue_classes() -> None:
    from typing import get_args

    from claimgraph.extract import lexicon
    from claimgraph.extract.schema import CueClass

    used = {cue.cue_class for cue in lexicon.cues().values()}
    used |= {cue.cue_class for cue in lexicon.noun_cues().values()}
    assert used <= set(get_args(CueClass))
