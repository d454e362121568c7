"""Annotated articles to labelled sentences, split exactly as the extractor splits them.

A sentence's labels are the stances (and agreement statuses) of the gold rows whose evidence it
shares words with, by the scorer's rule: at least half of the shorter text's words. Every other
sentence is a negative. Articles are parsed with the extractor's own pipeline; parses can be
cached as DocBin files so that repeated experiments do not parse the same text twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from parley.extract import Extractor
from parley.extract.nlp import model_name
from parley.extract.sentences import sentences
from parley.ingest.decoding import decode
from parley.ingest.formats import READERS
from parley.ingest.records import Article

# The scorer's stop words: they do not count towards evidence overlap.
_STOP = frozenset(
    "a an the of and or to in on at for with by from as is was were be been that this its their his her".split()  # noqa: SIM905
)
MIN_OVERLAP = 0.5


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's words that the other text also has (the scorer's evidence rule)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


@dataclass(frozen=True)
class GoldArticle:
    """One gold file and the article text it annotates, as the pipeline reads it."""

    name: str
    text: str
    gold: dict


@dataclass
class LabelledArticle:
    """A parsed article, its sentences, and each sentence's gold stance and agreement labels."""

    name: str
    doc: Doc
    sents: list[Span]
    stances: list[frozenset[str]]
    agreements: list[frozenset[str]]


def read_gold(gold_dirs: Iterable[Path]) -> list[GoldArticle]:
    """Every GOLD_DIR/*.json with its article at GOLD_DIR/../articles/<file>, read like `parley run`."""
    found = []
    for gold_dir in gold_dirs:
        for path in sorted(Path(gold_dir).glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            article = Path(gold_dir).parent / "articles" / Path(gold["file"]).name
            found.append(GoldArticle(path.name, _article_text(article), gold))
    return found


def _article_text(path: Path) -> str:
    reader = READERS[path.suffix.lower()]
    records = [r for r in reader(path.name, decode(path.read_bytes())) if isinstance(r, Article)]
    if len(records) != 1:
        raise ValueError(f"{path}: expected one article, found {len(records)}")
    return records[0].text


def label_sentences(sents: Sequence[Span], rows: Iterable[dict], key: str) -> list[frozenset[str]]:
    """For each sentence, the `key` values of the rows whose evidence it is. Of the sentences that
    overlap a row's evidence, only those sharing the most words with it count: a short line ("PM",
    "the ministry said.") can share half its words with a long evidence without being it."""
    labels: list[set[str]] = [set() for _ in sents]
    for row in rows:
        evidence = words(row.get("evidence") or "")
        shared = [
            len(words(sent.text) & evidence)
            if overlap(sent.text, row.get("evidence") or "") >= MIN_OVERLAP
            else 0
            for sent in sents
        ]
        most = max(shared, default=0)
        for n, count in enumerate(shared):
            if count and count == most:
                labels[n].add(row[key])
    return [frozenset(x) for x in labels]


def parse(texts: Sequence[str], nlp: Language | None = None, cache: Path | None = None) -> list[Doc]:
    """The texts parsed by the extractor's pipeline (its model and rule components); with `cache`,
    each parse is kept as a DocBin named by the pipeline and the text, and read back instead of
    parsing again."""
    nlp = nlp or Extractor().nlp
    if cache is None:
        return list(nlp.pipe(texts))
    cache.mkdir(parents=True, exist_ok=True)
    tag = f"{model_name()}-{nlp.meta.get('version', '')}-{'+'.join(nlp.pipe_names)}"
    paths = [cache / f"{hashlib.sha256((tag + chr(0) + t).encode()).hexdigest()[:24]}.spacy" for t in texts]
    missing = [n for n, path in enumerate(paths) if not path.exists()]
    for n, doc in zip(missing, nlp.pipe([texts[n] for n in missing]), strict=True):
        DocBin(docs=[doc]).to_disk(paths[n])
    return [next(iter(DocBin().from_disk(path).get_docs(nlp.vocab))) for path in paths]


def load(
    gold_dirs: Iterable[Path], nlp: Language | None = None, cache: Path | None = None
) -> list[LabelledArticle]:
    """Every annotated article of `gold_dirs`, parsed and split, with labelled sentences."""
    golds = read_gold(gold_dirs)
    docs = parse([g.text for g in golds], nlp, cache)
    articles = []
    for gold, doc in zip(golds, docs, strict=True):
        sents = sentences(doc)
        articles.append(
            LabelledArticle(
                gold.name,
                doc,
                sents,
                label_sentences(sents, gold.gold.get("positions", []), "stance"),
                label_sentences(sents, gold.gold.get("agreements", []), "status"),
            )
        )
    return articles
