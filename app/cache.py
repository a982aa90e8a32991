"""A cache of JSON answers, keyed by the request and the graph's generation.

Reads far outnumber writes, and the same questions come back again and again (the people in the
news are asked about by everyone). An answer is the bytes of a page already serialised; it is
served again only while the graph is the one it was computed from (`ClaimGraph.generation()`
changes on every write, here or, once seen, in another process), so a cached answer is never
stale. Least recently used answers go first once `max_entries` or `max_bytes` is reached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from fastapi import Request, Response
from pydantic import BaseModel

from graph import ClaimGraph

CacheKey = tuple[str, tuple[tuple[str, str], ...]]


class AnswerCache:
    def __init__(self, max_entries: int = 4096, max_bytes: int = 64 * 2**20) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._answers: OrderedDict[CacheKey, tuple[int, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: CacheKey, generation: int) -> bytes | None:
        with self._lock:
            found = self._answers.get(key)
            if found is None or found[0] != generation:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return found[1]

    def put(self, key: CacheKey, generation: int, body: bytes) -> None:
        if len(body) > self.max_bytes // 8 or self.max_entries == 0:
            return  # one huge answer must not empty the cache
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._answers[key] = (generation, body)
            self._bytes += len(body)
            while self._answers and (
                len(self._answers) > self.max_entries or self._bytes > self.max_bytes
            ):
                _, (_, dropped) = self._answers.popitem(last=False)
                self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._answers)


def request_key(request: Request) -> CacheKey:
    """The path and the query parameters in a fixed order (`?a=1&b=2` is `?b=2&a=1`)."""
    return request.url.path, tuple(sorted(request.query_params.multi_items()))


def cached(
    request: Request,
    graph: ClaimGraph,
    answer: Callable[[], bytes | str],
    media_type: str = "application/json",
) -> Response:
    """The response body `answer()` gives, from the cache when the graph has not changed."""
    cache: AnswerCache = request.app.state.answers
    key = request_key(request)
    # The generation is read before the answer is computed: a write in between leaves an
    # answer filed under the older generation, which no later request asks for.
    generation = graph.generation()
    body = cache.get(key, generation)
    if body is None:
        produced = answer()
        body = produced.encode() if isinstance(produced, str) else produced
        cache.put(key, generation, body)
    return Response(content=body, media_type=media_type)


def cached_json(request: Request, graph: ClaimGraph, answer: Callable[[], BaseModel]) -> Response:
    """`answer()`'s model as JSON (pydantic-core straight to bytes), cached as `cached` is."""
    return cached(request, graph, lambda: answer().model_dump_json())
