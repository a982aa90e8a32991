"""Extraction quality against annotated articles: claims, speakers, topics and entities.

Usage: python bench/quality.py [--gold bench/gold/seeds --articles seeds]... [--model PATH]

`--gold DIR --articles DIR` may be given several times: every pair's articles go into one graph
(the cross-article figures are then over all of them together).

Real news (`--gold bench/gold/realnews --articles ../shared/realnews/pages`): gold files follow
`../shared/realnews/ANNOTATION.md` (a claim is found by its `key`, a few words of its content,
which must lie inside a predicted claim's text; claims marked `core: false` count neither way);
the pages are read as saved (gzipped HTML), cleaned by claimgraph like any page.

Beside precision and recall, it reports claims by kind, speakers by how the article names them
(name, pronoun, description, organisation, unnamed) and a reliability table: for each band of
`confidence`, the share of claims that are right (a gold claim, with the right speaker).

Each gold file `NAME.json` beside an article `NAME.txt|.html` lists entities and claims (see
seeds/README.md). A predicted claim matches a gold claim when it covers at least half of the
gold content's characters.

Cross-article resolution: all the articles are ingested into one in-memory graph; a gold entity
(same type and name in every gold file) found in several articles should be one graph node
(otherwise a split), and two gold entities should never be one node (a wrong merge). For people
it also reports the splits among the articles that give more than one word of the name: a
person an article names by one word only ("Trump", "President Trump") is by design never merged
across articles, only proposed to a person.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import platform
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.schema import Article, Claim, Entity, EntityRef
from claimgraph.extract.sources import SourceDocument, iter_sources
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
    # (kind, "tp" | "fn" | "fp"): claims by kind, gold kinds for tp/fn, predicted for fp
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (how the speaker is named, "right" | "wrong")
    speaker_forms: Counter[tuple[str, str]] = field(default_factory=Counter)
    # every predicted claim, and whether it is right
    judged: list[tuple[Claim, bool]] = field(default_factory=list)
    about: Tally = field(default_factory=Tally)
    # The same, less the topics that are optional entities (products, events, works) the
    # extractor did not report: ANNOTATION.md lets it report them or not.
    about_reported: Tally = field(default_factory=Tally)
    entities: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    # gold entity (type, name) -> graph node per article, for the cross-article figures
    nodes: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    articles_of: Counter[tuple[str, str]] = field(default_factory=Counter)
    # the same, for the articles that name a person by more than one word
    named_nodes: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    named_articles_of: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (type, "found" | "split"): gold entities an article names, and those of them it names as
    # several entities (which the graph never merges: one article kept them apart)
    in_article: Counter[tuple[str, str]] = field(default_factory=Counter)


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


_TYPES = {"PERSON": "person", "ORG": "organization", "PLACE": "place"}
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "him", "them"}
)


def load_keyed_gold(gold_path: Path) -> dict:
    """A real-news gold file (ANNOTATION.md) in the shape score_article reads: entities as
    {name, type, aliases}, optional names, and claims found by `key`."""
    raw = json.loads(gold_path.read_text("utf-8"))
    aliases = raw.get("aliases", {})
    entities = [
        {"name": name, "type": _TYPES[label], "aliases": aliases.get(name, [])}
        for label, names in raw.get("entities", {}).items()
        if label in _TYPES
        for name in names
    ]
    return {
        "keyed": True,
        "title": raw.get("title"),
        "entities": entities,
        "optional": {_norm(name) for name in raw.get("optional_entities", [])},
        "claims": raw.get("claims", []),
    }


def _flat(text: str) -> str:
    """Text as keys are compared: quotes, dashes and spacing folded, case ignored."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
    return " ".join(text.translate(table).casefold().split())


