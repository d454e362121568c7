"""Near-duplicate articles: syndicated or lightly edited copies of an earlier article.

MinHash signatures of word shingles (datasketch) go into an LSH index, so each article is
compared only with the few that share bands with it, not with every other article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from datasketch import MinHash, MinHashLSH

from parley.consolidate.rules import Rules

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


def find_copies(articles: pd.DataFrame, rules: Rules) -> list[Copy]:
    """Each article that copies an earlier one (in `first_reported_order`), with the earlier
    article and their estimated similarity. Only originals are indexed, so a copy always
    names an article that is not itself a copy."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    order = [
        a for a in first_reported_order(articles) if len(_WORD.findall(texts[a])) >= rules.min_copy_words
    ]
    signatures = dict(
        zip(
            order,
            MinHash.bulk((shingles(texts[a], rules.shingle_words) for a in order), num_perm=rules.num_perm),
            strict=True,
        )
    )
    position = {a: n for n, a in enumerate(order)}
    index = MinHashLSH(threshold=rules.copy_threshold, num_perm=rules.num_perm)
    copies = []
    for article in order:
        signature = signatures[article]
        scored = [(signature.jaccard(signatures[c]), -position[c], c) for c in index.query(signature)]
        scored = [s for s in scored if s[0] >= rules.copy_threshold]
        if scored:
            similarity, _, original = max(scored)
            copies.append(Copy(article, original, round(float(similarity), 3)))
        else:
            index.insert(article, signature)
    return copies
