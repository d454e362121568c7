"""Sentence-level stance and agreement cues (owned by the cue modules' author).

The contract: `find_stances(sent) -> list[StanceCue]` and
`find_agreements(sent) -> list[AgreementCue]`; cues name their subject span as
written and leave sides and people to the extractor.
"""

from __future__ import annotations

from parley.extract.agreement_cues import AgreementCue, find_agreements
from parley.extract.stance_cues import StanceCue, find_stances

__all__ = ["AgreementCue", "StanceCue", "find_agreements", "find_stances"]
