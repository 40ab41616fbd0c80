"""The ``newstrace`` command: a thin click layer over the library (see README for every command)."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from typing import Iterable

import click

from . import __version__
from ._errors import NewstraceError, StoreError
from .models import Article
from .read import ReadStats, Reject

DEFAULT_DB = "newstrace.db"
# The longest free-text query ``trail`` takes: a proposition is a sentence or two.
MAX_QUERY_CHARS = 1000
_db_option = click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database file.",
                          envvar="NEWSTRACE_DB")


def _given_options(func):
    for option in reversed([
        click.option("--url", help="URL of the page, where the file does not say it."),
        click.option("--outlet", help="Outlet (publisher) of the page; never guessed from the text."),
        click.option("--fetched-at", help="When the page was fetched (ISO 8601)."),
        click.option("--kind", type=click.Choice(["html", "text"]), help="Force HTML or plain-text scrape reading."),
    ]):
        func = option(func)
    return func


def _emit(records: Iterable[dict], fmt: str) -> int:
    """Write a list of records as jsonl, json (always an array, whatever the count) or csv; returns how many."""
    out = click.get_text_stream("stdout")
    if fmt == "jsonl":
        n = 0
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
    records = list(records)
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv" and records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]))
        writer.writeheader()
        for record in records:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in record.items()})
    return len(records)


def _emit_one(record: dict) -> None:
    """Write one object as JSON (commands whose answer is a single object: ``show``, ``trail``)."""
    click.get_text_stream("stdout").write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")


_list_format_option = click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl",
                                   show_default=True, help="JSON Lines, or one JSON array.")


def _check_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option (``--since``, ``--until``, ``--published``): ISO 8601, else a one-line error (exit 1)."""
    from datetime import datetime

    if value is None:
        return None
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        raise NewstraceError(f"--{param.name} {value}: not a date (use YYYY-MM-DD)") from None
    return value.strip()


def _check_count(_ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    """A count option (``--limit``, ``--top``, ``--batch``): under 1 is a one-line error, never 'all' (the store
    reads a limit of 0 or less as no limit)."""
    if value is not None and value < 1:
        raise NewstraceError(f"--{param.name} {value}: must be at least 1")
    return value


def _check_host_names(_ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """``--allow-host`` takes bare host names (or IP addresses): a port or a scheme would never match a Host."""
    from .web._hosts import host_and_port

    for value in values:
        name = value.strip()
        parsed = host_and_port(f"[{name}]" if name.count(":") > 1 and "[" not in name else name, None)
        if parsed is None or parsed[1] is not None:
            raise NewstraceError(f"--allow-host {value!r}: give a host name or address alone (no scheme, port or path)")
    return values


def _warn(message: str) -> None:
    click.echo(f"newstrace: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newstrace")
def cli() -> None:
    """Trace claims through the news: where a claim came from, on whose authority, who repeated or denied it."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@_given_options
def extract(paths, fmt, url, outlet, fetched_at, kind):
    """Extract an Article from each page (HTML, .gz, WARC, text scrape, JSON Lines, folder, glob, '-').

    Stateless: nothing is stored. Bad inputs are named on stderr, one line each, and the exit status is 1. With
    `--format json`, one page given as the only input prints one Article object; anything holding pages (a folder, a
    glob, a WARC, JSON Lines, several paths) prints an array, whatever the count.
    """
    from .pipeline import extract_all

    rejects: list[Reject] = []

    def articles():
        for result in extract_all(paths, url=url, outlet=outlet, fetched_at=fetched_at, kind=kind):
            if isinstance(result, Reject):
                rejects.append(result)
                _warn(result.message())
            else:
                yield result.to_dict()

    if fmt == "json":
        found = list(articles())
        if len(paths) == 1 and len(found) == 1 and not rejects and _is_the_input(found[0]["source"], paths[0]):
            _emit_one(found[0])  # the input was one page: one Article object (a folder, WARC or JSONL: an array)
        else:
            _emit(found, fmt)
    else:
        _emit(articles(), fmt)
    if rejects:
        sys.exit(1)


def _is_the_input(source: str, path: str) -> bool:
    """Whether an article's source is the input argument itself (one page file, or stdin), not a page inside it."""
    if path == "-":
        return source == "<stdin>"
    return os.path.normpath(source) == os.path.normpath(path)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--jobs", "-j", type=int, default=None, callback=_check_count,
              help="Worker processes for extraction and statements (default: the machine's cores); one writer "
                   "stores pages in input order, so the result is the same for any number.")
@_given_options
def ingest(paths, db, quiet, jobs, url, outlet, fetched_at, kind):
    """Read, extract and store pages; the same page twice is stored once. Summary on stderr.

    Bad inputs are stored as rejects with their reasons (see 'newstrace rejects'); the exit status is 0
    as long as the database could be written.
    """
    from tqdm import tqdm

    from .pipeline import default_jobs
    from .pipeline import ingest as run_ingest
    from .store import Store

    try:
        with Store(db) as store, tqdm(unit=" page", file=sys.stderr, disable=quiet, desc="ingest",
                                      dynamic_ncols=True, leave=False) as bar:
            summary = run_ingest(paths, store, progress=lambda _s: bar.update(1),
                                 stance_model=os.environ.get("NEWSTRACE_STANCE_MODEL") or None,
                                 claims_progress=None if quiet else lambda m: click.echo(m, err=True),
                                 jobs=jobs or default_jobs(),
                                 url=url, outlet=outlet, fetched_at=fetched_at, kind=kind)
    except sqlite3.OperationalError as exc:  # a full disk, a lost file: the open transaction is rolled back
        raise StoreError(f"{db}: {exc}") from exc
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)


