"""Plain-text tables of the figures, one line per fold or set, for a terminal or a log."""

from __future__ import annotations

from collections.abc import Sequence

from evaluation.aggregate import KEY_FIELDS, MEASURES, TABLES, Report, key_fields

Row = tuple[str, str, Report]  # label, article count as text, a report (or a summary's means or spreads)

_SHORT = {"meetings": "mtg", "participants": "part", "positions": "pos", "agreements": "agr"}


def _num(value: float | None) -> str:
    return f"{value:>6.3f}" if value is not None else f"{'-':>6}"


def prf_table(rows: Sequence[Row]) -> str:
    """Per-table precision, recall, F1 and the mean F1 of each row."""
    head1 = f"{'':<10}{'':>9}" + "".join(f"  {t:<18}" for t in TABLES) + f"{'mean':>8}"
    head2 = (
        f"{'':<10}{'articles':>9}" + "".join(f"  {'P':>6}{'R':>6}{'F1':>6}" for _ in TABLES) + f"{'F1':>8}"
    )
    lines = [head1, head2]
    for label, n, report in rows:
        cells = "".join("  " + "".join(_num(report["tables"][t][m]) for m in MEASURES) for t in TABLES)
        lines.append(f"{label:<10}{n:>9}{cells}  {_num(report['mean_f1'])}")
    return "\n".join(lines)


def fields_table(rows: Sequence[Row]) -> str:
    """The key field accuracies (on matched rows) of each row."""
    names = [f"{_SHORT[t]}.{'date' if f == 'start_date' else f}" for t, f in KEY_FIELDS]
    lines = [f"{'':<10}{'grounded':>9}" + "".join(f"{n:>13}" for n in names)]
    for label, _, report in rows:
        cells = "".join(f"{_num(v):>13}" for v in key_fields(report).values())
        lines.append(f"{label:<10}{_num(report.get('grounded')):>9}{cells}")
    return "\n".join(lines)


def summary_rows(summary: Report) -> list[Row]:
    """The mean and the standard deviation over folds, shaped as rows of the two tables."""

    def pick(stat: str) -> Report:
        fields = {name: v[stat] for name, v in summary["fields"].items()}
        tables = {
            t: {m: summary["tables"][t][m][stat] for m in MEASURES}
            | {"fields": {f: fields[f"{t}.{f}"] for tt, f in KEY_FIELDS if tt == t}}
            for t in TABLES
        }
        return {"tables": tables, "mean_f1": summary["mean_f1"][stat], "grounded": summary["grounded"][stat]}

    return [("mean", "", pick("mean")), ("std", "", pick("std"))]
