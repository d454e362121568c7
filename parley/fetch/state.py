"""What has been fetched, kept beside the fetched files (`fetched/.state.json`, hidden from ingestion):
each feed's validators and dates, each item URL's outcome, the hashes of every body and text kept,
and the failures still standing. A rerun reads it and fetches nothing it already has."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

STATE_FILE = ".state.json"
VERSION = 1


@dataclass
class FetchState:
    # name → {url, etag, last_modified, first_attempt, last_success, last_new}
    feeds: dict[str, dict] = field(default_factory=dict)
    # item URL (as in the feed, and after redirects) → {status: article|duplicate|filtered, sha256, path, at}
    items: dict[str, dict] = field(default_factory=dict)
    # sha256 of a raw body or an extracted text → the item URL it first came from
    contents: dict[str, str] = field(default_factory=dict)
    # name → URL (feed or item) → {reason, detail, transient, at}
    failures: dict[str, dict[str, dict]] = field(default_factory=dict)

    @classmethod
    def load(cls, area: Path) -> FetchState:
        path = area / STATE_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("version", None)
        return cls(**data)

    def save(self, area: Path) -> None:
        """Atomically: a crash leaves the previous state, never half of one."""
        path = area / STATE_FILE
        temporary = path.with_name(f".{STATE_FILE}.tmp")
        temporary.write_text(json.dumps({"version": VERSION, **asdict(self)}, indent=1, sort_keys=True))
        os.replace(temporary, path)

    def feed(self, name: str) -> dict:
        return self.feeds.setdefault(name, {})

    def failing(self, name: str) -> dict[str, dict]:
        return self.failures.setdefault(name, {})


@contextlib.contextmanager
def locked(area: Path) -> Iterator[None]:
    """One fetch at a time per articles folder (an hourly fetch overlapping the daily run waits)."""
    area.mkdir(parents=True, exist_ok=True)
    with open(area / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
