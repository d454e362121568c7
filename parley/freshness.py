"""Is there anything new to do? Answered before Dagster, spaCy or pyarrow are imported.

A run reads every file, re-derives events and publishes a new version even when nothing changed:
seconds of fixed cost for nothing. `input_key` is a digest of everything a run's tables depend on
that can change between runs: the input folder's state (paths, sizes, modification times, as the
`new_articles` sensor sees it), parley's own code and data files, the models folder and the settings
that change what the extractor finds. Every run records the key of what it ingested in the manifest
of the version it publishes (`Draft.note_inputs`), whether started by `parley run`, the sensor or a
schedule; `parley run` computes the key of the folder as it is now, and when the published version
was made from the same key and its files are still as published, there is nothing to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from parley.gate import enabled as gate_enabled
from parley.ingest.scan import fingerprint
from parley.layout import CURRENT, MANIFEST, VERSIONS, current_version

ROOT = Path(__file__).resolve().parents[1]
CODE = ("parley", "schemas", "assets", "pipelines")  # what a run executes, with its lexicons and models
# settings that change what a run finds (the model and the gate are arguments: the CLI has flags for them)
SETTINGS = ("PARLEY_MODELS", "PARLEY_PIECE_CHARS", "PARLEY_ARTICLE_SECONDS", "PARLEY_ARTICLE_MEMORY_MB")


def code_fingerprint() -> str:
    """A digest of parley's source and data files, by content (a fresh checkout gives the same)."""
    digest = hashlib.sha256()
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def input_key(articles: Path, model: str | None = None, gate: bool | None = None) -> str:
    """The digest a run records for what it was made from; equal keys give equal tables."""
    models = os.environ.get("PARLEY_MODELS")
    parts = [
        str(articles),
        fingerprint(articles),
        code_fingerprint(),
        model or os.environ.get("PARLEY_SPACY_MODEL") or "",
        f"gate={gate_enabled(gate)}",
        *(f"{name}={os.environ.get(name, '')}" for name in SETTINGS),
        fingerprint(models) if models and Path(models).is_dir() else "",
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def unchanged_since(warehouse: Path, key: str) -> str | None:
    """When the published version was made from inputs of this key and its files, links and views
    are still as published: its publication time (ISO 8601, UTC); else None (a run is needed).

    Reads only the manifest and the files' metadata: a table rewritten after the publish (newer, or of
    another size) or a link replaced sends the run ahead, which then names the damage and repairs it.
    """
    version = current_version(warehouse)
    if version is None:
        return None
    folder = warehouse / VERSIONS / version
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        if manifest.get("inputs") != key:
            return None
        published = dt.datetime.fromisoformat(manifest["created_at"]).timestamp()
        for table, entry in manifest["tables"].items():
            file = folder / entry["file"]
            info = file.stat()
            if info.st_size != entry["bytes"] or info.st_mtime > published:
                return None
            if os.listdir(file.parent) != [file.name]:  # files added beside it
                return None
            if os.readlink(warehouse / table) != f"{CURRENT}/{table}":
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return manifest["created_at"] if (warehouse / "parley.duckdb").is_file() else None
