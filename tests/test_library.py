"""claimgraph as a library: its public API, its examples, and manners fit for embedding."""

from __future__ import annotations

import doctest
import gc
import shlex
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

import claimgraph
from claimgraph import _api
from claimgraph.extract import pipeline
from claimgraph.graph import service

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
ROOT = Path(__file__).resolve().parent.parent
# The README's command for the API reference pages (kept identical: see the test below).
API_DOCS = "pdoc claimgraph '!claimgraph.app' '!claimgraph.extract' '!claimgraph.graph' -o docs/api"


def _example_store() -> claimgraph.ClaimGraph:
    """The store ClaimGraph's own docstring builds, on which its methods' examples run."""
    (class_test,) = doctest.DocTestFinder(recurse=False).find(service.ClaimGraph, "ClaimGraph")
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    assert runner.run(class_test, out=lambda text: None, clear_globs=False).failed == 0
    store: claimgraph.ClaimGraph = class_test.globs["store"]
    return store


def _docstring_tests() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder()
    found = finder.find(claimgraph) + finder.find(_api)
    found += finder.find(service.ClaimGraph, "ClaimGraph")
    return [test for test in found if test.examples]


@pytest.mark.model
@pytest.mark.parametrize("test", _docstring_tests(), ids=lambda test: test.name)
def test_public_examples_run(test: doctest.DocTest) -> None:
    """Every example in the public API's docstrings runs and prints what it says."""
    if test.name.startswith("ClaimGraph"):
        test.globs.update(store=_example_store(), claimgraph=claimgraph)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    assert runner.run(test, out=report.append).failed == 0, "".join(report)


def test_every_public_name_is_documented() -> None:
    for name in claimgraph.__all__:
        assert getattr(claimgraph, name) is not None
        if callable(getattr(claimgraph, name)):
            assert getattr(claimgraph, name).__doc__, name
    for function in (claimgraph.extract_text, claimgraph.extract_files, claimgraph.open_store):
        assert ">>> " in (function.__doc__ or ""), function.__name__
    public = [m for m in vars(service.ClaimGraph) if not m.startswith("_")]
    for method in ("claims", "entities", "speakers", "paths", "neighbourhood", "export"):
        assert method in public
        assert ">>> " in (getattr(service.ClaimGraph, method).__doc__ or ""), method


def test_importing_claimgraph_loads_no_nlp_stack() -> None:
    """Querying a store should not pay for spaCy's import; extraction loads it when asked."""
    code = "import sys, claimgraph; print('spacy' in sys.modules, 'fastapi' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


@pytest.mark.model
def test_library_prints_nothing_and_keeps_global_settings(
    capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    filters = list(warnings.filters)
    gc_enabled, frozen, thresholds = gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()
    article = claimgraph.extract_text("Mayor Ada Park said the Riverton bridge would reopen.")
    with claimgraph.open_store(tmp_path / "store.db") as store:
        store.ingest(article)
    with claimgraph.open_store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        assert store.claims(speaker="Ada Park").count == 1
        store.export("gexf")
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert warnings.filters == filters
    assert (gc.isenabled(), gc.get_threshold()) == (gc_enabled, thresholds)
    # Nothing frozen by the library, nothing unfrozen (a frozen object an earlier test left
    # may die meanwhile: the count can only fall by that).
    after = gc.get_freeze_count()
    assert after <= frozen and (after > 0 or frozen == 0)


def test_open_store_refuses_what_it_cannot_open() -> None:
    with pytest.raises(ValueError, match="unsupported store 'mysql'"):
        claimgraph.open_store("mysql://somewhere/db")


def test_the_model_loads_once_for_all_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lazy (nothing loads until asked) and thread-safe (eight threads asking at once while it
    loads get the one extractor, loaded once)."""
    loads: list[str] = []

    def slow_load(name: str | None = None) -> Any:
        loads.append(str(name))
        time.sleep(0.2)
        return pipeline.spacy.blank("en")

    monkeypatch.setattr(pipeline, "_shared", {})
    monkeypatch.setattr(pipeline, "load_pipeline", slow_load)
    got: list[object] = []
    threads = [
        threading.Thread(target=lambda: got.append(pipeline.shared_extractor("some-model")))
        for _ in range(8)
    ]
    assert loads == []
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == ["some-model"]
    assert len(got) == 8 and all(extractor is got[0] for extractor in got)


def test_the_service_and_the_library_share_one_model() -> None:
    from claimgraph.app.runtime import load_extractor

    assert load_extractor() is pipeline.shared_extractor()


def test_api_reference_pages_build(tmp_path: Path) -> None:
    """The README's one command writes the reference of the public API, and only of it."""
    assert API_DOCS in (ROOT / "README.md").read_text(encoding="utf-8")
    command = shlex.split(API_DOCS.replace("docs/api", str(tmp_path / "api")))
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Warn" not in done.stderr, done.stderr
    pages = {p.name for p in (tmp_path / "api").iterdir()}
    assert pages == {"index.html", "search.js", "claimgraph.html"}
    reference = (tmp_path / "api" / "claimgraph.html").read_text(encoding="utf-8")
    for name in ("extract_text", "extract_files", "open_store", "ClaimGraph.claims"):
        assert f'id="{name}"' in reference, name
