"""`parley sql` as a sandbox: every attack an adversary ran on main is refused and changes nothing on disk;
the statements that read still answer, through symbolic links inside the warehouse too."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from hostile import GOOD_BODY, front_matter
from pipelines.cli import command as parley_command
from pipelines.cli import main as parley
from pipelines.definitions import build_definitions

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
ANSI_TITLE = "\x1b[31mRed alert\x1b[0m [/bold] in Oslo\x07"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A warehouse built by a real run, an outside folder with a file and a database of its own."""
    base = tmp_path_factory.mktemp("sandbox")
    articles = base / "articles"
    shutil.copytree(FIXTURES, articles)
    (articles / "ansi.md").write_text(front_matter(GOOD_BODY, title=ANSI_TITLE), encoding="utf-8")
    warehouse = base / "warehouse"
    with dg.instance_for_test() as instance:
        defs = build_definitions(str(articles), str(warehouse))
        assert defs.resolve_job_def("parley").execute_in_process(instance=instance).success
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the analyst\n")
    with duckdb.connect(str(outside / "other.duckdb")) as con:
        con.execute("CREATE TABLE kept AS SELECT 42 AS answer")
    return {"warehouse": warehouse, "outside": outside, "base": base}


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry below `folder`: a file's size and content hash, a link's target."""
    state: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                state[key] = ("link", os.readlink(path))
            elif path.is_file():
                state[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                state[key] = ("dir",)
    return state


def sql(site: dict[str, Path], query: str, *extra: str, warehouse: Path | None = None) -> int:
    return parley(["sql", query, "--warehouse", str(warehouse or site["warehouse"]), *extra])


ATTACKS = [
    ("COPY (SELECT 1 AS x) TO '{warehouse}/meetings' (FORMAT parquet, PARTITION_BY (x), OVERWRITE)", "COPY"),
    ("COPY (SELECT 1 AS x) TO '{warehouse}/meetings/part-0.parquet' (FORMAT parquet)", "COPY"),
    ("COPY (SELECT 1 AS x) TO '{outside}/written.csv'", "COPY"),
    ("EXPLAIN ANALYZE COPY (SELECT 1 AS x) TO '{warehouse}/written.csv'", "EXPLAIN is allowed only"),
    ("SELECT * FROM read_text('/etc/passwd')", "Permission Error"),
    ("SELECT * FROM read_csv('/etc/passwd')", "Permission Error"),
    ("SELECT * FROM glob('/root/**')", "Permission Error"),
    ("SELECT * FROM read_text('{outside}/secret.txt')", "Permission Error"),
    ("SELECT * FROM read_text('{warehouse}/../outside/secret.txt')", "Permission Error"),
    ("ATTACH '{outside}/other.duckdb' AS other (READ_WRITE)", "ATTACH"),
    ("SELECT 1; DROP VIEW meetings", "one statement per call, got 2"),
    ("SELECT 1; SELECT 2", "one statement per call, got 2"),
    ("  ", "one statement per call, got 0"),
    ("SET enable_external_access = true", "SET"),
    ("INSTALL httpfs", "LOAD"),
    ("CREATE TABLE x AS SELECT 1", "CREATE"),
]


@pytest.mark.parametrize(("attack", "message"), ATTACKS, ids=[a for a, _ in ATTACKS])
def test_attack_is_refused_and_changes_nothing_on_disk(site, attack, message, capsys):
    before = snapshot(site["base"])
    query = attack.format(warehouse=site["warehouse"], outside=site["outside"])
    assert sql(site, query) == 1
    error = capsys.readouterr().err
    assert error.startswith("error:") and message in error, error
    if message not in ("Permission Error",):  # refused before DuckDB runs anything: one line
        assert len(error.strip().splitlines()) == 1, error
    assert snapshot(site["base"]) == before
    with duckdb.connect(str(site["outside"] / "other.duckdb"), read_only=True) as con:
        assert con.execute("SELECT answer FROM kept").fetchall() == [(42,)]


READS = [
    "SELECT count(*) AS n FROM meetings",
    "WITH sides AS (SELECT unnest(countries) AS country FROM meetings) SELECT country, count(*) FROM sides GROUP BY ALL",
    "FROM articles SELECT title LIMIT 2",
    "DESCRIBE meetings",
    "SHOW TABLES",
    "SUMMARIZE participants",
    "EXPLAIN SELECT * FROM meetings",
    "EXPLAIN ANALYZE SELECT count(*) FROM positions",
    "SELECT count(*) FROM read_parquet('{warehouse}/meetings/*.parquet')",
    "SELECT count(*) FROM glob('{warehouse}/*/*.parquet')",
]


@pytest.mark.parametrize("query", READS)
def test_statements_that_read_still_answer(site, query, capsys):
    assert sql(site, query.format(warehouse=site["warehouse"]), "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and any(rows[0].values())


def test_symlinked_folders_inside_the_warehouse_still_read(site, tmp_path, capsys):
    """The warehouse's own layout (`<table>` → `current/<table>` → `.versions/<id>/<table>`), reached
    through a link to a copy of the warehouse: the copy's files read, the original's do not."""
    warehouse = tmp_path / "warehouse"
    shutil.copytree(site["warehouse"], warehouse, symlinks=True)
    assert (warehouse / "meetings").is_symlink() and (warehouse / "current").is_symlink()
    link = tmp_path / "link"
    link.symlink_to(warehouse, target_is_directory=True)
    query = "SELECT count(*) AS n FROM meetings JOIN articles USING (article_id)"
    assert sql(site, query, "--format", "json", warehouse=link) == 0
    assert json.loads(capsys.readouterr().out)[0]["n"] > 0
    assert sql(site, f"SELECT * FROM read_text('{site['warehouse']}/parley.duckdb')", warehouse=link) == 1
    assert "Permission Error" in capsys.readouterr().err  # the other warehouse is outside this one


@pytest.mark.parametrize("output", ["table", "csv", "json"])
def test_control_characters_never_reach_the_terminal(site, output):
    query = "SELECT title, title AS \"\x1b[2Jcolumn\" FROM articles WHERE title LIKE '%Red alert%'"
    done = subprocess.run(
        parley_command("sql", query, "--warehouse", str(site["warehouse"]), "--format", output),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert b"Red alert" in done.stdout
    assert not any(byte < 0x20 and byte not in b"\n\r\t" for byte in done.stdout), done.stdout
    assert b"\\x1b" in done.stdout or b"\\u001b" in done.stdout
