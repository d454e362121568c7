"""`parley run` with nothing new stops at once, before Dagster or spaCy load; anything that could change
the tables (a file, the code's settings, a damaged table) runs the pipeline as before."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from parley.freshness import input_key, unchanged_since
from parley.storage import Warehouse

ROOT = Path(__file__).parents[1]
HEAVY = ("dagster", "spacy", "pandas", "pyarrow", "duckdb", "pandera")


def parley_in_process(*argv: str, home: Path) -> subprocess.CompletedProcess:
    """`parley` in its own process; its last line of stdout lists the heavy modules it imported."""
    probe = (
        "import sys\nfrom pipelines.cli import main\n"
        f"code = main({list(argv)!r})\n"
        f"print('loaded:', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "sys.exit(code)"
    )
    env = os.environ | {"DAGSTER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_nothing_new_is_one_line_no_heavy_import_and_no_new_version(articles_dir, warehouse_dir, tmp_path):
    where = ("--articles", str(articles_dir), "--warehouse", str(warehouse_dir), "--workers", "1")
    first = parley_in_process("run", *where, "--quiet", home=tmp_path / "h")
    assert first.returncode == 0, first.stderr
    published = Warehouse(warehouse_dir).manifest().version

    start = time.perf_counter()
    again = parley_in_process("run", *where, home=tmp_path / "h")
    seconds = time.perf_counter() - start
    assert again.returncode == 0, again.stderr
    said, loaded = again.stdout.splitlines()
    assert said.startswith(f"nothing new in {articles_dir} since ") and "unchanged" in said
    assert loaded == "loaded: []"
    assert seconds < 1.5
    assert Warehouse(warehouse_dir).manifest().version == published

    forced = parley_in_process("run", *where, "--force", "--quiet", home=tmp_path / "h")
    assert forced.returncode == 0 and "'dagster'" in forced.stdout
    assert "'spacy'" not in forced.stdout  # nothing to parse: the run itself never imports spaCy
    assert Warehouse(warehouse_dir).manifest().version != published


def test_a_run_started_by_dagster_records_what_it_read(run_pipeline, articles_dir, warehouse_dir):
    """The sensor's and the schedules' runs go through the job, not the command: they record it too."""
    run_pipeline(articles_dir, warehouse_dir)
    key = input_key(articles_dir.resolve())
    assert unchanged_since(warehouse_dir, key) == Warehouse(warehouse_dir).manifest().created_at
    assert unchanged_since(warehouse_dir, input_key(articles_dir.resolve(), gate=False)) is None
    assert unchanged_since(warehouse_dir, input_key(articles_dir.resolve(), model="another_model")) is None


def test_any_change_to_the_folder_or_the_tables_means_a_run(run_pipeline, articles_dir, warehouse_dir):
    run_pipeline(articles_dir, warehouse_dir)
    key = input_key(articles_dir.resolve())
    assert unchanged_since(warehouse_dir, key) is not None

    readout = articles_dir / "readout-phone-call.txt"
    os.utime(readout, ns=(readout.stat().st_atime_ns, readout.stat().st_mtime_ns + 1_000_000_000))
    assert input_key(articles_dir.resolve()) != key  # rewritten in place
    os.utime(readout, ns=(readout.stat().st_atime_ns, readout.stat().st_mtime_ns - 1_000_000_000))
    assert input_key(articles_dir.resolve()) == key
    (articles_dir / "new.txt").write_text("Chile and Peru held talks in Lima on Monday.\n")
    assert input_key(articles_dir.resolve()) != key
    (articles_dir / "new.txt").unlink()
    assert input_key(articles_dir.resolve()) == key

    meetings = warehouse_dir / "meetings" / "part-0.parquet"
    meetings.write_bytes(meetings.read_bytes())  # same bytes, written after the publish
    assert unchanged_since(warehouse_dir, key) is None


def test_a_changed_setting_changes_the_key(articles_dir, monkeypatch):
    key = input_key(articles_dir.resolve())
    monkeypatch.setenv("PARLEY_PIECE_CHARS", "5000")
    assert input_key(articles_dir.resolve()) != key
    monkeypatch.delenv("PARLEY_PIECE_CHARS")
    monkeypatch.setenv("PARLEY_GATE", "0")
    assert input_key(articles_dir.resolve()) == input_key(articles_dir.resolve(), gate=False) != key
