"""The `parley` command as a user runs it: counts after a run, SQL in three formats."""

from __future__ import annotations

import json

from pipelines.cli import main as parley


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
