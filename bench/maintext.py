"""Main text of real pages: claimgraph's cleaning against trafilatura alone, on true main text.

Usage: python bench/maintext.py [--pages ../shared/realnews] [--worst 10]

The 91 pages of ../shared/realnews (saved HTML, with the hand-checked main text of each in
pages.jsonl) are cleaned by claimgraph (`extract.cleaning.clean`, the text every offset refers
to, without its title line: the benchmark's main text has no headline) and by trafilatura run
with its default options (`trafilatura.extract(html)`), and each is scored as the
article-extraction benchmark scores article bodies: the text is split into word tokens
(`\\w+`), every run of four consecutive tokens is a shingle, and a page's true positives,
false positives and false negatives are the shingles the two texts share, the extra ones and
the missing ones (counted with multiplicity), divided by their sum so that every page weighs
the same. Precision and recall are the means over pages (of the pages where they are defined);
F1 is computed from those two means. A page an extractor refuses or returns nothing for scores
as an empty text. --worst N lists the pages (by key) where claimgraph's F1 is lowest.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from claimgraph.extract.cleaning import CleaningError, clean
from claimgraph.extract.sources import SourceDocument

from common import command_line, report, table

SHINGLE = 4
_WORD = re.compile(r"\w+")
Counts = tuple[float, float, float]  # true positives, false positives, false negatives


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    # A text shorter than one shingle is one (shorter) shingle, as in the benchmark.
    return Counter(
        tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))
    ) - Counter({(): 1})


def page_counts(true: str, predicted: str) -> Counts:
    want, got = shingles(true), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def scores(counts: list[Counts]) -> tuple[float, float, float]:
    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, 2 * p * r / (p + r)


def claimgraph_text(html: str) -> str:
    cleaned = clean(SourceDocument(text=html, format="html"))
    return "\n\n".join(
        cleaned.text[p.start_char : p.end_char] for p in cleaned.paragraphs if p.kind != "title"
    )


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=Path("../shared/realnews"))
    parser.add_argument("--worst", type=int, default=0)
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.pages / "pages.jsonl").open(encoding="utf-8")]
    extractors: dict[str, Callable[[str], str]] = {
        "claimgraph (extract.cleaning)": claimgraph_text,
        "trafilatura 2, default options": trafilatura_text,
    }
    counts: dict[str, list[Counts]] = {name: [] for name in extractors}
    refused: Counter[str] = Counter()
    for record in records:
        raw = gzip.decompress((args.pages / "pages" / f"{record['file']}.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        for name, extract in extractors.items():
            try:
                text = extract(html)
            except CleaningError:
                text, refused[name] = "", refused[name] + 1
            counts[name].append(page_counts(record["article_body"], text))
    rows = [
        [name, *(f"{value:.3f}" for value in scores(found)), refused[name]]
        for name, found in counts.items()
    ]
    report(
        f"Main text of {len(records)} real pages (shingle F1)",
        command_line(),
        table(["extractor", "precision", "recall", "F1", "pages refused"], rows),
    )
    if args.worst:
        ours = counts["claimgraph (extract.cleaning)"]
        theirs = counts["trafilatura 2, default options"]
        ranked = sorted(range(len(records)), key=lambda i: precision(*ours[i]) + recall(*ours[i]))
        for i in ranked[: args.worst]:
            print(
                records[i]["file"][:12],
                f"ours P={precision(*ours[i]):.2f} R={recall(*ours[i]):.2f}",
                f"trafilatura P={precision(*theirs[i]):.2f} R={recall(*theirs[i]):.2f}",
            )


if __name__ == "__main__":
    main()
