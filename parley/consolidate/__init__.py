"""Consolidation: near-duplicate articles, and one event per real-world meeting across articles.

Pure Python (no Dagster): `stages.py` calls it, the assets in `assets/` call the stages.
Every threshold is in `rules.Rules`.
"""

from parley.consolidate.checks import event_problems
from parley.consolidate.frames import consolidate, mark_copies
from parley.consolidate.rules import RULES, Rules

__all__ = ["RULES", "Rules", "consolidate", "event_problems", "mark_copies"]