def _article_row(article: Article) -> dict:
    return {"id": article.id, "published": (article.published or "")[:10], "outlet": article.outlet or "",
            "labels": ",".join(article.labels), "title": article.title or "(no title)"}


def _cell(value: object) -> str:
    """A table cell: unknown values (None) print empty, never as "None"."""
    return "" if value is None else str(value)


def _table(rows: list[dict], columns: list[str]) -> None:
    if not rows:
        click.echo("(nothing)", err=True)
        return
    widths = {c: min(60, max(len(c), *(len(_cell(r[c])) for r in rows))) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        click.echo("  ".join(_cell(row[c])[: widths[c]].ljust(widths[c]) for c in columns).rstrip())


@cli.command()
@_db_option
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--since", callback=_check_date, help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_check_date, help="Published on or before this date (YYYY-MM-DD).")
@click.option("--label", help="Only articles with this label (Opinion, Analysis, ...).")
@click.option("--limit", type=int, callback=_check_count, help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json", "csv"]), default="table",
              show_default=True)
def articles(db, outlet, since, until, label, limit, fmt):
    """List stored articles, oldest first, with filters."""
    from .store import Store

    with Store(db, readonly=True) as store:
        found = store.articles(outlet=outlet, since=since, until=until, label=label, limit=limit)
        if fmt == "table":
            _table([_article_row(a) for a in found], ["id", "published", "outlet", "labels", "title"])
        else:
            _emit((a.to_dict() for a in found), fmt)


@cli.command()
@click.argument("ident")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
def show(ident, db, fmt):
    """Show one stored article by id (or a unique id prefix of 6+ characters)."""
    from .store import Store

    with Store(db, readonly=True) as store:
        article = store.get_article(ident)
    if article is None:
        raise NewstraceError(f"{ident}: no such article in {db}")
    if fmt == "json":
        _emit_one(article.to_dict())
        return
    click.echo(article.title or "(no title)")
    meta = [article.published and article.published[:10], article.outlet, article.section, ", ".join(article.labels)]
    click.echo(" · ".join(m for m in meta if m))
    if article.standfirst:
        click.echo("\n" + article.standfirst)
    click.echo("\n" + article.text)


@cli.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=int, default=20, show_default=True, callback=_check_count)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table", show_default=True)
def search(query, db, limit, fmt):
    """Full-text search (SQLite FTS5 syntax: words, "phrases", OR, NEAR, prefix*); matches shown in [ ]."""
    from .store import Store

    with Store(db, readonly=True) as store:
        hits = store.search(query, limit)
    if fmt != "table":
        _emit(hits, fmt)
        return
    if not hits:
        click.echo("no match", err=True)
    for hit in hits:
        click.echo(f"{hit['id']}  {(hit['published'] or '')[:10]:10}  {hit['title'] or '(no title)'}")
        click.echo("    " + " ".join(hit["snippet"].split()))


