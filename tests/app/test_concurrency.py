"""Many clients at once against the real app and pipeline: writers posting articles (some the
same ones) while readers page through claims and export the graph.

Every article acknowledged is stored once and whole, and no response ever shows half an article:
an article in the graph has all its claims, a claim always has its article.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from typing import Any

import pytest

from tests.app.support import TestClient, assert_page
from tests.graph.test_concurrency import half_applied

SPEAKERS = ["Defence Secretary Gavin Williamson", "Frank Gardner", "Prime Minister Boris Johnson"]
OUTLETS = ["Sky News", "the BBC", "Times Radio"]
PLACES = ["Kabul Airport", "London", "Kabul"]


def article_text(writer: int, number: int) -> str:
    speaker = SPEAKERS[(writer + number) % len(SPEAKERS)]
    outlet = OUTLETS[number % len(OUTLETS)]
    place = PLACES[(writer * 3 + number) % len(PLACES)]
    return (
        f"Flights from {place}: update {writer}-{number}\n\n"
        f"{speaker} said on Thursday that {writer * 10 + number} more flights would leave "
        f"{place} by the weekend.\n\n"
        f'"We will not leave anyone behind," he told {outlet}.'
    )


SHARED = [article_text(99, number) for number in range(3)]


@pytest.mark.model
def test_concurrent_posts_and_reads(client: TestClient) -> None:
    writers, per_writer, readers = 6, 6, 2
    results: list[dict[str, Any]] = []
    exports: list[dict[str, Any]] = []
    failures: list[BaseException] = []
    start = threading.Barrier(writers + readers)
    done = threading.Event()

    def write(writer: int) -> None:
        try:
            start.wait()
            for text in [*(article_text(writer, n) for n in range(per_writer)), *SHARED]:
                response = client.post("/articles", json={"text": text})
                assert response.status_code in {200, 201}, response.text
                results.extend(assert_page(response.json(), count=1))
        except BaseException as error:
            failures.append(error)

    def read() -> None:
        try:
            start.wait()
            while not done.is_set():
                exports.append(client.get("/graph").json())
                page = client.get("/claims", params={"limit": 1000}).json()
                listed = {a["id"] for a in client.get("/articles?limit=1000").json()["data"]}
                # Articles are only ever added here, so a claim listed first has its article
                # in any list read after it.
                assert {claim["article_id"] for claim in page["data"]} <= listed
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    threads += [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads[:writers]:
        thread.join(timeout=120)
    done.set()
    for thread in threads[writers:]:
        thread.join(timeout=60)
    assert not failures, failures

    distinct = writers * per_writer + len(SHARED)
    statuses = Counter(result["status"] for result in results)
    assert statuses == {"created": distinct, "unchanged": (writers - 1) * len(SHARED)}
    claims = {result["article_id"]: result["claims"] for result in results}
    assert len(claims) == distinct
    assert sum(claims.values()) >= distinct, "each article was meant to have a claim"
    assert exports and all(half_applied(document, claims) == [] for document in exports)

    assert client.get("/articles").json()["count"] == distinct
    for article_id, count in claims.items():
        article = client.get(f"/articles/{article_id}").json()
        assert len(article["claims"]) == count
    assert client.get("/claims?limit=1").json()["count"] == sum(claims.values())
    final = json.loads(client.get("/graph").text)
    assert half_applied(final, claims) == []
    assert client.get("/health").json()["counts"]["articles"] == distinct
