"""Fit claim confidence to what was measured: writes extract/data/confidence.json.

Usage: python bench/calibrate.py [--gold DIR --articles DIR]...

Runs the extractor over the annotated development sets (by default: our samples, the shared
seeds, set 2 and the real-news development pages; never a blind set), judges every claim it
finds (right: a gold claim with the right speaker; a claim no annotator marked is wrong), and
counts the right share for each kind of claim (extract/confidence.py: how it was reported, how
its speaker is named, its cue). Shares are smoothed towards the coarser kind they belong to
(a kind seen a few times says little on its own), and what is written is the share less two
standard errors, rounded down: a confidence is a share the kind can be counted on to reach.
Real news is harder than our samples, so each kind gets the lower of that bound fitted on all
the development claims and fitted on the real-news development pages alone.
Then run bench/quality.py on the blind sets to see whether it holds on text it was not fitted
to.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.confidence import keys

from quality import Scores, pairs_of, score_pairs

DEFAULT = [
    ("bench/gold/seeds", "seeds"),
    ("bench/gold/shared-seeds", "../shared/seeds"),
    ("bench/gold/set2", "bench/set2"),
    ("bench/gold/realnews", "../shared/realnews/pages"),
]
OUT = Path(__file__).resolve().parents[1] / "extract" / "data" / "confidence.json"
PRIOR = 8.0  # claims' worth of weight the coarser kind's share carries
# How far below its measured share a kind's confidence is set: two standard errors, a bound
# the share stays above about 97 times in 100 (one left real-news claims at 0.9 and over right
# only 92% of the time on pages it was not fitted to).
STANDARD_ERRORS = 2.0


def fit(judged: list[tuple[list[str], bool]]) -> tuple[dict[str, float], dict[str, list[int]]]:
    """Smoothed right shares by key, coarse to fine, and the (right, seen) counts."""
    counts: dict[str, Counter[str]] = {}
    for key_list, right in judged:
        for key in key_list:
            tally = counts.setdefault(key, Counter())
            tally["seen"] += 1
            tally["right"] += right
    shares: dict[str, float] = {}
    # Coarse keys first: "*", then kind, kind/who, kind/who/cue (fewer slashes first).
    for key in sorted(counts, key=lambda k: (k != "*", k.count("/"), k)):
        tally = counts[key]
        parent = "*" if key.count("/") == 0 else key.rsplit("/", 1)[0]
        prior = shares.get(parent, 0.5) if key != "*" else 0.5
        weight = 0.0 if key == "*" else PRIOR
        n = tally["seen"] + weight
        share = (tally["right"] + weight * prior) / n
        shares[key] = share  # the smoothed share, the prior of the finer kinds
    # What is written is the share less two standard errors: a claim at 0.8 is of a kind
    # that was right about 80% of the time or more, not one that merely averaged it.
    for key, share in list(shares.items()):
        n = counts[key]["seen"] + (0.0 if key == "*" else PRIOR)
        bound = share - STANDARD_ERRORS * math.sqrt(share * (1 - share) / n)
        shares[key] = min(max(math.floor(bound * 100) / 100, 0.05), 0.99)
    return shares, {k: [c["right"], c["seen"]] for k, c in sorted(counts.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append")
    parser.add_argument("--articles", type=Path, action="append")
    args = parser.parse_args()
    golds = args.gold or [Path(g) for g, _ in DEFAULT]
    dirs = args.articles or [Path(a) for _, a in DEFAULT]
    extractor = Extractor(load_pipeline())
    scores, real = Scores(), Scores()
    for gold, articles in zip(golds, dirs, strict=True):
        family = real if "realnews" in str(gold) else scores
        score_pairs(extractor, pairs_of([gold], [articles]), family)
    shares, counts = fit([(keys(c), right) for c, right in scores.judged + real.judged])
    if real.judged and scores.judged:
        # A share must hold on real news and on the rest alike: each kind gets the lower of
        # the bound fitted on all the development claims and that on the real-news ones.
        on_real, _ = fit([(keys(c), right) for c, right in real.judged])
        shares = {key: min(share, on_real.get(key, share)) for key, share in shares.items()}
    scores.judged += real.judged
    OUT.write_text(
        json.dumps(
            {
                "fitted_on": [str(g) for g in golds],
                "claims": len(scores.judged),
                "confidence": shares,
                "counts": counts,
            },
            indent=1,
            sort_keys=True,
        )
        + "\n"
    )
    print(f"{len(scores.judged)} claims judged; {len(shares)} kinds -> {OUT}")
    for key in sorted(shares, key=lambda k: (-counts[k][1], k))[:25]:
        right, seen = counts[key]
        print(f"  {key:<40}{right:>5}/{seen:<5}{shares[key]:>6.2f}")


if __name__ == "__main__":
    main()