@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table", show_default=True)
def rejects(db, fmt):
    """Inputs that gave no article, with the reason each was dropped."""
    from .store import Store

    with Store(db, readonly=True) as store:
        rows = store.rejects()
    if fmt == "table":
        _table(rows, ["kind", "source", "reason"])
    else:
        _emit(rows, fmt)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--plain", is_flag=True, help="Each file is article text as is: offsets are into the file as read.")
@click.option("--published", callback=_check_date,
              help="Publication date for --plain texts (resolves 'on Monday', 'yesterday').")
@click.option("--db", default=None, help="Query stored statements instead of reading PATHs.", envvar="NEWSTRACE_DB")
@click.option("--speaker", help="With --db: speakers whose resolved name contains this (case-insensitive).")
@click.option("--type", "speaker_type", type=click.Choice(["person", "organization", "outlet", "anonymous",
                                                         "document", "unknown"]), help="With --db: speaker type.")
@click.option("--article", help="With --db: only this article (id, or a unique id prefix of 6+ characters).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True)
@_given_options
def statements(paths, plain, published, db, speaker, speaker_type, article, fmt, url, outlet, fetched_at, kind):
    """Who said what: one Statement per line (speaker, cue, content with offsets, date, relayed via).

    With PATHs, reads and analyses them (stateless); without, lists statements stored by 'ingest' (--db).
    """
    if not paths:  # stored rows only: no spaCy import (it takes seconds)
        from .store import Store

        db = db or DEFAULT_DB
        with Store(db, readonly=True) as store:
            if article:
                stored = store.get_article(article)
                if stored is None:
                    raise NewstraceError(f"{article}: no such article in {db} (or the prefix is not unique)")
                article = stored.id
            found = [s for s in store.statements(article=article, speaker_type=speaker_type)
                     if _speaker_matches(s, speaker)]
        _emit_statements(found, fmt)
        return
    from .analyse import extract_article_statements, load_pipeline

    nlp = load_pipeline()
    rejects: list[Reject] = []

    def generate():
        if plain:
            from .read import iter_documents

            items = iter_documents(paths, kind="text")
        else:
            from .pipeline import extract_all

            items = extract_all(paths, url=url, outlet=outlet, fetched_at=fetched_at, kind=kind)
        for item in items:
            if isinstance(item, Reject):
                rejects.append(item)
                _warn(item.message())
                continue
            article = _plain_article(item, published) if plain else item
            for note in article.notes():
                _warn(f"{article.source}: {note}")
            yield from extract_article_statements(article, nlp)

    _emit_statements(generate(), fmt)
    if rejects:
        sys.exit(1)


def _speaker_matches(statement: dict, wanted: str | None) -> bool:
    """``--speaker grisham`` finds "Stephanie Grisham": a case-insensitive part of the resolved name (or mention)."""
    if not wanted:
        return True
    speaker = statement.get("speaker") or {}
    name = speaker.get("name") or speaker.get("text") or ""
    return wanted.casefold().strip() in name.casefold()


def _plain_article(doc, published: str | None) -> Article:
    from .extract._decode import decode
    from .models import article_id

    from .extract._lang import detect_language

    text, _ = decode(doc.content, doc.source)
    return Article(id=article_id(doc.content), source=doc.source, text=text, published=published,
                   language=detect_language(text))


def _emit_statements(found, fmt: str) -> None:
    if fmt != "table":
        _emit(found, fmt)
        return
    rows = [{"date": s.get("date") or "", "speaker": f"{s['speaker'].get('name') or s['speaker'].get('text')} "
             f"({s['speaker'].get('type')})", "cue": (s.get("cue") or {}).get("text") or "",
             "content": " ".join(s["content"]["text"].split())} for s in found]
    _table(rows, ["date", "speaker", "cue", "content"])


@cli.command()
@_db_option
@click.option("--limit", type=int, callback=_check_count, help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table", "csv"]), default="jsonl",
              show_default=True)
@click.option("--rebuild", is_flag=True,
              help="Find every claim again (after upgrading newstrace or its models); progress on stderr.")
def claims(db, limit, fmt, rebuild):
    """Claims found in the stored articles: {id, text, articles, statements, first_date}, most discussed first.

    A claim is a group of articles about one rumour or event, found by meaning; its text is the proposition as first
    asserted. Claims are found at ingest; `--rebuild` finds them again over the whole store."""
    from .store import Store

    if rebuild:
        from .claims import run_claims_step
        from .pipeline import default_jobs

        from .store import CorpusLock

        say = lambda m: click.echo(m, err=True)  # noqa: E731
        with Store(db) as store, CorpusLock(store.path, notify=say):  # an ingest's corpus steps go first, or wait
            store.reset_claims()
            found = run_claims_step(store, stance_model=os.environ.get("NEWSTRACE_STANCE_MODEL") or None,
                                    progress=say, jobs=default_jobs())
        click.echo(f"claims: {found.claims} claim(s) over {found.articles} article(s), {found.events} event(s)",
                   err=True)
    with Store(db, readonly=True) as store:
        rows = store.claims(limit)
    if fmt == "table":
        _table(rows, ["id", "first_date", "articles", "statements", "text"])
    else:
        _emit(rows, fmt)


@cli.command()
@click.argument("query")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "graphml", "claimreview"]), default="text",
              show_default=True)
