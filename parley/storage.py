"""The Parquet warehouse: every run's tables published together by replacing one symlink.

Layout of a warehouse folder (local filesystems only):

    .parley                                  marker: the folder is parley's (nothing else is ever deleted)
    .versions/<id>/<table>/part-0.parquet    one folder per version; hidden, so readers' globs skip it
    .versions/<id>/manifest.json             that version's tables: file, rows, bytes, SHA-256
    current -> .versions/<id>                the published version; replacing this link is the commit
    <table> -> current/<table>               what readers glob (`warehouse/<table>/**/*.parquet`)
    parley.duckdb                            views over `<table>/part-0.parquet` (see views.py)
    .signatures.npz                          copy detection's MinHash signatures, a cache (consolidate/signatures.py)

A run writes its tables into a `Draft` named after it, then `publish` swaps
`current` with one `os.replace`: a crash before it leaves the previous version
whole, after it the new one; no reader sees tables of two runs. Reads check a
file against the manifest, so a table changed or removed behind parley's back
is noticed and re-derived instead of trusted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from parley.layout import (
    CURRENT,
    INPUTS,
    MANIFEST,
    MARKER,
    PART,
    VERSIONS,
    WarehouseError,
    current_version,
    warehouse_root,
)
from schemas.arrow import arrow_schema
from schemas.tables import TABLES

ROW_GROUP = 128 * 1024  # rows; several groups per file let DuckDB scan on every core
# names a warehouse written before the marker existed may hold: such a folder is adopted, not refused
LEGACY_NAMES = {*TABLES, "parley.duckdb", ".lock"}


@dataclasses.dataclass(frozen=True)
class Entry:
    """One table of a version, as published: enough to notice any later change."""

    file: str  # relative to the version folder
    rows: int
    bytes: int
    sha256: str


@dataclasses.dataclass(frozen=True)
class Manifest:
    version: str
    created_at: str
    tables: dict[str, Entry]
    inputs: str | None = None  # `parley.freshness.input_key` of what the version was made from

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        tables = {name: Entry(**entry) for name, entry in data["tables"].items()}
        return cls(
            version=data["version"], created_at=data["created_at"], tables=tables, inputs=data.get("inputs")
        )


_held: dict[str, int] = {}
_held_guard = threading.Lock()


class Warehouse:
    def __init__(self, uri: str | os.PathLike[str]):
        self.root = warehouse_root(uri)
        self.uri = str(self.root)

    @property
    def local_root(self) -> Path:
        return self.root

    def path(self, table: str) -> Path:
        """Where readers find the published table."""
        return self.root / table / PART

    def draft(self, version: str) -> Draft:
        return Draft(self, version)

    # --- ownership and locking -------------------------------------------------------------

    def claim(self) -> None:
        """Make sure the folder is parley's before writing: a new or empty folder gets the marker,
        a folder holding anything else is refused (parley deletes inside its warehouse)."""
        if self.root.exists() and not self.root.is_dir():
            raise WarehouseError(f"{self.root} is a file, not a warehouse folder")
        if (self.root / MARKER).is_file():
            return
        if self.root.is_dir():
            foreign = sorted(
                p.name
                for p in self.root.iterdir()
                if p.name not in LEGACY_NAMES and not p.name.startswith(".parley.duckdb")
            )
            if foreign:
                raise WarehouseError(
                    f"{self.root} is not a parley warehouse (no {MARKER} file) and holds other files "
                    f"({', '.join(foreign[:3])}{', ...' if len(foreign) > 3 else ''}): refusing to write "
                    "there; pass a new or empty folder as --warehouse"
                )
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / MARKER).write_text("parley warehouse: parley manages every file in this folder.\n")

    @contextlib.contextmanager
    def lock(self, keep: str | None = None) -> Iterator[None]:
        """Exclusive use of the warehouse by one run at a time (re-entrant in a process).

        Claims the folder first. On taking the lock, versions no longer needed
        (left by killed runs, or superseded) are removed, except the draft `keep`
        of the run taking it (with the multiprocess executor each step locks anew).
        """
        key = str(self.root)
        with _held_guard:
            nested = _held.get(key, 0) > 0
            _held[key] = _held.get(key, 0) + 1
        try:
            if nested:
                yield
                return
            self.claim()
            with open(self.root / ".lock", "w") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    self._prune(keep={keep} if keep else set(), drafts=True)
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            with _held_guard:
                _held[key] -= 1

    def _prune(self, keep: set[str], drafts: bool) -> None:
        """Remove version folders other than the current one and `keep` (only under the lock).

        Superseded versions (with a manifest) always go; drafts only when `drafts`:
        a draft being written by this process's run must survive a nested publish.
        """
        current = self._current_id()
        if current:
            keep = keep | {current}
        versions = self.root / VERSIONS
        if versions.is_dir():
            for folder in versions.iterdir():
                if folder.name not in keep and (drafts or (folder / MANIFEST).exists()):
                    shutil.rmtree(folder, ignore_errors=True)
        for tmp in self.root.glob(".*.tmp"):
            if tmp.is_symlink() or tmp.is_file():
                tmp.unlink(missing_ok=True)

    # --- the published version ---------------------------------------------------------------

    def _current_id(self) -> str | None:
        return current_version(self.root)

    def _published(self) -> tuple[Path, Manifest] | None:
        """The current version's folder (resolved once, so a concurrent publish can't mix two) and manifest."""
        current = self._current_id()
        if current is None:
            return None
        folder = self.root / VERSIONS / current
        try:
            return folder, Manifest.from_json((folder / MANIFEST).read_text())
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise WarehouseError(f"{folder / MANIFEST} is unreadable ({err})") from err

    def manifest(self) -> Manifest | None:
        """The published version's manifest, or None before the first publish."""
        published = self._published()
        return published[1] if published else None

    def counts(self) -> dict[str, int]:
        """Rows per published table, as the manifest records them."""
        manifest = self.manifest()
        return {t: manifest.tables[t].rows for t in TABLES if t in manifest.tables} if manifest else {}

    def exists(self, table: str) -> bool:
        manifest = self.manifest()
        return manifest is not None and table in manifest.tables

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table | None:
        """The published table, checked against its manifest entry; None if no version holds it."""
        published = self._published()
        if published is None or table not in published[1].tables:
            return None
        folder, manifest = published
        try:
            data = self._checked_bytes(table, folder, manifest.tables[table])
        except WarehouseError as err:
            raise WarehouseError(f"{err}: `parley run` re-derives it from the articles") from err
        return pq.read_table(pa.BufferReader(data), columns=columns)

    def _checked_bytes(self, table: str, folder: Path, entry: Entry) -> bytes:
        shown = self.path(table)
        try:
            data = (folder / entry.file).read_bytes()
        except FileNotFoundError as err:
            raise WarehouseError(f"{shown} is missing (the manifest names {entry.file})") from err
        if len(data) != entry.bytes or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise WarehouseError(f"{shown} was changed after parley published it (size or hash differ)")
        try:
            rows = pq.ParquetFile(pa.BufferReader(data)).metadata.num_rows
        except (pa.ArrowInvalid, OSError) as err:
            raise WarehouseError(f"cannot read {shown}: {err}") from err
        if rows != entry.rows:
            raise WarehouseError(f"{shown} holds {rows} rows, the manifest {entry.rows}")
        return data

    def problems(self) -> dict[str, str]:
        """Published tables that no longer match the manifest, or whose link readers glob was replaced."""
        try:
            published = self._published()
        except WarehouseError as err:
            return {"manifest": str(err)}
        if published is None:
            return {}
        folder, manifest = published
        found = {}
        for table, entry in manifest.tables.items():
            try:
                self._checked_bytes(table, folder, entry)
            except WarehouseError as err:
                found[table] = str(err)
                continue
            link = self.root / table
            extra = [p for p in (folder / table).rglob("*") if not p.is_dir() and p != folder / entry.file]
            if not link.is_symlink() or os.readlink(link) != f"{CURRENT}/{table}":
                found[table] = f"{link} is no longer parley's link to {CURRENT}/{table}"
            elif extra:
                found[table] = f"{link} holds files the manifest does not name ({extra[0].name}, ...)"
        return found

    def write(self, table: str, data: pa.Table) -> int:
        """Replace one table and publish at once (tools, tests); a run writes all its tables in one Draft."""
        with self.lock():
            draft = self.draft(f"write-{uuid.uuid4().hex}")
            try:
                size = draft.write(table, data)
            except BaseException:
                shutil.rmtree(draft.folder, ignore_errors=True)
                raise
            draft.publish()
        return size


