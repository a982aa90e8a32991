"""Cleaning: raw text or HTML -> title, byline, date and the article's own paragraphs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

from .sources import SourceDocument

ParagraphKind = Literal["title", "standfirst", "bullet", "body"]

_BULLET = re.compile(r"^\s*(?:[•●▪◦·*]|-(?=\s)|–(?=\s))\s*")
# "he said.Iraqi forces": a full stop glued to the next sentence by careless copy-paste. Only
# fires after a lower-case word of 2+ letters, so "U.S.Army" and "e.g.The" style tokens are left.
_GLUED_STOP = re.compile(
    r"(?<=[a-z]{2}[.!?])(?=[A-Z“‘\"][a-z])|(?<=[a-z]{2}[.!?][”’])(?=[A-Z][a-z])"
)
_BYLINE = re.compile(
    r"^(?:by|words by|reporting by)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
    r"(?:\s*[,|–-].*)?$",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|first published)(?: on)?:?\s*)?"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}}"
    rf"(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:[\s,]+\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\s*$",
    re.IGNORECASE,
)
# "LONDON, March 12 (Reuters) - Four soldiers …", "KABUL (AP) — …": where the story was filed.
# It is metadata, not a mention of the city in the story.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,40}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z .]{2,30}\))? [-–—] "
)
_SIDEBAR_HEADING = re.compile(
    r"(most (read|popular|viewed|shared)|trending( now)?|more (stories|news|from .*)|related"
    r"( stories| articles)?|you (may|might) also like|top stories|latest( news)?|"
    r"editor'?s picks)\s*:?",
    re.IGNORECASE,
)
# "Rep. Jane RoeJane RoeSenate passes bill | … MORE (D-Ohio)": a page's hover card for a name,
# pasted in as the name written twice, glued, then the card's headlines up to its "MORE" link.
_HOVER_CARD = re.compile(r"((?:[A-Z][\w'’.-]+ ){1,3}[A-Z][\w'’-]+)\1\S.{0,1200}? MORE\b")
_PERSON_LINE = re.compile(r"^[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}$")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the cleaned text and where it lies in it."""

    start_char: int
    end_char: int
    kind: ParagraphKind


@dataclass
class CleanedArticle:
    """The cleaned text every offset refers to, with the metadata found around it."""

    text: str
    paragraphs: list[Paragraph]
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    dropped: list[str] = field(default_factory=list)
    url: str | None = None  # the page's canonical URL, when its metadata names one
    outlet: str | None = None  # the site's name, when its metadata names one ("BBC News")


class CleaningError(ValueError):
    """The input holds no article text once boilerplate is removed."""


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    raw = resources.files("claimgraph.extract").joinpath("data/boilerplate.txt").read_text("utf-8")
    lines = [line.strip() for line in raw.splitlines()]
    return tuple(re.compile(line, re.IGNORECASE) for line in lines if line and line[0] != "#")


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return any(p.fullmatch(stripped) for p in boilerplate_patterns())


def clean(doc: SourceDocument) -> CleanedArticle:
    """Turn a raw document into cleaned text; raise CleaningError if nothing is left."""
    text, meta = doc.text, dict[str, str]()
    if is_html(doc):
        text, meta = _html_to_text(text)
    lines = _lines(text)
    title = doc.title or meta.get("title")
    published = normalise_date(doc.published) or meta.get("date")
    byline = doc.byline or meta.get("author")
    kept: list[tuple[str, ParagraphKind]] = []
    dropped: list[str] = []
    lines = _drop_trailing_sidebar(lines, dropped)
    for index, line in enumerate(lines):
        if is_boilerplate(line):
            dropped.append(line)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if index < 12 and len(kept) <= 6 and (found := _metadata_line(line, following)):
            kind, value = found
            published = published or (value if kind == "date" and value else None)
            byline = byline or (value if kind == "byline" else None)
            dropped.append(line)
            continue
        kept.append((line, _kind(line, kept, titled=bool(title))))
    if title and (not kept or kept[0][0] != title):
        kept.insert(0, (title, "title"))
    elif title:
        kept[0] = (title, "title")  # the page's own first line is its headline
    kept = _dedupe_title(kept)
    # A lone line is an article (a one-sentence wire flash); a lone title we were given is not,
    # and neither is a word or two (a page that was only navigation: "Home").
    body = [line for line, kind in kept if kind != "title" or len(kept) == 1]
    # Words are counted as letters too: Chinese and Japanese put no spaces between them.
    too_short = (
        sum(len(line.split()) for line in body) < 3
        and sum(ch.isalnum() for line in body for ch in line) < 10
    )
    if not kept or (doc.title and len(kept) == 1) or too_short:
        raise CleaningError("no article text left after removing boilerplate")
    cleaned = _assemble(kept, title or kept[0][0], byline, published, dropped)
    cleaned.url = meta.get("url")
    cleaned.outlet = doc.outlet or meta.get("sitename")
    return cleaned


def _assemble(
    kept: list[tuple[str, ParagraphKind]],
    title: str,
    byline: str | None,
    published: str | None,
    dropped: list[str],
) -> CleanedArticle:
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for index, (line, kind) in enumerate(kept):
        line = _BULLET.sub("", line) if kind == "bullet" else line
        if index <= 3 and kind != "title":
            line = _DATELINE.sub("", line)
        line = _GLUED_STOP.sub(" ", line)
        paragraphs.append(Paragraph(offset, offset + len(line), kind))
        parts.append(line)
        offset += len(line) + 2
    return CleanedArticle("\n\n".join(parts), paragraphs, title.strip(), byline, published, dropped)


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n") if line.strip()]
    return [_HOVER_CARD.sub(r"\1", line) for line in lines]