def trail(query, db, fmt):
    """A claim's trail: who asserted it first and on whose authority, who repeated, reprinted or denied it, when.

    QUERY is a claim id (that claim's trail as the claims step built it) or free text: the articles found about
    the proposition (full-text and meaning, calibrated cut-off), each one's events toward it, and the stored claim
    that best covers them. Formats: a readable timeline, the Trail JSON, GraphML of the propagation graph (Gephi),
    or schema.org Claim markup. NEWSTRACE_STANCE_MODEL names another stance model file.
    """
    from .store import Store
    from .trail import build_trail, query_trail, to_claimreview, to_graphml, to_text

    with Store(db, readonly=True) as store:
        if store.claim(query):
            result = build_trail(store, query)
        else:
            if len(query) > MAX_QUERY_CHARS:  # each word's embedding neighbours are looked up: 100 KB took minutes
                raise NewstraceError(f"trail: a free-text query is one proposition, at most {MAX_QUERY_CHARS:,} "
                                     f"characters (this one has {len(query):,})")
            from .claims._step import load_stance
            result = query_trail(store, query, stance=load_stance(os.environ.get("NEWSTRACE_STANCE_MODEL") or None))
        if result is None:
            raise NewstraceError(f"{query}: no stored claim matches (no stored article is about it; see 'newstrace claims')")
        urls = store.article_urls({e["article"] for e in result["events"]}) if fmt == "claimreview" else {}
    if fmt == "text":
        click.echo(to_text(result))
    elif fmt == "json":
        _emit_one(result)
    elif fmt == "graphml":
        click.echo(to_graphml(result))
    else:
        _emit_one(to_claimreview(result, urls))


def _read_jsonl(path: str, need: tuple[str, ...]) -> list[dict]:
    """JSON Lines records from a file or '-', each checked for the fields it needs; a bad line is a one-line error."""
    handle = click.open_file(path, "r", encoding="utf-8")
    records = []
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise NewstraceError(f"{path}:{number}: not JSON ({exc})") from exc
            missing = [k for k in need if not isinstance(record, dict) or k not in record]
            if missing:
                raise NewstraceError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
            records.append(record)
    return records


@cli.command()
@click.option("--pairs", "pairs_path", required=True, help='JSON Lines of {"id", "claim", "text"} ("-" for stdin).')
@click.option("--batch", type=int, default=256, show_default=True, callback=_check_count,
              help="Pairs classified at a time.")
