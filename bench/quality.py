"""Extraction quality against annotated articles: claims, speakers, topics and entities.

Usage: python bench/quality.py [--gold bench/gold/seeds --articles seeds]... [--model PATH]

`--gold DIR --articles DIR` may be given several times: every pair's articles go into one graph
(the cross-article figures are then over all of them together).

Each gold file `NAME.json` beside an article `NAME.txt|.html` lists entities and claims (see
seeds/README.md). A predicted claim matches a gold claim when it covers at least half of the
gold content's characters.

Cross-article resolution: all the articles are ingested into one in-memory graph; a gold entity
(same type and name in every gold file) found in several articles should be one graph node
(otherwise a split), and two gold entities should never be one node (a wrong merge).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.schema import Article, Claim, Entity
from claimgraph.extract.sources import iter_sources
from claimgraph.graph.build import canonical, local_ids
from claimgraph.graph.service import ClaimGraph


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    claims: Tally = field(default_factory=Tally)
    speakers: Counter[str] = field(default_factory=Counter)
    about: Tally = field(default_factory=Tally)
    entities: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    # gold entity (type, name) -> graph node per article, for the cross-article figures
    nodes: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    articles_of: Counter[tuple[str, str]] = field(default_factory=Counter)


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace("the ", "").split())


def _names(entity: Entity | dict) -> set[str]:
    if isinstance(entity, dict):
        return {_norm(entity["name"]), *(_norm(a) for a in entity.get("aliases", []))}
    return {_norm(entity.name), *(_norm(a) for a in entity.aliases)}


def _overlap(claim: Claim, start: int, end: int) -> int:
    spans = [(o.start_char, o.end_char) for o in claim.occurrences] or [
        (claim.start_char, claim.end_char)
    ]
    return max(max(0, min(e, end) - max(s, start)) for s, e in spans)


def load_gold(gold_path: Path, article_path: Path) -> dict:
    """Read a gold file; offset-only gold (bench/gold/) gets its claim texts from the article.

    Offset gold stores no sentences (the articles are not ours): the claim's words are sliced
    from the article at benchmark time, less any boilerplate lines inside the span.
    """
    gold = json.loads(gold_path.read_text())
    if all("text" in claim for claim in gold["claims"]):
        return gold
    raw = article_path.read_text("utf-8")
    boilerplate = [tuple(span) for span in gold.get("boilerplate", [])]
    for claim in gold["claims"]:
        start, end = claim["start"], claim["end"]
        cut = [(s, e) for s, e in boilerplate if start <= s and e <= end]
        pieces, at = [], start
        for s, e in sorted(cut):
            pieces.append(raw[at:s])
            at = e
        pieces.append(raw[at:end])
        claim["text"] = "".join(pieces)
    return gold


def locate(text: str, wanted: str) -> tuple[int, int] | None:
    """Where gold content lies in the cleaned text, allowing for cleaned-away lines inside it."""
    start = text.find(wanted)
    if start >= 0:
        return start, start + len(wanted)
    head, tail = wanted[:40].strip(), wanted[-40:].strip()
    first = text.find(head)
    last = text.find(tail, first) if first >= 0 else -1
    return (first, last + len(tail)) if first >= 0 and last >= 0 else None


def score_article(article: Article, gold: dict, scores: Scores, name: str) -> None:
    gold_entities = gold["entities"]
    _score_entities(article, gold_entities, scores, name)
    aliases = {_norm(e["name"]): _names(e) for e in gold_entities}
    matched: set[str] = set()
    for claim in gold["claims"]:
        where = locate(article.text, claim["text"])
        if where is None:
            scores.misses.append(f"{name}: gold text not in cleaned text: {claim['text'][:60]}")
            scores.claims.fn += 1
            continue
        start, end = where
        best = max(article.claims, key=lambda c: _overlap(c, start, end), default=None)
        if best is None or _overlap(best, start, end) * 2 < end - start:
            scores.claims.fn += 1
            scores.misses.append(f"{name}: missed {claim['speaker']}: {claim['text'][:60]}")
            continue
        scores.claims.tp += 1
        matched.add(best.id)
        _score_speaker(best, claim, aliases, scores, name)
        _score_about(best, claim, aliases, scores)
    for claim in article.claims:
        if claim.id not in matched:
            scores.claims.fp += 1
            scores.misses.append(f"{name}: extra {claim.speaker_text}: {claim.text[:60]}")


def _score_speaker(
    found: Claim, gold: dict, aliases: dict[str, set[str]], scores: Scores, name: str
) -> None:
    wanted = gold.get("speaker")
    if wanted is None:
        ok = found.speaker is None
    else:
        ok = found.speaker is not None and _norm(found.speaker.name) in aliases.get(
            _norm(wanted), {_norm(wanted)}
        )
    scores.speakers["right" if ok else "wrong"] += 1
    if not ok:
        got = found.speaker.name if found.speaker else None
        scores.misses.append(f"{name}: speaker {got!r} should be {wanted!r}: {found.text[:50]}")


def _score_about(found: Claim, gold: dict, aliases: dict[str, set[str]], scores: Scores) -> None:
    wanted = [aliases.get(_norm(n), {_norm(n)}) for n in gold.get("about", [])]
    got = [_norm(ref.name) for ref in found.about]
    hits = sum(1 for names in wanted if any(g in names for g in got))
    scores.about.tp += hits
    scores.about.fn += len(wanted) - hits
    scores.about.fp += sum(1 for g in got if not any(g in names for names in wanted))


def _score_entities(article: Article, gold: list[dict], scores: Scores, name: str) -> None:
    for entity_type in ("person", "organization", "place"):
        tally = scores.entities.setdefault(entity_type, Tally())
        wanted = [(e["name"], _names(e)) for e in gold if e["type"] == entity_type]
        found = [(e.name, _names(e)) for e in article.entities if e.type == entity_type]
        missed = [w for w, names in wanted if not any(names & f for _, f in found)]
        extra = [f for f, names in found if not any(names & w for _, w in wanted)]
        tally.tp += len(wanted) - len(missed)
        tally.fn += len(missed)
        tally.fp += len(extra)
        scores.misses += [f"{name}: missed {entity_type} {m}" for m in missed]
        scores.misses += [f"{name}: extra {entity_type} {e}" for e in extra]


def _locate_nodes(graph: ClaimGraph, article: Article, gold: list[dict], scores: Scores) -> None:
    """The graph node each gold entity of the article ended up in (if the article found it)."""
    for entity in gold:
        key = (entity["type"], _norm(entity["name"]))
        names = _names(entity)
        found = next(
            (e for e in article.entities if e.type == entity["type"] and names & _names(e)), None
        )
        if found is not None:
            scores.articles_of[key] += 1
            # A person named by one word has a node of its own in each article (local_ids).
            local = local_ids(article).get(found.id, found.id)
            scores.nodes.setdefault(key, set()).add(canonical(graph.graph, local))


@dataclass
class Identity:
    """Cross-article figures of one entity type."""

    shared: int = 0  # gold entities found in 2+ articles
    links: int = 0  # appearances beyond the first: what splits are out of
    splits: int = 0
    wrong_merges: int = 0


def cross_article(scores: Scores) -> tuple[dict[str, Identity], list[str]]:
    """Splits and wrong merges per entity type, and descriptions of the errors."""
    found = {t: Identity() for t in ("person", "organization", "place")}
    errors = []
    for key, count in scores.articles_of.items():
        if count < 2:
            continue
        figures = found[key[0]]
        figures.shared += 1
        figures.links += count - 1
        extra = len(scores.nodes[key]) - 1
        if extra:
            figures.splits += extra
            errors.append(f"split: {key[1]} ({key[0]}) is {sorted(scores.nodes[key])}")
    owners: dict[str, list[tuple[str, str]]] = {}
    for key, nodes in scores.nodes.items():
        for node in nodes:
            owners.setdefault(node, []).append(key)
    for node, keys in owners.items():
        if len(keys) > 1:
            found[keys[0][0]].wrong_merges += len(keys) - 1
            errors.append(f"wrong merge: {node} holds {sorted(k[1] for k in keys)}")
    return found, errors


def _gold_pairs(gold_dir: Path, article_dir: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(gold_dir.glob("*.json")):
        article = next((p for p in article_dir.glob(gold.stem + ".*") if p.suffix != ".json"), None)
        if article is not None:
            pairs.append((gold, article))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append")
    parser.add_argument("--articles", type=Path, action="append")
    parser.add_argument("--model", default=None)
    parser.add_argument("--misses", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    extractor = Extractor(load_pipeline(args.model))
    scores = Scores()
    golds, article_dirs = args.gold or [Path("bench/gold/seeds")], args.articles or [Path("seeds")]
    if len(golds) != len(article_dirs):
        parser.error("give --gold and --articles in pairs")
    pairs = [
        pair
        for gold_dir, article_dir in zip(golds, article_dirs, strict=True)
        for pair in _gold_pairs(gold_dir, article_dir)
    ]
    extracted = []
    for gold_path, article_path in pairs:
        doc = next(d for d in iter_sources([article_path]) if not isinstance(d, Exception))
        article = extractor.extract(doc)  # type: ignore[arg-type]
        gold = load_gold(gold_path, article_path)
        score_article(article, gold, scores, gold_path.stem)
        extracted.append((article, gold))
    with ClaimGraph.open(":memory:") as graph:
        graph.ingest_many(article for article, _ in extracted)
        for article, gold in extracted:
            _locate_nodes(graph, article, gold["entities"], scores)
    _print(scores, len(pairs), extractor.model_name)
    if args.misses:
        print("\n".join(scores.misses))
    return 0


def _print(scores: Scores, articles: int, model: str) -> None:
    print(f"{articles} articles, model {model}, {platform.processor() or platform.machine()}")
    print(f"{'measure':<28}{'P':>7}{'R':>7}{'F1':>7}")
    rows = [("claims", scores.claims), ("about", scores.about)]
    rows += [(f"entities: {t}", tally) for t, tally in scores.entities.items()]
    total = Tally(
        *(sum(getattr(t, k) for t in scores.entities.values()) for k in ("tp", "fp", "fn"))
    )
    rows.append(("entities: all", total))
    for label, tally in rows:
        p, r, f = tally.f1()
        print(f"{label:<28}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    judged = sum(scores.speakers.values())
    accuracy = scores.speakers["right"] / judged if judged else 0.0
    print(f"{'speaker accuracy':<28}{accuracy:>21.3f}  ({judged} matched claims)")
    identity, errors = cross_article(scores)
    for entity_type, figures in identity.items():
        print(
            f"{'cross-article ' + entity_type:<28}{figures.splits:>7d} splits of {figures.links}"
            f" links, {figures.wrong_merges} wrong merges  ({figures.shared} entities in 2+ "
            "articles)"
        )
    scores.misses.extend(errors)


if __name__ == "__main__":
    sys.exit(main())
