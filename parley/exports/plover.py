"""Meetings, positions and agreements as PLOVER event records (the Open Event Data Alliance's
successor to CAMEO), one JSON object a line, as its manual's "Data Fields" chapter suggests.

The mapping is data (`MEETINGS`, `STANCES`, `AGREEMENTS`), rendered into the README by
`mapping_table`; it follows the PLOVER manual and its CAMEO-to-PLOVER table: a future meeting
is AGREE, a cancelled one REJECT `meet`, signing a formal agreement SUPPORT (CAMEO 057),
disapproval ACCUSE `disapprove`. PLOVER codes no simple commentary (CAMEO 01 and 02 have no
PLOVER category), so a `hope` or a `statement` is written with `has_event: false` and no event.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from parley.extract.sides import side_lexicon


@dataclass(frozen=True)
class Code:
    event: str | None  # PLOVER category; None: not a PLOVER event
    mode: str | None = None
    note: str = ""


QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3}
"""PLOVER's quad categories: 1 verbal cooperation, 3 verbal conflict."""

MEETINGS = {
    "held": Code("CONSULT", None, "mode from format, sides and place (below)"),
    "planned": Code("AGREE", None, "a future meeting is an intent to meet (CAMEO 036)"),
    "cancelled": Code("REJECT", "meet", "PLOVER codes the cancellation of a meeting as REJECT"),
}
STANCES = {
    "concern": Code("ACCUSE", "disapprove", "a complaint (CAMEO 110)"),
    "criticism": Code("ACCUSE", "disapprove", "criticise or denounce (CAMEO 111)"),
    "opposition": Code("REJECT", None, "rejection (CAMEO 120)"),
    "demand": Code("REQUEST", None, "request or demand (CAMEO 100)"),
    "support": Code("SUPPORT", None, "praise or endorse (CAMEO 051)"),
    "proposal": Code("AGREE", None, "an offer (CAMEO 03)"),
    "hope": Code(None, None, "commentary: `has_event: false`"),
    "statement": Code(None, None, "commentary: `has_event: false`"),
}
AGREEMENTS = {
    "agreed": Code("AGREE", None, "agreement to cooperate (CAMEO 03)"),
    "intended": Code("AGREE", None, "intent to cooperate (CAMEO 03)"),
    "signed": Code("SUPPORT", None, "sign formal agreement (CAMEO 057)"),
    "not_reached": Code("REJECT", None, "the sides refused each other's terms (CAMEO 12)"),
}
CONSULT_MODES = [
    ("phone", "`format` is `phone` or `virtual`"),
    ("multilateral", "three or more sides, or an organisation among them"),
    (
        "visit",
        "two countries in person, the place in one of them: the visitor is `actor`, the host `recipient`",
    ),
    ("third-party", "two countries in person, the place in neither"),
    ("(none)", "in person, place unknown: both sides are `actor`"),
]
NON_STATE = {"UN": "UNO", "EU": "EUR"}  # PLOVER's codes; other organisations are IGO


def mapping_table() -> str:
    """The README's table: each of our values, its PLOVER event and mode."""
    lines = ["| table | value | PLOVER event | mode | why |", "| --- | --- | --- | --- | --- |"]
    for table, codes in (("meetings", MEETINGS), ("positions", STANCES), ("agreements", AGREEMENTS)):
        column = "stance" if table == "positions" else "status"
        for value, code in codes.items():
            event = f"`{code.event}`" if code.event else "(none)"
            mode = f"`{code.mode}`" if code.mode else ""
            lines.append(f"| `{table}` | `{column}` = `{value}` | {event} | {mode} | {code.note} |")
    lines += ["", "| CONSULT mode | when |", "| --- | --- |"]
    lines += [f"| `{mode}` | {when} |" for mode, when in CONSULT_MODES]
    return "\n".join(lines)


def entity(side: str) -> dict[str, str]:
    """A PLOVER actor or recipient: an alpha-3 code, or an organisation with its name as text."""
    if len(side) == 3 and side.isupper() and side.isalpha():
        return {"code": side}
    return {"code": NON_STATE.get(side, "IGO"), "entity_text": side}


def _consult(meeting: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """CONSULT's modes, actors and recipients for a held meeting."""
    countries, organizations = meeting["countries"] or [], meeting["organizations"] or []
    sides = countries + organizations
    modes = []
    if meeting["format"] in ("phone", "virtual"):
        modes.append("phone")
    if len(sides) >= 3 or organizations:
        modes.append("multilateral")
    if modes or meeting["format"] != "in_person" or len(countries) != 2 or not meeting["location"]:
        return modes, sides, []
    hosts = [code for code in side_lexicon().codes(meeting["location"]) if code in countries]
    if not hosts and side_lexicon().codes(meeting["location"]):
        return ["third-party"], sides, []
    if len(set(hosts)) == 1:
        return ["visit"], [c for c in countries if c != hosts[0]], hosts[:1]
    return [], sides, []


def _record(row: dict[str, Any], table: str, key: str, day: Any, article: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"parley-{row[key]}",
        "date": day,
        "text": row["evidence"],
        "text_info": {"start": row["evidence_start"], "end": row["evidence_end"]},
        "cite_info": {"corpus": "parley", "title": article.get("title"), "url": article.get("url")},
        "coder": f"parley {row['extractor_version']} {row['rule_id']}",
        "source_table": table,
        "source_id": row[key],
    }


def _coded(record: dict[str, Any], code: Code, actors: list[str], recipients: list[str]) -> dict[str, Any]:
    record.update(
        has_event=code.event is not None,
        event=[code.event] if code.event else [],
        mode=[code.mode] if code.mode else [],
        context=["diplomatic"],
        quad_code=QUAD.get(code.event or ""),
        actor=[entity(s) for s in actors],
        recipient=[entity(s) for s in recipients],
    )
    return record


def plover_events(tables: dict[str, pa.Table]) -> Iterator[dict[str, Any]]:
    """Every meeting, position and agreement row as a PLOVER record (a meeting's `link` is its event)."""
    articles = {
        a["article_id"]: a
        for a in tables["articles"].select(["article_id", "title", "url", "published_date"]).to_pylist()
    }
    meetings = {m["meeting_id"]: m for m in tables["meetings"].to_pylist()}

    def day(meeting_id: str, article_id: str) -> Any:
        meeting = meetings.get(meeting_id) or {}
        return meeting.get("start_date") or articles[article_id]["published_date"]

    for m in meetings.values():
        record = _record(
            m, "meetings", "meeting_id", day(m["meeting_id"], m["article_id"]), articles[m["article_id"]]
        )
        code = MEETINGS[m["status"]]
        modes, actors, recipients = (
            _consult(m) if m["status"] == "held" else ([], m["countries"] + m["organizations"], [])
        )
        _coded(record, code, actors, recipients)
        if code.event == "CONSULT":
            record["mode"] = modes
        record.update(link=m["event_id"], event_loc={"name": m["location"]} if m["location"] else None)
        yield record
    for p in tables["positions"].to_pylist():
        holder = p["holder_country"] or p["holder_organization"]
        record = _record(
            p, "positions", "position_id", day(p["meeting_id"], p["article_id"]), articles[p["article_id"]]
        )
        yield _coded(record, STANCES[p["stance"]], [holder] if holder else [], p["target_countries"] or [])
    for g in tables["agreements"].to_pylist():
        record = _record(
            g, "agreements", "agreement_id", day(g["meeting_id"], g["article_id"]), articles[g["article_id"]]
        )
        yield _coded(record, AGREEMENTS[g["status"]], g["parties"] or [], [])
