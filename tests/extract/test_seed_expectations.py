"""Our sample articles against their gold annotations: floors that fail when quality drops.

The floors sit below the figures `bench/quality.py` measures (see the README), so that a change
that breaks attribution fails here, while the benchmark reports the exact figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument, iter_sources

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted((ROOT / "bench" / "gold" / "seeds").glob("*.json"))


@pytest.fixture(scope="module")
def articles() -> list[tuple[Article, dict]]:
    extractor = Extractor(load_pipeline())
    pairs = []
    for gold_path in GOLD:
        path = next(p for p in (ROOT / "seeds").glob(gold_path.stem + ".*"))
        doc = next(iter_sources([path]))
        assert isinstance(doc, SourceDocument)
        pairs.append((extractor.extract(doc), json.loads(gold_path.read_text())))
    return pairs


def _covering(article: Article, text: str):
    start = article.text.find(text)
    assert start >= 0, f"gold claim not in cleaned text: {text[:50]}"
    end = start + len(text)
    for claim in article.claims:
        for span in claim.occurrences or [claim]:
            if (min(end, span.end_char) - max(start, span.start_char)) * 2 >= end - start:
                return claim
    return None


def _same(name: str | None, gold_name: str | None, gold_entities: list[dict]) -> bool:
    if gold_name is None or name is None:
        return name == gold_name
    entry = next((e for e in gold_entities if e["name"] == gold_name), {"aliases": []})
    return name.lower() in {gold_name.lower(), *(a.lower() for a in entry["aliases"])}


def test_claims_found_and_attributed(articles):
    found = right = total = 0
    for article, gold in articles:
        for expected in gold["claims"]:
            total += 1
            claim = _covering(article, expected["text"])
            if claim is None:
                continue
            found += 1
            speaker = claim.speaker.name if claim.speaker else None
            right += _same(speaker, expected["speaker"], gold["entities"])
    assert found / total >= 0.90
    assert right / found >= 0.80


def test_entities_found(articles):
    wanted = hits = 0
    for article, gold in articles:
        names = {n.lower() for e in article.entities for n in [e.name, *e.aliases]}
        for entity in gold["entities"]:
            wanted += 1
            hits += any(n.lower() in names for n in [entity["name"], *entity.get("aliases", [])])
    assert hits / wanted >= 0.80


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_not_claims_stay_out(articles, gold_path):
    article, gold = next(pair for pair in articles if pair[1] == json.loads(gold_path.read_text()))
    for phrase in gold.get("not_claims", []):
        assert all(claim.text.strip("“”‘’'\" ") != phrase for claim in article.claims)
