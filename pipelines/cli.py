"""The `parley` command: run the pipeline, query the warehouse, open the UI."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from parley.storage import Warehouse, WarehouseError
from parley.views import db_path, display
from pipelines.definitions import DEFAULT_ARTICLES, DEFAULT_WAREHOUSE, build_definitions
from pipelines.instance import ensure_home, instance
from schemas.tables import TABLES

out = Console()
err = Console(stderr=True)


def _counts(store: Warehouse) -> dict[str, int]:
    return {
        t: pq.ParquetFile(store.path(t), filesystem=store.fs).metadata.num_rows
        for t in TABLES
        if store.exists(t)
    }


def run(args: argparse.Namespace) -> int:
    """Materialise every asset and check in-process on the project's Dagster instance."""
    store = Warehouse(args.warehouse)
    if args.rebuild:
        store.drop()
    defs = build_definitions(str(Path(args.articles).resolve()), store.uri, args.model, args.workers)
    quiet_logs = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
    result = defs.resolve_job_def("parley").execute_in_process(
        run_config=quiet_logs, instance=instance(), raise_on_error=False
    )
    failed_checks = [
        f"{e.asset_check_evaluation_data.asset_key.to_user_string()}:{e.asset_check_evaluation_data.check_name}"
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.asset_check_evaluation_data.passed
    ]
    if not args.quiet:
        out.print(f"parley run {result.run_id[:8]} → {store.uri}")
        summary = Table()
        summary.add_column("table")
        summary.add_column("rows", justify="right")
        for table, rows in _counts(store).items():
            summary.add_row(table, str(rows))
        out.print(summary)
        if store.exists("rejects"):
            rejected = store.read("rejects", columns=["stage", "reason"]).to_pandas()
            for (stage, reason), rows in rejected.groupby(["stage", "reason"]).size().items():
                out.print(f"  rejected at {stage}: {reason} × {rows}")
    for check in failed_checks:
        err.print(f"[red]check failed:[/red] {check}")
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                err.print(
                    f"[red]step failed:[/red] {event.step_key}: {event.step_failure_data.error.message.strip()}"
                )
        return 1
    return 0


def sql(args: argparse.Namespace) -> int:
    """One read statement over the views, in a sandbox (`parley.sql_sandbox`); prints a table, CSV or JSON."""
    from rich.markup import escape
    from rich.table import Column
    from rich.text import Text

    from parley import sql_sandbox

    try:
        store = Warehouse(args.warehouse)
        columns, rows = sql_sandbox.query(db_path(store), args.query, store.local_root)
    except Exception as e:  # duckdb raises many kinds; the message is what the user needs
        err.print(f"[red]error:[/red] {escape(sql_sandbox.escape_controls(str(e)))}", soft_wrap=True)
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
        out.print(table)
    return 0


def ui(args: argparse.Namespace) -> int:
    """`dagster dev` on the project's instance, bound to 127.0.0.1 unless told otherwise."""
    ensure_home()
    env = os.environ | {
        "PARLEY_ARTICLES": str(Path(args.articles).resolve()),
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
    return subprocess.call(dev, env=env, cwd=workspace.parent)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="parley", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def locations(cmd: argparse.ArgumentParser, articles: bool = True) -> None:
        if articles:
            cmd.add_argument(
                "--articles", default=DEFAULT_ARTICLES, help="input folder (default: %(default)s)"
            )
        cmd.add_argument(
            "--warehouse", default=DEFAULT_WAREHOUSE, help="warehouse path or URI (default: %(default)s)"
        )

    for name, rebuild in (("run", False), ("rebuild", True)):
        help_text = (
            "materialise everything"
            if not rebuild
            else "drop the warehouse and re-derive it from the articles"
        )
        cmd = sub.add_parser(name, help=help_text)
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
        cmd.add_argument("--quiet", action="store_true", help="print only errors")
        cmd.set_defaults(func=run, rebuild=rebuild)

    cmd = sub.add_parser("sql", help="run read-only SQL against the DuckDB views")
    cmd.add_argument("query")
    locations(cmd, articles=False)
    cmd.add_argument("--format", choices=("table", "csv", "json"), default="table")
    cmd.set_defaults(func=sql)

    cmd = sub.add_parser("ui", help="start the Dagster UI")
    locations(cmd)
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=3000)
    cmd.set_defaults(func=ui)
    return p


def command(*args: str) -> list[str]:
    """The `parley` command line for a subprocess, run by this interpreter."""
    return [sys.executable, "-m", "pipelines.cli", *args]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except WarehouseError as e:
        err.print(f"[red]error:[/red] {e}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
