"""MinHash signatures kept between runs, so that copy detection hashes only texts it has not seen.

Every run compares each article with the originals before it, so it needs every article's
signature; hashing them all again took most of ingestion (about 0.6 ms an article: a minute a run at
100,000 articles when one file is new). The signature of a text depends only on the text (the
article id is its hash) and on the settings below, so a file in the warehouse keeps them: one row
per article of the last run, rewritten whole (through a temporary name and a rename) by each run.
A file that cannot be read, or was made with other settings, is ignored and replaced.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from parley.consolidate.rules import Rules

NAME = ".signatures.npz"  # in the warehouse folder, beside the tables
FORMAT = 1  # bump when `copies.shingles` or the hashing changes


def settings(rules: Rules) -> np.ndarray:
    """What a signature depends on besides its text."""
    from datasketch import __version__ as datasketch_version

    return np.array([str(FORMAT), str(rules.num_perm), str(rules.shingle_words), datasketch_version])


class SignatureStore:
    """The signatures of the last run's articles (`known`), and `save` for this run's."""

    def __init__(self, path: Path, rules: Rules) -> None:
        self.path, self.settings = path, settings(rules)
        self.known: dict[str, np.ndarray] = {}
        self.hashed = 0  # texts this run had to hash (set by `copies.find_copies`)
        try:
            with np.load(path, allow_pickle=False) as stored:
                if np.array_equal(stored["settings"], self.settings):
                    ids, matrix = stored["ids"], stored["signatures"]
                    if matrix.shape == (len(ids), rules.num_perm) and matrix.dtype == np.uint64:
                        self.known = dict(zip(ids.tolist(), matrix, strict=True))
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            self.known = {}  # absent, broken or from an older layout: every text is hashed again

    def save(self, ids: list[str], signatures: np.ndarray) -> None:
        """Replace the file with these signatures; a folder that cannot take it only costs the next
        run the hashing."""
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as handle:
                np.savez(handle, settings=self.settings, ids=np.array(ids, dtype=str), signatures=signatures)
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)
