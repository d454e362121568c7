"""What the tests of the extractor's shortcuts read: sentences written for them and the bundled
samples, parsed once, and every span a rule may be given (sentences, spaCy's sentences, the Doc)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from parley.extract.sentences import sentences

DATA = Path(__file__).resolve().parents[1] / "data"


def parsed(nlp: Language, written: Sequence[str], extra: Sequence[str] = ()) -> list[Doc]:
    """The written sentences alone, joined both ways, a few edge texts, and 20 bundled articles."""
    texts = [*written, " ".join(written), "\n".join(written), "", "\n", "Alone", *extra]
    texts += [f.read_text(encoding="utf-8") for f in sorted(DATA.glob("articles/**/*.txt"))[:20]]
    return list(nlp.pipe(texts))


def spans(docs: list[Doc]) -> Iterator[Span]:
    for doc in docs:
        yield from sentences(doc)
        yield from doc.sents
        yield doc[:]
