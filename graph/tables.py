"""Claims as CSV: one row per claim with everything needed to cite it, for spreadsheets,
pandas and R. The API (`/claims?format=csv`) and the CLI (`query claims --csv`) write the same
columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from claimgraph.extract.schema import Claim

CLAIM_COLUMNS = (
    "claim_id",
    "speaker",
    "speaker_id",
    "speaker_text",
    "cue",
    "cue_class",
    "kind",
    "text",
    "about",
    "about_ids",
    "addressee",
    "addressee_id",
    "confidence",
    "published",
    "outlet",
    "title",
    "source",
    "article_id",
    "start_char",
    "end_char",
    "context",
)
# Where a cell holds several entities ("about"), they are joined by this.
JOIN = "; "


def claim_row(claim: Claim) -> dict[str, object]:
    """A claim as one CSV row (the columns of CLAIM_COLUMNS)."""
    article = claim.article
    return {
        "claim_id": claim.id,
        "speaker": claim.speaker.name if claim.speaker else "",
        "speaker_id": claim.speaker.id if claim.speaker else "",
        "speaker_text": claim.speaker_text or "",
        "cue": claim.cue or "",
        "cue_class": claim.cue_class or "",
        "kind": claim.kind,
        "text": claim.text,
        "about": JOIN.join(ref.name for ref in claim.about),
        "about_ids": JOIN.join(ref.id for ref in claim.about),
        "addressee": claim.addressee.name if claim.addressee else "",
        "addressee_id": claim.addressee.id if claim.addressee else "",
        "confidence": claim.confidence,
        "published": (article.published if article else None) or "",
        "outlet": (article.outlet if article else None) or "",
        "title": (article.title if article else None) or "",
        "source": (article.source if article else None) or "",
        "article_id": claim.article_id or (article.id if article else ""),
        "start_char": claim.start_char,
        "end_char": claim.end_char,
        "context": claim.context.text if claim.context else "",
    }


def claims_csv(claims: Iterable[Claim]) -> str:
    """The claims as CSV text (RFC 4180: a header row, CRLF line ends, fields quoted where
    they hold a comma, a quote or a line break).

    A cell that a spreadsheet would run as a formula (one starting with =, +, - or @) gets a
    leading apostrophe: a claim's words come from the web, and a CSV opened in Excel or
    LibreOffice must not execute them.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS)
    writer.writeheader()
    for claim in claims:
        writer.writerow({key: _inert(value) for key, value in claim_row(claim).items()})
    return out.getvalue()


def _inert(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
