"""Names from a fine-tuned MiniLM encoder run by ONNX Runtime: sets PERSON, ORG and PLACE ents."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime
from spacy.language import Language
from spacy.tokens import Doc, Span
from tokenizers import Tokenizer

LABELS = ("PERSON", "ORG", "PLACE")
TAGS = ("O", *(f"{prefix}-{label}" for label in LABELS for prefix in ("B", "I")))
# Word shapes. The encoder's vocabulary is lower-cased, so capitalisation (the strongest cue for
# a name in edited news) reaches the model only through these ids, one per subword.
SPECIAL, LOWER, TITLE, UPPER, LETTER, MIXED, DIGITS, OTHER = range(8)
N_SHAPES = 8
N_CASE_IDS = 2 * N_SHAPES  # the upper half marks a sentence's first word: "The" is not a name cue
MAX_LENGTH = 128
STRIDE = 32
MAX_WORD_PIECES = 8  # a URL or a run of symbols is one word; its tail says nothing about names


def word_shape(text: str) -> int:
    """The case class of a word: xxxx, Xxxx, XXXX, X, mixed (iPhone, McDonald, G7), 99, other."""
    cased = [char for char in text if char.isalpha()]
    if not cased:
        return DIGITS if any(char.isdigit() for char in text) else OTHER
    uppers = sum(char.isupper() for char in cased)
    if any(char.isdigit() for char in text):
        return MIXED
    if uppers == 0:
        return LOWER
    if uppers == len(cased):
        return LETTER if len(cased) == 1 else UPPER
    return TITLE if uppers == 1 and cased[0].isupper() else MIXED


def case_ids(doc: Doc) -> list[int]:
    """One case id per token; a sentence's first word (after opening quotes) is flagged."""
    ids, at_start = [], True
    for token in doc:
        at_start = at_start or bool(token.is_sent_start)
        shape = word_shape(token.text)
        initial = at_start and shape not in (OTHER, SPECIAL)
        ids.append(shape + N_SHAPES * initial)
        at_start = at_start and not initial
    return ids


@dataclass
class Window:
    """Up to MAX_LENGTH subwords of one doc; predictions are kept for words keep_start..keep_end."""

    doc_index: int
    start: int
    end: int
    keep_start: int
    keep_end: int
    input_ids: list[int] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)
    first_piece: list[int] = field(default_factory=list)  # per word in start..end, -1 if none


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    if len(doc) and doc.has_annotation("SENT_START"):
        return [(sent.start, sent.end) for sent in doc.sents]
    return [(0, len(doc))] if len(doc) else []


def split_long(counts: list[int], start: int, end: int, budget: int) -> list[tuple[int, ...]]:
    """Overlapping (start, end, keep_start, keep_end) windows over words start..end, each of at
    most `budget` pieces; a word shared by two windows is kept by the one it is more central in."""
    spans: list[tuple[int, int]] = []
    while True:
        stop, total = start, 0
        while stop < end and total + counts[stop] <= budget:
            total, stop = total + counts[stop], stop + 1
        stop = max(stop, start + 1)
        spans.append((start, stop))
        if stop >= end:
            break
        following, back = stop, 0
        while following > start + 1 and back + counts[following - 1] <= STRIDE:
            back, following = back + counts[following - 1], following - 1
        start = max(following, start + 1)
    keeps = [spans[0][0]]
    for (_, first_end), (second_start, _) in pairwise(spans):
        keeps.append((second_start + first_end) // 2)
    keeps.append(spans[-1][1])
    return [(s, e, keeps[i], keeps[i + 1]) for i, (s, e) in enumerate(spans)]


class SubwordEncoder:
    """Cuts docs into windows of whole sentences (or slices of a long one) for the encoder."""

    def __init__(self, tokenizer_path: Path, max_length: int = MAX_LENGTH) -> None:
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.cls_id = self._special_id("[CLS]")
        self.sep_id = self._special_id("[SEP]")
        self.budget = max_length - 2

    def _special_id(self, token: str) -> int:
        token_id = self.tokenizer.token_to_id(token)
        if token_id is None:
            raise ValueError(f"the tokenizer has no {token} token")
        return token_id

    def word_pieces(self, doc: Doc) -> list[list[int]]:
        pieces: list[list[int]] = [[] for _ in doc]
        if not len(doc):
            return pieces
        words = [token.text for token in doc]
        encoding = self.tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False)
        for piece_id, word_id in zip(encoding.ids, encoding.word_ids, strict=True):
            if word_id is not None and len(pieces[word_id]) < MAX_WORD_PIECES:
                pieces[word_id].append(piece_id)
        return pieces

    def windows(self, doc: Doc, doc_index: int = 0) -> list[Window]:
        pieces = self.word_pieces(doc)
        counts = [len(p) for p in pieces]
        bounds: list[tuple[int, ...]] = []
        chunk_start, chunk_total = 0, 0
        for start, end in sentence_spans(doc):
            size = sum(counts[start:end])
            if chunk_total + size > self.budget and chunk_start < start:
                bounds.append((chunk_start, start, chunk_start, start))
                chunk_start, chunk_total = start, 0
            if size > self.budget:
                bounds.extend(split_long(counts, start, end, self.budget))
                chunk_start = end
            else:
                chunk_total += size
        if chunk_start < len(doc):
            bounds.append((chunk_start, len(doc), chunk_start, len(doc)))
        cases = case_ids(doc)
        return [self._window(doc_index, b, pieces, cases) for b in bounds]

    def _window(
        self, doc_index: int, bounds: tuple[int, ...], pieces: list[list[int]], cases: list[int]
    ) -> Window:
        start, end, keep_start, keep_end = bounds
        window = Window(doc_index, start, end, keep_start, keep_end, [self.cls_id], [SPECIAL])
        for i in range(start, end):
            window.first_piece.append(len(window.input_ids) if pieces[i] else -1)
            window.input_ids.extend(pieces[i])
            window.case_ids.extend([cases[i]] * len(pieces[i]))
        window.input_ids.append(self.sep_id)
        window.case_ids.append(SPECIAL)
        return window


