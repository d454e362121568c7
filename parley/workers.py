"""The processes that read articles, each loading the model once, and started early.

Loading spaCy and the model takes a worker one to two seconds. `parley run` starts a worker
(`prestart`) as soon as it knows there is something new, before it imports Dagster, so the load runs
on the other core while the main process imports, ingests and plans; the extraction step then takes
that pool (`pool`) instead of starting one. This module imports nothing heavy: the workers import
the extractor themselves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from parley.budget import Limits
    from parley.extract import Extractor
    from parley.stages import Batch

_worker: Extractor | BaseException | None = None  # in a worker process: its extractor, or why it has none
_waiting: tuple[tuple[int, str | None], ProcessPoolExecutor] | None = None  # a prestarted pool


def _start_worker(model: str | None) -> None:
    """Load the extractor; a failure (a missing model) is kept and raised by the first task, so it
    reaches the run as that task's error instead of breaking the pool with a traceback on stderr."""
    global _worker
    try:
        from parley.extract import Extractor
        from parley.extract.nlp import load_nlp

        _worker = Extractor(load_nlp(model))
    except Exception as err:
        _worker = err


def _ready() -> int:
    return os.getpid()


def read_chunk(chunk: pd.DataFrame, version: str, batch_size: int, now: dt.datetime, limits: Limits) -> Batch:
    """In a worker: `stages.extract_batch` with the worker's extractor (the gate already ran)."""
    from parley.stages import extract_batch

    assert _worker is not None, "worker not started"
    if isinstance(_worker, BaseException):
        raise _worker
    return extract_batch(
        chunk, _worker, version=version, batch_size=batch_size, now=now, limits=limits, gate=False
    )


def _new_pool(workers: int, model: str | None) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(model,))


def prestart(workers: int, model: str | None) -> None:
    """A pool of `workers` processes for the next `pool(workers, model)`, one of them started now
    and loading the model: on two cores the main process, busy importing, leaves one free; the
    others start when the work needs them (a small increment never does)."""
    global _waiting
    release()
    executor = _new_pool(workers, model)
    executor.submit(_ready)  # the pool starts a process for a task no idle one can take
    _waiting = ((workers, model), executor)


def prestarted(workers: int, model: str | None) -> bool:
    """Whether a prestarted pool of this shape is waiting."""
    return _waiting is not None and _waiting[0] == (workers, model)


def release() -> None:
    """Stop a prestarted pool that nothing took (nothing was left to parse)."""
    global _waiting
    if _waiting is not None:
        _waiting[1].shutdown(wait=True, cancel_futures=True)
        _waiting = None


@contextlib.contextmanager
def pool(workers: int, model: str | None) -> Iterator[Any]:
    """The prestarted pool when it has this shape, else a new one; shut down after use either way."""
    global _waiting
    if prestarted(workers, model):
        assert _waiting is not None
        executor, _waiting = _waiting[1], None
    else:
        release()
        executor = _new_pool(workers, model)
    with executor:
        yield executor
