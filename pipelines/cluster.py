"""The Celery executor as `deploy/celery.yaml` configures it (PARLEY_EXECUTOR=celery).

One file holds the Celery settings for both sides, the run that submits steps
and the workers that take them (`pipelines/celery_app.py`): a worker that acks
early or prefetches differently from what the run expects would lose shards.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dagster as dg
import yaml

CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "celery.yaml"


def config_path() -> Path:
    return Path(os.environ.get("PARLEY_CELERY_CONFIG", CONFIG))


def executor_config() -> dict[str, Any]:
    """The `execution.config` block, `{env: NAME}` values left for Dagster to resolve."""
    return yaml.safe_load(config_path().read_text())["execution"]["config"]


def celery_executor() -> dg.ExecutorDefinition:
    from dagster_celery import celery_executor as executor  # here: only a cluster run needs Celery

    return executor.configured(executor_config(), name="celery")
