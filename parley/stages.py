"""The pipeline's stages as plain functions: folder → articles, articles → tables, meetings → events.

Dagster assets call these; tests and benchmarks can too. Both return the rows
they refused, with reasons, so every input ends up somewhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from parley.budget import Limits, OverBudget, read_in_pieces
from parley.consolidate import consolidate, mark_copies
from parley.extract import EXTRACTOR_VERSION, Extractor
from parley.extract.rows import ArticleInput, Extraction
from parley.gate import Gate
from parley.gate import enabled as gate_enabled
from parley.ids import article_id
from parley.ingest import Reject, scan
from parley.tables import extraction_records, reject_record
from parley.validation import split_valid
from parley.workers import pool, read_chunk
from parley.workers import prestarted as workers_ready
from schemas.arrow import arrow_schema, to_frame
from schemas.tables import EXTRACTED

OUTPUTS = (*EXTRACTED, "extractions")
INGEST_CHUNK = 1000
Progress = Callable[[Iterable[Any], int], Iterable[Any]]


def _no_progress(items: Iterable[Any], total: int) -> Iterable[Any]:
    return items


def _validated(
    table: str,
    frame: pd.DataFrame,
    rejects: list[dict],
    source: Callable[[Any], tuple[str, str | None, str | None]],
    now: dt.datetime,
) -> pd.DataFrame:
    """Rows that fail the table's model go to rejects; the rest of the batch lands."""
    valid, reasons = split_valid(table, frame)
    for index, reason in reasons.items():
        path, record, art = source(frame.loc[index])
        rejects.append(
            reject_record(
                path, "validate", f"invalid_{table}", reason, source_record=record, article_id=art, at=now
            )
        )
    return valid.reset_index(drop=True)


def ingest(
    root: str | Path,
    previous: pa.Table | None = None,
    now: dt.datetime | None = None,
    signatures: Path | None = None,
) -> tuple[pd.DataFrame, list[dict]]:
    """Read the input folder: the `articles` frame, and rejects for what could not be read.

    `ingested_at` is kept from the previous articles table, so it says when
    the content first arrived and an unchanged folder gives identical rows.
    Near-duplicates of an earlier article land too, with `copy_of` naming it
    (the texts' MinHash signatures kept in the file `signatures` between runs).
    """
    now = now or dt.datetime.now(dt.UTC)
    first_seen: dict[str, Any] = {}
    if previous is not None and previous.num_rows:
        first_seen = dict(
            zip(previous["article_id"].to_pylist(), previous["ingested_at"].to_pylist(), strict=True)
        )
    records: list[dict] = []
    parts: list[pa.Table] = []  # Arrow holds texts far more compactly than dicts of str
    rejects: list[dict] = []
    for item in scan(root):
        if isinstance(item, Reject):
            rejects.append(
                reject_record(
                    item.source_path,
                    item.stage,
                    item.reason,
                    item.detail,
                    source_record=item.source_record,
                    at=now,
                )
            )
            continue
        art = article_id(item.content_hash)
        fields = vars(item)  # plain values; `dataclasses.asdict` deep-copied them (5 s at 100,000 files)
        records.append(fields | {"article_id": art, "ingested_at": first_seen.get(art, now)})
        if len(records) == INGEST_CHUNK:
            parts.append(pa.Table.from_pylist(records, schema=arrow_schema("articles")))
            records = []
    parts.append(pa.Table.from_pylist(records, schema=arrow_schema("articles")))
    frame = to_frame("articles", pa.concat_tables(parts))
    articles = _validated(
        "articles", frame, rejects, lambda r: (r.source_path, r.source_record, r.article_id), now
    )
    return mark_copies(articles, signatures=signatures), rejects


def _extractor(model: str | None) -> Extractor:
    from parley.extract.nlp import load_nlp  # spaCy: only in a process that parses

    return Extractor(load_nlp(model))


def article_input(row: Any) -> ArticleInput:
    published = row.published_date
    return ArticleInput(
        text=row.text,
        title=row.title if isinstance(row.title, str) else None,
        published=published if isinstance(published, dt.date) else None,
        publisher=row.publisher if isinstance(row.publisher, str) else None,
        url=row.url if isinstance(row.url, str) else None,
    )


