"""The Parquet warehouse: one dataset folder per table, on any pyarrow filesystem.

The location is a URI pyarrow understands (a local path, `file://`, `s3://`,
`gs://`). Each table is one file, `<table>/part-0.parquet`, replaced
atomically: the new version is written beside it under a hidden name and
moved into place, so a crash mid-write leaves the previous version readable
and re-running never duplicates rows.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from schemas.arrow import arrow_schema

PART = "part-0.parquet"
ROW_GROUP = 128 * 1024  # rows; several groups per file let DuckDB scan on every core


class WarehouseError(RuntimeError):
    """A table that exists but cannot be read: names the file and how to recover."""


_held: dict[str, int] = {}
_held_guard = threading.Lock()


class Warehouse:
    def __init__(self, uri: str | os.PathLike[str]):
        uri = str(uri)
        if "://" not in uri:
            uri = str(Path(uri).expanduser().resolve())
        self.uri = uri
        self.fs, self.root = pafs.FileSystem.from_uri(uri)

    @property
    def local_root(self) -> Path | None:
        """The folder on this machine, when the warehouse is local."""
        return Path(self.root) if isinstance(self.fs, pafs.LocalFileSystem) else None

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive use of a local warehouse by one run at a time (re-entrant in a process).

        Two runs at once (the schedule and the sensor, or two `parley run`)
        take turns instead of interleaving their writes. Object stores have no
        such lock: there, Dagster's run concurrency limits serialise runs.
        """
        if self.local_root is None:
            yield
            return
        key = str(self.local_root)
        with _held_guard:
            nested = _held.get(key, 0) > 0
            _held[key] = _held.get(key, 0) + 1
        try:
            if nested:
                yield
                return
            self.local_root.mkdir(parents=True, exist_ok=True)
            with open(self.local_root / ".lock", "w") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    self._remove_stale_temporaries()
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            with _held_guard:
                _held[key] -= 1

    def _remove_stale_temporaries(self) -> None:
        """Half-written files left by a killed run (only called under the lock)."""
        for tmp in self.local_root.glob(f"*/.{PART}.*.tmp"):
            tmp.unlink(missing_ok=True)

    def path(self, table: str) -> str:
        return f"{self.root}/{table}/{PART}"

    def exists(self, table: str) -> bool:
        return self.fs.get_file_info(self.path(table)).type == pafs.FileType.File

    def write(self, table: str, data: pa.Table) -> int:
        """Replace a table atomically; returns the bytes written."""
        folder = f"{self.root}/{table}"
        self.fs.create_dir(folder, recursive=True)
        tmp = f"{folder}/.{PART}.{uuid.uuid4().hex}.tmp"
        try:
            pq.write_table(
                data.cast(arrow_schema(table)),
                tmp,
                filesystem=self.fs,
                compression="zstd",
                row_group_size=ROW_GROUP,
            )
            if self.local_root is not None:
                _fsync(tmp)
            self.fs.move(tmp, self.path(table))
        except BaseException:
            if self.fs.get_file_info(tmp).type == pafs.FileType.File:
                self.fs.delete_file(tmp)
            raise
        return self.fs.get_file_info(self.path(table)).size

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table | None:
        """The table's current version, or None if it was never written."""
        if not self.exists(table):
            return None
        try:
            return pq.read_table(self.path(table), filesystem=self.fs, columns=columns)
        except (pa.ArrowInvalid, OSError) as err:
            raise WarehouseError(
                f"cannot read {self.uri}/{table}/{PART}: {err}. "
                "Run `parley rebuild` to re-derive the warehouse from the articles."
            ) from err

    def drop(self) -> None:
        """Remove every table (used by `parley rebuild`)."""
        if self.fs.get_file_info(self.root).type == pafs.FileType.Directory:
            self.fs.delete_dir_contents(self.root, missing_dir_ok=True)


def _fsync(path: str) -> None:
    """Make the new file durable before it replaces the old one."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
