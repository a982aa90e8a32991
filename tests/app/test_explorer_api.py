"""What the web explorer needs of the API, and how it is served: its page at / with a strict
Content-Security-Policy and its files under /explorer/, none of it in the OpenAPI document;
the articles naming an entity; cue classes counted over all of an entity's claims; a graph
neighbourhood around a claim or an article (how the graph view expands those)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import pytest

from claimgraph.app.routes.explorer import CONTENT_SECURITY_POLICY, EXPLORER_DIR
from claimgraph.extract.schema import ClaimKind, CueClass
from tests.app.samples import ISIS_K, KABUL_AIRPORT, WILLIAMSON
from tests.app.support import TestClient, assert_error, assert_page


def test_the_page_is_served_at_the_root_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert '<script type="module" src="/explorer/js/main.js">' in page.text
    assert client.head("/").status_code == 200


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/explorer/js/main.js", "text/javascript"),
        ("/explorer/vendor/graph.js", "text/javascript"),
        ("/explorer/explorer.css", "text/css"),
        ("/explorer/icon.svg", "image/svg+xml"),
    ],
)
def test_the_explorer_files_are_served(client: TestClient, path: str, media_type: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media_type
    assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_missing_explorer_file_is_404_and_the_api_keeps_its_paths(client: TestClient) -> None:
    assert client.get("/explorer/nothing.js").status_code == 404
    assert client.get("/explorer/../pyproject.toml").status_code == 404
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(path.startswith("/explorer") for path in paths)
    assert "/entities/{entity_id}/articles" in paths


def test_every_file_the_page_loads_is_local() -> None:
    """No CDN, no font service: every URL in the page and its scripts is the server's own."""
    for source in [EXPLORER_DIR / "index.html", *sorted((EXPLORER_DIR / "js").glob("*.js"))]:
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']https?://""", text), source
        assert not re.search(r"""(fetch|import)\(?\s*["']https?://""", text), source
    for module in re.findall(r'from "(\.[^"]+)"', (EXPLORER_DIR / "js" / "graph.js").read_text()):
        assert (EXPLORER_DIR / "js" / module).resolve().is_file(), module


def test_the_vendored_bundle_is_the_pinned_one() -> None:
    """app/explorer/vendor/graph.js names the versions frontend/package-lock.json pins."""
    root = Path(__file__).resolve().parent.parent.parent
    lock = json.loads((root / "frontend" / "package-lock.json").read_text())
    banner = (EXPLORER_DIR / "vendor" / "graph.js").read_text().splitlines()[0]
    for name in ("sigma", "graphology", "graphology-layout-forceatlas2", "graphology-gexf"):
        assert f"{name}@{lock['packages'][f'node_modules/{name}']['version']} " in banner + " "


def test_the_pages_kinds_and_cue_classes_are_the_apis() -> None:
    script = (EXPLORER_DIR / "js" / "claims.js").read_text()

    def listed(name: str) -> list[str]:
        found = re.search(rf"export const {name} = \[(.*?)\];", script, re.S)
        assert found, name
        return re.findall(r'"([a-z_]+)"', found.group(1))

    assert listed("KINDS") == list(get_args(ClaimKind))
    assert listed("CUE_CLASSES") == list(get_args(CueClass))


def test_the_articles_naming_an_entity(populated: TestClient) -> None:
    articles = assert_page(populated.get(f"/entities/{WILLIAMSON.id}/articles").json(), count=2)
    assert [a["title"] for a in articles] == [
        "Defence Secretary Gavin Williamson told Sky News: ",
        "Frank Gardner said ISIS-K was ",
    ] or all(set(a) == {"id", "title", "source", "published", "outlet"} for a in articles)
    entity = populated.get(f"/entities/{WILLIAMSON.id}").json()
    assert [a["id"] for a in articles] == entity["articles"]
    by_name = populated.get("/entities/Gavin Williamson/articles").json()
    assert by_name["data"] == articles
    one = assert_page(
        populated.get(
            f"/entities/{WILLIAMSON.id}/articles", params={"limit": 1, "offset": 1}
        ).json(),
        count=2,
    )
    assert one == articles[1:]
    only = assert_page(populated.get(f"/entities/{KABUL_AIRPORT.id}/articles").json(), count=1)
    assert only[0]["id"] in populated.get(f"/entities/{KABUL_AIRPORT.id}").json()["articles"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/entities/person:nobody/articles", 404),
        (f"/entities/{WILLIAMSON.id}/articles?limit=0", 422),
        (f"/entities/{WILLIAMSON.id}/articles?offset=-1", 422),
        (f"/entities/{WILLIAMSON.id}/articles?limit=x", 422),
        (f"/entities/{WILLIAMSON.id}/articles?sort=title", 422),
        ("/entities/" + "x" * 301 + "/articles", 422),
    ],
)
def test_bad_requests_for_articles_are_json_errors(
    populated: TestClient, path: str, status: int
) -> None:
    assert_error(populated.get(path), status)


def test_the_timeline_counts_every_claim_by_cue_class(populated: TestClient) -> None:
    line = populated.get(f"/entities/{WILLIAMSON.id}/timeline").json()
    said = populated.get(f"/entities/{WILLIAMSON.id}/said").json()["data"]
    expected: dict[str, int] = {}
    for claim in said:
        cue = claim["cue_class"] or "unclassified"
        expected[cue] = expected.get(cue, 0) + 1
    assert line["cue_classes"] == expected
    assert sum(line["cue_classes"].values()) == line["claims"]
    about = populated.get(f"/entities/{ISIS_K.id}/timeline", params={"role": "about"}).json()
    assert sum(about["cue_classes"].values()) == about["claims"] > 0
    counts = list(about["cue_classes"].values())
    assert counts == sorted(counts, reverse=True)


def test_the_graph_expands_around_a_claim_or_an_article(populated: TestClient) -> None:
    claim = populated.get("/claims", params={"speaker": WILLIAMSON.id, "limit": 1}).json()["data"][
        0
    ]
    around = json.loads(
        populated.get(
            "/graph", params={"format": "graphology", "entity": f"claim:{claim['id']}"}
        ).text
    )
    keys = {node["key"] for node in around["nodes"]}
    assert {f"claim:{claim['id']}", WILLIAMSON.id, f"article:{claim['article_id']}"} <= keys
    article = json.loads(
        populated.get(
            "/graph", params={"format": "graphology", "entity": f"article:{claim['article_id']}"}
        ).text
    )
    assert WILLIAMSON.id in {node["key"] for node in article["nodes"]}
    assert_error(populated.get("/graph", params={"entity": "claim:c-0000000000000000"}), 404)
    assert_error(populated.get("/graph", params={"entity": "article:a-nothing"}), 404)