def _extract_batched(
    extractor: Extractor, inputs: list[ArticleInput]
) -> Iterator[Extraction | BaseException]:
    """Batch through nlp.pipe; if a batch fails, redo it one by one to isolate the culprit."""
    try:
        yield from list(extractor.extract_many(inputs))
        return
    except Exception:
        pass
    for item in inputs:
        try:
            yield extractor.extract(item)
        except Exception as err:
            yield err


def _extract_each(
    extractor: Extractor, inputs: list[ArticleInput], limits: Limits
) -> Iterator[Extraction | BaseException]:
    """Each input's rows or error, in order: articles longer than one piece are read alone, piece by
    piece within their budget (`parley.budget`), the others in batches."""
    size = limits.piece_size(extractor)
    batched = _extract_batched(extractor, [a for a in inputs if len(a.text) <= size])
    for article in inputs:
        if len(article.text) <= size:
            yield next(batched)
            continue
        try:
            yield read_in_pieces(extractor, article, limits)
        except Exception as err:
            yield err


def _summary(err: BaseException) -> str:
    frames = traceback.extract_tb(err.__traceback__)[-3:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(frames))
    return f"{type(err).__name__}: {err} (at {where})"


@dataclasses.dataclass
class Plan:
    """What an extraction run must read, and what it keeps from the previous run."""

    todo: pd.DataFrame  # articles to read now
    kept: dict[str, pd.DataFrame]  # previous rows of the articles already read by this version
    kept_rejects: list[dict]

    def shards(self, count: int) -> list[pd.DataFrame]:
        """`count` near-equal slices of the articles to read (at least one, maybe empty)."""
        size = max(1, -(-len(self.todo) // max(1, count)))
        return [self.todo.iloc[i : i + size] for i in range(0, len(self.todo), size)] or [self.todo]


@dataclasses.dataclass
class Batch:
    """What reading some articles produced: new rows per table (as Arrow, compact), refusals, and how
    many articles the relevance gate held back unparsed."""

    tables: dict[str, list[pa.Table]] = dataclasses.field(default_factory=lambda: {t: [] for t in OUTPUTS})
    rejects: list[dict] = dataclasses.field(default_factory=list)
    gated: int = 0

    def add(self, records: dict[str, list[dict]]) -> None:
        for table, rows in records.items():
            if rows:
                self.tables[table].append(pa.Table.from_pylist(rows, schema=arrow_schema(table)))

    def table(self, name: str) -> pa.Table:
        return pa.concat_tables(self.tables[name]) if self.tables[name] else arrow_schema(name).empty_table()

    @classmethod
    def merge(cls, batches: Iterable[Batch]) -> Batch:
        merged = cls()
        for batch in batches:
            for name, parts in batch.tables.items():
                merged.tables[name].extend(parts)
            merged.rejects.extend(batch.rejects)
            merged.gated += batch.gated
        return merged


def plan(
    articles: pd.DataFrame,
    previous: dict[str, pa.Table | None],
    version: str = EXTRACTOR_VERSION,
    gate: bool | None = None,
) -> Plan:
    """Re-read only what is new: an article is read again unless an `extractions`
    row says this extractor version already read it (and, with the relevance gate
    off, parsed it: turning the gate off reads what it held back). Rows of articles
    no longer present are dropped."""
    current = set(articles["article_id"])
    done: set[str] = set()
    log = previous.get("extractions")
    if any(_predates_schema(table, previous.get(table)) for table in OUTPUTS):
        log = None  # written before a column was added: nothing in it can be kept, read all again
    if log is not None and log.num_rows:
        frame = log.to_pandas()
        read = (frame["extractor_version"] == version) & frame["article_id"].isin(current)
        if not gate_enabled(gate):
            read &= ~frame["gated"]
        done = set(frame.loc[read, "article_id"])
    kept = {}
    for table in OUTPUTS:
        old = previous.get(table)
        usable = old is not None and old.num_rows and not _predates_schema(table, old)
        old_frame = to_frame(table, old) if usable else to_frame(table, [])
        kept[table] = old_frame[old_frame["article_id"].isin(done)]
    kept_rejects: list[dict] = []
    old_rejects = previous.get("rejects")
    if old_rejects is not None and old_rejects.num_rows:
        frame = old_rejects.to_pylist()
        kept_rejects = [r for r in frame if r["stage"] in ("extract", "validate") and r["article_id"] in done]
    return Plan(todo=articles[~articles["article_id"].isin(done)], kept=kept, kept_rejects=kept_rejects)


def log_mismatch(previous: dict[str, pa.Table | None]) -> str | None:
    """Why the stored tables disagree with the `extractions` log, if they do.

    Validation only removes rows, so an article never has more rows in a table
    than the log says the extractor found, and only logged articles have rows.
    A table that breaks this was changed behind parley's back: keep nothing.
    """
    log = previous.get("extractions")
    if log is None or _predates_schema("extractions", log):
        return None
    logged = log.select(["article_id", *EXTRACTED]).to_pandas().set_index("article_id")
    if logged.index.has_duplicates:
        return "the extractions log lists an article twice"
    for table in EXTRACTED:
        stored = previous.get(table)
        if stored is None:
            if logged[table].sum() > 0:
                return f"{table} is missing but the extractions log records {logged[table].sum()} rows"
            continue
        found = stored.column("article_id").to_pandas().value_counts()
        allowed = logged[table].reindex(found.index)
        if allowed.isna().any() or (found > allowed).any():
            return f"{table} holds rows the extractions log does not account for"
    return None


def _predates_schema(table: str, stored: pa.Table | None) -> bool:
    """A stored table that lacks a column of the current schema (an older warehouse)."""
    return stored is not None and not set(arrow_schema(table).names) <= set(stored.schema.names)


@functools.cache
def _gate() -> Gate:
    return Gate()


def gate_split(todo: pd.DataFrame, gate: bool | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles to parse, articles the relevance gate holds back); `gate` None: PARLEY_GATE decides."""
    if todo.empty or not gate_enabled(gate):
        return todo, todo.iloc[0:0]
    titles = (t if isinstance(t, str) else None for t in todo["title"])
    keep = [_gate().relevant(text, title) for text, title in zip(todo["text"], titles, strict=True)]
    return todo[keep], todo[[not k for k in keep]]


def _log_row(
    article: str, version: str, now: dt.datetime, *, succeeded: bool = True, gated: bool = False
) -> dict:
    return {
        "article_id": article,
        "extractor_version": version,
        "extracted_at": now,
        "succeeded": succeeded,
        "gated": gated,
        **dict.fromkeys(EXTRACTED, 0),
    }


def held_back(gated: pd.DataFrame, version: str = EXTRACTOR_VERSION, now: dt.datetime | None = None) -> Batch:
    """The articles the gate held back: read by this version, nothing found, no parse."""
    now = now or dt.datetime.now(dt.UTC)
    batch = Batch(gated=len(gated))
    batch.add({"extractions": [_log_row(a, version, now, gated=True) for a in gated["article_id"]]})
    return batch


def extract_batch(
    todo: pd.DataFrame,
    extractor: Extractor | Callable[[], Extractor],
    *,
    version: str = EXTRACTOR_VERSION,
    batch_size: int = 32,
    progress: Progress = _no_progress,
    now: dt.datetime | None = None,
    limits: Limits | None = None,
    gate: bool | None = None,
) -> Batch:
    """Read some articles; an article the extractor fails on, or that goes over its budget
    (`limits`, else PARLEY_* settings), becomes a reject; the rest land. The relevance gate
    (`gate`, else PARLEY_GATE) first holds back the articles that cannot hold a meeting; the
    extractor may be a function that loads it, called only when something is left to parse."""
    now = now or dt.datetime.now(dt.UTC)
    limits = limits or Limits.from_env()
    todo, gated = gate_split(todo, gate)
    result = held_back(gated, version, now)
    if todo.empty:
        return result
    if not isinstance(extractor, Extractor):
        extractor = extractor()
    rows = list(todo.itertuples(index=False))
    for start in progress(range(0, len(rows), batch_size), -(-len(rows) // batch_size)):
        batch = rows[start : start + batch_size]
        new: dict[str, list[dict]] = {t: [] for t in OUTPUTS}
        for row, extraction in zip(
            batch, _extract_each(extractor, [article_input(r) for r in batch], limits), strict=True
        ):
            counts = dict.fromkeys(EXTRACTED, 0)
            failed = isinstance(extraction, BaseException)
            if failed:
                over = isinstance(extraction, OverBudget)
                result.rejects.append(
                    reject_record(
                        row.source_path,
                        "extract",
                        "over_budget" if over else "extractor_error",
                        str(extraction) if over else _summary(extraction),
                        source_record=row.source_record,
                        article_id=row.article_id,
                        at=now,
                    )
                )
            else:
                for table, records in extraction_records(row.article_id, extraction, version).items():
                    new[table].extend(records)
                    counts[table] = len(records)
            new["extractions"].append(_log_row(row.article_id, version, now, succeeded=not failed) | counts)
        result.add(new)
    return result


def extract_parallel(
    todo: pd.DataFrame,
    workers: int,
    *,
    model: str | None = None,
    version: str = EXTRACTOR_VERSION,
    batch_size: int = 32,
    progress: Progress = _no_progress,
    gate: bool | None = None,
) -> Batch:
    """`extract_batch` on `workers` processes, each loading the model once (`parley.workers`:
    processes `parley run` started early are taken as they are).

    The relevance gate runs here first, so only articles to parse travel, and no
    process starts when none is left. Chunks of a few batches keep every process
    busy to the end; results come back in input order, so ids and rows are the
    same as in one process.
    """
    now = dt.datetime.now(dt.UTC)
    limits = Limits.from_env()  # read here: a worker process may hold an older environment
    todo, gated = gate_split(todo, gate)
    held = held_back(gated, version, now)
    if todo.empty or (len(todo) <= batch_size and not workers_ready(workers, model)):
        # not worth starting processes (and none at all when nothing is left)
        return Batch.merge(
            [
                held,
                extract_batch(
                    todo,
                    lambda: _extractor(model),
                    version=version,
                    batch_size=batch_size,
                    now=now,
                    limits=limits,
                    gate=False,
                ),
            ]
        )
    size = batch_size * 4
    chunks = [todo.iloc[i : i + size] for i in range(0, len(todo), size)]
    with pool(workers, model) as executor:
        futures = [executor.submit(read_chunk, chunk, version, batch_size, now, limits) for chunk in chunks]
        return Batch.merge([held, *(f.result() for f in progress(futures, len(futures)))])


def assemble(
    articles: pd.DataFrame, plan: Plan, batches: Iterable[Batch], now: dt.datetime | None = None
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Kept and new rows per table, validated; invalid rows and their orphans go to rejects."""
    now = now or dt.datetime.now(dt.UTC)
    batches = list(batches)
    rejects = [*plan.kept_rejects, *(r for b in batches for r in b.rejects)]
    sources = articles.set_index("article_id")[["source_path", "source_record"]]

    def source(row: Any) -> tuple[str, str | None, str]:
        return (*sources.loc[row.article_id], row.article_id)

    new = Batch.merge(batches)
    tables = {}
    for table in OUTPUTS:
        frame = pd.concat([plan.kept[table], to_frame(table, new.table(table))], ignore_index=True)
        tables[table] = _validated(table, frame, rejects, source, now)
    meeting_ids = set(tables["meetings"]["meeting_id"])
    for table in EXTRACTED[1:]:
        frame = tables[table]
        orphans = ~frame["meeting_id"].isin(meeting_ids)
        for _, row in frame[orphans].iterrows():
            path, record, art = source(row)
            rejects.append(
                reject_record(
                    path,
                    "validate",
                    f"invalid_{table}",
                    f"its meeting {row.meeting_id} was rejected",
                    source_record=record,
                    article_id=art,
                    at=now,
                )
            )
        tables[table] = frame[~orphans].reset_index(drop=True)
    return tables, rejects


def extract(
    articles: pd.DataFrame,
    previous: dict[str, pa.Table | None],
    extractor: Extractor,
    *,
    version: str = EXTRACTOR_VERSION,
    batch_size: int = 32,
    progress: Progress = _no_progress,
    gate: bool | None = None,
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """plan → extract_batch → assemble in one process (Dagster fans the middle step out)."""
    work = plan(articles, previous, version, gate)
    batch = extract_batch(
        work.todo, extractor, version=version, batch_size=batch_size, progress=progress, gate=gate
    )
    return assemble(articles, work, [batch])


def events(
    articles: pd.DataFrame, meetings: pd.DataFrame, previous: pa.Table | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Meetings → one event per real-world meeting: `meetings` with `event_id`, and `events`.

    `previous` (the last `events` table) keeps every event_id whose meetings remain.
    """
    return consolidate(meetings, articles, previous)
