"""Train the learned components: `python -m training.train --gold DIR [DIR ...] --out MODEL_DIR`.

Writes MODEL_DIR/stance/: a spaCy pipeline with one `textcat_multilabel` and `parley.json` with
its labels and thresholds. The same files give the same weights: the seed is fixed, examples keep
the articles' order and are shuffled by a seeded generator, and training runs on the CPU. Architecture, epochs and thresholds were
chosen with `python -m training.crossval` (cross-validation over articles), not on a dev score.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from parley.extract import EXTRACTOR_VERSION
from parley.extract.learned import ANY, META, NOT_SAVED, STANCE, StanceClassifier, features
from parley.extract.stance_cues import STANCES
from training.dataset import LabelledArticle, load

SEED = 0
EPOCHS = 12
BATCH = 16
DROPOUT = 0.2
THRESHOLD = 0.6  # on ANY
KIND_THRESHOLD = 0.5
LABELS = (*STANCES, ANY)
# A bag of single words in a small hash table: on a thousand sentences it generalises better than
# word pairs or a CNN beside it (as good under cross-validation, for a tenth of the time), and it
# adds well under a millisecond per article.
STANCE_MODEL = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": False,
    "ngram_size": 1,
    "no_output_layer": False,
    "length": 2**15,
}

Sample = tuple[list[str], frozenset[str]]


def stance_samples(articles: Sequence[LabelledArticle]) -> list[Sample]:
    """Each sentence's classifier words and gold labels, with ANY beside any stance."""
    return [
        (features(sent), labels | {ANY} if labels else labels)
        for article in articles
        for sent, labels in zip(article.sents, article.stances, strict=True)
    ]


def train_stance(samples: Sequence[Sample]) -> Language:
    """A blank English pipeline with one trained `textcat_multilabel`."""
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat_multilabel", config={"model": STANCE_MODEL})
    examples = [
        Example.from_dict(Doc(nlp.vocab, words=words), {"cats": {x: float(x in gold) for x in LABELS}})
        for words, gold in samples
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=BATCH):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT)
    return nlp


def classifier(nlp: Language, meta: dict | None = None) -> StanceClassifier:
    return StanceClassifier(nlp, STANCES, THRESHOLD, KIND_THRESHOLD, meta or {})


def write_stance(articles: Sequence[LabelledArticle], folder: Path) -> StanceClassifier:
    """Train on `articles` and write the classifier to `folder`."""
    samples = stance_samples(articles)
    nlp = train_stance(samples)
    folder.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder, exclude=NOT_SAVED)
    meta = {
        "name": STANCE,
        "extractor_version": EXTRACTOR_VERSION,
        "model": STANCE_MODEL,
        "labels": list(LABELS),
        "threshold": THRESHOLD,
        "kind_threshold": KIND_THRESHOLD,
        "seed": SEED,
        "epochs": EPOCHS,
        "articles": len(articles),
        "sentences": len(samples),
        "sentences_with_stance": sum(1 for _, gold in samples if gold),
    }
    (folder / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return StanceClassifier.load(folder)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", nargs="+", type=Path, required=True, help="gold folders (articles beside)")
    parser.add_argument("--out", type=Path, required=True, help="model folder to write")
    parser.add_argument("--cache", type=Path, help="folder to keep parses in between runs")
    args = parser.parse_args(argv)
    articles = load(args.gold, cache=args.cache)
    model = write_stance(articles, args.out / STANCE)
    print(f"stance: {model.meta['sentences']} sentences of {len(articles)} articles -> {args.out / STANCE}")


if __name__ == "__main__":
    main()