class Draft:
    """A version being written by one run: invisible to readers until `publish`."""

    def __init__(self, store: Warehouse, version: str):
        self.store = store
        self.version = version
        self.folder = store.root / VERSIONS / version

    def path(self, table: str) -> Path:
        return self.folder / table / PART

    def has(self, table: str) -> bool:
        return self.path(table).is_file()

    def write(self, table: str, data: pa.Table) -> int:
        """Write one table of this version (a hidden name first: a killed write leaves no half file)."""
        self.store.claim()
        path = self.path(table)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{PART}.{uuid.uuid4().hex}.tmp")
        try:
            pq.write_table(data.cast(arrow_schema(table)), tmp, compression="zstd", row_group_size=ROW_GROUP)
            _fsync(tmp)
            os.replace(tmp, path)
            _fsync(path.parent)
        finally:
            tmp.unlink(missing_ok=True)
        return path.stat().st_size

    def tables(self) -> list[str]:
        return [t for t in TABLES if self.has(t)]

    def note_inputs(self, key: str) -> None:
        """Record what this version is made from (`parley.freshness.input_key`); the manifest carries it,
        so the next `parley run` can tell at once that nothing changed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_durably(self.folder / INPUTS, key)

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table | None:
        return pq.read_table(self.path(table), columns=columns) if self.has(table) else None

    def publish(self) -> Manifest:
        """Make this version the current one in one atomic step (call under the lock).

        Tables the draft lacks (a partial run) are carried over from the current
        version, hard-linked, with their old manifest entries: damage stays visible.
        """
        store = self.store
        try:
            previous = store._published()
        except WarehouseError:
            previous = None
        tables: dict[str, Entry] = {}
        for table in TABLES:
            if self.has(table):
                tables[table] = _describe(self.folder, f"{table}/{PART}")
            elif previous and table in previous[1].tables:
                entry = previous[1].tables[table]
                with contextlib.suppress(FileNotFoundError):
                    _link_or_copy(previous[0] / entry.file, self.folder / entry.file)
                    tables[table] = entry
        noted = self.folder / INPUTS
        inputs = noted.read_text() if noted.is_file() else None
        manifest = Manifest(self.version, dt.datetime.now(dt.UTC).isoformat(), tables, inputs)
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_durably(self.folder / MANIFEST, manifest.to_json())
        _replace_link(store.root / CURRENT, f"{VERSIONS}/{self.version}")
        _fsync(store.root)
        for table in tables:
            _replace_link(store.root / table, f"{CURRENT}/{table}")
        _fsync(store.root)
        store._prune(keep=set(), drafts=False)
        return manifest


def _describe(folder: Path, file: str) -> Entry:
    path = folder / file
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    rows = pq.ParquetFile(path).metadata.num_rows
    return Entry(file=file, rows=rows, bytes=path.stat().st_size, sha256=digest.hexdigest())


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        if not source.exists():
            raise
        shutil.copy2(source, target)


def _replace_link(link: Path, target: str) -> None:
    """Point `link` at `target` atomically (a new link under a temporary name, then os.replace)."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # an older layout's real folder, or one written there behind parley's back
    elif link.exists() and not link.is_symlink():
        link.unlink()
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex}.tmp")
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _write_durably(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    _fsync(tmp)
    os.replace(tmp, path)
    _fsync(path.parent)


def _fsync(path: Path) -> None:
    """Make a file or a folder's entries durable before what depends on them."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
