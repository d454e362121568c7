"""Sentence-level stance and agreement cues, from the colleague's modules when present.

The contract: `find_stances(sent) -> list[StanceCue]` in `stance_cues`, and
`find_agreements(sent) -> list[AgreementCue]` in `agreement_cues`; cues name
their subject span as written and leave sides and people to the extractor.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span


def _load() -> tuple[Callable[[Span], list], Callable[[Span], list]]:
    try:
        from parley.extract.stance_cues import find_stances
    except ImportError:
        from parley.extract.cue_fallback import find_stances
    try:
        from parley.extract.agreement_cues import find_agreements
    except ImportError:
        from parley.extract.cue_fallback import find_agreements
    return find_stances, find_agreements


find_stances, find_agreements = _load()
