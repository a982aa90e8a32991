"""Reading articles from files, folders and JSON/JSONL records into SourceDocuments."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
# Files bigger than this are refused rather than read: no news article is 20 MB of text.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Inputs longer than this (HTML included) are refused before they are read: no news page is
# five million characters.
MAX_INPUT_CHARS = 5_000_000
# Article text (once cleaned) longer than this is refused before the NLP runs: the longest
# news features run to about 100,000 characters, and extraction takes about a second per
# 15,000 characters of ordinary text on one core (bench/extraction.py), several on adversarial
# text (bench/adversarial.py). CLAIMGRAPH_MAX_ARTICLE_CHARS changes it for the service.
DEFAULT_MAX_ARTICLE_CHARS = 200_000


# Keys that scrapers and news APIs commonly use for each field, in order of preference.
_TEXT_KEYS = ("text", "content", "body", "article", "maintext")
_HTML_KEYS = ("html", "raw_html")
_SOURCE_KEYS = ("source", "url", "link", "path")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("published", "date", "date_publish", "published_at", "pubdate")
_BYLINE_KEYS = ("byline", "author", "authors")
_OUTLET_KEYS = ("outlet", "site_name", "sitename", "publisher", "site")


class SourceDocument(BaseModel):
    """One article as it arrives: raw text or HTML, with whatever metadata came with it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    source: str | None = None
    format: Literal["auto", "text", "html"] = "auto"
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    outlet: str | None = Field(default=None, description='the publication\'s name ("BBC News")')

    @field_validator("text", "source", "title", "published", "byline", "outlet")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        # JSON may escape half of a UTF-16 pair ("\ud800"): no text holds one, and it cannot be
        # stored or sent back as UTF-8.
        if value is not None and any("\ud800" <= char <= "\udfff" for char in value):
            raise ValueError("contains a lone surrogate (\\ud800-\\udfff), which is not text")
        return value


class SourceError(Exception):
    """An input item that could not be read as an article."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


def iter_sources(paths: Iterable[str | Path]) -> Iterator[SourceDocument | SourceError]:
    """Yield one SourceDocument (or SourceError) per article found under `paths`.

    Folders are walked recursively in sorted order; files of unknown type inside folders are
    skipped, but a file named explicitly is always attempted.
    """
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _is_article_file(child, path):
                    yield from _read_file(child)
        else:
            yield from _read_file(path)


# Files that sit beside articles in a folder but are never articles themselves.
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "notice")


def _is_article_file(path: Path, root: Path) -> bool:
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False  # hidden files and folders (.git, .DS_Store)
    if path.stem.lower().startswith(_NOT_ARTICLES):
        return False
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


def _read_file(path: Path) -> Iterator[SourceDocument | SourceError]:
    try:
        raw = _read_bytes(path)
        text = _decode(raw)
    except (OSError, ValueError) as exc:
        yield SourceError(str(path), str(exc))
        return
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        yield from _read_records(text, str(path), lines=suffix != ".json")
        return
    fmt: Literal["auto", "text", "html"] = "html" if suffix in HTML_SUFFIXES else "auto"
    if not text.strip():
        yield SourceError(str(path), "file is empty")
        return
    yield SourceDocument(text=text, source=str(path), format=fmt)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ValueError("no such file")
    if not path.is_file():
        raise ValueError("not a regular file (a pipe, device or socket is never read)")
    # Read one byte past the limit rather than trusting the size the file system reports.
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(f"file is over the {MAX_FILE_BYTES} byte limit")
    return raw


def _decode(raw: bytes) -> str:
    """Decode UTF-8 text; refuse binary files instead of ingesting mojibake."""
    if b"\x00" in raw[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _read_records(text: str, source: str, *, lines: bool) -> Iterator[SourceDocument | SourceError]:
    if not lines:
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            yield SourceError(source, f"invalid JSON: {exc}")
            return
        records = payload if isinstance(payload, list) else [payload]
        for index, record in enumerate(records, start=1):
            yield _record_document(record, f"{source}#{index}")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(f"{source}:{number}", f"invalid JSON: {exc.msg}")
            continue
        yield _record_document(record, f"{source}:{number}")


def _record_document(record: Any, where: str) -> SourceDocument | SourceError:
    """Map one JSON record (a scraper's or a news API's shape) to a SourceDocument."""
    if not isinstance(record, dict):
        return SourceError(where, "a record must be a JSON object")
    fmt: Literal["auto", "text", "html"] = "auto"
    body = _first(record, _TEXT_KEYS)
    if body is None:
        body, fmt = _first(record, _HTML_KEYS), "html"
    if body is None or not body.strip():
        return SourceError(where, f"no article text (expected one of {', '.join(_TEXT_KEYS)})")
    return SourceDocument(
        text=body,
        source=_first(record, _SOURCE_KEYS) or where,
        format=fmt,
        title=_first(record, _TITLE_KEYS),
        published=_first(record, _DATE_KEYS),
        byline=_first(record, _BYLINE_KEYS),
        outlet=_first(record, _OUTLET_KEYS),
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ", ".join(value)
        if isinstance(value, str) and value.strip():
            return value
    return None
