"""Extraction speed: the whole extraction against the bare spaCy pipeline on the same texts.

Usage: python bench/extraction.py [--source corpus|seeds|shared] [--articles 60] [--runs 3]
                                  [--processes 2] [--profile]

Texts: --source corpus (default) takes the first --articles raw texts of the scale corpus
(bench/corpus.py); seeds takes seeds/*; shared takes ../shared/seeds/*.txt, read in place.

Rows, each timed over all texts, median of --runs (wall clock):
  statistical pipeline  the shipped pipeline's models alone: `load_pipeline()` with our rule
                    components (claimgraph_entities, _quotes, _attribution, _resolution)
                    removed, i.e. the CNN tok2vec, tagger, morphologizer, parser and lemmatizer
                    plus the MiniLM encoder NER that replaces the CNN's NER; over the cleaned
                    texts, `nlp.pipe(batch_size=8)`. This is "the bare pipeline": what any
                    spaCy user of these models pays before our own stages.
  whole extraction  `Extractor(load_pipeline()).extract_many(docs)`: cleaning, the same
                    statistical pipeline, every rule component, building the Articles.
  spaCy CNN alone   `spacy.load(<bundled model>)` with its own CNN NER and no encoder: for
                    reference, what the encoder's better names cost.
Both once in one process and once on --processes processes. The statistical pipeline then runs
`nlp.pipe(n_process=N)`; our extraction cannot (its Doc attributes, paragraphs and claims, do
not survive spaCy's msgpack hand-over between processes), so it runs N forked workers, each
extracting chunks of 8 articles with its own copy of the loaded pipeline; the statistical
pipeline is also timed that way so that the ratio compares like with like. Words are
whitespace-separated words of the cleaned text. Ratio = whole time / statistical pipeline time:
the cost of our own stages (target <= 1.30).
A second table times each stage on its own (cleaning, every pipeline component in turn,
building the Articles), one process: where the whole extraction's time goes.
--profile runs pyinstrument over one single-process whole extraction, then that table.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.cleaning import clean
from claimgraph.extract.pipeline import OUR_COMPONENTS, _article, bundled_model_path
from claimgraph.extract.sources import SourceDocument, iter_sources

import corpus
from common import REPO, command_line, median, report, table

CHUNK = 8
# Set before the worker pool forks, so that each worker inherits the loaded pipeline.
_WORKER: dict[str, Any] = {}


def texts(source: str, n: int) -> list[SourceDocument]:
    if source == "corpus":
        return [SourceDocument(text=r["text"], source=r["source"]) for r in corpus.load_raw(n)]
    folder = REPO / "seeds" if source == "seeds" else REPO.parent / "shared" / "seeds"
    return [d for d in iter_sources([folder]) if isinstance(d, SourceDocument)][:n]


def _bare_chunk(chunk: list[str]) -> int:
    return sum(len(doc) for doc in _WORKER["bare"].pipe(chunk, batch_size=CHUNK))


def _whole_chunk(chunk: list[SourceDocument]) -> list[Any]:
    return list(_WORKER["extractor"].extract_many(chunk))


def _chunks(items: list, size: int = CHUNK) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def in_pool(pool: ProcessPoolExecutor, work: Callable[[list], object], items: list) -> None:
    list(pool.map(work, _chunks(items)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", choices=("corpus", "seeds", "shared"), default="corpus")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import spacy

    docs = texts(args.source, args.articles)
    cleaned = [clean(doc).text for doc in docs]
    words = sum(len(text.split()) for text in cleaned)
    bare = load_pipeline()
    for name in OUR_COMPONENTS:
        bare.remove_pipe(name)
    cnn = spacy.load(bundled_model_path())
    extractor = Extractor(load_pipeline())
    list(extractor.extract_many(docs[:2]))  # first-call costs (lazy tables) out of the timing
    list(bare.pipe(cleaned[:2]))
    list(cnn.pipe(cleaned[:2]))
    if args.profile:
        profile(extractor, docs)
        return

    _WORKER.update(bare=bare, extractor=extractor)
    fork = multiprocessing.get_context("fork")
    n = args.processes
    with ProcessPoolExecutor(n, mp_context=fork) as pool:
        in_pool(pool, _whole_chunk, docs[: n * 2])  # start the workers before timing
        jobs: dict[str, Callable[[], object]] = {
            "statistical pipeline, 1 process": lambda: list(bare.pipe(cleaned, batch_size=CHUNK)),
            "whole extraction, 1 process": lambda: list(extractor.extract_many(docs)),
            f"statistical pipeline, nlp.pipe(n_process={n})": lambda: list(
                bare.pipe(cleaned, batch_size=CHUNK, n_process=n)
            ),
            f"statistical pipeline, {n} workers": lambda: in_pool(pool, _bare_chunk, cleaned),
            f"whole extraction, {n} workers": lambda: in_pool(pool, _whole_chunk, docs),
            "spaCy CNN alone (own NER, no encoder), 1 process": lambda: list(
                cnn.pipe(cleaned, batch_size=CHUNK)
            ),
        }
        times: dict[str, list[float]] = {label: [] for label in jobs}
        for _ in range(args.runs):
            for label, job in jobs.items():
                start = time.perf_counter()
                job()
                times[label].append(time.perf_counter() - start)
    print_table(args, times, len(docs), words, stages_table(extractor, docs))


def print_table(
    args: argparse.Namespace, times: dict[str, list[float]], n: int, words: int, stages: str
) -> None:
    seconds = {label: median(values) for label, values in times.items()}
    labels = list(seconds)
    bare_for = {labels[1]: labels[0], labels[4]: labels[3]}
    rows = []
    for label, value in seconds.items():
        ratio = f"{value / seconds[bare_for[label]]:.2f}x" if label in bare_for else ""
        rows.append(
            (
                label,
                f"{words / value:,.0f}",
                f"{n / value:.1f}",
                f"{value:.2f}",
                " / ".join(f"{t:.2f}" for t in times[label]),
                ratio,
            )
        )
    headers = ("pipeline", "words/s", "articles/s", "median s", "runs s", "whole / statistical")
    body = table(headers, rows)
    body += f"\n\n{n} articles, {words:,} words ({args.source}); {args.runs} runs\n\n{stages}"
    report("Extraction throughput", command_line(), body)


def stage_times(extractor: Extractor, docs: list[SourceDocument]) -> dict[str, float]:
    """Seconds each stage takes over all docs, the pipeline's components run one at a time."""
    nlp, stage = extractor.nlp, {}
    start = time.perf_counter()
    cleaned = [clean(doc) for doc in docs]
    prepared = [extractor._make_doc(c) for c in cleaned]
    stage["cleaning (ours)"] = time.perf_counter() - start
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        pipe = getattr(component, "pipe", None)
        prepared = (
            list(pipe(prepared, batch_size=CHUNK)) if pipe else list(map(component, prepared))
        )
        ours = name in OUR_COMPONENTS
        stage[name + (" (ours)" if ours else "")] = time.perf_counter() - start
    start = time.perf_counter()
    for doc, source, clean_doc in zip(prepared, docs, cleaned, strict=True):
        _article(doc, source, clean_doc)
    stage["Article building (ours)"] = time.perf_counter() - start
    return stage


def stages_table(extractor: Extractor, docs: list[SourceDocument]) -> str:
    stage = stage_times(extractor, docs)
    total = sum(stage.values())
    rows = [(name, f"{seconds:.2f}", f"{seconds / total:.1%}") for name, seconds in stage.items()]
    ours = sum(seconds for name, seconds in stage.items() if "(ours)" in name)
    rows.append(("all our stages", f"{ours:.2f}", f"{ours / total:.1%}"))
    return table(("stage (one process, run one at a time)", "seconds", "share"), rows)


def profile(extractor: Extractor, docs: list[SourceDocument]) -> None:
    """pyinstrument over one whole extraction, then the time per stage."""
    from pyinstrument import Profiler

    with Profiler(interval=0.001) as profiler:
        list(extractor.extract_many(docs))
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(stages_table(extractor, docs))


if __name__ == "__main__":
    main()