def _kind(line: str, kept: list[tuple[str, ParagraphKind]], *, titled: bool) -> ParagraphKind:
    if _BULLET.match(line):
        return "bullet"
    if not kept and not titled:
        return "title"
    if len(kept) == 1 and not line.rstrip().endswith((".", "”", '"', "’")):
        return "standfirst"
    return "body"


def _dedupe_title(kept: list[tuple[str, ParagraphKind]]) -> list[tuple[str, ParagraphKind]]:
    """Drop the headline where the page repeats it verbatim just below (a common paste artefact)."""
    if not kept:
        return kept
    head = kept[0][0]
    return kept[:1] + [item for item in kept[1:4] if item[0] != head] + kept[4:]


def _metadata_line(line: str, following: str) -> tuple[str, str] | None:
    """Recognise a date line or a byline near the top of the article."""
    if _DATE_LINE.match(line):
        return ("date", normalise_date(line) or "")
    if match := _BYLINE.match(line):
        return ("byline", match.group("name"))
    # A bare "Firstname Lastname" line directly above the date line is the byline.
    if _PERSON_LINE.match(line) and _DATE_LINE.match(following):
        return ("byline", line)
    return None


def _drop_trailing_sidebar(lines: list[str], dropped: list[str]) -> list[str]:
    """Cut a trailing list of other stories: a separator line followed by headline-like lines.

    Sidebars pasted after an article alternate short headline lines and bare separators ("-");
    the article's own text never contains a bare separator line, so the first one that is
    followed only by short lines marks where the sidebar starts.
    """
    for index, line in enumerate(lines):
        # "Most read" / "Trending" / "More stories" heading a list of headlines to the end.
        tail = lines[index + 1 :]
        if _SIDEBAR_HEADING.fullmatch(line) and tail and all(len(t.split()) <= 20 for t in tail):
            dropped.extend(lines[index:])
            return lines[:index]
    separators = [i for i, line in enumerate(lines) if re.fullmatch(r"[-–—•*_=|]+", line)]
    for index in separators:
        tail = lines[index:]
        if len([i for i in separators if i >= index]) >= 3 and all(
            len(item.split()) <= 40 for item in tail
        ):
            dropped.extend(tail)
            return lines[:index]
    return lines


def normalise_date(value: str | None) -> str | None:
    """A stated date as YYYY-MM-DD ("Published 26 August 2021" -> "2021-08-26"); None when
    it names no real day or no year."""
    if not value:
        return None
    import dateparser  # deferred: loading its language data takes a noticeable fraction of a second

    cleaned = re.sub(
        r"^(published|updated|posted|first published)( on)?:?\s*",
        "",
        value.strip(),
        flags=re.IGNORECASE,
    )
    if not re.search(r"\b\d{4}\b", cleaned):
        return None  # "Tuesday, August 16": without a year the date would be a guess
    parsed = dateparser.parse(cleaned, languages=["en"], settings={"STRICT_PARSING": False})
    return parsed.date().isoformat() if parsed else None


def is_html(doc: SourceDocument) -> bool:
    """Whether `doc` is read as an HTML page (its main text extracted) rather than as text."""
    return doc.format == "html" or (doc.format == "auto" and _looks_like_html(doc.text))


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return head.lstrip().startswith("<") and any(
        tag in head for tag in ("<html", "<body", "<p", "<div")
    )


def _html_to_text(html: str) -> tuple[str, dict[str, str]]:
    import trafilatura

    # Tables kept: some sites lay the story itself out in a table, and without them the page
    # kept a sixth of its text (bench/maintext.py: main-text F1 on real pages 0.968 -> 0.975).
    extracted = trafilatura.extract(
        html,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        # The date the page states it was first published, never one guessed from its
        # address or its text ("/2021/" is no day): a wrong date is worse than none.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not extracted:
        raise CleaningError("no article text found in the HTML")
    try:
        record = json.loads(extracted)
    except json.JSONDecodeError:
        # trafilatura's JSON writer can emit an invalid escape for odd input (a lone combining
        # mark): take its plain-text output, without the metadata.
        text = trafilatura.extract(
            html, output_format="txt", include_comments=False, include_tables=True
        )
        if not text:
            raise CleaningError("no article text found in the HTML") from None
        return text, {}
    meta = {key: record[key] for key in ("title", "author", "date") if record.get(key)}
    sitename = record.get("source-hostname")  # og:site_name and the like, in its JSON
    # Some pages name the site by its address ("www.example.com"); outlet_of() spells those.
    if isinstance(sitename, str) and sitename.strip() and "/" not in sitename:
        meta["sitename"] = " ".join(sitename.split())
    # trafilatura reads the canonical URL (link rel=canonical, og:url) into "source".
    canonical = record.get("source")
    if isinstance(canonical, str) and re.match(r"https?://[^\s/]+\.[^\s]+$", canonical):
        meta["url"] = canonical
    if "date" in meta:
        meta["date"] = _iso(meta["date"]) or meta["date"]
    return record.get("text") or "", meta


def _iso(value: str) -> str | None:
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
