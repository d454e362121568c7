"""Checks before a run touches anything: the input folder exists, and an empty one never empties tables.

An unmounted share or a mistyped path looks like an empty or missing folder;
read as "every article was deleted", it would publish empty tables.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from parley.errors import InputError
from parley.layout import WarehouseError

if TYPE_CHECKING:  # pyarrow and the schemas load only when a warehouse is opened
    from parley.storage import Warehouse


def check_articles(root: Path) -> None:
    """The input folder must exist (checked before the warehouse is even opened)."""
    if not root.exists():
        raise InputError(f"articles folder {root} does not exist")
    if not root.is_dir():
        raise InputError(f"articles folder {root} is not a folder")


def has_inputs(root: Path) -> bool:
    """Whether the folder holds anything the scan reads (hidden names are skipped, as the scan does)."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        if any(not f.startswith(".") for f in files):
            return True
        if any(os.path.islink(os.path.join(folder, d)) for d in subfolders):
            return True  # a link is an input too (it becomes a reject)
    return False


def check_not_emptying(root: Path, store: Warehouse, allow_empty: bool) -> None:
    """Refuse to turn a warehouse with articles into an empty one, unless asked to."""
    if allow_empty or has_inputs(root):
        return
    try:
        held = store.counts().get("articles", 0)
    except WarehouseError:  # an unreadable manifest: the run would re-derive from nothing
        held = 1
    if held:
        raise InputError(
            f"articles folder {root} is empty but {store.root} holds {held} articles: a run would empty "
            "every table. Check the path, or pass --allow-empty to empty the warehouse."
        )
