"""Rule ids: every extracted row names the rule or model that made it, so an analyst can ask why it exists.

The form is `<table>/<rule>[:<cue>]` (`meeting/verb:meet`, `participant/delegation`,
`stance/nouns:express_concern`, `agreement/sign_verbs:sign`) or `model:<name>` for a learned
model (`learned.STANCE_RULE_ID`); `schemas.tables.RULE_ID` checks it. A meeting's rule is the id
of a pattern in `patterns/*.jsonl`; a rule named after a lexicon section (`nouns`, `sign_verbs`) is
that section of `lexicons/*.yaml`. The cue is the words that fired.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parley.extract.mentions import Mention

_NOT_ID = re.compile(r"[^\w.@+-]+")


def rule_id(rule: str, cue: str | None = None) -> str:
    """`rule` with the cue words that fired, reduced to one lower-case token ("call for" -> call_for)."""
    if cue is None:
        return rule
    word = _NOT_ID.sub("_", cue.strip().lower()).strip("_")
    return f"{rule}:{word}" if word else rule


def meeting_rule(founder: Mention, split: bool = False) -> str:
    """The mention that founded a meeting: the id of the trigger pattern that fired and the trigger's
    lemma (`meeting/verb:meet`, `meeting/noun:talk`, `meeting/convened_body:commission`; see
    `patterns/meeting_triggers.jsonl`); `reference` for "the talks" founding one, `separate/` for one
    of the bilaterals that "separate meetings" split into, `per_person/` for "met their counterparts",
    `respective/` for one pair of "A and B met their respective counterparts C and D"."""
    table, _, rule = founder.rule.partition("/")
    if founder.pairs:
        split, modifiers = False, ["respective"]
    else:
        modifiers = ["per_person"] if founder.per_person else []
    modifiers = [*(["separate"] if split else []), *modifiers]
    path = "/".join([table, *modifiers, "reference" if founder.anaphoric else rule])
    return rule_id(path, founder.trigger.lemma_)
