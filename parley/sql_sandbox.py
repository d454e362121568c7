"""`parley sql` as a sandbox: one statement that reads, over the warehouse's own files, answered safely.

DuckDB's read-only mode protects only the `.duckdb` file: COPY, read_text, glob and ATTACH still reach
the disk, and a COPY into `<warehouse>/<table>` replaces a table. So before a query runs:
- DuckDB's own parser must find exactly one statement, and it must only read: a SELECT (which also
  covers WITH, FROM-first, VALUES, DESCRIBE, SHOW and SUMMARIZE), or an EXPLAIN of one (EXPLAIN
  ANALYZE runs the statement it explains);
- the connection opens no file outside the warehouse folder (`allowed_directories` holds the folder as
  given and resolved, so tables reached through symbolic links inside it still read), loads no
  extension, and has its configuration locked so that the query cannot lift any of this.
Control characters in the answer (an ANSI escape in an article title) are shown escaped (`\\x1b`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from parley.views import view_names, view_sql

_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?", re.IGNORECASE)
# C0 and C1 controls and DEL, except tab and newline, which a table or CSV shows as layout.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Refused(ValueError):
    """A query the sandbox does not run; the message says why, in one line."""


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    try:
        return con.extract_statements(sql)
    except duckdb.Error as error:
        raise Refused(_first_line(error)) from None


def check(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise Refused unless `sql` is exactly one statement that only reads."""
    statements = _statements(con, sql)
    if len(statements) != 1:
        raise Refused(f"one statement per call, got {len(statements)}")
    statement = statements[0]
    if statement.type == duckdb.StatementType.SELECT:
        return
    if statement.type == duckdb.StatementType.EXPLAIN:
        prefix = _EXPLAIN.match(statement.query)
        inner = _statements(con, statement.query[prefix.end() :]) if prefix else []
        if len(inner) == 1 and inner[0].type == duckdb.StatementType.SELECT:
            return
        raise Refused("EXPLAIN is allowed only of a statement that reads (SELECT, WITH, FROM, ...)")
    raise Refused(
        "only a statement that reads may run (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN), "
        f"not {statement.type.name}"
    )


def connect(db: Path, warehouse: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection with `db`'s views that can open files only inside `warehouse` (default: db's folder).

    The views are made anew in memory over the warehouse's absolute paths: DuckDB's file checks refuse
    the relative paths that keep `parley.duckdb` portable, and `db` itself is never opened for writing."""
    folder = os.path.abspath(warehouse or db.parent)
    allowed = sorted({folder + os.sep, os.path.realpath(folder) + os.sep})
    con = duckdb.connect(
        ":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    try:
        for table in view_names(db):
            con.execute(view_sql(table, Path(folder)))
        con.execute("SET allowed_directories = $1", [allowed])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def query(db: Path, sql: str, warehouse: Path | None = None) -> tuple[list[str], list[tuple]]:
    """Columns and rows of one read statement over the views in `db`, reading files only in `warehouse`."""
    if not db.exists():
        raise FileNotFoundError(f"{db} does not exist yet: run `parley run` first")
    with connect(db, warehouse) as con:
        check(con, sql)
        cursor = con.execute(sql)
        return [d[0] for d in cursor.description or []], cursor.fetchall()


def escape_controls(text: str) -> str:
    """`text` with control characters written as `\\x1b` escapes, so that none reaches the terminal."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def safe(value: object) -> object:
    """A value of an answer with every string in it escaped (lists and structs included)."""
    if isinstance(value, str):
        return escape_controls(value)
    if isinstance(value, list | tuple):
        return type(value)(safe(item) for item in value)
    if isinstance(value, dict):
        return {safe(key): safe(item) for key, item in value.items()}
    return value
