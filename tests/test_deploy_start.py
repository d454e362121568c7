"""deploy/start: the pieces of a deployment, started together, share one Dagster home."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pieces_started_together_install_one_readable_dagster_yaml(tmp_path):
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path / "home"),
        "PARLEY_DATABASE_URL": "postgresql://unused",
        "PARLEY_BROKER_URL": "redis://unused",
        "PARLEY_RESULT_BACKEND": "redis://unused",
        "PARLEY_STEP_STORAGE": str(tmp_path / "steps"),
    }
    # an unknown piece stops right after the home is prepared: only the preparation runs
    starts = [
        subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "start"), "none"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(12)
    ]
    errors = [p.communicate()[1] for p in starts]
    assert all(e.strip().startswith("usage:") for e in errors), errors
    installed = tmp_path / "home" / "dagster.yaml"
    assert installed.read_text() == (ROOT / "deploy" / "dagster.yaml").read_text()
    assert installed.stat().st_mode & stat.S_IROTH
    assert [p.name for p in (tmp_path / "home").iterdir()] == ["dagster.yaml"]
