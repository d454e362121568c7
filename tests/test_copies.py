"""Copy detection's compact index finds exactly what datasketch's own LSH index finds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from datasketch import MinHash, MinHashLSH

from parley.consolidate import RULES
from parley.consolidate.copies import Copy, find_copies, first_reported_order, shingles
from parley.consolidate.signatures import NAME, SignatureStore
from schemas.arrow import to_frame

WORDS = [
    "minister",
    "talks",
    "border",
    "grain",
    "trade",
    "envoy",
    "capital",
    "accord",
    "deputies",
    "harbour",
    "railway",
    "weather",
    "match",
    "season",
    "council",
    "museum",
    "river",
    "bridge",
    "market",
    "shares",
    "court",
    "verdict",
    "clinic",
    "nurses",
    "festival",
]


def reference(articles, rules=RULES) -> list[Copy]:
    """The index as datasketch builds it: MinHash objects in a `MinHashLSH`, originals inserted."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    order = [a for a in first_reported_order(articles) if len(texts[a].split()) >= rules.min_copy_words]
    signatures = {a: MinHash(num_perm=rules.num_perm) for a in order}
    for a in order:
        signatures[a].update_batch(shingles(texts[a], rules.shingle_words))
    position = {a: n for n, a in enumerate(order)}
    index, found = MinHashLSH(threshold=rules.copy_threshold, num_perm=rules.num_perm), []
    for a in order:
        scored = [(signatures[a].jaccard(signatures[c]), -position[c], c) for c in index.query(signatures[a])]
        scored = [s for s in scored if s[0] >= rules.copy_threshold]
        if scored:
            similarity, _, original = max(scored)
            found.append(Copy(a, original, round(float(similarity), 3)))
        else:
            index.insert(a, signatures[a])
    return found


def _stories(count: int, seed: int = 5, first: int = 0):
    """`count` articles: edited copies of six stories, at every distance from their base."""
    rng = random.Random(seed)
    bases = [[rng.choice(WORDS) for _ in range(120)] for _ in range(6)]
    rows = []
    for i in range(first, first + count):
        words = list(bases[i % 6])
        for _ in range(rng.randrange(0, 16)):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        rows.append(
            {
                "article_id": f"art_{i:03d}",
                "source_path": f"{i}.txt",
                "published_date": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(30)),
                "text": " ".join(words),
                "content_hash": "0" * 64,
                "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            }
        )
    return rows


def test_the_compact_index_finds_the_same_copies_as_datasketch():
    articles = to_frame("articles", _stories(150))
    expected = reference(articles)
    assert 20 < len(expected) < 145  # both copies and originals, several originals per story
    assert find_copies(articles, RULES) == expected


def test_kept_signatures_hash_only_new_texts_and_find_the_same_copies(tmp_path):
    path = tmp_path / NAME
    first = to_frame("articles", _stories(100))
    store = SignatureStore(path, RULES)
    assert store.known == {}
    assert find_copies(first, RULES, store) == find_copies(first, RULES)
    assert store.hashed == 100
    both = to_frame("articles", _stories(100) + _stories(20, seed=6, first=100))
    store = SignatureStore(path, RULES)
    assert len(store.known) == 100
    assert find_copies(both, RULES, store) == reference(both)
    assert store.hashed == 20  # only the new texts
    fewer = to_frame("articles", _stories(30))
    find_copies(fewer, RULES, SignatureStore(path, RULES))
    assert set(SignatureStore(path, RULES).known) == set(fewer["article_id"])  # the file follows the folder


def test_a_broken_or_foreign_signature_file_is_hashed_again(tmp_path):
    articles = to_frame("articles", _stories(40))
    path = tmp_path / NAME
    path.write_bytes(b"PK\x03\x04 not a whole archive")
    store = SignatureStore(path, RULES)
    assert find_copies(articles, RULES, store) == reference(articles) and store.hashed == 40
    other = SignatureStore(path, dataclasses.replace(RULES, num_perm=64))
    assert other.known == {}  # made with other settings
    assert len(SignatureStore(path, RULES).known) == 40
