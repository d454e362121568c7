"""The `parley` command: run the pipeline, query the warehouse, report, export, open the UI."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

from parley.errors import ParleyError
from pipelines.defaults import DEFAULT_ARTICLES, DEFAULT_SOURCES, DEFAULT_WAREHOUSE

# Heavy modules (Dagster, pandas, pyarrow, DuckDB, spaCy, rich) are imported inside the
# commands that need them: `parley --help` and a mistyped argument answer at once.


def _say(*lines: str, stream: Any = None) -> None:
    for line in lines:
        print(line, file=stream or sys.stderr)


def _quiet_logs(debug: bool) -> dict:
    """Dagster's console logs: step tracebacks only with --debug (parley prints one line per failure)."""
    return {"loggers": {"console": {"config": {"log_level": "INFO" if debug else "CRITICAL"}}}}


def run(args: argparse.Namespace) -> int:
    """Materialise every asset and check in-process on the project's Dagster instance.

    The arguments are checked and the warehouse locked before anything changes;
    the run publishes its tables at its end, so a failed run leaves the previous
    version as it was (and prints no counts).
    """
    from parley.preflight import check_articles

    articles = Path(args.articles).expanduser().resolve()
    check_articles(articles)
    if not (args.rebuild or args.force) and _nothing_new(args, articles):
        return 0
    from parley import workers

    workers.prestart(args.workers, args.model)  # they load the model while Dagster loads here
    try:
        return _run(args, articles)
    finally:
        workers.release()


def _run(args: argparse.Namespace, articles: Path) -> int:
    from parley.preflight import check_not_emptying
    from parley.storage import Warehouse

    store = Warehouse(args.warehouse)
    from pipelines.definitions import build_definitions
    from pipelines.instance import instance

    with store.lock():
        check_not_emptying(articles, store, args.allow_empty)
        if not args.rebuild:
            for problem in store.problems().values():
                _say(f"warning: {problem}; re-deriving it from the articles")
        defs = build_definitions(
            str(articles),
            store.uri,
            args.model,
            args.workers,
            rebuild=args.rebuild,
            allow_empty=args.allow_empty,
            gate=False if args.no_gate else None,
        )
        result = defs.resolve_job_def("parley").execute_in_process(
            run_config=_quiet_logs(args.debug), instance=instance(), raise_on_error=False
        )
        if not result.success:
            return _report_failure(result, store, args.debug)
        if not args.quiet:
            _report(result.run_id, store)
    return 0


def _nothing_new(args: argparse.Namespace, articles: Path) -> bool:
    """True (and one line said) when the published version was made from exactly this folder, code and
    settings: then there is nothing to do, and no Dagster, spaCy or pyarrow is even imported."""
    from parley.freshness import input_key, unchanged_since
    from parley.layout import warehouse_root

    warehouse = warehouse_root(args.warehouse)
    since = unchanged_since(warehouse, input_key(articles, args.model, False if args.no_gate else None))
    if since is None:
        return False
    if not args.quiet:
        _say(
            f"nothing new in {articles} since {since[:19].replace('T', ' ')} UTC; {warehouse} unchanged "
            "(--force runs anyway)",
            stream=sys.stdout,
        )
    return True


def _report_failure(result: Any, store: Any, debug: bool) -> int:
    """One line per failed step or check (the stack too with --debug), and what the warehouse holds now."""
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            if debug:
                _say(error.to_string())
            cause = error.cause if error.cause and "dagster" in error.cls_name.lower() else error
            message = cause.message.strip().splitlines()[0] if cause.message.strip() else cause.cls_name
            _say(f"error: step {event.step_key} failed: {message}")
        elif (
            event.event_type_value == "ASSET_CHECK_EVALUATION"
            and not event.asset_check_evaluation_data.passed
        ):
            data = event.asset_check_evaluation_data
            _say(f"error: check {data.asset_key.to_user_string()}:{data.check_name} failed")
    _say(f"nothing was published: {store.root} still holds the previous version (--debug shows tracebacks)")
    return 1


def _report(run_id: str, store: Any) -> None:
    """The published version's row counts and the rejects by reason."""
    from rich.console import Console
    from rich.table import Table

    out = Console()
    out.print(f"parley run {run_id[:8]} → {store.uri}")
    summary = Table()
    summary.add_column("table")
    summary.add_column("rows", justify="right")
    for table, rows in store.counts().items():
        summary.add_row(table, str(rows))
    out.print(summary)
    rejected = store.read("rejects", columns=["stage", "reason"])
    if rejected is not None:
        for (stage, reason), rows in rejected.to_pandas().groupby(["stage", "reason"]).size().items():
            out.print(f"  rejected at {stage}: {reason} × {rows}")


