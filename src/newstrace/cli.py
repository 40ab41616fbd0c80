"""The ``newstrace`` command: a thin click layer over the library (see README for every command)."""
from __future__ import annotations

import csv
import json
import os
import sys
from typing import Iterable

import click

from . import __version__
from ._errors import NewstraceError
from .models import Article
from .read import ReadStats, Reject

DEFAULT_DB = "newstrace.db"
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
    """Write records as jsonl, json (one object alone, else a list) or csv; returns how many."""
    out = click.get_text_stream("stdout")
    if fmt == "jsonl":
        n = 0
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
    records = list(records)
    if fmt == "json":
        out.write(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv" and records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]))
        writer.writeheader()
        for record in records:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in record.items()})
    return len(records)


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

    Stateless: nothing is stored. Bad inputs are named on stderr, one line each, and the exit status is 1.
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

    _emit(articles(), fmt)
    if rejects:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@_given_options
def ingest(paths, db, quiet, url, outlet, fetched_at, kind):
    """Read, extract and store pages; the same page twice is stored once. Summary on stderr.

    Bad inputs are stored as rejects with their reasons (see 'newstrace rejects'); the exit status is 0
    as long as the database could be written.
    """
    from tqdm import tqdm

    from .pipeline import ingest as run_ingest
    from .store import Store

    with Store(db) as store, tqdm(unit=" page", file=sys.stderr, disable=quiet, desc="ingest",
                                  dynamic_ncols=True, leave=False) as bar:
        summary = run_ingest(paths, store, progress=lambda _s: bar.update(1),
                             url=url, outlet=outlet, fetched_at=fetched_at, kind=kind)
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)


def _article_row(article: Article) -> dict:
    return {"id": article.id, "published": (article.published or "")[:10], "outlet": article.outlet or "",
            "labels": ",".join(article.labels), "title": article.title or "(no title)"}


