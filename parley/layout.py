"""Where a warehouse keeps what, without pyarrow: the names `parley.storage` writes and the checks
that `parley run` makes before it imports anything heavy (`parley.freshness`)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from parley.errors import ParleyError

PART = "part-0.parquet"
MARKER = ".parley"
VERSIONS = ".versions"
CURRENT = "current"
MANIFEST = "manifest.json"
INPUTS = "inputs"  # a draft's note of the inputs it was made from, carried into its manifest


class WarehouseError(ParleyError):
    """A warehouse that cannot be used as it is: names the path and how to recover."""


def warehouse_root(uri: str | os.PathLike[str]) -> Path:
    """The local folder a warehouse path or `file://` URI names; other schemes are refused."""
    uri = str(uri)
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise WarehouseError(f"{uri}: a file:// URI names an absolute path (file:///path/to/warehouse)")
        uri = parsed.path
    elif "://" in uri:
        raise WarehouseError(
            f"{uri}: only local warehouses are supported (a path or file:// URI), because a run "
            "publishes by swapping a symbolic link; mount the bucket locally or write to a local folder"
        )
    return Path(uri).expanduser().resolve()


def current_version(root: Path) -> str | None:
    """The id of the published version, or None before the first publish."""
    link = root / CURRENT
    return Path(os.readlink(link)).name if link.is_symlink() else None
