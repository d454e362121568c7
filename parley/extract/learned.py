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
from spacy.tokens import Doc, Span, Token

from parley.extract.cue_syntax import lemma, subject_of

MODELS_ENV = "PARLEY_MODELS"
PACKAGED = Path(__file__).parent / "models"
STANCE = "stance"
META = "parley.json"  # spaCy keeps its own meta.json beside it
STANCE_RULE_ID = "model:stance-textcat"
# Besides one label per stance, the model learns "any": whether the sentence voices a stance at all,
# from every stance's examples together. It decides; the stance labels only name the kind.
ANY = "any"

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
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "``", "''"})


def features(sent: Span) -> list[str]:
    """The words the classifier sees for `sent`: never empty."""
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
            words.append(lemma(tok))
    root = sent.root
    words.append(f"-root-{lemma(root)}")
    subject = subject_of(root)
    if subject is not None:
        words.append(f"-subject-{_head_word(subject.root)}")
    return words


def _head_word(tok: Token) -> str:
    return _ENTITY_WORDS.get(tok.ent_type_) or lemma(tok)


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
        return cls(spacy.load(folder), kinds, meta["threshold"], meta["kind_threshold"], meta)

    def docs(self, sents: list[Span]) -> list[Doc]:
        return [Doc(self.nlp.vocab, words=features(s) or ["-empty-"]) for s in sents]

    def scores(self, sents: list[Span]) -> list[dict[str, float]]:
        """One score per label for each sentence, in one batch (call once per article)."""
        return [dict(doc.cats) for doc in self.nlp.pipe(self.docs(sents))]

    def stances(self, scores: dict[str, float]) -> list[str]:
        """The stance kinds a sentence voices, likeliest first; none when ANY is under threshold."""
        if scores.get(ANY, 0.0) < self.threshold:
            return []
        ranked = sorted(self.kinds, key=lambda kind: -scores.get(kind, 0.0))
        return [kind for kind in ranked if scores.get(kind, 0.0) >= self.kind_threshold] or ranked[:1]


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