def _table(rows: list[dict], columns: list[str]) -> None:
    if not rows:
        click.echo("(nothing)", err=True)
        return
    widths = {c: min(60, max(len(c), *(len(str(r[c])) for r in rows))) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        click.echo("  ".join(str(row[c])[: widths[c]].ljust(widths[c]) for c in columns).rstrip())


@cli.command()
@_db_option
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--label", help="Only articles with this label (Opinion, Analysis, ...).")
@click.option("--limit", type=int, help="At most this many.")
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
        _emit([article.to_dict()], "json")
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
@click.option("--limit", type=int, default=20, show_default=True)
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
@click.option("--published", help="Publication date for --plain texts (resolves 'on Monday', 'yesterday').")
@click.option("--db", default=None, help="Query stored statements instead of reading PATHs.", envvar="NEWSTRACE_DB")
@click.option("--speaker", help="With --db: only this speaker (resolved name, case-insensitive).")
@click.option("--type", "speaker_type", type=click.Choice(["person", "organization", "outlet", "anonymous",
                                                         "document", "unknown"]), help="With --db: speaker type.")
@click.option("--article", help="With --db: only this article id.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True)
@_given_options
def statements(paths, plain, published, db, speaker, speaker_type, article, fmt, url, outlet, fetched_at, kind):
    """Who said what: one Statement per line (speaker, cue, content with offsets, date, relayed via).

    With PATHs, reads and analyses them (stateless); without, lists statements stored by 'ingest' (--db).
    """
    from .analyse import extract_article_statements, load_pipeline

    if not paths:
        from .store import Store

        with Store(db or DEFAULT_DB, readonly=True) as store:
            found = list(store.statements(article=article, speaker=speaker, speaker_type=speaker_type))
        _emit_statements(found, fmt)
        return
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
            yield from extract_article_statements(_plain_article(item, published) if plain else item, nlp)

    _emit_statements(generate(), fmt)
    if rejects:
        sys.exit(1)


def _plain_article(doc, published: str | None) -> Article:
    from .extract._decode import decode
    from .models import article_id

    text, _ = decode(doc.content, doc.source)
    return Article(id=article_id(doc.content), source=doc.source, text=text, published=published)


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
@click.option("--limit", type=int, help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table", "csv"]), default="jsonl",
              show_default=True)
def claims(db, limit, fmt):
    """Claims found in the stored articles: {id, text, articles, statements, first_date}, most discussed first."""
    from .store import Store

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

    QUERY is a claim id or free text (the best-matching stored claim). Formats: a readable timeline, the Trail
    JSON, GraphML of the propagation graph (Gephi), or schema.org Claim markup.
    """
    from .store import Store
    from .trail import build_trail, find_claim, to_claimreview, to_graphml, to_text

    with Store(db, readonly=True) as store:
        claim = find_claim(store, query)
        if claim is None:
            raise NewstraceError(f"{query}: no stored claim matches (see 'newstrace claims')")
        result = build_trail(store, claim)
        urls = store.article_urls({e["article"] for e in result["events"]}) if fmt == "claimreview" else {}
    if fmt == "text":
        click.echo(to_text(result))
    elif fmt == "json":
        _emit([result], "json")
    elif fmt == "graphml":
        click.echo(to_graphml(result))
    else:
        _emit([to_claimreview(result, urls)], "json")


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
@click.option("--batch", type=int, default=256, show_default=True, help="Pairs classified at a time.")
def stance(pairs_path, batch):
    """Stance of each text toward its claim: asserts, denies, reports or unrelated, with a score in 0..1.

    The shipped model is trained on FNC-1 (headline/body pairs); see README for its measured figures.
    """
    from .stance import load_model

    records = _read_jsonl(pairs_path, ("id", "claim", "text"))
    model = load_model()
    out = click.get_text_stream("stdout")
    for start in range(0, len(records), batch):
        chunk = records[start : start + batch]
        for record, (label, score) in zip(chunk, model.predict([(str(r["claim"]), str(r["text"])) for r in chunk])):
            out.write(json.dumps({"id": record["id"], "stance": label, "score": round(float(score), 4)}) + "\n")


@cli.command()
@click.option("--claims", "claims_path", required=True, help="TSV of known claims: id<TAB>text[<TAB>title].")
@click.option("--queries", "queries_path", required=True, help="TSV of texts to match: id<TAB>text ('-' for stdin).")
@click.option("--top", type=int, default=5, show_default=True)
@click.option("--semantic/--light", default=None,
              help="Force the sentence-embedding path (needs newstrace[semantic]) or the light BM25 path; "
                   "default: semantic when installed.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Keep claim embeddings here between runs (semantic path).")
def match(claims_path, queries_path, top, semantic, cache_dir):
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
           for q, hits in zip(queries, ranked)), "jsonl")


@cli.command()
@click.argument("texts_path", metavar="TEXTS.jsonl")
def group(texts_path):
    """Group texts by the claim they make: {"id", "claim"} per {"id", "text"} line (the grouping ingest uses)."""
    from .trail import ClaimIndex

    index = ClaimIndex()
    out = []
    for record in _read_jsonl(texts_path, ("id", "text")):
        claim = index.add(str(record["text"]))
        # a text too vague to found a claim stands alone
        out.append({"id": record["id"], "claim": claim.id if claim else f"alone:{record['id']}"})
    _emit(out, "jsonl")


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
def serve(db, host, port, allow_ingest):
    """Web UI and JSON API over a database: claims, timelines, graphs, evidence, search, exports."""
    from .store import Store
    from .web import serve as run_server

    Store(db, readonly=True).close()  # a clear one-line error now rather than on the first request
    click.echo(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run_server(db, host=host, port=port, allow_ingest=allow_ingest)


@cli.command()
@click.option("--db", default=None, help="Where to build the demo database (default: a temporary folder).")
@click.option("--serve/--no-serve", "serve_it", default=True, show_default=True,
              help="Serve the demo database in the browser when built.")
@click.option("--port", type=int, default=8000, show_default=True)
def demo(db, serve_it, port):
    """Ingest the bundled example pages (the seed page and articles written for newstrace), show what newstrace
    finds in them, and serve them in the browser."""
    import tempfile
    from importlib.resources import files

    from .pipeline import ingest as run_ingest
    from .store import Store

    examples = str(files("newstrace") / "examples")
    db = db or os.path.join(tempfile.mkdtemp(prefix="newstrace-demo-"), "demo.db")
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
    click.echo(f"\nnext: newstrace claims --db {db} · newstrace trail CLAIM_ID --db {db} · newstrace serve --db {db}")
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
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewstraceError as exc:
        _warn(str(exc))
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        _warn("interrupted")
        sys.exit(130)
