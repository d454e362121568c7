"""Figures over folds from the shared scorer's reports (its `--json` output).

Two views: the mean and spread of each fold's figures (how stable the number is), and the
pooled figure from the summed counts (every article scored once, blind, as one set).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from typing import Any

Report = dict[str, Any]

TABLES = ("meetings", "participants", "positions", "agreements")
KEY_FIELDS = (
    ("meetings", "status"),
    ("meetings", "format"),
    ("meetings", "level"),
    ("meetings", "start_date"),
    ("participants", "country"),
    ("positions", "stance"),
    ("agreements", "status"),
)
MEASURES = ("precision", "recall", "f1")


def spread(values: Iterable[float | None]) -> dict[str, float | None]:
    """Mean and sample standard deviation, ignoring missing values (a field with no matched row)."""
    known = [v for v in values if v is not None]
    if not known:
        return {"mean": None, "std": None}
    std = statistics.stdev(known) if len(known) > 1 else 0.0
    return {"mean": round(statistics.fmean(known), 3), "std": round(std, 3)}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 the way the scorer counts them (0 when undefined), unrounded."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def pooled(reports: Sequence[Report]) -> Report:
    """One report for the union of the scored articles: counts add up across disjoint article sets."""
    tables, f1s = {}, []
    for t in TABLES:
        counts = {c: sum(r["tables"][t][c] for r in reports) for c in ("tp", "fp", "fn")}
        figures = prf(**counts)
        f1s.append(figures["f1"])
        tables[t] = counts | {m: round(v, 3) for m, v in figures.items()}
    # Like the scorer: the mean of the unrounded F1s, rounded once.
    return {
        "articles": sum(r["articles"] for r in reports),
        "tables": tables,
        "mean_f1": round(statistics.fmean(f1s), 3),
    }


def key_fields(report: Report) -> dict[str, float | None]:
    """The issue's key field accuracies on matched rows, named table.field."""
    return {f"{t}.{f}": report["tables"][t]["fields"].get(f) for t, f in KEY_FIELDS}


def summarise(reports: Sequence[Report]) -> Report:
    """Mean and spread over folds of every table's P/R/F1, mean F1, grounding and key fields."""
    grounded = [r.get("grounded") for r in reports]
    return {
        "folds": len(reports),
        "tables": {t: {m: spread(r["tables"][t][m] for r in reports) for m in MEASURES} for t in TABLES},
        "mean_f1": spread(r["mean_f1"] for r in reports),
        "grounded": {**spread(grounded), "min": min((g for g in grounded if g is not None), default=None)},
        "fields": {name: spread(key_fields(r)[name] for r in reports) for name in key_fields(reports[0])},
        "pooled": pooled(reports),
    }
