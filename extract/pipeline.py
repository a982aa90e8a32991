"""The pipeline: loading spaCy with our components, and turning documents into Articles."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from . import attribution, entities, extensions, lexicon, quotes, resolution  # noqa: F401
from .cleaning import CleanedArticle, CleaningError, clean
from .confidence import calibrated
from .errors import ArticleTooLong, ExtractionError, ExtractionStopped
from .schema import Article, Entity, Extraction, article_id, claim_id, domain_of
from .sources import DEFAULT_MAX_ARTICLE_CHARS, MAX_INPUT_CHARS, SourceDocument

BUNDLED = "claimgraph-en"
OUR_COMPONENTS = (
    "claimgraph_entities",
    "claimgraph_quotes",
    "claimgraph_attribution",
    "claimgraph_resolution",
)
# Asked between pipeline components whether to go on: None, or the reason to stop.
StopCheck = Callable[[], str | None]


def bundled_model_path() -> Path:
    return Path(str(resources.files("claimgraph.extract").joinpath("model")))


def load_pipeline(model: str | None = None) -> Language:
    """Our English pipeline (default) or any installed spaCy pipeline, with our components.

    `model` is a package name or a path; None reads CLAIMGRAPH_SPACY_MODEL, then falls back to
    the pipeline bundled with claimgraph. Nothing is downloaded.
    """
    name = model or os.environ.get("CLAIMGRAPH_SPACY_MODEL") or BUNDLED
    if name == BUNDLED:
        path = bundled_model_path()
        if not (path / "config.cfg").exists():
            raise OSError(f"the bundled pipeline is missing from {path}; reinstall claimgraph")
        nlp = spacy.load(path)
        # Our CNN's names are the weak part; the bundled MiniLM encoder (ONNX, int8) replaces
        # its entities. A pipeline the user chose keeps its own NER.
        from .encoder_ner import bundled_model_dir

        if (bundled_model_dir() / "model.onnx").exists():
            nlp.add_pipe("claimgraph_encoder_ner", after="ner")
            nlp.disable_pipe("ner")  # its entities would be overwritten: skip the work
    else:
        nlp = spacy.load(name)
    return add_components(nlp)


_HYPHEN_AFTER_ABBREVIATION = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def add_components(nlp: Language) -> Language:
    """Add our rule components on top of a statistical pipeline (idempotent), and keep
    titles written with a slash ("L/Cpl") one token, as the title rules read them."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for title in lexicon.titles_as_written():
            if "/" in title:
                for form in {title, title.upper(), title.lower()}:
                    tokenizer.add_special_case(form, [{ORTH: form}])
        # "U.S.-Mexico border", "U.S.-based": a hyphen after an abbreviation's full stop joins
        # two words, split as in "London-based" (spaCy keeps "U.S.-Mexico" one token).
        infixes = getattr(tokenizer.infix_finditer, "__self__", None)
        pattern = getattr(infixes, "pattern", None)
        if isinstance(pattern, str) and _HYPHEN_AFTER_ABBREVIATION not in pattern:
            combined = f"{pattern}|{_HYPHEN_AFTER_ABBREVIATION}"
            tokenizer.infix_finditer = re.compile(combined).finditer
    for component in OUR_COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)
    return nlp


def pipeline_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


class Extractor:
    """Turns SourceDocuments into Articles with a loaded pipeline."""

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        batch_size: int = 8,
        max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline()
        self.batch_size = batch_size
        self.max_chars = max_chars

    @property
    def model_name(self) -> str:
        return pipeline_name(self.nlp)

    def extract(
        self,
        doc: SourceDocument,
        *,
        stop: StopCheck | None = None,
        max_chars: int | None = None,
    ) -> Article:
        """One article. `stop` is asked before each pipeline component whether to go on; a
        reason it returns is raised as ExtractionStopped (a component is never interrupted).
        `max_chars` overrides the extractor's limit on the cleaned text's length."""
        cleaned = _clean(doc, self.max_chars if max_chars is None else max_chars)
        parsed = self._make_doc(cleaned)
        for _, component in self.nlp.pipeline:
            reason = stop() if stop is not None else None
            if reason is not None:
                raise ExtractionStopped(reason)
            parsed = component(parsed)
        return _article(parsed, doc, cleaned)

    def extract_many(self, docs: Iterable[SourceDocument]) -> Iterator[Article | ExtractionError]:
        """One result per input, in order; bad inputs come back as ExtractionError."""
        pending: list[tuple[SourceDocument, CleanedArticle | ExtractionError]] = []
        for doc in docs:
            try:
                pending.append((doc, _clean(doc, self.max_chars)))
            except ExtractionError as exc:
                pending.append((doc, exc))
            if len(pending) >= self.batch_size:
                yield from self._run(pending)
                pending = []
        yield from self._run(pending)

    def _run(
        self, pending: list[tuple[SourceDocument, CleanedArticle | ExtractionError]]
    ) -> Iterator[Article | ExtractionError]:
        good = [(d, c) for d, c in pending if isinstance(c, CleanedArticle)]
        parsed = iter(self.nlp.pipe(self._make_doc(c) for _, c in good))
        for source, cleaned in pending:
            if isinstance(cleaned, ExtractionError):
                yield cleaned
            else:
                yield _article(next(parsed), source, cleaned)

    def _make_doc(self, cleaned: CleanedArticle) -> Doc:
        doc = self.nlp.make_doc(cleaned.text)
        doc._.paragraphs = cleaned.paragraphs
        mark_sentence_starts(doc)
        return doc


