"""Enforcing the Pandera models: row-level splits and cross-table integrity.

The declarations live in `schemas/`; this module decides what happens to
rows that break them (they go to `rejects`, the rest of the batch lands) and
checks what no single table can: links between tables and evidence offsets.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pandera.errors

from schemas.tables import EXTRACTED, ID_COLUMNS, TABLES


def failure_cases(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Pandera's failure cases (column, check, failure_case, index); empty when valid."""
    try:
        TABLES[table].validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases.copy()
        cases["failure_case"] = cases["failure_case"].astype(str)
        return cases[["column", "check", "failure_case", "index"]].reset_index(drop=True)
    return pd.DataFrame(columns=["column", "check", "failure_case", "index"])


def split_valid(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[object, str]]:
    """The rows that pass, and {index: reason} for those that do not.

    A failure that names no row (a missing column, a wrong dtype) is a defect
    of the code, not of the data, and raises.
    """
    cases = failure_cases(table, frame)
    if cases.empty:
        return frame, {}
    if cases["index"].isna().any():
        raise pandera.errors.SchemaError(TABLES[table].to_schema(), frame, cases.to_string())
    reasons: dict[object, str] = {}
    for case in cases.itertuples():
        note = f"{case.column}: {case.check} failed for {case.failure_case!r}"
        reasons[case.index] = f"{reasons[case.index]}; {note}" if case.index in reasons else note
    return frame.drop(index=list(reasons)), reasons


def integrity_problems(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Cross-table failures of the extracted tables given (besides `articles` and `meetings`):
    dangling links, evidence that is not its slice of the text, duplicate ids."""
    problems: list[dict[str, str]] = []
    articles = tables["articles"].set_index("article_id")["text"]
    meetings = tables["meetings"].set_index("meeting_id")["article_id"]
    for name in (t for t in EXTRACTED if t in tables):
        frame = tables[name]
        id_col = ID_COLUMNS[name]
        for row in frame.itertuples(index=False):
            row_id, article_id = getattr(row, id_col), row.article_id
            text = articles.get(article_id)
            if text is None:
                problems.append(
                    {"table": name, "id": row_id, "problem": f"article {article_id} does not exist"}
                )
            elif text[row.evidence_start : row.evidence_end] != row.evidence:
                problems.append(
                    {"table": name, "id": row_id, "problem": "evidence differs from its slice of the text"}
                )
            if name != "meetings" and meetings.get(row.meeting_id) != article_id:
                problems.append(
                    {
                        "table": name,
                        "id": row_id,
                        "problem": f"meeting {row.meeting_id} is not in article {article_id}",
                    }
                )
        for dup in frame.loc[frame[id_col].duplicated(), id_col]:
            problems.append({"table": name, "id": dup, "problem": "duplicate id"})
    return pd.DataFrame(problems, columns=["table", "id", "problem"])