def speaker_form(gold: dict, found: Claim | None, entities: dict[str, dict]) -> str:
    """How the article names a claim's speaker: unnamed (no entity), organisation (or a
    country), pronoun, name or description (the words at the cue, as the gold file or, failing
    that, the extractor read them)."""
    wanted = gold.get("speaker")
    entity = entities.get(_norm(wanted)) if wanted else None
    if entity is None:
        return "unnamed"
    if entity["type"] != "person":
        return "organisation"
    words = gold.get("speaker_text") or (found.speaker_text if found else None) or ""
    if _norm(words) in PRONOUNS:
        return "pronoun"
    names = {part for name in _names(entity) for part in name.split()}
    return (
        "name" if any(w.strip(".,").casefold() in names for w in words.split()) else "description"
    )


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
    if gold.get("keyed"):
        score_keyed_article(article, gold, scores, name)
        return
    gold_entities = gold["entities"]
    _score_entities(article, gold_entities, scores, name)
    aliases = {_norm(e["name"]): _names(e) for e in gold_entities}
    by_name = {_norm(e["name"]): e for e in gold_entities}
    known = _known_names(article)
    matched: set[str] = set()
    right: set[str] = set()
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
            scores.kinds[(claim.get("kind") or "unknown", "fn")] += 1
            scores.misses.append(f"{name}: missed {claim['speaker']}: {claim['text'][:60]}")
            continue
        matched.add(best.id)
        if _score_found(best, claim, aliases, by_name, scores, name, known):
            right.add(best.id)
    _score_predicted(article, matched, right, scores, name)


def score_keyed_article(article: Article, gold: dict, scores: Scores, name: str) -> None:
    """Score against real-news gold: a gold claim is found by its key inside a claim's text."""
    gold_entities = gold["entities"]
    _score_entities(article, gold_entities, scores, name, optional=gold["optional"])
    aliases = {_norm(e["name"]): _names(e) for e in gold_entities}
    by_name = {_norm(e["name"]): e for e in gold_entities}
    texts = {claim.id: _flat(claim.text) for claim in article.claims}
    known = _known_names(article)
    reported = {n for entity in article.entities for n in _names(entity)}
    unreported = {n for n in gold["optional"] if n not in reported}
    matched: set[str] = set()  # predicted claims that are gold claims, core or not
    right: set[str] = set()  # … with the right speaker
    cleaned = _flat(article.text)
    for claim in gold["claims"]:
        # A speaker that is no entity of the article is an unnamed source ("officials").
        claim["unnamed"] = bool(claim.get("speaker")) and _norm(claim["speaker"]) not in aliases
        # Punctuation at a key's edge is the text's, not the words said: a claim's content
        # ends before the comma that closes a quote ('"… awareness," Noem tweeted').
        key = _flat(claim["key"]).strip(" ,.;:\"'")
        core = claim.get("core", True) is not False
        found = next(
            (c for c in article.claims if c.id not in matched and key in texts[c.id]), None
        )
        if found is None:
            if core:
                scores.claims.fn += 1
                scores.kinds[(claim.get("kind") or "unknown", "fn")] += 1
                where = "" if key in cleaned else " (its words are not in the cleaned text)"
                scores.misses.append(f"{name}: missed {claim['speaker']}: {claim['key']}{where}")
            continue
        matched.add(found.id)
        if not core:  # found, and not held against the extractor either way
            if _speaker_right(found, claim, aliases, known):
                right.add(found.id)
            continue
        whole = _whole(article, found)
        if _score_found(whole, claim, aliases, by_name, scores, name, known, unreported):
            right.add(found.id)
    _join_halves(article, matched, right)
    _score_predicted(article, matched, right, scores, name)


def _whole(article: Article, found: Claim) -> Claim:
    """The gold claim a half of a quote split by its cue stands for ('"A," she said, "B."' is
    one claim in ANNOTATION.md; the extractor gives each half): what it is about is what
    either half names."""
    about = list(found.about)
    for twin in article.claims:
        if twin is not found and _halves(article.text, found, twin):
            about += [ref for ref in twin.about if ref not in about]
    return found if len(about) == len(found.about) else found.model_copy(update={"about": about})


