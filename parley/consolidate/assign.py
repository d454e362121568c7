"""Meeting rows → events, stably: what was joined stays joined, newcomers attach or found an event.

Rows that already had an event (the previous `events` table) keep it, so an event_id never
changes while its rows remain. The others are placed one by one, in a fixed order: rows
with a known day first, then windows, originals before copies. A row joins the event that
every member of which it fits (`join.same_meeting`), the closest if several; a copy's row
follows the row of its original that it reproduces; anything else founds a new event.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from parley.consolidate.dates import Window
from parley.consolidate.join import Report, closeness, copy_closeness, may_share, same_meeting
from parley.consolidate.rules import Rules
from parley.ids import stable_id

LATEST = dt.date.max


def placing_order(report: Report) -> tuple:
    """Copies last; known days, then windows, then rows that cannot be dated; then by time."""
    dating = 2 if report.window is None else 0 if report.start_date is not None else 1
    first = report.window[0] if report.window else LATEST
    return (
        report.copy_of is not None,
        dating,
        first,
        report.published or LATEST,
        report.article_id,
        report.meeting_id,
    )


def months(window: Window, slack: int) -> range:
    """The calendar months (as year * 12 + month) a window touches, widened by `slack` days."""
    lo, hi = window[0] - dt.timedelta(days=slack), window[1] + dt.timedelta(days=slack)
    return range(lo.year * 12 + lo.month, hi.year * 12 + hi.month + 1)


class Events:
    """Events under construction: members by event_id, indexed by side and month for look-ups."""

    def __init__(self, rules: Rules, reserved: Iterable[str]):
        self.rules = rules
        self.members: dict[str, list[Report]] = {}
        self.of: dict[str, str] = {}  # meeting_id -> event_id
        self.order: dict[str, int] = {}  # event_id -> when it was first filled (older wins ties)
        self.index: dict[tuple[str, int], dict[str, None]] = defaultdict(dict)  # (side, month) -> events
        self.reserved = set(reserved)

    def add(self, event_id: str, report: Report) -> None:
        if event_id not in self.members:
            self.members[event_id] = []
            self.order[event_id] = len(self.order)
            self.reserved.add(event_id)
        self.members[event_id].append(report)
        self.of[report.meeting_id] = event_id
        if report.window is not None:  # a row without one fits nothing, nor does its event
            for month in months(report.window, self.rules.day_tolerance):
                for side in report.sides:
                    self.index[side, month][event_id] = None

    def found(self, report: Report) -> None:
        """A new event, its id derived from its first row (and a counter, should that id be taken)."""
        event_id, n = stable_id("evt", report.meeting_id), 0
        while event_id in self.reserved:
            n += 1
            event_id = stable_id("evt", report.meeting_id, n)
        self.add(event_id, report)

    def fits(self, event_id: str, report: Report) -> bool:
        return all(same_meeting(report, member, self.rules) for member in self.members[event_id])

    def candidates(self, report: Report) -> list[str]:
        """Events with a row in a month of the row's window that holds its sides (every one of
        them for a row of few parties, which joins only its very sides; any one otherwise)."""
        if report.window is None:
            return []
        found: set[str] = set()
        for month in months(report.window, self.rules.day_tolerance):
            postings = [self.index.get((side, month), {}) for side in report.sides]
            if len(report.sides) < self.rules.multilateral_min_parties:
                found.update(set.intersection(*(set(p) for p in postings)) if postings else ())
            else:
                found.update(e for p in postings for e in p)
        return sorted(found, key=self.order.__getitem__)

    def best(self, report: Report) -> str | None:
        """The fitting event whose members agree with the row most closely (the older on a tie)."""
        scored = []
        for rank, event_id in enumerate(self.candidates(report)):
            if self.fits(event_id, report):
                members = self.members[event_id]
                score = sum(closeness(report, m) for m in members) / len(members)
                scored.append((score, -rank, event_id))
        return max(scored)[2] if scored else None


def keep_previous(events: Events, reports: Mapping[str, Report], previous: Mapping[str, list[str]]) -> None:
    """Previous events keep the rows that remain, as long as each still shares a side with the
    others and comes from another article (a re-read row may have changed)."""
    for event_id in sorted(previous):
        kept: list[Report] = []
        for report in sorted((reports[m] for m in previous[event_id] if m in reports), key=placing_order):
            if all(may_share(report, k) for k in kept):
                kept.append(report)
                events.add(event_id, report)


def copy_targets(pending: list[Report], reports: Iterable[Report]) -> dict[str, Report]:
    """For each copy's row, the row of its original that it reproduces (one to one, best first)."""
    by_article: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_article[report.article_id].append(report)
    pairs = []
    for copy in pending:
        for original in by_article.get(copy.copy_of or "", []):
            score = copy_closeness(copy, original)
            if score is not None:
                pairs.append((-score, copy.meeting_id, original.meeting_id, copy, original))
    targets: dict[str, Report] = {}
    used: set[str] = set()
    for _, copy_id, original_id, _, original in sorted(pairs, key=lambda p: p[:3]):
        if copy_id not in targets and original_id not in used:
            targets[copy_id] = original
            used.add(original_id)
    return targets


def assign(reports: Iterable[Report], previous: Mapping[str, list[str]], rules: Rules) -> Events:
    """Every row in an event; previous events first, then each new row in `placing_order`."""
    by_id = {r.meeting_id: r for r in reports}
    events = Events(rules, previous)
    keep_previous(events, by_id, previous)
    pending = sorted((r for r in by_id.values() if r.meeting_id not in events.of), key=placing_order)
    targets = copy_targets([r for r in pending if r.copy_of is not None], by_id.values())
    for report in pending:
        target = targets.get(report.meeting_id)
        event_id = events.of.get(target.meeting_id) if target is not None else None
        if event_id is not None and not all(may_share(report, m) for m in events.members[event_id]):
            event_id = None
        event_id = event_id or events.best(report)
        if event_id is None:
            events.found(report)
        else:
            events.add(event_id, report)
    return events
