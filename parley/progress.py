"""Progress reporting for long runs, kept out of the stages themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")


def console_bar(description: str) -> Callable[[Iterable[T], int], Iterator[T]]:
    """A rich progress bar on stderr (for terminals)."""

    def track(items: Iterable[T], total: int) -> Iterator[T]:
        columns = (TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, transient=True) as bar:
            yield from bar.track(items, total=total)

    return track


def every(log: Callable[[str], Any], what: str, step: int = 10) -> Callable[[Iterable[T], int], Iterator[T]]:
    """A line per `step`% through (for logs, where a bar makes no sense)."""

    def track(items: Iterable[T], total: int) -> Iterator[T]:
        marks = {max(1, round(total * k / 100)) for k in range(step, 101, step)}
        for done, item in enumerate(items, 1):
            yield item
            if done in marks:
                log(f"{what}: {done}/{total}")

    return track
