"""YAML front matter, split off by hand and parsed with yaml.safe_load.

python-frontmatter is not used because it strips the body and quietly treats an unterminated block
as plain text; here the body must stay byte-for-byte (evidence offsets point into it) and a broken
block must be reported. safe_load never constructs Python objects: a `!!python/...` tag is an error.
"""

from __future__ import annotations

import re

import yaml

from parley.ingest.records import IngestProblem

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
        metadata = yaml.safe_load(block)
    except yaml.YAMLError as error:
        message = " ".join(str(error).split())
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
