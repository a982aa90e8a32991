"""Extraction time on adversarial text: how it grows with the input, and where it is refused.

Usage: python bench/adversarial.py [--sizes 10000 100000 1000000] [--runs 3]
                                   [--max-chars 200000] [--cases quotes names ...]

Generated worst cases, each cut to every size:
  quotes      "Marsh said " then '"a" ' repeated: a quotation mark every other token, one sentence
  names       "Nato " repeated: one name, thousands of mentions
  nospace     "said.Marsh" repeated: no spaces after full stops
  giant       ordinary sentences in one paragraph with no line break
  paragraphs  a short attributed paragraph repeated thousands of times

Each size is extracted with `Extractor.extract` (the API's path: cleaning, the whole pipeline,
building the Article) under the service's default length limit (`--max-chars`, the setting
CLAIMGRAPH_MAX_ARTICLE_CHARS): a text over it is refused (ArticleTooLong, the API's 413) and
the table shows how long the refusal took. Median of --runs (one run above 100,000 characters).
The last column is the time per 10,000 characters at the largest size measured over the same
at the smallest: 1.0 is linear.
"""

from __future__ import annotations

import argparse

from claimgraph.extract.errors import ArticleTooLong
from claimgraph.extract.pipeline import Extractor, load_pipeline
from claimgraph.extract.sources import DEFAULT_MAX_ARTICLE_CHARS, SourceDocument

from common import command_line, median, report, table, timed

SENTENCE = "The minister said the plan would cost more than the council had expected. "
CASES = {
    "quotes": lambda n: ("Marsh said " + '"a" ' * (n // 4 + 1))[:n],
    "names": lambda n: ("Nato " * (n // 5 + 1))[:n],
    "nospace": lambda n: ("said.Marsh" * (n // 10 + 1))[:n],
    "giant": lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n],
    "paragraphs": lambda n: ("Marsh said the plan was fine.\n\n" * (n // 31 + 1))[:n],
}


def measure(extractor: Extractor, text: str, runs: int) -> tuple[float, bool]:
    """(median seconds, refused) for one text."""
    document = SourceDocument(text=text, format="text")
    refused = False

    def once() -> None:
        nonlocal refused
        try:
            extractor.extract(document)
        except ArticleTooLong:
            refused = True

    return median([timed(once) for _ in range(runs)]), refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_ARTICLE_CHARS)
    parser.add_argument("--cases", nargs="+", choices=sorted(CASES), default=list(CASES))
    args = parser.parse_args()
    extractor = Extractor(load_pipeline(), max_chars=args.max_chars)
    extractor.extract(SourceDocument(text="Warm up. The minister said it was fine."))
    sizes = sorted(args.sizes)
    rows = []
    for case in args.cases:
        row: list[object] = [case]
        per_10k = []
        for size in sizes:
            runs = args.runs if size <= 100_000 else 1
            seconds, refused = measure(extractor, CASES[case](size), runs)
            row.append(f"refused in {seconds * 1000:.0f} ms" if refused else f"{seconds:.2f} s")
            if not refused:
                per_10k.append(seconds / size * 10_000)
        row.append(f"{per_10k[-1] / per_10k[0]:.2f}" if len(per_10k) > 1 else "-")
        rows.append(row)
        print(" | ".join(str(cell) for cell in row), flush=True)
    headers = ["case", *(f"{size:,} chars" for size in sizes), "growth (per 10k chars)"]
    report(
        f"Extraction on adversarial text (limit {args.max_chars:,} characters)",
        command_line(),
        table(headers, rows),
    )


if __name__ == "__main__":
    main()
