"""Stable row ids: the same input and extractor give the same ids on every run."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """`prefix` + 16 hex digits of a hash of the parts (None and "" differ)."""
    key = "\x1f".join("\x00" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def article_id(content_hash: str) -> str:
    """Articles are identified by content, so a renamed file keeps its rows."""
    return f"art_{content_hash[:16]}"
