"""Plain-text rendering for the CLI: claim listings and fixed-width tables."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from claimgraph.extract.schema import Article, Claim, Entity
from claimgraph.graph import ArticleSummary, Merge, SpeakerCount, Split, Timeline

# Typographic quotes make the claim's own text stand apart from the speaker and the cue.
_OPEN, _CLOSE = "\u201c", "\u201d"


def speaker_label(claim: Claim) -> str:
    """The resolved speaker's name, or the article's own words in brackets when unresolved."""
    if claim.speaker is not None:
        return claim.speaker.name
    return f"[{claim.speaker_text}]" if claim.speaker_text else "[unattributed]"


def claim_line(claim: Claim) -> str:
    """`speaker — cue — “text”`."""
    cue = claim.cue or claim.kind
    return f"{speaker_label(claim)} \u2014 {cue} \u2014 {_OPEN}{claim.text}{_CLOSE}"


def article_listing(article: Article) -> str:
    """An article's title and source, then one line per claim."""
    heading = article.title or "(untitled)"
    lines = [f"{heading}  [{article.id}]"]
    if article.source:
        lines.append(f"  source: {article.source}")
    published = [value for value in (article.published, article.outlet) if value]
    if published:
        lines.append(f"  published: {', '.join(published)}")
    lines.append(f"  {len(article.entities)} entities, {len(article.claims)} claims")
    lines.extend(f"  {claim_line(claim)}" for claim in article.claims)
    return "\n".join(lines)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "\u2026"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    width: int = 0,
    wide: bool = False,
) -> str:
    """Columns padded to their widest cell; the last column is cut to fit the terminal, or
    with `wide` kept whole (the terminal wraps it)."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    cells = [[" ".join(str(cell).split()) for cell in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    # Never squeeze the last column below 12 characters, however narrow the terminal.
    if not wide:
        widths[-1] = min(widths[-1], max(width - fixed, 12))
    lines = [_row(headers, widths), _row(["-" * w for w in widths], widths)]
    lines.extend(
        _row([shorten(c, w) for c, w in zip(row, widths, strict=True)], widths) for row in cells
    )
    return "\n".join(lines)


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip()


def claims_table(claims: Sequence[Claim], *, wide: bool = False) -> str:
    """Who, how, when, where and what: one row per claim (`wide`: whole claim texts)."""
    rows = [
        (
            speaker_label(c),
            c.cue or c.kind,
            (c.article.published if c.article else None) or "",
            (c.article.outlet if c.article else None) or "",
            c.article_id or "",
            c.text,
        )
        for c in claims
    ]
    return table(("SPEAKER", "CUE", "PUBLISHED", "OUTLET", "ARTICLE", "CLAIM"), rows, wide=wide)


def timeline_table(timeline: Timeline) -> str:
    """One row per period: its claims, and how many of each cue class."""
    rows = [
        (
            bucket.period,
            bucket.claims,
            ", ".join(f"{name} {n}" for name, n in bucket.cue_classes.items()),
        )
        for bucket in timeline.buckets
    ]
    what = "claims by" if timeline.role == "speaker" else "claims about"
    lines = [
        f"{what} {timeline.entity.name} ({timeline.entity.id}), per {timeline.interval}",
        table(("PERIOD", "CLAIMS", "CUE CLASSES"), rows),
        f"{timeline.claims} claims, {timeline.undated} in articles with no date",
    ]
    return "\n".join(lines)


def entities_table(entities: Sequence[Entity]) -> str:
    rows = [
        (e.id, e.type, e.mentions, len(e.articles), ", ".join([e.name, *e.aliases]))
        for e in entities
    ]
    return table(("ID", "TYPE", "MENTIONS", "ARTICLES", "NAME / ALIASES"), rows)


def page_footer(shown: int, offset: int, count: int) -> str:
    if shown == 0:
        return f"no results (of {count})"
    return f"{offset + 1}\u2013{offset + shown} of {count}"


def speakers_table(speakers: Sequence[SpeakerCount]) -> str:
    rows = [(s.entity.name, s.entity.id, s.claims) for s in speakers]
    return table(("SPEAKER", "ID", "CLAIMS"), rows)


def articles_table(articles: Sequence[ArticleSummary]) -> str:
    rows = [
        (a.id, a.published or "", a.outlet or "", a.entities, a.claims, a.title or a.source or "")
        for a in articles
    ]
    return table(("ID", "PUBLISHED", "OUTLET", "ENTITIES", "CLAIMS", "TITLE"), rows)


def merges_table(merges: Sequence[Merge], *, wide: bool = False) -> str:
    """One row per merge: its status and score, the two sides, and its evidence."""
    rows = [
        (
            m.id,
            m.status if m.decided_by == "claimgraph" else f"{m.status} by {m.decided_by}",
            f"{m.score:.2f}",
            m.kept.id,
            m.merged.id,
            "; ".join(m.evidence) or m.reason,
        )
        for m in merges
    ]
    return table(("ID", "STATUS", "SCORE", "KEPT", "MERGED", "EVIDENCE"), rows, wide=wide)


def merge_line(merge: Merge) -> str:
    """What a decision did, in one line."""
    by = "" if merge.decided_by == "claimgraph" else f" by {merge.decided_by}"
    merged, kept = merge.merged, merge.kept
    return (
        f"{merge.id}: {merge.status}{by} \u2014 "
        f"{merged.name} ({merged.id}) into {kept.name} ({kept.id})"
    )


def splits_table(splits: Sequence[Split]) -> str:
    rows = [
        (
            s.id,
            "in force" if s.active else "undone",
            s.decided_by,
            s.entity.id,
            s.new.id,
            ", ".join(s.articles),
        )
        for s in splits
    ]
    return table(("ID", "STATUS", "BY", "ENTITY", "NEW ENTITY", "ARTICLES"), rows)


def split_line(split: Split) -> str:
    state = "split" if split.active else "split undone"
    return (
        f"{split.id}: {state} by {split.decided_by} \u2014 {split.entity.name} "
        f"({split.entity.id}) in {', '.join(split.articles)} is {split.new.id}"
    )