# Tokens that never open a sentence, whatever the parser would guess.
_NEVER_FIRST = {",", ";", ":", ")", "]", "”", "»", "%"}


def mark_sentence_starts(doc: Doc) -> None:
    """Fix what news typography makes plain before the parser guesses the rest: a paragraph
    break starts a sentence (none runs across a blank line), and a comma, a closing mark or a
    lower-case word not after a full stop starts none ("Doug Brandt, a store owner, told …")."""
    # Written as one array: `token.is_sent_start = …` checks the whole document for a parse
    # on every assignment, which made this quadratic in the article's length.
    starts = numpy.zeros(len(doc), dtype="int64")
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws or _after_embedded_quote(doc, token):
            starts[token.i] = 1
        elif (
            token.text in _NEVER_FIRST
            or (token.is_lower and token.is_alpha and previous.text not in {".", "!", "?", "…"})
            or (token.is_title and entities.is_initial(doc, token.i - 1))
        ):
            starts[token.i] = -1
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]


_CLOSING = {'"', "”"}
_OPENING = {'"', "“"}
_FINAL = {".", "!", "?"}


def _after_embedded_quote(doc: Doc, token: Token) -> bool:
    """'… on their podcast "Beyond Finances." Cutting your expenses …': a full stop inside a
    closing quotation mark ends the sentence around a quoted title or phrase, when a
    capitalised word follows. (A quotation that opens its own sentence, '"We won." Smith
    said', is left to the parser.)"""
    i = token.i
    if i < 3 or not token.is_title or doc[i - 1].text not in _CLOSING:
        return False
    if doc[i - 2].text not in _FINAL:
        return False
    for j in range(i - 3, max(i - 40, 0), -1):
        if doc[j].text in _OPENING:
            before = doc[j - 1] if j else None
            return (
                before is not None
                and "\n" not in before.text_with_ws
                and before.text not in _FINAL
                and before.text not in _CLOSING
            )
        if doc[j].text in _FINAL or "\n" in doc[j].text_with_ws:
            return False
    return False


def _clean(doc: SourceDocument, max_chars: int) -> CleanedArticle:
    if len(doc.text) > MAX_INPUT_CHARS:
        raise ArticleTooLong(
            f"input is {len(doc.text)} characters, over the {MAX_INPUT_CHARS} limit"
        )
    if "\x00" in doc.text:
        raise ExtractionError("text contains NUL bytes: binary data, not an article")
    try:
        cleaned = clean(doc)
    except CleaningError as exc:
        raise ExtractionError(str(exc)) from exc
    if len(cleaned.text) > max_chars:
        raise ArticleTooLong(
            f"article text is {len(cleaned.text)} characters, over the limit of {max_chars} "
            "(CLAIMGRAPH_MAX_ARTICLE_CHARS)"
        )
    return cleaned


def _article(doc: Doc, source: SourceDocument, cleaned: CleanedArticle) -> Article:
    aid = article_id(cleaned.text)
    claims = [
        c.model_copy(
            update={"id": claim_id(aid, c.start_char, c.end_char), "confidence": calibrated(c)}
        )
        for c in doc._.claims or []
    ]
    where = _source(source.source, cleaned.url)
    return Article(
        id=aid,
        source=where,
        title=cleaned.title,
        published=cleaned.published,
        byline=cleaned.byline,
        outlet=cleaned.outlet or domain_of(where),
        text=cleaned.text,
        entities=doc._.entities or [],
        claims=claims,
    )


def _source(given: str | None, canonical: str | None) -> str | None:
    """Where the article came from: a URL the caller gave (`--source`, a JSON record's source)
    stands; otherwise the page's own canonical URL, which a reader can open, beats the path
    of the file it was saved in."""
    if given is not None and given.startswith(("http://", "https://")):
        return given
    return canonical or given


def merge_entities(articles: Iterable[Article]) -> list[Entity]:
    """Every entity once across articles (same id = same entity), with the articles naming it."""
    merged: dict[str, Entity] = {}
    for article in articles:
        for entity in article.entities:
            known = merged.get(entity.id)
            if known is None:
                merged[entity.id] = entity.model_copy(
                    update={"articles": [article.id], "spans": []}, deep=True
                )
                continue
            known.mentions += entity.mentions
            known.aliases = sorted(set(known.aliases) | set(entity.aliases))
            known.roles += [r for r in entity.roles if r not in known.roles]
            if article.id not in known.articles:
                known.articles.append(article.id)
    return list(merged.values())


_shared: dict[str, Extractor] = {}
_shared_lock = threading.Lock()


def shared_extractor(model: str | None = None) -> Extractor:
    """The process's one Extractor over `model` (resolved as `load_pipeline` does), loaded on
    first use. Loading takes seconds and a few hundred MB, so every caller in the process (the
    API, the CLI, library calls from any thread) shares it; threads that ask while it loads
    wait for that one load instead of starting their own."""
    name = model or os.environ.get("CLAIMGRAPH_SPACY_MODEL") or BUNDLED
    extractor = _shared.get(name)
    if extractor is None:
        with _shared_lock:
            extractor = _shared.get(name)
            if extractor is None:
                extractor = _shared[name] = Extractor(load_pipeline(name))
    return extractor


def extraction(articles: list[Article]) -> Extraction:
    return Extraction(articles=articles, entities=merge_entities(articles))
