"""Near-duplicate articles: syndicated or lightly edited copies of an earlier article.

MinHash signatures of word shingles (datasketch) go into an LSH index, so each article is
compared only with the few that share bands with it, not with every other article. The index is
datasketch's banding (its `b` bands of `r` rows for the threshold) kept compactly: one dict per
band from the band's hash to the originals holding it, and the signatures as one array. datasketch's
own `MinHashLSH` keeps every band's bytes and a set per bucket, about 10 KB an article, which at
100,000 articles was most of a run's memory; this finds the same candidates (equal bands have
equal hashes, and a candidate counts only after its estimated similarity is checked).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from parley.consolidate.rules import Rules
from parley.consolidate.signatures import SignatureStore

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Copy:
    article_id: str
    copy_of: str
    similarity: float


def shingles(text: str, size: int) -> list[bytes]:
    """The distinct runs of `size` words of a text, lower-cased, as bytes for hashing."""
    words = _WORD.findall(text.lower())
    runs = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
    return sorted(run.encode() for run in runs)


def first_reported_order(articles: pd.DataFrame) -> list[str]:
    """Article ids, earliest first: by publication date (unknown last), first ingestion, id."""
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"].astype(object),
            "published": articles["published_date"].astype(object),
            "ingested": articles["ingested_at"].astype(object),
        }
    )
    frame["undated"] = frame["published"].isna()
    frame = frame.fillna({"published": pd.Timestamp.max.date()})
    return list(frame.sort_values(["undated", "published", "ingested", "article_id"])["article_id"])


def find_copies(articles: pd.DataFrame, rules: Rules, store: SignatureStore | None = None) -> list[Copy]:
    """Each article that copies an earlier one (in `first_reported_order`), with the earlier
    article and their estimated similarity. Only originals are indexed, so a copy always
    names an article that is not itself a copy. With a `store`, only texts it does not hold
    are hashed, and it is saved with this run's signatures."""
    from datasketch import MinHashLSH  # here, not above: its import takes about half a second

    row = {a: n for n, a in enumerate(articles["article_id"])}
    column = articles["text"]

    def text(article: str) -> str:  # one at a time: all texts as Python strings at once are the corpus again
        return column.iat[row[article]]

    order = [a for a in first_reported_order(articles) if len(_WORD.findall(text(a))) >= rules.min_copy_words]
    signatures = _signatures(order, text, rules, store)
    banding = MinHashLSH(threshold=rules.copy_threshold, num_perm=rules.num_perm)
    bands = [slice(i * banding.r, (i + 1) * banding.r) for i in range(banding.b)]
    buckets: list[dict[int, int | list[int]]] = [{} for _ in bands]  # band hash -> original(s)
    copies = []
    for n, article in enumerate(order):
        signature = signatures[n]
        keys = [hash(signature[band].tobytes()) for band in bands]
        candidates: set[int] = set()
        for bucket, key in zip(buckets, keys, strict=True):
            found = bucket.get(key)
            if found is not None:
                candidates.update(found if isinstance(found, list) else (found,))
        among = np.fromiter(candidates, dtype=np.intp, count=len(candidates))
        similar = _jaccard(signature, signatures[among])
        close = similar >= rules.copy_threshold
        if close.any():  # the most similar original, the earliest of equals
            similarity, minus = max(zip(similar[close].tolist(), (-among[close]).tolist(), strict=True))
            copies.append(Copy(article, order[-minus], round(similarity, 3)))
            continue
        for bucket, key in zip(buckets, keys, strict=True):  # an original: index it
            found = bucket.get(key)
            if found is None:
                bucket[key] = n
            elif isinstance(found, list):
                found.append(n)
            else:
                bucket[key] = [found, n]
    return copies


def _signatures(
    order: list[str], text: Callable[[str], str], rules: Rules, store: SignatureStore | None
) -> np.ndarray:
    """One MinHash signature per article of `order` (a row each), from the store where it has one."""
    from datasketch import MinHash

    known = store.known if store is not None else {}
    new = [a for a in order if a not in known]
    shingled = (shingles(text(a), rules.shingle_words) for a in new)
    hashed = dict(
        zip(new, (m.hashvalues for m in MinHash.generator(shingled, num_perm=rules.num_perm)), strict=True)
    )
    signatures = np.array([known[a] if a in known else hashed[a] for a in order], dtype=np.uint64)
    signatures = signatures.reshape(len(order), rules.num_perm)
    if store is not None:
        store.hashed = len(new)
        store.save(order, signatures)
        store.known = {}  # frees the file's matrix: its rows are copied into `signatures`
    return signatures


def _jaccard(signature: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of a signature to each row of `others`, as `MinHash.jaccard`
    computes it, in one array operation (a Python call per pair took half of ingestion at 100,000
    articles of templated text, where each article shares bands with about a hundred others)."""
    return np.count_nonzero(others == signature, axis=1) / np.float64(len(signature))
