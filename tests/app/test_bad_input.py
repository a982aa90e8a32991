"""Whatever a client sends, every endpoint answers a JSON 4xx, the store is untouched and the
server goes on serving: malformed and binary bodies, wrong types, absurd pagination, unknown ids,
and strings that look like SQL or path injection."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from claimgraph.app.main import create_app
from claimgraph.app.settings import Settings
from claimgraph.extract import Extractor
from tests.app.samples import TALIBAN, WILLIAMSON, kabul_article, sample_articles
from tests.app.support import MakeClient, TestClient, assert_error, assert_page

JSON = {"content-type": "application/json"}
GOOD_TEXT = "The Taliban said on Thursday that the airport in Kabul was secure."

# Every GET route, with the parameters it needs to be a valid request over the sample store.
READS = [
    "/articles",
    f"/articles/{kabul_article().id}",
    "/entities",
    f"/entities/{WILLIAMSON.id}",
    f"/entities/{WILLIAMSON.id}/said",
    f"/entities/{WILLIAMSON.id}/mentioned",
    "/claims",
    f"/speakers?about={TALIBAN.id}",
    f"/paths?from={WILLIAMSON.id}&to={TALIBAN.id}",
    "/graph",
    "/merges",
    "/health",
]
PAGED = [
    "/articles",
    "/entities",
    "/claims",
    "/merges",
    f"/speakers?about={TALIBAN.id}",
    f"/entities/{WILLIAMSON.id}/said",
    f"/entities/{WILLIAMSON.id}/mentioned",
]

# Strings that would do harm if they were ever pasted into SQL or used as a file path.
HOSTILE = [
    "' OR '1'='1",
    "'; DROP TABLE articles; --",
    '" OR ""="',
    "1; DELETE FROM merges",
    "a-0 UNION SELECT extraction FROM articles --",
    "%' OR 1=1 --",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "file:///etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "person:*",
    "\x00",
    "null",
    "\u202e\u0643\u0644\u0645\u0629",
    "x" * 300,
]


def assert_client_error(response: Any) -> dict[str, Any]:
    """A 4xx in the API's error shape (never a 5xx, never HTML or plain text)."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    return assert_error(response, response.status_code)


def assert_still_serving(client: TestClient, articles: int) -> None:
    """The server answers and the store holds exactly what it held before the abuse."""
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["counts"]["articles"] == articles
    assert client.get("/articles").json()["count"] == articles


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[TestClient]:
    """One server over the two sample articles for the whole module: no test here may store."""
    settings = Settings(db=tmp_path_factory.mktemp("bad-input") / "claimgraph.db")
    with TestClient(create_app(settings, extractor=extractor)) as client:
        client.app.state.graph.ingest_many(sample_articles())  # type: ignore[attr-defined]
        for path in READS:
            assert client.get(path).status_code == 200, path
        yield client


# --- POST /articles: bodies ---------------------------------------------------------------

MALFORMED_JSON = [
    b"{",
    b'{"text": "unterminated',
    b"{text: 'single quotes'}",
    b'{"text": "x",}',
    b'{"text": "x"} trailing',
    b"{'text': 'x'}",
    b'{"text": "a\\x"}',
    b"[" * 5000,
    b'{"a":' * 5000,
    b"\x00\x00\x00\x00",
    bytes(range(256)),
    b'{"text": "\xff\xfe caf\xe9 au lait"}',  # Latin-1, not UTF-8
    b'{"text": "\xed\xa0\x80 surrogate as bytes"}',
    b'{"text": "\xc0\xaf overlong"}',
    b'{"text": "Lone \\ud800 surrogate, escaped. The minister said it was fine."}',
    b"\xfe\xff\x00{\x00}",  # UTF-16 with a BOM
    b'{"text": "x", "title": NaN}',
    b'{"text": "x", "title": 1' + b"0" * 5000 + b"}",
]

WRONG_SHAPES: list[object] = [
    None,
    12,
    "just a string",
    True,
    [],
    [GOOD_TEXT],
    {},
    {"txt": GOOD_TEXT},
    {"text": None},
    {"text": 42},
    {"text": ["a", "b"]},
    {"text": {"nested": GOOD_TEXT}},
    {"text": True},
    {"text": ""},
    {"text": GOOD_TEXT, "format": "pdf"},
    {"text": GOOD_TEXT, "format": None},
    {"text": GOOD_TEXT, "published": 20210826},
    {"text": GOOD_TEXT, "title": ["a"]},
    {"text": GOOD_TEXT, "unknown": 1},
    {"articles": None},
    {"articles": "x"},
    {"articles": []},
    {"articles": [None]},
    {"articles": [12]},
    {"articles": [{"text": GOOD_TEXT}, {"text": 5}]},
    {"articles": [{"text": GOOD_TEXT}], "extra": True},
    {"articles": {"text": GOOD_TEXT}},
]

