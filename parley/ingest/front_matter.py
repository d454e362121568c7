"""YAML front matter, split off by hand and parsed with yaml.safe_load.

python-frontmatter is not used because it strips the body and quietly treats an unterminated block
as plain text; here the body must stay byte-for-byte (evidence offsets point into it) and a broken
block must be reported. The loader is yaml's SafeLoader, which never constructs Python objects (a
`!!python/...` tag is an error), with one change: a timestamp no calendar holds (`2023-02-30`,
`T25:00:00`) stays the string it was written as, so that the date is judged with the rest of the
metadata (a `bad_date` reject naming it) instead of crashing the parser.

A block of up to 16 KB is parsed on libyaml (`CSafeLoader`, same constructors) where PyYAML has it:
the pure-Python parser took half of ingestion, about 1 ms a file. libyaml composes nested nodes by
C recursion, which ends the process (a segmentation fault, not an exception) somewhere past 20,000
levels; 16 KB holds at most 8,000, and a larger block goes to the pure-Python parser, whose
recursion limit turns deep nesting into a reject.
"""

from __future__ import annotations

import re

import yaml

from parley.ingest.problems import IngestProblem


class _Loader(yaml.SafeLoader):
    """SafeLoader whose impossible timestamps stay strings (see the module docstring)."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same on libyaml's parser, for blocks of at most `_FAST_LIMIT` characters."""


_FAST_LIMIT = 16_384  # characters: at most 8,000 levels of nesting, far from libyaml's crash


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.MULTILINE)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """(metadata, body) of a text document; ({}, text) when it has no front matter.

    Front matter is a first line of exactly `---`, up to the next `---` (or `...`) line. The body is
    everything after that line, unchanged.
    """
    opening = _OPENING.match(text)
    if opening is None:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise IngestProblem("bad_front_matter", "front matter opened with '---' on line 1 is never closed")
    block = text[opening.end() : closing.start()]
    try:
        loader = _FastLoader if len(block) <= _FAST_LIMIT else _Loader
        metadata = yaml.load(block, Loader=loader)  # a SafeLoader: constructs no Python objects
    except (yaml.YAMLError, ValueError) as error:  # ValueError: an integer of more than 4,300 digits
        message = " ".join(str(error).split())[:300]
        raise IngestProblem("bad_front_matter", f"front matter is not valid safe YAML: {message}") from None
    except RecursionError:
        raise IngestProblem("bad_front_matter", "front matter is nested too deeply to parse") from None
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise IngestProblem(
            "bad_front_matter", f"front matter is a {type(metadata).__name__}, expected a mapping of fields"
        )
    return metadata, text[closing.end() :]
