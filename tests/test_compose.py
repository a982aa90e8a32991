"""compose.yaml (README, "Scaling out") says what the code does: its commands parse, its
variables are settings, and its store is the PostgreSQL service it starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.app.cli import build_parser
from claimgraph.app.settings import Settings
from claimgraph.graph.store import is_postgres

yaml = pytest.importorskip("yaml")
COMPOSE = Path(__file__).resolve().parent.parent / "compose.yaml"


def test_compose_runs_the_api_and_workers_on_its_postgresql() -> None:
    spec = yaml.safe_load(COMPOSE.read_text())
    services = spec["services"]
    assert {"db", "api", "worker"} <= set(services)
    for name in ("api", "worker"):
        service = services[name]
        command = service["command"]
        assert command[0] == "claimgraph"
        build_parser().parse_args(command[1:])  # exits (fails the test) on a bad option
        environment = service["environment"]
        for variable in environment:
            assert variable.startswith("CLAIMGRAPH_")
            assert variable.removeprefix("CLAIMGRAPH_").lower() in Settings.model_fields
        url = environment["CLAIMGRAPH_DB"]
        assert is_postgres(url) and "@db:5432/" in url
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["worker"]["command"][1] == "worker"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
