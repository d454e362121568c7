"""Learned sentence classifiers that back the rule cues where the rules find nothing.

A model directory holds one folder per classifier (`stance/`: a spaCy `textcat_multilabel`
pipeline and `parley.json` with its labels and thresholds). It is read from `$PARLEY_MODELS` when
that is set, else from the models packaged under `parley/extract/models/`; with neither, the
extractor runs on its rules alone. `training/` writes these folders (`make train`).

The classifier reads a sentence as the words the extractor's parse already gives: lemmas, names
replaced by their entity type (a side's name says nothing about its stance and would only be
learnt by heart), plus the sentence's main verb and subject. No second parse is made.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODELS_ENV = "PARLEY_MODELS"
PACKAGED = Path(__file__).parent / "models"
STANCE = "stance"
META = "parley.json"  # spaCy keeps its own meta.json beside it
STANCE_RULE_ID = "model:stance-textcat"
# Besides one label per stance, the model learns "any": whether the sentence voices a stance at all,
# from every stance's examples together. It decides; the stance labels only name the kind.
ANY = "any"
# Not written with a model: it hashes its input words and never tokenises, and a vocabulary would
# only keep a list of the training text's words in the artefact.
NOT_SAVED = ["vocab", "tokenizer"]

# Entity types stand in for the names they cover; other entities keep their words.
_ENTITY_WORDS = {
    "PERSON": "-person-",
    "GPE": "-place-",
    "LOC": "-place-",
    "FAC": "-place-",
    "NORP": "-people-",
    "ORG": "-org-",
    "DATE": "-date-",
    "TIME": "-date-",
    "CARDINAL": "-number-",
    "MONEY": "-number-",
    "PERCENT": "-number-",
    "QUANTITY": "-number-",
    "ORDINAL": "-number-",
}
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "``", "''"})


def features(sent: Span) -> list[str]:
    """The words the classifier sees for `sent`, ending with its main verb and subject."""
    words: list[str] = []
    for tok in sent:
        if tok.is_space:
            continue
        entity = _ENTITY_WORDS.get(tok.ent_type_)
        if entity is not None:
            if not words or words[-1] != entity:
                words.append(entity)
        elif tok.text in _QUOTES:
            words.append("-quote-")
        elif not tok.is_punct:
            words.append(tok.lemma_)
    root = sent.root
    words.append(f"-root-{root.lemma_}")
    for child in root.children:
        if child.dep_ in _SUBJECTS:
            words.append(f"-subject-{_ENTITY_WORDS.get(child.ent_type_) or child.lemma_}")
            break
    return words


@dataclass(frozen=True)
class StanceClassifier:
    """Scores a sentence for each stance and for `ANY`; `stances` turns scores into stance kinds."""

    nlp: Language
    kinds: tuple[str, ...]  # the stance labels, without ANY
    threshold: float  # on ANY: is there a stance at all
    kind_threshold: float  # on each kind, once there is one; the likeliest kind if none reaches it
    meta: dict

    @classmethod
    def load(cls, folder: Path) -> StanceClassifier:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        kinds = tuple(label for label in meta["labels"] if label != ANY)
        return cls(
            spacy.load(folder, exclude=NOT_SAVED), kinds, meta["threshold"], meta["kind_threshold"], meta
        )

    def scores(self, sents: list[Span]) -> list[dict[str, float]]:
        """Each sentence's score per label, in one batch: call it once per article."""
        if not sents:
            return []
        docs = [Doc(self.nlp.vocab, words=features(s)) for s in sents]
        textcat = self.nlp.pipeline[0][1]  # its one component, without nlp.pipe's overhead
        return [dict(zip(textcat.labels, map(float, row), strict=True)) for row in textcat.predict(docs)]

    def stances(self, scores: dict[str, float]) -> list[str]:
        return read_stances(scores, self.kinds, self.threshold, self.kind_threshold)


def read_stances(
    scores: dict[str, float], kinds: tuple[str, ...], threshold: float, kind_threshold: float
) -> list[str]:
    """The stance kinds a sentence voices, likeliest first; none when ANY is under `threshold`."""
    if scores.get(ANY, 0.0) < threshold:
        return []
    ranked = sorted(kinds, key=lambda kind: -scores.get(kind, 0.0))
    return [kind for kind in ranked if scores.get(kind, 0.0) >= kind_threshold] or ranked[:1]


def models_dir() -> Path | None:
    """Where the learned models are: `$PARLEY_MODELS`, else the packaged folder, else None."""
    configured = os.environ.get(MODELS_ENV)
    folder = Path(configured) if configured else PACKAGED
    return folder if folder.is_dir() else None


def stance_classifier() -> StanceClassifier | None:
    """The stance classifier in use, or None when no model is installed (rules only)."""
    folder = models_dir()
    if folder is None or not (folder / STANCE / META).is_file():
        return None
    return _load_stance(str(folder / STANCE))


@functools.cache
def _load_stance(folder: str) -> StanceClassifier:
    return StanceClassifier.load(Path(folder))
