"""The project-local Dagster instance: runs from `parley run` show up in `parley ui`."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dagster as dg

CONFIG = """\
# Written by parley: the project-local Dagster instance.
telemetry:
  enabled: false
nux:
  enabled: false
concurrency:
  pools:
    default_limit: 1
"""


def ensure_home() -> Path:
    """DAGSTER_HOME (default `.dagster_home` here), created with parley's settings if new."""
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(Path(".dagster_home").resolve())))
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(CONFIG)
    return home


def instance() -> dg.DagsterInstance:
    """The instance; two commands starting at once on a new home take turns creating its storage."""
    import dagster as dg  # here, not at the top: `parley ui` and `--help` need no Dagster in this process

    home = ensure_home()
    with open(home / ".init.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return dg.DagsterInstance.get()
