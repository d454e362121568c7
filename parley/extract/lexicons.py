"""Load the YAML lexicons shipped with the package, once per process."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def load_lexicon(name: str) -> Any:
    """The parsed contents of `lexicons/<name>.yaml`."""
    text = resources.files(__package__).joinpath("lexicons", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