@_list_format_option
def stance(pairs_path, batch, fmt):
    """Stance of each text toward its claim: asserts, denies, reports or unrelated, with a score in 0..1.

    The shipped model is trained on FNC-1 (headline/body pairs); see README for its measured figures.
    """
    from .stance import load_model

    records = _read_jsonl(pairs_path, ("id", "claim", "text"))
    model = load_model()

    def results():
        for start in range(0, len(records), batch):
            chunk = records[start : start + batch]
            for record, (label, score) in zip(chunk, model.predict([(str(r["claim"]), str(r["text"])) for r in chunk])):
                yield {"id": record["id"], "stance": label, "score": round(float(score), 4)}

    _emit(results(), fmt)


@cli.command()
@click.option("--claims", "claims_path", required=True, help="TSV of known claims: id<TAB>text[<TAB>title].")
@click.option("--queries", "queries_path", required=True, help="TSV of texts to match: id<TAB>text ('-' for stdin).")
@click.option("--top", type=int, default=5, show_default=True, callback=_check_count)
@click.option("--semantic/--light", default=None,
              help="Force the transformer path (needs newstrace[semantic]) or the light path (BM25 + packaged "
                   "static embeddings); "
                   "default: semantic when installed.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Keep claim embeddings here between runs (semantic path).")
@_list_format_option
def match(claims_path, queries_path, top, semantic, cache_dir, fmt):
    """Rank known claims (e.g. a fact-checkers' list) for each query text: {"id", "matches": [{"id", "score"}]}."""
    from .claims import Matcher, read_tsv

    def rows(path):
        try:
            return read_tsv(click.open_file(path, "r", encoding="utf-8") if path == "-" else path)
        except (OSError, ValueError) as exc:
            raise NewstraceError(f"{path}: {exc}") from exc

    known, queries = rows(claims_path), rows(queries_path)
    if not known:
        raise NewstraceError(f"{claims_path}: no claims in the file")
    try:
        matcher = Matcher(known, semantic=semantic, cache_dir=cache_dir)
    except ImportError as exc:
        raise NewstraceError(f"semantic matching needs the extra: pip install 'newstrace[semantic]' ({exc})") from exc
    ranked = matcher.rank_many([q[1] for q in queries], top)
    _emit(({"id": q[0], "matches": [{"id": cid, "score": round(float(score), 4)} for cid, score in hits]}
           for q, hits in zip(queries, ranked)), fmt)


@cli.command()
@click.argument("texts_path", metavar="TEXTS.jsonl")
@_list_format_option
def group(texts_path, fmt):
    """Group texts by the claim they make: {"id", "claim"} per {"id", "text"} line (the similarity stack and
    clustering the claims step uses; the label is the first id of the group)."""
    from .claims import group_texts, make_similarity

    records = list(_read_jsonl(texts_path, ("id", "text")))
    labels = group_texts([str(r["text"]) for r in records], make_similarity())
    _emit(({"id": r["id"], "claim": str(records[label]["id"])} for r, label in zip(records, labels)), fmt)


@cli.command()
@_db_option
@click.option("--article", help="Only links from or to this article id.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True)
def reuse(db, article, fmt):
    """Reuse links between stored articles: reprints and shared passages, from the earlier to the later article.

    A reprint is not corroboration: a trail counts it as the same source. Links are found at ingest time.
    """
    from .store import Store

    with Store(db, readonly=True) as store:
        links = store.reuse_links(article)
    if fmt == "table":
        _table([{**l, "passages": len(l["passages"])} for l in links], ["from", "to", "type", "overlap", "passages"])
    else:
        _emit(links, fmt)


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True, help="Allow adding pages through the web API (read-only otherwise).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME", callback=_check_host_names,
              help="Also answer requests for this host name, on any port (repeatable). Otherwise only the loopback "
                   "names and --host, on --port, are answered: other Host headers get a 403 (DNS rebinding).")
