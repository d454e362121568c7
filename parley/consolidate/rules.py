"""Every tunable of consolidation, in one place: when an article is a copy, when two reports are one meeting."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rules:
    """The thresholds of near-duplicate detection and of the join rule (see README, "Events").

    Defaults favour precision: joining two different meetings is worse than missing a join.
    """

    # Near-duplicate articles (MinHash/LSH over word shingles of the body text).
    copy_threshold: float = 0.5  # estimated Jaccard similarity from which a later article is a copy
    shingle_words: int = 5  # words per shingle
    num_perm: int = 128  # MinHash permutations
    min_copy_words: int = 30  # shorter texts are never called copies: too little text to tell
    # Sides: a bilateral (or any meeting of fewer parties) joins only the very same sides.
    multilateral_min_parties: int = 3  # from this many parties on each side, overlap may suffice
    multilateral_min_jaccard: float = 0.5  # shared parties / all parties, for such meetings
    # Dates.
    day_tolerance: int = 1  # days two reported days may differ (time zones, multi-day talks)
    undated_held_days: int = (
        7  # a held meeting reported without a date took place this many days before publication at most
    )
    undated_planned_days: int = 31  # a planned one without a date is due within this many days of publication
    max_window_days: int = 31  # a vaguer date ("in 2019", "last year") fixes too little to join on
    # Format and place.
    format_groups: tuple[frozenset[str], ...] = field(
        default=(frozenset({"in_person"}), frozenset({"virtual", "phone"}))
    )  # formats within a group are compatible; `unknown` is compatible with all
    location_must_agree: bool = True  # two named places must share a word ...
    location_excused_on_same_day: bool = (
        True  # ... unless both fix the same day (one wording names the city, another the building)
    )


RULES = Rules()
