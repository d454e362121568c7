"""Load the YAML lexicons shipped with the package, once per process."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from parley.extract.patterns import words


@functools.cache
def load_lexicon(name: str) -> Any:
    """The parsed contents of `lexicons/<name>.yaml`."""
    text = resources.files(__package__).joinpath("lexicons", f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if name == "meetings":  # transitional: people.py's headline check still reads "nouns" from here
        data["nouns"] = sorted(
            words("meeting_triggers", label="noun") | words("meeting_triggers", label="reference")
        )
    return data