def serve(db, host, port, allow_ingest, allow_hosts):
    """Web UI and JSON API over a database: claims, timelines, graphs, evidence, search, exports."""
    from .store import Store
    from .web import serve as run_server

    Store(db, readonly=True).close()  # a clear one-line error now rather than on the first request
    _check_port(host, port)
    click.echo(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run_server(db, host=host, port=port, allow_ingest=allow_ingest, allow_hosts=allow_hosts)


def _check_port(host: str, port: int) -> None:
    """A port that is taken (or not ours to bind) is a one-line error with the way out, before anything is printed
    about serving; uvicorn would otherwise log its own error and exit 3."""
    import errno
    import socket

    if not 0 < port < 65536:
        raise NewstraceError(f"--port {port}: not a port number (1-65535)")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise NewstraceError(f"--host {host}: cannot be resolved ({exc.strerror})") from exc
    family, _type, _proto, _name, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no conflict
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise NewstraceError(f"port {port} on {host} is already in use: pick another with --port "
                                     f"(e.g. --port {port + 1})") from exc
            raise NewstraceError(f"port {port} on {host}: cannot listen ({exc.strerror}); pick another with --port") \
                from exc


@cli.command()
@click.option("--db", default=None, help="Where to build the demo database (default: a temporary folder).")
@click.option("--serve/--no-serve", "serve_it", default=True, show_default=True,
              help="Serve the demo database in the browser when built.")
@click.option("--port", type=int, default=8000, show_default=True)
def demo(db, serve_it, port):
    """Ingest the bundled example pages (the seed page and articles written for newstrace), show what newstrace
    finds in them, and serve them in the browser."""
    import shutil
    import tempfile
    from importlib.resources import files

    if serve_it:
        _check_port("127.0.0.1", port)  # before the minutes of ingest, not after
    temporary = None if db else tempfile.mkdtemp(prefix="newstrace-demo-")
    kept = False
    try:
        _demo(db or os.path.join(temporary, "demo.db"), serve_it, port, str(files("newstrace") / "examples"),
              keep_hint=temporary is None or not serve_it)
        kept = not serve_it  # --no-serve: the user was told where the database is
    finally:  # served and stopped, Ctrl-C, a failed server, any error: a temporary demo leaves nothing behind
        if temporary and not kept:
            shutil.rmtree(temporary)


def _demo(db: str, serve_it: bool, port: int, examples: str, keep_hint: bool) -> None:
    from .pipeline import ingest as run_ingest
    from .store import Store

    with Store(db) as store:
        summary = run_ingest([examples], store)
        for line in summary.lines():
            click.echo(line, err=True)
        click.echo(f"demo database: {db}\n")
        _table([_article_row(a) for a in store.articles()], ["id", "published", "outlet", "labels", "title"])
        click.echo("\nsearch 'harbor sale':")
        for hit in store.search("harbor sale", 5):
            click.echo(f"  {hit['id']}  {' '.join(hit['snippet'].split())}")
        top = store.claims(1)
    if top:
        click.echo(f"\nmost discussed claim: {top[0]['text'][:100]}")
    if keep_hint:
        click.echo(f"\nnext: newstrace claims --db {db} · newstrace trail CLAIM_ID --db {db} · "
                   f"newstrace serve --db {db}")
    else:
        click.echo("\n(the temporary demo database is removed when the demo stops; --db FILE keeps one)")
    if serve_it:
        from .web import serve as run_server

        click.echo(f"\nserving the demo on http://127.0.0.1:{port}/ (Ctrl-C to stop)", err=True)
        run_server(db, host="127.0.0.1", port=port)


def _register_optional() -> None:
    # the Spark commands import pyspark only when run (a missing extra is a one-line error there)
    from .spark._cli import load as load_command
    from .spark._cli import spark as spark_group

    cli.add_command(spark_group)
    cli.add_command(load_command)


_register_optional()


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _warn("aborted")
        sys.exit(130)
    except click.UsageError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.ClickException as exc:  # errors raised by commands (spark, load): one line, like every other
        _warn(exc.format_message())
        sys.exit(exc.exit_code)
    except NewstraceError as exc:
        _warn(str(exc))
        sys.exit(1)
    except sqlite3.OperationalError as exc:  # the database failed under another command: one line, never a traceback
        _warn(f"database: {exc}")
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        _warn("interrupted")
        sys.exit(130)
