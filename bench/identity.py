"""Cross-article identity on a generated stress set: wrong merges, splits and proposals.

Usage: python bench/identity.py [--articles 300] [--people 40] [--seeds 1 2 3]

40 people share 10 surnames, four to a surname, each of the four in a different walk of life
(politics, football, medicine, …); 300 articles name them as news copy does: full name, a
title and full name, a short form or nickname ("Tim Morrison"), or the surname alone. Four
royals go by a title and a given name ("Prince" and "William", as the extractor reads "Prince
William"); two of them share the style "King Abdullah", in two walks of life years apart. The
articles are built as extractions (tests/graph/identity_set.py), so the figures are those of the
resolver alone. Reported per seed (article order and forms differ) and as totals:

- wrong merges: a node holding two real people (the target is 0);
- splits: a person's appearances in more than one node, out of the links that could be made,
  all appearances, those naming a given name and a surname (a surname alone is, by design,
  never merged: it is proposed to a person), and the royals' (a style merges on corroborating
  context, as a variant of a name does);
- proposals: how many, and how many a person who knows would accept.
"""

from __future__ import annotations

import argparse
import sys

from common import REPO, command_line, report, table

sys.path.insert(0, str(REPO))

from claimgraph.graph import ClaimGraph
from tests.graph.identity_set import IdentityScores, generate, score


def run(n_articles: int, n_people: int, seed: int) -> IdentityScores:
    data = generate(n_articles=n_articles, n_people=n_people, seed=seed)
    with ClaimGraph.open(":memory:") as graph:
        for article in data.articles:
            graph.ingest(article)
        return score(graph, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    rows = []
    for seed in args.seeds:
        found = run(args.articles, args.people, seed)
        rows.append(
            (
                seed,
                found.appearances,
                found.wrong_merges,
                f"{found.splits}/{found.links} ({found.split_rate:.1%})",
                f"{found.splits_named}/{found.links_named} ({found.split_rate_named:.1%})",
                f"{found.splits_royal}/{found.links_royal}",
                found.applied,
                f"{found.proposals_right}/{found.proposals}",
            )
        )
        for error in found.errors:
            print(error, file=sys.stderr)
    headers = (
        "seed",
        "articles",
        "wrong person merges",
        "splits (all)",
        "splits (given name known)",
        "splits (royal styles)",
        "merges applied",
        "proposals right",
    )
    report("Cross-article identity, generated stress set", command_line(), table(headers, rows))


if __name__ == "__main__":
    main()
