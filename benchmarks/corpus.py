"""Articles for the benchmark: synthetic diplomatic news, copies of the real annotated articles, and
news about other subjects, each reproducible.

`write_corpus(folder, n, seed)` writes n synthetic articles of 300-900 words as text files with front
matter, JSON Lines batches and HTML pages; names, places and events are drawn at random from small
invented pools. `write_real_corpus(shared, folder, n)` writes n copies of the real articles under
`shared/{dev,dev2,dev3}/articles`, each with a line of its own so that none is a duplicate (they are
generated at bench time into a temporary folder, never into the repository), and
`write_other_corpus(folder, n)` n articles about sport, markets, weather... (`other_news.py`): the
real and the other articles together are the relevance gate's mixed corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from other_news import other_article

REAL_SETS = ("dev", "dev2", "dev3")

COUNTRIES = [
    ("Japan", "Japanese", "Tokyo"),
    ("China", "Chinese", "Beijing"),
    ("India", "Indian", "New Delhi"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Turkey", "Turkish", "Ankara"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Canada", "Canadian", "Ottawa"),
    ("Australia", "Australian", "Canberra"),
    ("Poland", "Polish", "Warsaw"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("South Africa", "South African", "Pretoria"),
    ("Chile", "Chilean", "Santiago"),
]
FIRST = [
    "Anna",
    "Kenji",
    "Ravi",
    "Lucia",
    "Omar",
    "Ingrid",
    "Tunde",
    "Mei",
    "Carlos",
    "Amara",
    "Jonas",
    "Leila",
]
LAST = [
    "Okafor",
    "Tanaka",
    "Mehta",
    "Silva",
    "Haddad",
    "Berg",
    "Adeyemi",
    "Chen",
    "Ruiz",
    "Diallo",
    "Weber",
    "Nasser",
]
OFFICES = [
    "Foreign Minister",
    "Prime Minister",
    "President",
    "Vice Foreign Minister",
    "Defence Minister",
    "Trade Minister",
]
TOPICS = [
    "maritime security",
    "trade and investment",
    "climate finance",
    "food security",
    "energy cooperation",
    "the situation in the Middle East",
    "cyber security",
    "critical minerals",
    "people-to-people exchanges",
]
FORMATS = ["met in {city}", "held a telephone call", "held talks by video link", "held talks in {city}"]
STANCES = [
    "expressed concern over {t}",
    "called for closer cooperation on {t}",
    "welcomed progress on {t}",
    "stressed the importance of {t}",
    "proposed a new dialogue on {t}",
    "hoped to deepen ties on {t}",
]
FILLER = [
    "Officials said the conversation was frank and covered a wide range of regional and global questions.",
    "Analysts noted that relations between the two countries have improved steadily over the past decade.",
    "Bilateral trade reached a record level last year, driven by machinery, agricultural goods and services.",
    "The ministry said further details would be announced after consultations with the relevant agencies.",
    "Both governments have faced domestic pressure to show results from their diplomatic engagement.",
    "Observers in the region will watch closely whether the commitments are implemented on schedule.",
    "The talks took place against the background of rising commodity prices and shipping disruptions.",
    "Diplomats familiar with the preparations said working groups had met several times in recent months.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(rng: random.Random, i: int, words: tuple[int, int] = (300, 900)) -> dict:
    (a, a_dem, a_city), (b, b_dem, _b_city) = rng.sample(COUNTRIES, 2)
    office = rng.choice(OFFICES)
    pa_, pb = _person(rng), _person(rng)
    published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2500))
    fmt = rng.choice(FORMATS).format(city=a_city)
    weekday = (published - dt.timedelta(days=rng.randrange(1, 6))).strftime("%A")
    topic, topic2 = rng.sample(TOPICS, 2)
    lead = [
        f"{a_dem} {office} {pa_} and {b_dem} {office} {pb} {fmt} on {weekday}, the {a_dem} side said.",
        f"{pa_} {rng.choice(STANCES).format(t=topic)}, while {pb} {rng.choice(STANCES).format(t=topic2)}.",
        f"The two sides agreed to hold the next round of talks in {rng.choice(['the spring', 'the autumn', 'early next year'])}.",
    ]
    words_wanted = rng.randrange(*words)
    body, words = list(lead), sum(len(s.split()) for s in lead)
    while words < words_wanted:
        sentence = rng.choice(FILLER)
        body.append(sentence)
        words += len(sentence.split())
    paragraphs = [" ".join(body[k : k + 3]) for k in range(0, len(body), 3)]
    return {
        "id": f"bench-{i:06d}",
        "title": f"{a} and {b} hold talks on {topic}",
        "published": published.isoformat(),
        "publisher": rng.choice(["Example Wire", "Example Times", f"Ministry of Foreign Affairs of {a}"]),
        "url": f"https://example.org/bench/{i}",
        "text": "\n".join(paragraphs) + "\n",
    }


def _txt(item: dict) -> str:
    meta = "".join(f"{k}: {json.dumps(item[k])}\n" for k in ("title", "published", "publisher", "url"))
    return f"---\n{meta}---\n{item['text']}"


def _html(item: dict) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in item["text"].splitlines())
    return (
        f'<html><head><title>{item["title"]}</title><meta name="date" content="{item["published"]}">'
        f'<meta name="author" content="{item["publisher"]}"></head><body><nav>Home | World</nav>'
        f"<article><h1>{item['title']}</h1>{paragraphs}</article><footer>(c) Example</footer></body></html>"
    )


def write_corpus(
    folder: Path, n: int, seed: int = 7, start: int = 0, words: tuple[int, int] = (300, 900)
) -> list[Path]:
    """Write articles start..start+n-1: 80% text files, 15% in JSON Lines batches of 50, 5% HTML;
    `words` bounds their length (the cluster test uses short ones)."""
    rng = random.Random(seed * 1_000_003 + start)
    written: list[Path] = []
    batch: list[dict] = []
    for i in range(start, start + n):
        item = article(rng, i, words)
        shard = folder / f"{i // 1000:04d}"
        shard.mkdir(parents=True, exist_ok=True)
        kind = rng.random()
        if kind < 0.80:
            path = shard / f"article-{i:06d}.txt"
            path.write_text(_txt(item))
        elif kind < 0.95:
            batch.append(item)
            if len(batch) == 50:
                path = shard / f"batch-{i:06d}.jsonl"
                path.write_text("".join(json.dumps(x) + "\n" for x in batch))
                batch = []
            else:
                continue
        else:
            path = shard / f"page-{i:06d}.html"
            path.write_text(_html(item))
        written.append(path)
    if batch:
        path = folder / f"batch-tail-{start:06d}.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in batch))
        written.append(path)
    return written


def real_files(shared: Path) -> list[Path]:
    """The real annotated articles, in a fixed order (empty where `shared` is absent)."""
    return [p for name in REAL_SETS for p in sorted((shared / name / "articles").glob("*.txt"))]


def write_real_corpus(shared: Path, folder: Path, n: int, start: int = 0) -> list[Path]:
    """Write copies start..start+n-1 of the real articles (round robin), each ending with its own
    reference line, so ingestion keeps them all (identical texts would be duplicates) and their length
    stays real."""
    originals = real_files(shared)
    written = []
    for i in range(start, start + n if originals else start):
        source = originals[i % len(originals)]
        path = folder / f"{i // 1000:04d}" / f"real-{i:06d}-{source.name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\nArchive reference {i:06d}.\n", encoding="utf-8")
        written.append(path)
    return written


def write_other_corpus(folder: Path, n: int, seed: int = 11, start: int = 0) -> list[Path]:
    """Write n articles about subjects other than diplomacy (`other_news.py`) as text files."""
    rng = random.Random(seed * 1_000_003 + start)
    written = []
    for i in range(start, start + n):
        path = folder / f"{i // 1000:04d}" / f"other-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_txt(other_article(rng, i)))
        written.append(path)
    return written
