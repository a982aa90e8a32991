"""Schemathesis fuzzes every operation of our own OpenAPI schema, in process.

Each operation gets valid requests (by the schema) and invalid ones; every answer is checked for
a 5xx, for a status, content type or header the schema does not declare, for a body that does not
match the declared schema, and (for invalid requests) for being refused. Examples are few per
operation so that the module runs in well under a minute; the seed is fixed so that CI is
repeatable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import CheckFunction, positive_data_acceptance

from claimgraph.app.cache import AnswerCache
from claimgraph.app.main import create_app
from claimgraph.app.settings import Settings
from claimgraph.extract import Extractor
from claimgraph.graph import ClaimGraph
from tests.app.samples import sample_articles, titled_article

EXAMPLES = 40
STATEFUL_EXAMPLES = 30  # sequences of up to six calls: the stateful phase's bounded budget
# Both keys are set, so that the fuzzer's own check that auth is not ignored has teeth; every
# example carries the write key, which reads accept too.
WRITE_KEY = "fuzz-write-key"
READ_KEY = "fuzz-read-key"
# (method, path) of every operation, read from the schema without starting anything.
OPERATIONS = [
    (method.upper(), path)
    for path, operations in create_app(Settings()).openapi()["paths"].items()
    for method in operations
]


@pytest.fixture(scope="module")
def api_schema(
    tmp_path_factory: pytest.TempPathFactory, extractor: Extractor
) -> Iterator[schemathesis.BaseSchema]:
    db: Path = tmp_path_factory.mktemp("fuzz") / "claimgraph.db"
    with ClaimGraph.open(db) as graph:
        # A store with a merge in it, so that ids the fuzzer finds in responses lead somewhere.
        graph.ingest_many([*sample_articles(), titled_article()])
        settings = Settings(db=db, api_key=WRITE_KEY, read_key=READ_KEY)
        app = create_app(settings, graph=graph, extractor=extractor)
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.model
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_the_api_keeps_to_its_schema(
    api_schema: schemathesis.BaseSchema, method: str, path: str
) -> None:
    operation = api_schema[path][method]
    # The schema can say that `text` is a non-empty string but not that it holds an article:
    # schema-valid text with nothing to extract ("\x1e", an empty HTML page) is rightly a 422.
    excluded: list[CheckFunction] = [positive_data_acceptance] if method == "POST" else []
    cases = operation.as_strategy(GenerationMode.POSITIVE)
    if operation.path_parameters or operation.query or operation.body:
        cases = st.one_of(cases, operation.as_strategy(GenerationMode.NEGATIVE))

    @seed(20210826)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"X-API-Key": WRITE_KEY}, excluded_checks=excluded)

    fuzz()


@pytest.mark.model
def test_sequences_of_calls_keep_to_the_schema(extractor: Extractor) -> None:
    """Schemathesis's stateful phase: chains of calls linked by the ids one answer hands the
    next (post an article, read it, its entities and claims, delete it, undo a merge). Every
    sequence starts from the same store, as Hypothesis needs to replay one."""
    settings_ = Settings(db=Path(":memory:"), api_key=WRITE_KEY, read_key=READ_KEY)
    app = create_app(settings_, graph=ClaimGraph.open(":memory:"), extractor=extractor)
    machine = schemathesis.openapi.from_asgi("/openapi.json", app).as_state_machine()

    class Workflow(machine):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            app.state.graph = ClaimGraph.open(":memory:")
            app.state.graph.ingest_many([*sample_articles(), titled_article()])
            app.state.answers = AnswerCache(64, 2**20)

        def teardown(self) -> None:
            app.state.graph.close()

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, object]:
            return {"headers": {"X-API-Key": WRITE_KEY}}

        def validate_response(
            self, response: object, case: schemathesis.Case, **kwargs: object
        ) -> None:
            excluded = [positive_data_acceptance] if case.method == "POST" else []
            case.validate_response(response, excluded_checks=excluded)  # type: ignore[arg-type]

    Workflow.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