def fetch(args: argparse.Namespace) -> int:
    """Fetch the feeds of the sources file into `<articles>/fetched/` (a run of the `fetch` job on the
    project's instance, so it shows in the UI), print what each source gave; `--run` then runs."""
    from parley.fetch import load_sources
    from pipelines.definitions import build_definitions
    from pipelines.instance import instance

    sources = Path(args.sources).expanduser().resolve()
    load_sources(sources)  # a bad file is one clear message before anything starts
    articles = Path(args.articles).expanduser().resolve()
    articles.mkdir(parents=True, exist_ok=True)
    defs = build_definitions(str(articles), sources=str(sources))
    result = defs.resolve_job_def("fetch").execute_in_process(
        run_config=_quiet_logs(args.debug), instance=instance(), raise_on_error=False
    )
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                error = event.step_failure_data.error
                _say(error.to_string() if args.debug else f"error: fetch failed: {error.message.strip()}")
        return 1
    (materialization,) = result.asset_materializations_for_node("fetched_articles")
    reports = materialization.metadata["reports"].value
    if not args.quiet:
        _report_fetch(reports, articles)
    return run(args) if args.run else 0


def _report_fetch(reports: list[dict], articles: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console()
    table = Table(title=f"fetched into {articles / 'fetched'}")
    columns = ("name", "feed", "seen", "new", "known", "duplicates", "filtered", "failed")
    for column in columns:
        table.add_column(column, justify="left" if column in ("name", "feed") else "right")
    for report in reports:
        table.add_row(*(str(report[c]) for c in columns))
    out.print(table)
    for report in reports:
        if report["error"]:
            out.print(f"  {report['name']}: {report['error']}", markup=False, soft_wrap=True)
    out.print("failures show in rejects (stage fetch) after the next `parley run` on this folder")


def sql(args: argparse.Namespace) -> int:
    """One read statement over the views, in a sandbox (`parley.sql_sandbox`); prints a table, CSV or JSON."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Column, Table
    from rich.text import Text

    from parley import sql_sandbox
    from parley.storage import Warehouse
    from parley.views import db_path, display

    try:
        store = Warehouse(args.warehouse)
        columns, rows = sql_sandbox.query(db_path(store), args.query, store.local_root)
    except Exception as e:  # duckdb raises many kinds; the message is what the user needs
        message = escape(sql_sandbox.escape_controls(str(e)))
        Console(stderr=True).print(f"[red]error:[/red] {message}", soft_wrap=True)
        return 1
    columns = [sql_sandbox.escape_controls(c) for c in columns]
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(sql_sandbox.safe(r) for r in rows)
    elif args.format == "json":  # json.dumps escapes control characters itself
        print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, indent=2))
    else:
        table = Table(*(Column(Text(c)) for c in columns))
        for r in rows:
            table.add_row(*(Text(sql_sandbox.escape_controls(display(v))) for v in r))
        Console().print(table)
    return 0


def report(args: argparse.Namespace) -> int:
    """Materialise the `report` asset on the project's instance (the UI shows it) and print its path."""
    import webbrowser

    from parley.report import report_path
    from parley.storage import Warehouse

    store = Warehouse(args.warehouse)
    if store.manifest() is None:
        raise ParleyError(f"{store.root} holds no published tables yet: run `parley run` first")
    import dagster as dg

    from assets.report import report as report_asset
    from pipelines.instance import instance
    from pipelines.resources import WarehouseResource

    with store.lock():
        result = dg.materialize(
            [report_asset],
            resources={"warehouse": WarehouseResource(uri=store.uri)},
            instance=instance(),
            run_config=_quiet_logs(args.debug),
            raise_on_error=False,
        )
    if not result.success:
        return _report_failure(result, store, args.debug)
    path = report_path(store)
    print(path)
    if args.open:
        webbrowser.open(path.as_uri())
    return 0


def export(args: argparse.Namespace) -> int:
    """The published tables in one format, one file per table, into --out; prints the files."""
    from parley.exports import export as write_export
    from parley.storage import Warehouse

    store = Warehouse(args.warehouse)
    with store.lock() if store.manifest() is not None else contextlib.nullcontext():
        written = write_export(store, args.format, Path(args.out).expanduser().resolve())
    for path in written:
        print(path)
    return 0


def ui(args: argparse.Namespace) -> int:
    """`dagster dev` on the project's instance, bound to 127.0.0.1 unless told otherwise.

    It runs in a session of its own: stopping `parley ui` (Ctrl-C, SIGTERM)
    stops the webserver, the daemon and the code servers with it.
    """
    from parley.storage import Warehouse
    from pipelines.instance import ensure_home
    from pipelines.supervise import run_supervised

    ensure_home()
    env = os.environ | {
        "PARLEY_ARTICLES": str(Path(args.articles).expanduser().resolve()),
        "PARLEY_WAREHOUSE": Warehouse(args.warehouse).uri,
    }
    workspace = Path(__file__).resolve().parents[1] / "workspace.yaml"
    dev = [
        sys.executable,
        "-m",
        "dagster",
        "dev",
        "-w",
        str(workspace),
        "-h",
        args.host,
        "-p",
        str(args.port),
    ]
    return run_supervised(dev, env=env, cwd=workspace.parent)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="parley", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show tracebacks and Dagster's logs")

    def locations(cmd: argparse.ArgumentParser, articles: bool = True) -> None:
        if articles:
            cmd.add_argument(
                "--articles",
                default=os.environ.get("PARLEY_ARTICLES", DEFAULT_ARTICLES),
                help="input folder (default: %(default)s)",
            )
        cmd.add_argument(
            "--warehouse",
            default=os.environ.get("PARLEY_WAREHOUSE", DEFAULT_WAREHOUSE),
            help="warehouse folder or file:// URI (default: %(default)s)",
        )

    for name, rebuild in (("run", False), ("rebuild", True)):
        help_text = (
            "materialise everything"
            if not rebuild
            else "re-derive every table from the articles, ignoring the stored ones (swapped in on success)"
        )
        cmd = sub.add_parser(name, help=help_text, parents=[common])
        locations(cmd)
        cmd.add_argument(
            "--model", default=os.environ.get("PARLEY_SPACY_MODEL"), help="spaCy model package or path"
        )
        cmd.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("PARLEY_WORKERS", os.cpu_count() or 1)),
            help="processes reading articles (default: PARLEY_WORKERS or the number of cores, %(default)s)",
        )
        cmd.add_argument(
            "--allow-empty",
            action="store_true",
            help="let an empty articles folder empty a warehouse that holds articles",
        )
        cmd.add_argument(
            "--no-gate",
            action="store_true",
            help="parse every article, also those the relevance gate finds unable to hold a meeting "
            "(PARLEY_GATE=0 does the same)",
        )
        cmd.add_argument("--quiet", action="store_true", help="print only errors")
        if not rebuild:
            cmd.add_argument(
                "--force",
                action="store_true",
                help="run even when nothing changed since the published version",
            )
        cmd.set_defaults(func=run, rebuild=rebuild, force=rebuild)

    cmd = sub.add_parser(
        "fetch", help="fetch the new items of the feeds in the sources file", parents=[common]
    )
    locations(cmd)
    cmd.add_argument(
        "--sources",
        default=os.environ.get("PARLEY_SOURCES", DEFAULT_SOURCES),
        help="the feeds to read (default: %(default)s; see sources.example.yaml)",
    )
    cmd.add_argument("--run", action="store_true", help="then materialise everything, as `parley run`")
    cmd.add_argument("--quiet", action="store_true", help="print only errors")
    cmd.set_defaults(
        func=fetch,
        rebuild=False,
        allow_empty=False,
        model=os.environ.get("PARLEY_SPACY_MODEL"),
        workers=int(os.environ.get("PARLEY_WORKERS", os.cpu_count() or 1)),
        no_gate=False,
        force=False,
    )

    cmd = sub.add_parser("sql", help="run read-only SQL against the DuckDB views", parents=[common])
    cmd.add_argument("query")
    locations(cmd, articles=False)
    cmd.add_argument("--format", choices=("table", "csv", "json"), default="table")
    cmd.set_defaults(func=sql)

    cmd = sub.add_parser(
        "report", help="write the HTML report (charts, latest meetings) and print its path", parents=[common]
    )
    locations(cmd, articles=False)
    cmd.add_argument("--open", action="store_true", help="open it in the default browser")
    cmd.set_defaults(func=report)

    cmd = sub.add_parser(
        "export", help="write every table as CSV, JSON Lines, Parquet, or PLOVER events", parents=[common]
    )
    locations(cmd, articles=False)
    cmd.add_argument("--format", required=True, choices=("csv", "jsonl", "parquet", "plover"))
    cmd.add_argument("--out", required=True, help="folder to write into (created if missing)")
    cmd.set_defaults(func=export)

    cmd = sub.add_parser("ui", help="start the Dagster UI", parents=[common])
    locations(cmd)
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=3000)
    cmd.set_defaults(func=ui)
    return p


def command(*args: str) -> list[str]:
    """The `parley` command line for a subprocess, run by this interpreter."""
    return [sys.executable, "-m", "pipelines.cli", *args]


def main(argv: list[str] | None = None) -> int:
    """Exit status 0 on success, 1 when the run or query failed, 2 for a cause the user can fix."""
    # Arrow's default allocator (mimalloc) keeps what it freed: at 100,000 articles the process held
    # about 10% more at its peak than with the C library's, which gives large blocks back.
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ParleyError as e:
        _say(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        if args.debug:
            raise
        _say(f"error: {type(e).__name__}: {e}", "(run again with --debug for the traceback)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