def pad(windows: list[Window]) -> dict[str, np.ndarray]:
    """The model's three inputs for a batch of windows, padded to the longest."""
    width = max(len(w.input_ids) for w in windows)
    arrays = {
        name: np.zeros((len(windows), width), dtype=np.int64)
        for name in ("input_ids", "attention_mask", "case_ids")
    }
    for row, window in enumerate(windows):
        n = len(window.input_ids)
        arrays["input_ids"][row, :n] = window.input_ids
        arrays["attention_mask"][row, :n] = 1
        arrays["case_ids"][row, :n] = window.case_ids
    return arrays


def _allowed_transitions() -> np.ndarray:
    """0 where tag j may follow tag i in BIO, -inf where it may not (O -> I-X, B-X -> I-Y)."""
    allowed = np.zeros((len(TAGS), len(TAGS)), dtype=np.float32)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, previous in enumerate(TAGS):
                if previous[2:] != tag[2:]:
                    allowed[i, j] = -np.inf
    return allowed


TRANSITIONS = _allowed_transitions()
START_ALLOWED = np.array([0.0 if not t.startswith("I-") else -np.inf for t in TAGS], np.float32)


def viterbi(scores: np.ndarray) -> list[int]:
    """The best well-formed BIO tag sequence for per-word log-probabilities (words x tags)."""
    if not len(scores):
        return []
    best = scores[0] + START_ALLOWED
    back = np.zeros(scores.shape, dtype=np.int64)
    for i in range(1, len(scores)):
        candidates = best[:, None] + TRANSITIONS
        back[i] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + scores[i]
    path = [int(best.argmax())]
    for i in range(len(scores) - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def tag_spans(doc: Doc, tags: list[int]) -> list[Span]:
    spans: list[Span] = []
    for i, tag_id in enumerate(tags):
        tag = TAGS[tag_id]
        if tag.startswith("B-"):
            spans.append(Span(doc, i, i + 1, label=tag[2:]))
        elif tag.startswith("I-"):
            spans[-1] = Span(doc, spans[-1].start, i + 1, label=tag[2:])
    return spans


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


@functools.cache
def onnx_session(model_path: str, threads: int) -> onnxruntime.InferenceSession:
    """One session per model and process: loading costs more than a batch."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    return onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])


def bundled_model_dir() -> Path:
    return Path(str(resources.files("claimgraph.extract").joinpath("model_ner")))


class EncoderNer:
    """Replaces a doc's entities with the encoder's PERSON/ORG/PLACE spans."""

    def __init__(self, model_dir: Path, *, threads: int = 1, batch_size: int = 1) -> None:
        self.model_dir = model_dir
        self.meta: dict[str, Any] = json.loads((model_dir / "meta.json").read_text("utf8"))
        self.encoder = SubwordEncoder(model_dir / "tokenizer.json", self.meta["max_length"])
        self.session = onnx_session(str(model_dir / "model.onnx"), threads)
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        docs_iter = iter(stream)
        while batch := list(islice(docs_iter, batch_size)):
            yield from self.annotate(batch)

    def annotate(self, docs: list[Doc]) -> list[Doc]:
        for doc, scores in zip(docs, self.word_scores(docs), strict=True):
            doc.set_ents(tag_spans(doc, viterbi(scores)), default="outside")
        return docs

    def word_scores(self, docs: list[Doc]) -> list[np.ndarray]:
        """Per-word tag log-probabilities; words without subwords (whitespace) can only be O."""
        scores = [np.full((len(doc), len(TAGS)), -np.inf, np.float32) for doc in docs]
        for doc_scores in scores:
            doc_scores[:, 0] = 0.0
        windows = [w for i, doc in enumerate(docs) for w in self.encoder.windows(doc, i)]
        # Sorted by length, each batch pads little.
        windows.sort(key=lambda w: len(w.input_ids))
        for first in range(0, len(windows), self.batch_size):
            batch = windows[first : first + self.batch_size]
            (logits,) = self.session.run(["logits"], pad(batch))
            for window, row in zip(batch, log_softmax(logits), strict=True):
                for i in range(window.keep_start, window.keep_end):
                    piece = window.first_piece[i - window.start]
                    if piece >= 0:
                        scores[window.doc_index][i] = row[piece]
        return scores


@Language.factory(
    "claimgraph_encoder_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={"model_dir": None, "threads": 1, "batch_size": 1},
)
def make_encoder_ner(
    nlp: Language, name: str, model_dir: str | None, threads: int, batch_size: int
) -> EncoderNer:
    """`model_dir` None means the model shipped in extract/model_ner.

    `batch_size` counts windows per ONNX run. One is the default: windows are packed to about
    128 subwords, so batching gained nothing on one core (measured), and int8 dynamic quantisation
    scales activations per tensor, so a batched window's tags could depend on its neighbours.
    """
    path = Path(model_dir) if model_dir else bundled_model_dir()
    return EncoderNer(path, threads=threads, batch_size=batch_size)
