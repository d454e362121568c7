"""Pure extraction: an article's text and metadata in, typed rows out (no Dagster, no I/O).

extractor = Extractor()
extraction = extractor.extract(ArticleInput(text=..., title=..., published=...))
for extraction in extractor.extract_many(articles):  # one nlp.pipe over all texts
    ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from parley.extract.doctext import doc_text
from parley.extract.rows import (
    Agreement,
    ArticleInput,
    Evidence,
    Extraction,
    Meeting,
    Participant,
    Position,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Bump whenever the output for the same input can change: it drives re-extraction.
EXTRACTOR_VERSION = "0.8.0"

__all__ = [
    "EXTRACTOR_VERSION",
    "Agreement",
    "ArticleInput",
    "Evidence",
    "Extraction",
    "Extractor",
    "Meeting",
    "Participant",
    "Position",
]


class Extractor:
    """Turns articles into rows with one spaCy parse per article and cheap rules on top."""

    def __init__(self, nlp: Language | None = None) -> None:
        # spaCy is imported here, not with the package: the pipeline's main process imports this
        # package (versions, rows, dates) and hands the parsing to worker processes.
        from parley.extract.article import ArticleExtractor
        from parley.extract.learned import stance_classifier
        from parley.extract.nlp import load_nlp, with_parley_components
        from parley.extract.people import PeopleFinder
        from parley.extract.sides import side_lexicon

        self._article = ArticleExtractor
        self.nlp = with_parley_components(nlp or load_nlp())  # a pipeline loaded elsewhere too
        self.sides = side_lexicon()
        self.people = PeopleFinder(self.sides)
        self.stance_model = stance_classifier()  # None without a model: rules only

    def extract(self, article: ArticleInput) -> Extraction:
        """Rows for one article; an empty Extraction when the text is unusable (not a string, blank).

        Errors in the rules propagate on purpose: the pipeline records them as `rejects` rows, which
        a blanket catch here would hide as "no meeting found".
        """
        return self._from_doc(self.nlp(self._parse_text(article)), article)

    def extract_many(self, articles: Iterable[ArticleInput], batch_size: int = 32) -> Iterator[Extraction]:
        """Rows for many articles, parsing them in batches with `nlp.pipe`."""
        pairs = ((self._parse_text(a), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._from_doc(doc, article)

    def _parse_text(self, article: ArticleInput) -> str:
        text = article.text if isinstance(article.text, str) else ""
        return text[: self.nlp.max_length - 1]

    def _from_doc(self, doc: Doc, article: ArticleInput) -> Extraction:
        if not doc_text(doc).strip():
            return Extraction()
        return self._article(doc, article, self.sides, self.people, self.stance_model).run()