def _join_halves(article: Article, matched: set[str], right: set[str]) -> None:
    """A quote split by its cue ('"A," she said, "B."') is one claim in ANNOTATION.md, its key
    in either half; the extractor gives each half as a claim. The half the key is not in is
    the same gold claim, not an extra one (right when its twin is)."""
    for claim in article.claims:
        if claim.id in matched:
            continue
        twin = next(
            (c for c in article.claims if c.id in matched and _halves(article.text, c, claim)),
            None,
        )
        if twin is not None:
            matched.add(claim.id)
            if twin.id in right and _same_speaker(twin, claim):
                right.add(claim.id)


def _halves(text: str, a: Claim, b: Claim) -> bool:
    """Two quotes of one sentence, around one cue of one speaker: only the cue between them."""
    if a.cue is None or (a.cue, a.speaker_text) != (b.cue, b.speaker_text):
        return False
    if a.kind not in {"direct", "mixed"} or b.kind not in {"direct", "mixed"}:
        return False
    first, second = sorted((a, b), key=lambda c: c.start_char)
    between = text[first.end_char : second.start_char]
    return 0 < len(between) <= 160 and "\n" not in between and a.cue in between


def _same_speaker(a: Claim, b: Claim) -> bool:
    return (a.speaker.id if a.speaker else None) == (b.speaker.id if b.speaker else None)


def _score_found(
    found: Claim,
    gold: dict,
    aliases: dict[str, set[str]],
    by_name: dict[str, dict],
    scores: Scores,
    name: str,
    known: dict[str, set[str]],
    unreported: set[str] = frozenset(),  # type: ignore[assignment]
) -> bool:
    """Count a gold claim the extractor found: its kind, speaker and about; whether the
    speaker is right."""
    scores.claims.tp += 1
    scores.kinds[(gold.get("kind") or "unknown", "tp")] += 1
    ok = _score_speaker(found, gold, aliases, scores, name, known)
    scores.speaker_forms[(speaker_form(gold, found, by_name), "right" if ok else "wrong")] += 1
    _score_about(found, gold, aliases, scores, known, name, unreported)
    return ok


def _known_names(article: Article) -> dict[str, set[str]]:
    """Each extracted entity's names (its name and aliases), by id: a speaker or topic is
    judged by them, as entities are ("United Kingdom", alias "UK", is the gold's "Britain",
    alias "UK")."""
    return {entity.id: _names(entity) for entity in article.entities}


def _ref_names(ref: EntityRef, known: dict[str, set[str]]) -> set[str]:
    return known.get(ref.id, set()) | {_norm(ref.name)}


def _score_predicted(
    article: Article, matched: set[str], right: set[str], scores: Scores, name: str
) -> None:
    """Judge every claim the extractor made (right: a gold claim with the right speaker) and
    count those that are no gold claim at all."""
    for claim in article.claims:
        scores.judged.append((claim, claim.id in right))
        if claim.id not in matched:
            scores.claims.fp += 1
            scores.kinds[(claim.kind, "fp")] += 1
            scores.misses.append(f"{name}: extra {claim.speaker_text}: {claim.text[:60]}")


