"""The `claimgraph` command: ingest, extract, serve, export and query."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import uvicorn
from pydantic import ValidationError

from claimgraph.app import render
from claimgraph.app.main import create_app
from claimgraph.app.runtime import (
    Failure,
    extract_sources,
    ingest_sources,
    load_extractor,
    open_graph,
    read_sources,
)
from claimgraph.app.server import SWITCH_INTERVAL_S, quiet_libraries, server_options
from claimgraph.app.settings import Settings
from claimgraph.app.worker import LEASE_S, POLL_S, run_worker
from claimgraph.extract import ExtractionError, extraction
from claimgraph.extract.cleaning import normalise_date
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument, SourceError
from claimgraph.graph import EXPORT_FORMATS, ClaimGraph, Graph, Timeline
from claimgraph.graph.errors import ClaimGraphError
from claimgraph.graph.service import CLAIM_KINDS, CUE_CLASSES, DEFAULT_MAX_NODES, MAX_NODES
from claimgraph.graph.store import (
    MERGE_STATUSES,
    copy_store,
    describe,
    is_postgres,
    open_store,
    sqlite_path,
)

log = logging.getLogger("claimgraph.cli")


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit status 1."""


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the environment, overridden by whichever options were given."""
    overrides = {
        name: getattr(args, option)
        for name, option in (
            ("db", "db"),
            ("spacy_model", "model"),
            ("host", "host"),
            ("port", "port"),
        )
        if getattr(args, option, None) is not None
    }
    return Settings(**overrides)


def existing_db(settings: Settings) -> str | Path:
    """Read-only commands refuse to create an empty store where the user expected data (a
    PostgreSQL database is there or not: opening it says which)."""
    if is_postgres(settings.db):
        return settings.db
    db = sqlite_path(settings.db)
    if not db.exists():
        raise CommandError(f"no database at {db} (run `claimgraph ingest` first, or pass --db)")
    return db


def _open(settings: Settings, db: str | Path) -> Graph:
    return open_graph(
        db,
        pool_size=settings.db_pool,
        timeout=settings.db_timeout,
        reads=settings.reads,
        writes=settings.writes,
        write_wait=settings.write_wait,
    )


def _open_writer(settings: Settings, db: str | Path) -> ClaimGraph:
    """The graph a worker (or a whole-store command) writes with: built in memory, whatever
    `reads` says."""
    graph = open_graph(db, pool_size=settings.db_pool, timeout=settings.db_timeout, reads="memory")
    assert isinstance(graph, ClaimGraph)
    return graph


def report_failures(failures: Sequence[Failure]) -> None:
    if failures:
        print(f"{len(failures)} failed:", file=sys.stderr)
    for failure in failures:
        print(f"  {failure.source}: {failure.message}", file=sys.stderr)


# --- commands -------------------------------------------------------------------------------


def sources_in(paths: Sequence[str]) -> list[SourceDocument | SourceError]:
    """What is under `paths`, checked before the (slow) pipeline is loaded."""
    sources = read_sources(paths)
    if not sources:
        raise CommandError("no articles found in " + ", ".join(paths))
    return sources


def with_metadata(
    sources: list[SourceDocument | SourceError], given: dict[str, str]
) -> list[SourceDocument | SourceError]:
    """The one document of a single file, with the source, date or outlet given for it."""
    url = given.get("source")
    if url is not None and not url.startswith(("http://", "https://")):
        raise CommandError(f"--source must be an http(s) URL, not {url!r}")
    day = given.get("published")
    if day is not None and normalise_date(day) is None:
        raise CommandError(f"--published: {day!r} is not a date (give one like 2021-08-26)")
    options = ", ".join(f"--{name}" for name in given)
    documents = [item for item in sources if isinstance(item, SourceDocument)]
    if len(sources) != 1 or len(documents) != 1:
        raise CommandError(f"{options} describe one article: give one article file")
    return [documents[0].model_copy(update=given)]


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    sources = sources_in(args.paths)
    given = {
        name: value
        for name in ("source", "published", "outlet")
        if (value := getattr(args, name)) is not None
    }
    if given:
        sources = with_metadata(sources, given)
    if args.queue:
        return _enqueue(settings, sources)
    extractor = load_extractor(settings.spacy_model)
    with _open(settings, settings.db) as graph:
        report = ingest_sources(graph, extractor, sources)
    report_failures(report.failures)
    print(f"{report.summary()} -> {describe(settings.db)}")
    if report.interrupted:
        return 130
    return 1 if report.failures else 0


def _enqueue(settings: Settings, sources: list[SourceDocument | SourceError]) -> int:
    """Queue the readable sources for `claimgraph worker` (nothing is extracted here)."""
    documents = [item for item in sources if isinstance(item, SourceDocument)]
    failures = [
        Failure(item.source, item.message) for item in sources if isinstance(item, SourceError)
    ]
    with open_store(settings.db, pool_size=1) as store:
        ids = store.enqueue([doc.model_dump(mode="json", exclude_none=True) for doc in documents])
    report_failures(failures)
    print(
        f"{len(ids)} queued for `claimgraph worker`, {len(failures)} failed"
        f" -> {describe(settings.db)}"
    )
    return 1 if failures else 0


def cmd_extract(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    sources = sources_in(args.files)
    extractor = load_extractor(settings.spacy_model)
    outcomes = list(extract_sources(extractor, sources))
    articles = [item for item in outcomes if isinstance(item, Article)]
    failures = [item for item in outcomes if isinstance(item, Failure)]
    if args.json:
        print(extraction(articles).model_dump_json(indent=2))
    elif articles:
        print("\n\n".join(render.article_listing(article) for article in articles))
    report_failures(failures)
    return 1 if failures else 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if settings.api_key is None and not _is_loopback(settings.host):
        log.warning(
            "serving on %s without CLAIMGRAPH_API_KEY: anyone who can reach it can add and "
            "delete articles",
            settings.host,
        )
    seeds = read_sources(args.ingest or [])
    with _open(settings, settings.db) as graph:
        if seeds:
            report = ingest_sources(graph, load_extractor(settings.spacy_model), seeds)
            report_failures(report.failures)
            print(f"ingested {', '.join(args.ingest)}: {report.summary()}", file=sys.stderr)
            if report.interrupted:
                return 130
        # Articles posted to the API are extracted in worker processes (app/extraction.py).
        api = create_app(settings, graph=graph)
        # This process owns its threads: an export or ingest in a worker thread hands the GIL
        # to the event loop every millisecond rather than every 5 (Python's default), so a
        # probe beside a 30 MB GEXF export waits a few ms for it, not tens
        # (bench/starvation.py).
        default_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        try:
            uvicorn.run(
                api,
                host=settings.host,
                port=settings.port,
                access_log=settings.access_log,
                # JSON errors from the HTTP layer too; a request still running SHUTDOWN_GRACE_S
                # after SIGTERM is cancelled (an extraction in it stops at its next component).
                **server_options(),
            )
        finally:
            sys.setswitchinterval(default_interval)
    return 0


def cmd_merges(args: argparse.Namespace) -> int:
    """List merges and proposals, or take a decision on one."""
    settings = settings_from(args)
    with _open(settings, existing_db(settings)) as graph:
        if args.action == "list":
            page = graph.merges(status=args.status, limit=args.limit, offset=args.offset)
            if args.json:
                print(page.model_dump_json(indent=2))
            else:
                print(render.merges_table(page.data, wide=args.wide))
                print(render.page_footer(len(page.data), args.offset, page.count))
            return 0
        if args.action == "splits":
            splits = graph.splits(limit=args.limit, offset=args.offset)
            if args.json:
                print(splits.model_dump_json(indent=2))
            else:
                print(render.splits_table(splits.data))
                print(render.page_footer(len(splits.data), args.offset, splits.count))
            return 0
        if args.action == "split":
            if len(args.ids) < 2:
                raise CommandError("merges split takes ENTITY ARTICLE... (one or more articles)")
            split = graph.split_entity(args.ids[0], args.ids[1:], by=args.by)
            print(split.model_dump_json(indent=2) if args.json else render.split_line(split))
            return 0
        if args.action == "unsplit":
            if len(args.ids) != 1:
                raise CommandError("merges unsplit takes one split ID")
            split = graph.undo_split(args.ids[0])
            print(split.model_dump_json(indent=2) if args.json else render.split_line(split))
            return 0
        if len(args.ids) != (2 if args.action == "merge" else 1):
            wanted = "KEEP MERGE (two entities)" if args.action == "merge" else "one merge ID"
            raise CommandError(f"merges {args.action} takes {wanted}")
        if args.action == "merge":
            merge = graph.merge_entities(*args.ids, by=args.by, note=args.note)
        else:
            decide = {
                "accept": graph.accept_merge,
                "reject": graph.reject_merge,
                "undo": graph.undo_merge,
            }[args.action]
            merge = decide(args.ids[0], by=args.by)
    print(merge.model_dump_json(indent=2) if args.json else render.merge_line(merge))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    """Run cross-article resolution again over the whole store."""
    settings = settings_from(args)
    with _open_writer(settings, existing_db(settings)) as graph:
        done = graph.resolve_again()
        articles = graph.health()["articles"]
    print(
        f"resolved {articles} articles again: {done['applied']} merges applied, "
        f"{done['proposed']} proposed; people's decisions kept -> {describe(settings.db)}"
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Take ingest jobs from the store's queue until stopped (or, --drain, until it is empty)."""
    settings = settings_from(args)
    extractor = load_extractor(settings.spacy_model)
    stopping = threading.Event()

    def stop(signum: int, frame: object) -> None:
        print("claimgraph worker: stopping after the current job", file=sys.stderr)
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    with _open_writer(settings, settings.db) as graph:
        report = run_worker(
            graph,
            extractor,
            lease=args.lease,
            poll=args.poll,
            drain=args.drain,
            stop=stopping.is_set,
            max_chars=settings.max_article_chars,
        )
    print(f"{report.done} jobs done, {report.failed} failed -> {describe(settings.db)}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy a store (articles, merges, splits, people's decisions) into a new, empty one."""
    settings = settings_from(args)
    source = existing_db(settings)
    if str(args.to) == str(source):
        raise CommandError("--to names the store being copied")
    with open_store(source) as origin, open_store(args.to) as target:
        counts = copy_store(origin, target)
        tables = target.read_model
    if tables:
        # Readers there answer from the graph's tables: built once here, not by the first
        # API process to start.
        with ClaimGraph(open_store(args.to)) as graph:
            graph.build_tables()
    print(
        f"copied {counts['articles']} articles, {counts['merges']} merges and decisions, "
        f"{counts['splits']} splits: {describe(source)} -> {describe(args.to)} (counts checked)"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with _open(settings, existing_db(settings)) as graph:
        document = graph.export(
            args.format,
            entity=args.entity,
            depth=args.depth,
            edges_key=args.edges,
            max_nodes=args.max_nodes,
        )
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
        print(f"wrote {args.format} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(document if document.endswith("\n") else document + "\n")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    if args.what == "speakers" and not args.about:
        raise CommandError("query speakers needs --about ENTITY")
    if args.what == "timeline" and bool(args.speaker) == bool(args.about):
        raise CommandError(
            "query timeline needs --speaker ENTITY (claims it made) or --about ENTITY "
            "(claims about it), not both"
        )
    if args.csv and args.what != "claims":
        raise CommandError("--csv is for query claims; use --json for the other listings")
    settings = settings_from(args)
    with _open(settings, existing_db(settings)) as graph:
        if args.csv:
            sys.stdout.write(
                graph.claims_csv(**_claim_filters(args), limit=args.limit, offset=args.offset)
            )
            return 0
        page = QUERIES[args.what](graph, args)
    if args.json:
        print(page.model_dump_json(indent=2))
        return 0
    if args.what == "timeline":
        print(render.timeline_table(page))
        return 0
    if args.what == "claims":
        print(render.claims_table(page.data, wide=args.wide))
    else:
        print(RENDERERS[args.what](page.data))
    print(render.page_footer(len(page.data), args.offset, page.count))
    return 0


def _claim_filters(args: argparse.Namespace) -> dict[str, Any]:
    """The claim filters given on the command line (those of /claims)."""
    return {
        "speaker": args.speaker,
        "about": args.about,
        "addressee": args.addressee,
        "article": args.article,
        **_narrowing(args),
    }


def _narrowing(args: argparse.Namespace) -> dict[str, Any]:
    """The filters that narrow any set of claims: kind, text, cue class, dates, source."""
    return {
        "kind": args.kind,
        "q": args.q,
        "cue_class": args.cue_class,
        "since": args.since,
        "until": args.until,
        "source": args.source,
        "outlet": args.outlet,
    }


def _page_args(args: argparse.Namespace) -> dict[str, int]:
    return {"limit": args.limit, "offset": args.offset}


def _timeline(graph: Graph, args: argparse.Namespace) -> Timeline:
    role = "speaker" if args.speaker else "about"
    return graph.timeline(
        args.speaker or args.about, role=role, interval=args.interval, **_narrowing(args)
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


QUERIES: dict[str, Callable[[Any, argparse.Namespace], Any]] = {
    "claims": lambda graph, args: graph.claims(**_claim_filters(args), **_page_args(args)),
    "entities": lambda graph, args: graph.entities(
        type=args.type, q=args.q, limit=args.limit, offset=args.offset
    ),
    "speakers": lambda graph, args: graph.speakers(
        about=args.about, **_narrowing(args), **_page_args(args)
    ),
    "timeline": _timeline,
    "merges": lambda graph, args: graph.merges(
        status=args.status, limit=args.limit, offset=args.offset
    ),
    "articles": lambda graph, args: graph.articles(limit=args.limit, offset=args.offset),
}

RENDERERS: dict[str, Callable[[Any], str]] = {
    "claims": render.claims_table,
    "entities": render.entities_table,
    "speakers": render.speakers_table,
    "merges": render.merges_table,
    "articles": render.articles_table,
}


# --- parser ---------------------------------------------------------------------------------


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value}")
        return value

    return parse


def _page_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--limit", type=bounded_int(1, 1000), default=50, help="1-1000 (default 50)"
    )
    parser.add_argument("--offset", type=bounded_int(0, 10**9), default=0)


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="the store: a SQLite file or a postgresql:// URL (default: $CLAIMGRAPH_DB, else "
        "claimgraph.db in the user data dir)",
    )


def _model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        help="spaCy package name or path (default: $CLAIMGRAPH_SPACY_MODEL, else the bundled one)",
    )