# Nothing to extract: each must be refused as a whole, never stored as an empty article.
EMPTY_TEXTS = [
    " ",
    "\n\n\t  \r\n",
    "\u00a0\u2003\u3000",  # no-break, em and ideographic spaces
    "\u200b\u200b",  # zero-width spaces
    "\x00",
    "<html><body></body></html>",
]


def _post_raw(client: TestClient, body: bytes) -> Any:
    return client.post("/articles", content=body, headers=JSON)


@pytest.mark.parametrize("body", MALFORMED_JSON, ids=range(len(MALFORMED_JSON)))
def test_malformed_and_binary_bodies_are_4xx(sample: TestClient, body: bytes) -> None:
    assert_client_error(_post_raw(sample, body))
    assert_still_serving(sample, 2)


@pytest.mark.parametrize("payload", WRONG_SHAPES, ids=range(len(WRONG_SHAPES)))
def test_wrong_types_and_missing_fields_are_422(sample: TestClient, payload: object) -> None:
    error = assert_error(sample.post("/articles", json=payload), 422)
    assert error["code"] in {"invalid_request", "extraction_failed"}
    assert_still_serving(sample, 2)


@pytest.mark.parametrize("text", EMPTY_TEXTS, ids=range(len(EMPTY_TEXTS)))
def test_empty_and_whitespace_texts_store_nothing(sample: TestClient, text: str) -> None:
    for payload in ({"text": text}, {"articles": [{"text": GOOD_TEXT}, {"text": text}]}):
        assert_error(sample.post("/articles", json=payload), 422)
    assert_error(sample.post("/articles", json={"text": text, "format": "html"}), 422)
    assert_still_serving(sample, 2)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", GOOD_TEXT.encode()),
        ("application/octet-stream", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("application/x-www-form-urlencoded", b"text=hello"),
        ("multipart/form-data; boundary=x", b"--x\r\n\r\nhello\r\n--x--"),
        ("application/json; charset=latin-1", b'{"text": "caf\xe9"}'),
        ("", b""),
    ],
)
def test_bodies_that_are_not_json_are_4xx(
    sample: TestClient, content_type: str, body: bytes
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    assert_client_error(sample.post("/articles", content=body, headers=headers))
    assert_still_serving(sample, 2)


@pytest.mark.parametrize("limit", [10, 1000])
def test_oversize_bodies_are_413_before_anything_is_stored(
    make_client: MakeClient, limit: int
) -> None:
    client = make_client(max_body_bytes=limit)
    for body in (b"{" * (limit + 1), b"\xff" * (limit + 1), b'{"text": "' + b"x" * limit + b'"}'):
        assert_error(_post_raw(client, body), 413, "content_too_large")
    # Batches count as one body: the limit is on bytes, whatever their shape.
    batch = {"articles": [{"text": GOOD_TEXT}] * (limit // len(GOOD_TEXT) + 2)}
    assert_error(client.post("/articles", json=batch), 413)
    assert_still_serving(client, 0)


def test_the_body_limit_applies_to_every_method_and_route(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=100)
    big = b"x" * 101
    for method, path in [("POST", "/articles"), ("DELETE", "/articles/a-1"), ("GET", "/health")]:
        assert_error(client.request(method, path, content=big, headers=JSON), 413)
    assert_still_serving(client, 0)


# Scripts, directions and marks the English pipeline has never seen: each must come back as an
# article whose offsets hold, never as a 5xx.
FOREIGN_TEXTS = {
    "french": "Le ministre a déclaré jeudi que « la situation à Kaboul reste très grave ».",
    "german": "„Wir lassen niemanden zurück“, sagte Außenministerin Annalena Baerbock in Berlin.",
    "russian": "«Мы не оставим своих граждан», — заявил министр иностранных дел в Москве.",
    "chinese": "外交部发言人说：“我们将继续密切关注阿富汗局势。”",
    "japanese": "首相は「国民の安全を最優先する」と述べた。",
    "arabic": "وقال المتحدث باسم طالبان إن «المطار آمن» يوم الخميس.",
    "hebrew": 'ראש הממשלה אמר כי "המצב בשליטה".',
    "hindi": 'विदेश मंत्री ने कहा कि "हम सभी नागरिकों को वापस लाएंगे"।',
    "greek": "Ο υπουργός είπε ότι «η κατάσταση είναι σοβαρή».",
    "emoji": "🚨 BREAKING 🚨 The minister said 👉 “we are ready” 🇬🇧🇦🇫 #Kabul",
    "combining": "Z̷̢̛a̶̡͝l̴̨͠g̵̢͘o̷̧͝ said the e\u0301le\u0300ve was “fine”.",
    "mixed": "Der Minister said: « c'est fini » — 完了. “Done,” he added.",
}


@pytest.mark.model
@pytest.mark.parametrize("language", list(FOREIGN_TEXTS))
def test_non_english_text_is_extracted(client: TestClient, language: str) -> None:
    response = client.post("/articles", json={"text": FOREIGN_TEXTS[language]})
    assert response.status_code == 201, response.text
    [result] = assert_page(response.json(), count=1)
    article = client.get(f"/articles/{result['article_id']}").json()
    for claim in article["claims"]:
        assert article["text"][claim["start_char"] : claim["end_char"]] == claim["text"]
    for entity in article["entities"]:
        for span in entity["spans"]:
            assert article["text"][span["start_char"] : span["end_char"]]
    assert client.get("/graph").status_code == 200


# --- ids and query parameters ----------------------------------------------------------------

UNKNOWN_IDS = [
    "/articles/a-0000000000000000",
    "/articles/nope",
    "/entities/person:nobody-at-all",
    "/entities/person:nobody-at-all/said",
    "/entities/person:nobody-at-all/mentioned",
    "/claims?speaker=person:nobody-at-all",
    "/claims?about=nobody",
    "/claims?addressee=nobody",
    "/claims?article=a-0000000000000000",
    "/speakers?about=nobody",
    f"/paths?from=nobody&to={TALIBAN.id}",
    f"/paths?from={TALIBAN.id}&to=nobody",
    "/graph?entity=nobody",
]


@pytest.mark.parametrize("path", UNKNOWN_IDS)
def test_unknown_ids_are_404(sample: TestClient, path: str) -> None:
    assert_error(sample.get(path), 404, "not_found")


@pytest.mark.parametrize("path", ["/articles/a-0000000000000000", "/merges/m-000000000000"])
def test_deleting_unknown_ids_is_404(sample: TestClient, path: str) -> None:
    assert_error(sample.delete(path), 404, "not_found")
    assert_still_serving(sample, 2)


ABSURD_PAGES = [
    "limit=0",
    "limit=-1",
    "limit=1001",
    "limit=99999999999999999999999999999",
    "limit=1e3",
    "limit=1.5",
    "limit=ten",
    "limit=",
    "limit=0x10",
    "offset=-1",
    "offset=1000000001",
    "offset=-99999999999999999999999999999",
    "offset=99999999999999999999999999999",
    "offset=NaN",
    "offset=inf",
]


@pytest.mark.parametrize("path", PAGED)
def test_absurd_limit_and_offset_are_422(sample: TestClient, path: str) -> None:
    joiner = "&" if "?" in path else "?"
    for query in ABSURD_PAGES:
        error = assert_error(sample.get(f"{path}{joiner}{query}"), 422, "invalid_request")
        assert query.split("=")[0] in error["message"], query
    # The largest allowed values are answered, not refused.
    page = sample.get(f"{path}{joiner}limit=1000&offset=1000000000").json()
    assert assert_page(page) == []


@pytest.mark.parametrize(
    "query",
    [
        "depth=-1",
        "depth=6",
        "depth=99999999999999999999999",
        "depth=deep",
        "format=dot",
        "format=",
        "edges=nodes",
        "entity=",
        f"entity={'x' * 301}",
    ],
)
def test_absurd_graph_parameters_are_422(sample: TestClient, query: str) -> None:
    assert_error(sample.get(f"/graph?{query}"), 422, "invalid_request")


@pytest.mark.parametrize(
    "query",
    [
        "",
        f"from={TALIBAN.id}",
        f"to={TALIBAN.id}",
        f"from={TALIBAN.id}&to={WILLIAMSON.id}&max_length=0",
        f"from={TALIBAN.id}&to={WILLIAMSON.id}&max_length=7",
        f"from={TALIBAN.id}&to={WILLIAMSON.id}&max_length=99999999999999999999",
        f"from={TALIBAN.id}&to={WILLIAMSON.id}&limit=0",
        f"from={TALIBAN.id}&to={WILLIAMSON.id}&limit=101",
        f"from=&to={WILLIAMSON.id}",
    ],
)
def test_absurd_path_parameters_are_422(sample: TestClient, query: str) -> None:
    assert_error(sample.get(f"/paths?{query}"), 422, "invalid_request")


@pytest.mark.parametrize(
    "path",
    [
        "/entities?type=country",
        "/entities?q=",
        f"/entities?q={'x' * 201}",
        "/claims?kind=rumour",
        "/claims?speaker=",
        f"/claims?q={'x' * 301}",
        "/speakers",
        "/speakers?about=",
        f"/entities/{'x' * 301}",
        f"/merges/{'m' * 301}",
    ],
)
def test_out_of_range_filters_are_422(sample: TestClient, path: str) -> None:
    method = "DELETE" if path.startswith("/merges/") else "GET"
    assert_error(sample.request(method, path), 422, "invalid_request")


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings_as_ids_and_filters(sample: TestClient, hostile: str) -> None:
    before = sample.get("/graph").text
    for path in ("/articles/{}", "/entities/{}", "/entities/{}/said", "/entities/{}/mentioned"):
        response = sample.get(path.format(_quote(hostile)))
        assert_client_error(response)
        assert response.status_code in {404, 422}
    for name in ("speaker", "about", "addressee", "article", "q"):
        response = sample.get("/claims", params={name: hostile})
        if name == "q":
            assert assert_page(response.json()) == []
        else:
            assert_client_error(response)
    for path, params in [
        ("/entities", {"q": hostile[:200]}),
        ("/speakers", {"about": hostile}),
        ("/paths", {"from": hostile, "to": TALIBAN.id}),
        ("/graph", {"entity": hostile}),
    ]:
        response = sample.get(path, params=params)
        if response.status_code != 200:
            assert_client_error(response)
    for path in ("/articles/{}", "/merges/{}"):
        assert_client_error(sample.delete(path.format(_quote(hostile))))
    assert sample.get("/graph").text == before
    assert_still_serving(sample, 2)


def _quote(text: str) -> str:
    return quote(text, safe="")


@pytest.mark.parametrize(
    "raw_path",
    [
        "/articles/../../etc/passwd",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/articles/%2e%2e/%2e%2e/etc/passwd",
        "/entities/..%5C..%5Cwin.ini",
        "/articles/%00",
        "/articles/%ff%fe",
        "/entities/%C0%AF",
        "/static/../app/main.py",
        "/docs/../../../etc/passwd",
        "//etc/passwd",
    ],
)
def test_path_traversal_never_reaches_a_file(sample: TestClient, raw_path: str) -> None:
    response = sample.get(raw_path)
    assert_client_error(response)
    assert "root:" not in response.text and "import" not in response.text


@pytest.mark.model
def test_sql_and_paths_are_stored_as_text(populated: TestClient) -> None:
    """Hostile text is an article like any other, and reads back byte for byte."""
    text = 'Robert\'); DROP TABLE articles;-- said the file ../../etc/passwd was "fine".'
    response = populated.post("/articles", json={"text": text, "source": "../../etc/passwd"})
    assert response.status_code == 201, response.text
    article_id = response.json()["data"][0]["article_id"]
    article = populated.get(f"/articles/{article_id}").json()
    assert article["source"] == "../../etc/passwd"
    assert "DROP TABLE" in article["text"]
    assert_still_serving(populated, 3)


@pytest.mark.parametrize("field", ["text", "title", "byline", "source", "published"])
def test_a_lone_surrogate_in_any_field_is_422(sample: TestClient, field: str) -> None:
    """JSON can escape half a UTF-16 pair; it was stored as far as SQLite, then a 500."""
    article = {"text": GOOD_TEXT, field: "Kabul \ud800 airport"}
    body = json.dumps(article).encode()  # ensure_ascii: the escape travels as "\\ud800"
    for payload in (body, json.dumps({"articles": [article]}).encode()):
        error = assert_error(_post_raw(sample, payload), 422)
        assert f".{field}:" in error["message"]
        assert "surrogate" in error["message"] or "unicode" in error["message"]
    assert_still_serving(sample, 2)