# Unnamed sources that speak for a body they name ("US officials", "Russia's foreign ministry",
# "Alibaba leaders"): the issue allows either their own words (speaker null) or that body.
_REPRESENTATIVES = frozenset(
    {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople"}
    | {"representative", "representatives", "ministry", "office", "leader", "leaders"}
    | {"leadership", "executive", "executives", "authorities", "government", "administration"}
    | {"department", "agency", "police", "management", "board", "chairman", "chairwoman"}
)


def _speaker_right(
    found: Claim, gold: dict, aliases: dict[str, set[str]], known: dict[str, set[str]]
) -> bool:
    wanted = gold.get("speaker")
    if wanted is None or gold.get("unnamed"):
        if found.speaker is None:
            return True
        words = _norm(wanted or "").replace("'s", "").replace("’s", "").split()
        if not words or words[-1] not in _REPRESENTATIVES:
            return False
        names = aliases.get(_norm(found.speaker.name), set()) | _ref_names(found.speaker, known)
        said = " ".join(words)
        return any(name and f" {name} " in f" {said} " for name in names)
    return found.speaker is not None and bool(
        _ref_names(found.speaker, known) & aliases.get(_norm(wanted), {_norm(wanted)})
    )


def _score_speaker(
    found: Claim,
    gold: dict,
    aliases: dict[str, set[str]],
    scores: Scores,
    name: str,
    known: dict[str, set[str]],
) -> bool:
    wanted = gold.get("speaker")
    ok = _speaker_right(found, gold, aliases, known)
    scores.speakers["right" if ok else "wrong"] += 1
    if not ok:
        got = found.speaker.name if found.speaker else None
        scores.misses.append(f"{name}: speaker {got!r} should be {wanted!r}: {found.text[:50]}")
    return ok


def _score_about(
    found: Claim,
    gold: dict,
    aliases: dict[str, set[str]],
    scores: Scores,
    known: dict[str, set[str]],
    name: str,
    unreported: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    wanted = [aliases.get(_norm(n), {_norm(n)}) for n in gold.get("about", [])]
    got = [_ref_names(ref, known) for ref in found.about]
    found_wanted = [any(g & names for g in got) for names in wanted]
    wanted_got = [any(g & names for names in wanted) for g in got]
    scores.about.tp += sum(found_wanted)
    scores.about.fn += len(wanted) - sum(found_wanted)
    scores.about.fp += wanted_got.count(False)
    reportable = [
        hit
        for n, hit in zip(gold.get("about", []), found_wanted, strict=True)
        if hit or _norm(n) not in unreported
    ]
    scores.about_reported.tp += sum(reportable)
    scores.about_reported.fn += len(reportable) - sum(reportable)
    scores.about_reported.fp += wanted_got.count(False)
    missed = [n for n, hit in zip(gold.get("about", []), found_wanted, strict=True) if not hit]
    extra = [ref.name for ref, hit in zip(found.about, wanted_got, strict=True) if not hit]
    if missed or extra:
        scores.misses.append(f"{name}: about missed {missed} extra {extra}: {found.text[:70]}")


def _score_entities(
    article: Article,
    gold: list[dict],
    scores: Scores,
    name: str,
    *,
    optional: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    for entity_type in ("person", "organization", "place"):
        tally = scores.entities.setdefault(entity_type, Tally())
        wanted = [(e["name"], _names(e)) for e in gold if e["type"] == entity_type]
        found = [(e.name, _names(e)) for e in article.entities if e.type == entity_type]
        missed = [w for w, names in wanted if not any(names & f for _, f in found)]
        # A name the gold lists as optional (a product, an event) counts neither way.
        extra = [
            f
            for f, names in found
            if not any(names & w for _, w in wanted) and not names & optional
        ]
        tally.tp += len(wanted) - len(missed)
        tally.fn += len(missed)
        tally.fp += len(extra)
        scores.misses += [f"{name}: missed {entity_type} {m}" for m in missed]
        scores.misses += [f"{name}: extra {entity_type} {e}" for e in extra]


def gold_identities(
    golds: list[list[dict]], same: list[list[str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """One key for each real entity across gold files, whose annotators may have given it
    different canonical names: two names are one entity when one file lists the other's name
    among its aliases (for people, only a name of two words or more: a surname proves
    nothing), or when the gold folder's `identities.json` says so (lists of names)."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(key: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        parent[find(a)] = find(b)

    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    for entities in golds:
        for entity in entities:
            key = (entity["type"], _norm(entity["name"]))
            find(key)
            for name in _names(entity):
                if entity["type"] == "person" and " " not in name:
                    continue
                other = by_name.setdefault((entity["type"], name), key)
                union(key, other)
    for names in same:
        keys = [k for k in parent if k[1] in {_norm(n) for n in names}]
        for a, b in itertools.pairwise(keys):
            union(a, b)
    return {key: find(key) for key in parent}


def _locate_nodes(
    graph: ClaimGraph,
    article: Article,
    gold: list[dict],
    scores: Scores,
    identities: dict[tuple[str, str], tuple[str, str]],
) -> None:
    """The graph node each gold entity of the article ended up in (if the article found it)."""
    for entity in gold:
        key = (entity["type"], _norm(entity["name"]))
        key = identities.get(key, key)
        names = _names(entity)
        found = next(
            (e for e in article.entities if e.type == entity["type"] and names & _names(e)), None
        )
        if found is not None:
            scores.in_article[(entity["type"], "found")] += 1
            pieces = _found_as(article, entity)
            if len(pieces) > 1:
                scores.in_article[(entity["type"], "split")] += 1
                named = " / ".join(repr(e.name) for e in pieces)
                scores.misses.append(f"in-article split: {entity['name']} ({article.id}): {named}")
            scores.articles_of[key] += 1
            # A person named by one word has a node of its own in each article (local_ids).
            local = local_ids(article).get(found.id, found.id)
            node = canonical(graph.graph, local)
            scores.nodes.setdefault(key, set()).add(node)
            if local == found.id:
                scores.named_articles_of[key] += 1
                scores.named_nodes.setdefault(key, set()).add(node)


def _found_as(article: Article, gold: dict) -> list[Entity]:
    """The article's entities that name a gold entity: a name or alias in common, for people
    one of more than one word ("Biden" alone would make Hunter Biden Joe Biden)."""
    names = {n for n in _names(gold) if gold["type"] != "person" or " " in n}
    return [e for e in article.entities if e.type == gold["type"] and names & _names(e)]


@dataclass
class Identity:
    """Cross-article figures of one entity type."""

    shared: int = 0  # gold entities found in 2+ articles
    links: int = 0  # appearances beyond the first: what splits are out of
    splits: int = 0
    wrong_merges: int = 0
    # Among the articles that name the entity by more than one word: a person named by one
    # word only is, by design, never merged across articles (it is proposed).
    named_links: int = 0
    named_splits: int = 0


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
        if scores.named_articles_of[key] >= 2:
            figures.named_links += scores.named_articles_of[key] - 1
            figures.named_splits += len(scores.named_nodes[key]) - 1
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


def conllu_text(path: Path) -> str:
    """A treebank document's running text: its sentences (`# text =`), a blank line at each
    `# newpar` (GUM's Wikinews articles: headline, date line, then the body)."""
    paragraphs: list[list[str]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            paragraphs.append([])
        elif line.startswith("# text = "):
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(line[len("# text = ") :])
    return "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n"


def _document(path: Path) -> SourceDocument:
    """The article at `path` as claimgraph reads it; a saved page (`.html.gz`) is unzipped, a
    treebank document (`.conllu`) is its running text."""
    if path.suffix == ".conllu":
        return SourceDocument(text=conllu_text(path), format="text", source=str(path))
    if path.name.endswith(".gz"):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        return SourceDocument(text=html, format="html", source=str(path))
    doc = next(d for d in iter_sources([path]) if not isinstance(d, Exception))
    assert isinstance(doc, SourceDocument)
    return doc


def _gold_pairs(gold_dir: Path, article_dir: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(gold_dir.glob("*.json")):
        if gold.name == "identities.json":
            continue
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
    pairs = pairs_of(golds, article_dirs)
    extracted = score_pairs(extractor, pairs, scores)
    same = [
        names
        for gold_dir in golds
        if (gold_dir / "identities.json").is_file()
        for names in json.loads((gold_dir / "identities.json").read_text("utf-8"))
    ]
    identities = gold_identities([gold["entities"] for _, gold in extracted], same)
    with ClaimGraph.open(":memory:") as graph:
        graph.ingest_many(article for article, _ in extracted)
        for article, gold in extracted:
            _locate_nodes(graph, article, gold["entities"], scores, identities)
    _print(scores, len(pairs), extractor.model_name)
    if args.misses:
        print("\n".join(scores.misses))
    return 0


def pairs_of(golds: list[Path], article_dirs: list[Path]) -> list[tuple[Path, Path]]:
    return [
        pair
        for gold_dir, article_dir in zip(golds, article_dirs, strict=True)
        for pair in _gold_pairs(gold_dir, article_dir)
    ]


def score_pairs(
    extractor: Extractor, pairs: list[tuple[Path, Path]], scores: Scores
) -> list[tuple[Article, dict]]:
    """Extract and score each (gold file, article) pair; the articles with their gold."""
    extracted = []
    for gold_path, article_path in pairs:
        article = extractor.extract(_document(article_path))
        # Real-news gold (ANNOTATION.md) lists entities by label: {"PERSON": [...], ...}.
        keyed = isinstance(json.loads(gold_path.read_text("utf-8")).get("entities"), dict)
        gold = load_keyed_gold(gold_path) if keyed else load_gold(gold_path, article_path)
        score_article(article, gold, scores, gold_path.stem)
        extracted.append((article, gold))
    return extracted


def _print(scores: Scores, articles: int, model: str) -> None:
    print(f"{articles} articles, model {model}, {platform.processor() or platform.machine()}")
    print(f"{'measure':<28}{'P':>7}{'R':>7}{'F1':>7}")
    rows = [("claims", scores.claims), ("about", scores.about)]
    if scores.about_reported != scores.about:
        rows.append(("about, reported topics", scores.about_reported))
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
    print()
    print(f"{'claims by kind':<28}{'found':>7}{'missed':>7}{'extra':>7}{'recall':>8}")
    for kind in ("direct", "indirect", "mixed", "according_to", "unknown"):
        tp, fn, fp = (scores.kinds[(kind, part)] for part in ("tp", "fn", "fp"))
        if tp or fn or fp:
            recall = tp / (tp + fn) if tp + fn else 0.0
            print(f"{'  ' + kind:<28}{tp:>7}{fn:>7}{fp:>7}{recall:>8.3f}")
    print(f"{'speakers by how named':<28}{'right':>7}{'wrong':>7}{'':>7}{'share':>8}")
    for form in ("name", "pronoun", "description", "organisation", "unnamed"):
        ok, bad = scores.speaker_forms[(form, "right")], scores.speaker_forms[(form, "wrong")]
        if ok or bad:
            print(f"{'  ' + form:<28}{ok:>7}{bad:>7}{'':>7}{ok / (ok + bad):>8.3f}")
    print(f"{'confidence (every claim)':<28}{'claims':>7}{'right':>7}{'':>7}{'share':>8}")
    for low, high in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        band = [ok for claim, ok in scores.judged if low <= claim.confidence < high]
        if band:
            label = f"  {low:.1f}-{min(high, 1.0):.1f}"
            print(f"{label:<28}{len(band):>7}{sum(band):>7}{'':>7}{sum(band) / len(band):>8.3f}")
    identity, errors = cross_article(scores)
    for entity_type, figures in identity.items():
        print(
            f"{'cross-article ' + entity_type:<28}{figures.splits:>7d} splits of {figures.links}"
            f" links, {figures.wrong_merges} wrong merges  ({figures.shared} entities in 2+ "
            "articles)"
        )
    for entity_type in ("person", "organization", "place"):
        found, split = (scores.in_article[(entity_type, k)] for k in ("found", "split"))
        print(
            f"{'in-article ' + entity_type:<28}{split:>7d} of {found} gold entities found are "
            "several entities of one article"
        )
    people = identity["person"]
    print(
        f"{'  person, named in full':<28}{people.named_splits:>7d} splits of "
        f"{people.named_links} links (the articles that give more than one word of the name)"
    )
    scores.misses.extend(errors)


if __name__ == "__main__":
    sys.exit(main())
