"""Walk an input folder and turn every file into Articles or Rejects, streaming, in a fixed order.

Rules that decide what a file becomes:
- Names starting with "." (hidden files and folders, e.g. `.git`, `.DS_Store`) are skipped entirely,
  by scan and fingerprint alike; everything else ends as at least one Article or Reject.
- Symbolic links are never followed nor read: each is a Reject, `symlink_outside` when it resolves
  outside the root, `symlink` when it points inside (its target is scanned in its own right) or
  nowhere. The same holds for a link to a folder.
- Anything that is not a regular file (FIFO, socket, device) is `not_regular_file`, never opened.
- Order is depth-first with each folder's entries sorted by name, so two scans of the same folder
  yield the same records in the same order; the first copy of a duplicate is the one kept.
- Inputs fail alone: a name that is not valid UTF-8 is `bad_file_name` (shown with `\xff` escapes),
  and any unexpected error while reading one file is an `ingest_error` reject naming it; the scan
  goes on with the next file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from parley.ingest.decoding import decode
from parley.ingest.formats import FETCH_REJECTS, READERS, read_fetch_rejects
from parley.ingest.records import Article, IngestProblem, Reject, lone_surrogate, printable, unexpected

DEFAULT_MAX_BYTES = 5_000_000


def _walk(root: Path, folder: Path | None = None) -> Iterator[tuple[str, os.DirEntry[str] | OSError]]:
    """(relative posix path, entry) for every non-hidden entry below `root` except real folders.

    A sub-folder that cannot be listed comes out as (its path, the OSError) so that it is not lost.
    """
    folder = folder or root
    with os.scandir(folder) as listing:
        entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda e: e.name)
    for entry in entries:
        relative = Path(entry.path).relative_to(root).as_posix()
        if not _is_folder(entry):
            yield relative, entry
            continue
        try:
            yield from _walk(root, Path(entry.path))
        except OSError as error:
            yield relative, error


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # gone since the listing: reading it will say so
        return False


def shown_name(relative: str) -> str:
    """A path as it can be stored and printed: bytes that are not UTF-8 (which Python keeps as lone
    surrogates) written as `\\xff` escapes."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def _symlink_reject(root: Path, relative: str, entry: os.DirEntry[str]) -> Reject:
    """A Reject naming where the link points; only the link itself is inspected, never its target."""
    target = os.readlink(entry.path)
    resolved = Path(os.path.realpath(entry.path))
    if not resolved.is_relative_to(root.resolve()):
        return Reject(
            relative, None, "symlink_outside", f"symbolic link to {target!r}, outside the input; not followed"
        )
    where = "inside the input" if os.path.lexists(resolved) else "which does not exist"
    return Reject(relative, None, "symlink", f"symbolic link to {target!r}, {where}; not followed")


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """The file's bytes, opened without following links and never reading past max_bytes + 1."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise IngestProblem("not_regular_file", "not a regular file; not read")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestProblem("too_large", f"larger than the limit of {max_bytes} bytes; not read")
    return data


def _read_file(relative: str, entry: os.DirEntry[str], max_bytes: int) -> Iterator[Article | Reject]:
    """Every Article and Reject of one regular file, before duplicate checks."""
    reader = READERS.get(Path(relative).suffix.lower())
    if Path(relative).name == FETCH_REJECTS:
        reader = read_fetch_rejects
    if reader is None:
        suffix = Path(relative).suffix or "(no extension)"
        known = ", ".join(sorted(READERS))
        raise IngestProblem("unsupported_format", f"extension {suffix} is not one of {known}")
    size = entry.stat(follow_symlinks=False).st_size
    if size == 0:
        raise IngestProblem("empty", "file is empty (0 bytes)")
    if size > max_bytes:
        raise IngestProblem("too_large", f"{size} bytes, over the limit of {max_bytes}; not read")
    text = decode(_read_bytes(entry.path, max_bytes))
    yield from reader(relative, text)


def _file_outcomes(
    root: Path, relative: str, entry: os.DirEntry[str] | OSError, max_bytes: int
) -> Iterator[Article | Reject]:
    """The records of one walked entry: a Reject for links, special files and read errors, else its reader's."""
    if isinstance(entry, OSError):
        yield Reject(relative, None, "unreadable", f"folder cannot be listed: {entry.strerror}")
        return
    if entry.is_symlink():
        yield _symlink_reject(root, relative, entry)
        return
    if not entry.is_file(follow_symlinks=False):
        yield Reject(
            relative, None, "not_regular_file", "not a regular file (FIFO, socket or device); not read"
        )
        return
    try:
        yield from _read_file(relative, entry, max_bytes)
    except IngestProblem as problem:
        yield Reject(relative, None, problem.reason, problem.detail)
    except OSError as error:
        yield Reject(relative, None, "unreadable", f"cannot be read: {error.strerror or error}")


def _isolated(
    root: Path, relative: str, entry: os.DirEntry[str] | OSError, max_bytes: int
) -> Iterator[Article | Reject]:
    """The records of one entry, whatever goes wrong with it: every failure is a Reject naming it."""
    if lone_surrogate(relative) is not None:
        shown = shown_name(relative)
        yield Reject(
            shown, None, "bad_file_name", f"file name '{shown}' is not valid UTF-8; rename it to read it"
        )
        return
    try:
        for item in _file_outcomes(root, relative, entry, max_bytes):
            # a reject's message may quote the input (a link's target): keep it storable
            yield replace(item, detail=printable(item.detail)) if isinstance(item, Reject) else item
    except Exception as error:  # a bug or a library error on one file must not stop the others
        yield Reject(relative, None, "ingest_error", unexpected(error))


def _location(item: Article) -> str:
    return f"{item.source_path} ({item.source_record})" if item.source_record else item.source_path


def scan(root: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Reject]:
    """Every Article and Reject under `root`, one file at a time (see the module docstring for the rules).

    Only the hashes of articles already seen are kept, to reject later copies as `duplicate`.
    """
    root = Path(root)
    first_seen: dict[str, str] = {}
    for relative, entry in _walk(root):
        for item in _isolated(root, relative, entry, max_bytes):
            if isinstance(item, Article):
                original = first_seen.get(item.content_hash)
                if original is None:
                    first_seen[item.content_hash] = _location(item)
                else:
                    item = Reject(
                        item.source_path, item.source_record, "duplicate", f"duplicate of {original}"
                    )
            yield item


def fingerprint(root: str | Path) -> str:
    """A cheap digest of what scan would see (paths, kinds, sizes, mtimes), for a sensor cursor.

    It changes when a file is added, removed, renamed or rewritten, and reads no file contents.
    """
    digest = hashlib.sha256()
    root = Path(root)
    for relative, entry in _walk(root):
        try:
            if isinstance(entry, OSError):
                raise entry
            info = entry.stat(follow_symlinks=False)
            state = f"{stat.S_IFMT(info.st_mode)} {info.st_size} {info.st_mtime_ns}"
        except OSError as error:  # unlistable, or gone since the listing
            state = f"unreadable {error.errno}"
        digest.update(os.fsencode(relative) + f"\0{state}\n".encode())
    return digest.hexdigest()
