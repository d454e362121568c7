"""The `parley` command as a user runs it: counts after a run, SQL in three formats, errors that
name their cause, arguments checked before anything changes, a UI that stops whole."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from parley.storage import Warehouse
from pipelines.cli import command as parley_command
from pipelines.cli import main as parley
from pipelines.supervise import processes

ROOT = Path(__file__).parents[1]


def test_run_prints_counts_then_sql_answers_in_every_format(
    articles_dir, warehouse_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    assert (
        parley(["run", "--articles", str(articles_dir), "--warehouse", str(warehouse_dir), "--workers", "1"])
        == 0
    )
    printed = capsys.readouterr().out
    for table in ("articles", "meetings", "participants", "positions", "agreements", "rejects"):
        assert table in printed
    query = "SELECT name, country FROM participants ORDER BY name"
    assert parley(["sql", query, "--warehouse", str(warehouse_dir), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"name": "Amara Okafor", "country": "NGA"} in rows
    assert parley(["sql", query, "--warehouse", str(warehouse_dir), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "name,country"
    assert parley(["sql", "SELECT nonsense FROM nowhere", "--warehouse", str(warehouse_dir)]) == 1
    assert "nowhere" in capsys.readouterr().err


def test_sql_before_any_run_says_what_to_do(tmp_path, capsys):
    assert parley(["sql", "SELECT 1", "--warehouse", str(tmp_path / "empty")]) == 1
    assert "parley run" in capsys.readouterr().err


def parley_process(*args: str, home: Path, **kwargs) -> subprocess.CompletedProcess:
    """`parley` in a process of its own, as a user runs it (stdout and stderr kept apart)."""
    env = os.environ | {"DAGSTER_HOME": str(home)}
    return subprocess.run(
        parley_command(*args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


def test_help_imports_no_heavy_module():
    """`parley --help` answers at once: Dagster, spaCy, pandas, pyarrow, DuckDB load only in commands."""
    heavy = ("dagster", "spacy", "pandas", "pyarrow", "duckdb", "pandera")
    probe = (
        "import sys\nfrom pipelines.cli import main\n"
        "for argv in (['--help'], ['run', '--help'], ['sql', '--help'], ['fetch', '--help'],"
        " ['report', '--help'], ['export', '--help']):\n"
        "    try:\n        main(argv)\n    except SystemExit as e:\n        assert e.code == 0\n"
        f"print('loaded:', sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "materialise everything" in done.stdout
    assert done.stdout.splitlines()[-1] == "loaded: []"


def test_the_definitions_import_neither_spacy_nor_the_reports_libraries():
    """The main process of a run imports the definitions; spaCy loads where articles are parsed,
    altair and vl-convert where the report is drawn (each about half a second)."""
    heavy = ("spacy", "thinc", "altair", "vl_convert")
    probe = (
        "import sys\nimport pipelines.definitions\n"
        f"print('loaded:', sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "loaded: []"


def test_missing_articles_folder_is_one_line_and_touches_nothing(articles_dir, warehouse_dir, tmp_path):
    assert (
        parley_process(
            "run", "--articles", str(articles_dir), "--warehouse", str(warehouse_dir), home=tmp_path / "h"
        ).returncode
        == 0
    )
    before = Warehouse(warehouse_dir).manifest()
    missing = tmp_path / "nonexistent"
    for command in ("run", "rebuild"):
        done = parley_process(
            command, "--articles", str(missing), "--warehouse", str(warehouse_dir), home=tmp_path / "h"
        )
        assert done.returncode == 2
        assert done.stderr.splitlines() == [f"error: articles folder {missing} does not exist"]
        assert done.stdout == ""  # no counts of the previous run passed off as this one's
    assert Warehouse(warehouse_dir).manifest() == before
    fresh = tmp_path / "fresh"
    assert (
        parley_process(
            "run", "--articles", str(missing), "--warehouse", str(fresh), home=tmp_path / "h"
        ).returncode
        == 2
    )
    assert not fresh.exists()


def test_failed_run_prints_the_cause_no_traceback_and_no_counts(articles_dir, warehouse_dir, tmp_path):
    locations = ("--articles", str(articles_dir), "--warehouse", str(warehouse_dir), "--workers", "1")
    assert parley_process("run", *locations, home=tmp_path / "h").returncode == 0
    before = Warehouse(warehouse_dir).manifest()
    (articles_dir / "new-call.txt").write_text("Chile and Peru held talks in Lima on Monday.\n")
    done = parley_process("run", *locations, "--model", str(tmp_path / "no-model"), home=tmp_path / "h")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "no-model" in done.stderr and "still holds the previous version" in done.stderr
    assert len(done.stderr.splitlines()) <= 3
    assert done.stdout == ""
    assert Warehouse(warehouse_dir).manifest() == before
    debug = parley_process(
        "run", *locations, "--model", str(tmp_path / "no-model"), "--debug", home=tmp_path / "h"
    )
    assert debug.returncode == 1 and 'File "' in debug.stderr  # the stack, with --debug


def test_empty_articles_folder_never_empties_the_warehouse_unless_allowed(
    articles_dir, warehouse_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    assert parley(["run", "--articles", str(articles_dir), "--warehouse", str(warehouse_dir), "--quiet"]) == 0
    held = Warehouse(warehouse_dir).counts()
    empty = tmp_path / "unmounted"
    empty.mkdir()
    (empty / ".DS_Store").write_text("")  # hidden files are not inputs
    for command in ("run", "rebuild"):
        assert parley([command, "--articles", str(empty), "--warehouse", str(warehouse_dir)]) == 2
        assert "--allow-empty" in capsys.readouterr().err
        assert Warehouse(warehouse_dir).counts() == held
    assert parley(["run", "--articles", str(empty), "--warehouse", str(warehouse_dir), "--allow-empty"]) == 0
    assert Warehouse(warehouse_dir).counts()["articles"] == 0
    assert parley(["run", "--articles", str(empty), "--warehouse", str(tmp_path / "new"), "--quiet"]) == 0


def test_a_folder_that_is_not_a_warehouse_is_refused_and_left_alone(
    articles_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.tex").write_text("keep me")
    for command in ("rebuild", "run"):
        assert parley([command, "--articles", str(articles_dir), "--warehouse", str(folder)]) == 2
        assert f"{folder} is not a parley warehouse" in capsys.readouterr().err
    assert os.listdir(folder) == ["chapter1.tex"]


def test_failed_rebuild_leaves_the_warehouse_as_it_was(articles_dir, warehouse_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    locations = [
        "--articles",
        str(articles_dir),
        "--warehouse",
        str(warehouse_dir),
        "--quiet",
        "--workers",
        "1",
    ]
    assert parley(["run", *locations]) == 0
    before = Warehouse(warehouse_dir).manifest()
    assert parley(["rebuild", *locations, "--model", str(tmp_path / "no-model")]) == 1  # fails mid-run
    assert Warehouse(warehouse_dir).manifest() == before
    assert Warehouse(warehouse_dir).problems() == {}
    assert parley(["rebuild", *locations]) == 0
    after = Warehouse(warehouse_dir).manifest()
    assert after.version != before.version
    assert {t: e.rows for t, e in after.tables.items()} == {t: e.rows for t, e in before.tables.items()}
    assert os.listdir(warehouse_dir / ".versions") == [after.version]


def descendants(pid: int) -> set[int]:
    table = processes()
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, (parent, _, _) in table.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_ui_stopped_takes_down_everything_it_started(articles_dir, warehouse_dir, tmp_path, stop):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"DAGSTER_HOME": str(tmp_path / "home")}
    command = parley_command(
        "ui", "--port", str(port), "--articles", str(articles_dir), "--warehouse", str(warehouse_dir)
    )
    ui = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while True:
            assert time.monotonic() < deadline, "the UI never answered"
            assert ui.poll() is None, "parley ui exited early"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                time.sleep(1)
        started = descendants(ui.pid)
        sessions = {processes()[pid][1] for pid in started}
        assert len(started) >= 3  # dagster dev, the webserver, the daemon (and code servers)
        ui.send_signal(stop)
        assert ui.wait(timeout=60) == 128 + stop
        deadline = time.monotonic() + 10
        while True:
            alive = {
                pid
                for pid, (_, session, state) in processes().items()
                if state != "Z" and (pid in started or session in sessions)
            }
            if not alive or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert not alive, f"still running after parley ui stopped: {alive}"
    finally:
        if ui.poll() is None:
            ui.kill()