def _add_ingest(commands: Any) -> None:
    parser = commands.add_parser("ingest", help="extract and store articles from files and folders")
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt .md .html .json .jsonl or folder"
    )
    parser.add_argument(
        "--source",
        metavar="URL",
        help="where the one article of a single file came from (instead of the page's own "
        "canonical URL, or the file's path)",
    )
    parser.add_argument(
        "--published",
        metavar="DAY",
        help="when the one article of a single file was published (instead of its page's date)",
    )
    parser.add_argument(
        "--outlet",
        metavar="NAME",
        help="who published it (instead of the page's site name or its URL's domain)",
    )
    parser.add_argument(
        "--queue",
        action="store_true",
        help="queue the articles for `claimgraph worker` processes instead of extracting here",
    )
    _store_options(parser)
    _model_option(parser)
    parser.set_defaults(handler=cmd_ingest)


def _add_extract(commands: Any) -> None:
    parser = commands.add_parser(
        "extract", help="extract articles and print them (nothing is stored)"
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the extraction document as JSON")
    _model_option(parser)
    parser.set_defaults(handler=cmd_extract)


def _add_serve(commands: Any) -> None:
    parser = commands.add_parser("serve", help="run the HTTP API")
    _store_options(parser)
    _model_option(parser)
    parser.add_argument(
        "--host", help="address to bind (default: $CLAIMGRAPH_HOST, else 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, help="port (default: $CLAIMGRAPH_PORT, else 8000)")
    parser.add_argument(
        "--ingest",
        action="append",
        metavar="PATH",
        help="ingest these files or folders before serving (repeatable), e.g. --ingest seeds/",
    )
    parser.set_defaults(handler=cmd_serve)


def _add_merges(commands: Any) -> None:
    parser = commands.add_parser(
        "merges",
        help="entities taken for one across articles: list them and the proposals, accept, "
        "reject, merge by hand, undo",
        description="claimgraph merges list [--status proposed] | accept ID | reject ID | "
        "undo ID | merge KEEP MERGE | split ENTITY ARTICLE... | splits | unsplit SPLIT_ID",
    )
    parser.add_argument(
        "action",
        choices=("list", "accept", "reject", "undo", "merge", "split", "splits", "unsplit"),
    )
    parser.add_argument(
        "ids",
        nargs="*",
        metavar="ID",
        help="a merge id; merge: two entities (KEEP MERGE); split: an entity and the articles "
        "in which it is someone else; unsplit: a split id",
    )
    parser.add_argument("--status", choices=MERGE_STATUSES, help="list only these")
    parser.add_argument(
        "--by", default=_who(), help="who decides, kept with the decision (default: $USER)"
    )
    parser.add_argument("--note", help="why two entities are merged by hand, for the record")
    _page_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--wide", action="store_true", help="whole evidence, uncut")
    _store_options(parser)
    parser.set_defaults(handler=cmd_merges)


def _add_worker(commands: Any) -> None:
    parser = commands.add_parser(
        "worker",
        help="take ingest jobs from the store's queue (POST /articles?queue=true, "
        "`claimgraph ingest --queue`); run any number of them, on any machines",
    )
    _store_options(parser)
    _model_option(parser)
    parser.add_argument(
        "--drain", action="store_true", help="stop once the queue is empty (default: keep waiting)"
    )
    parser.add_argument(
        "--lease",
        type=float,
        default=LEASE_S,
        help=f"seconds a job stays this worker's without a sign of life (default {LEASE_S:g})",
    )
    parser.add_argument(
        "--poll", type=float, default=POLL_S, help="seconds between looks at an empty queue"
    )
    parser.set_defaults(handler=cmd_worker)


def _add_migrate(commands: Any) -> None:
    parser = commands.add_parser(
        "migrate",
        help="copy the store (articles, merges, splits, decisions) into a new, empty one: "
        "SQLite to PostgreSQL, or back",
    )
    _store_options(parser)
    parser.add_argument("--to", required=True, help="the new store: a postgresql:// URL or a file")
    parser.set_defaults(handler=cmd_migrate)


def _add_resolve(commands: Any) -> None:
    parser = commands.add_parser(
        "resolve",
        help="run cross-article resolution again over the stored articles (people's "
        "decisions stand)",
    )
    _store_options(parser)
    parser.set_defaults(handler=cmd_resolve)


def _who() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or "cli"


def _add_export(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help="write the graph for Gephi, Cytoscape, d3, sigma.js"
    )
    parser.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    parser.add_argument("--entity", help="only this entity's neighbourhood (id, name or alias)")
    parser.add_argument(
        "--depth", type=bounded_int(0, 5), default=1, help="hops around --entity (0-5)"
    )
    parser.add_argument(
        "--edges",
        choices=("edges", "links"),
        default="edges",
        help="node-link edge key (d3: links)",
    )
    parser.add_argument(
        "--max-nodes",
        type=bounded_int(1, MAX_NODES),
        default=DEFAULT_MAX_NODES,
        help=f"most nodes of an --entity neighbourhood, nearest first ({DEFAULT_MAX_NODES})",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    _store_options(parser)
    parser.set_defaults(handler=cmd_export)


def _add_query(commands: Any) -> None:
    parser = commands.add_parser(
        "query", help="list claims, entities, speakers, merges, articles; an entity's timeline"
    )
    parser.add_argument("what", choices=tuple(QUERIES))
    parser.add_argument(
        "--speaker", help="claims by this entity (id, name or alias); a timeline of its claims"
    )
    parser.add_argument(
        "--about", help="claims about / speakers on this entity; a timeline of claims about it"
    )
    parser.add_argument("--addressee", help="claims said to this entity")
    parser.add_argument("--article", help="claims in this article (id)")
    parser.add_argument("--kind", choices=CLAIM_KINDS)
    parser.add_argument(
        "--cue-class", choices=CUE_CLASSES, help="what the cue does: warn, deny, accuse, …"
    )
    parser.add_argument(
        "--since",
        metavar="DAY",
        help="claims of articles published on or after DAY (YYYY-MM-DD, YYYY-MM or YYYY)",
    )
    parser.add_argument(
        "--until",
        metavar="DAY",
        help="… on or before DAY (YYYY-MM-DD; YYYY-MM or YYYY: to the end of it)",
    )
    parser.add_argument("--source", metavar="URL", help="claims of the article at this source")
    parser.add_argument(
        "--outlet", help='claims published by this outlet: a name ("BBC News") or a domain'
    )
    parser.add_argument("--type", choices=("person", "organization", "place"), help="entity type")
    parser.add_argument("--status", choices=MERGE_STATUSES, help="merges of this status only")
    parser.add_argument("--q", help="search text (claims) or names and aliases (entities)")
    parser.add_argument(
        "--interval",
        choices=("day", "week", "month", "year"),
        default="month",
        help="timeline periods (default month)",
    )
    _page_options(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print {data, count} as JSON")
    output.add_argument(
        "--csv",
        action="store_true",
        help="claims as CSV, with each claim's article, date, outlet and sentence",
    )
    output.add_argument(
        "--wide", action="store_true", help="show whole claim texts in the table, uncut"
    )
    _store_options(parser)
    parser.set_defaults(handler=cmd_query)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph", description="Who said what, to whom, about whom, in news articles."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        _add_ingest,
        _add_extract,
        _add_serve,
        _add_export,
        _add_query,
        _add_merges,
        _add_resolve,
        _add_worker,
        _add_migrate,
    ):
        add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    quiet_libraries()
    try:
        status: int = args.handler(args)
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    except (CommandError, ClaimGraphError, ExtractionError, OSError, ValidationError) as exc:
        if args.debug:
            raise
        print(f"claimgraph: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"claimgraph: unexpected error: {exc!r} (run with --debug for details)", file=sys.stderr
        )
        return 1
    return status


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
