"""Files the fetcher leaves in the articles folder: article files with front matter, raw bodies
stored by their SHA-256, and one `fetch-rejects.jsonl` per source that ingestion turns into rejects.

Every file is written under a hidden temporary name and renamed into place, so a run reading the
folder meanwhile never sees half a file; hidden names (`.raw/`, `.state.json`) are never ingested.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import yaml

from parley.ingest.formats import FETCH_REJECTS

RAW = ".raw"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_raw(area: Path, body: bytes) -> str:
    """Keep a response body as `.raw/<ab>/<sha256>` (once, whoever sent it); returns the hash."""
    digest = sha256(body)
    path = area / RAW / digest[:2] / digest
    if not path.exists():
        _write(path, body)
    return digest


def _slug(title: str | None) -> str:
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-") or "article"


def write_article(area: Path, source: str, metadata: Mapping[str, object], text: str, digest: str) -> str:
    """`<source>/<date>-<slug>-<hash>.md`: YAML front matter (title, published, publisher, url,
    fetched_at, ...) then the main text; returns its path relative to `area`."""
    day = str(metadata.get("published") or metadata["fetched_at"])[:10]
    relative = f"{source}/{day}-{_slug(str(metadata.get('title') or ''))}-{digest[:10]}.md"
    front = yaml.safe_dump(
        {k: v for k, v in metadata.items() if v is not None}, allow_unicode=True, sort_keys=False
    )
    _write(area / relative, f"---\n{front}---\n{text.strip()}\n".encode())
    return relative


def write_rejects(area: Path, source: str, failures: Mapping[str, Mapping[str, object]]) -> None:
    """The items (and feed) of one source that are not articles, one JSON line per URL with its
    reason; no file when there are none. Rewritten only when it changes, so that the folder's
    fingerprint (what the `new_articles` sensor watches) stays still."""
    path = area / source / FETCH_REJECTS
    lines = [
        json.dumps(
            {"url": url, "reason": f["reason"], "detail": f["detail"], "failed_at": f["at"]},
            ensure_ascii=False,
        )
        for url, f in sorted(failures.items())
    ]
    if not lines:
        path.unlink(missing_ok=True)
        return
    data = ("\n".join(lines) + "\n").encode()
    if not path.exists() or path.read_bytes() != data:
        _write(path, data)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
