"""`sources.yaml`: the feeds to follow, checked against a schema before anything is fetched."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from parley.errors import ParleyError


class SourcesError(ParleyError):
    """The sources file is missing, not YAML, or does not match the schema; the message says where."""


class Source(BaseModel):
    """One feed, and what to keep from it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str  # a folder name under fetched/
    url: str
    publisher: str | None = None  # else the page's site name
    keywords: list[str] = []  # keep items whose title, summary or text holds one of these words (any case)
    languages: list[str] = []  # keep items in one of these languages ("en", "fr"), when it is known
    max_items: Annotated[int, Field(ge=1)] = 50  # newest items read per fetch
    delay_seconds: Annotated[float, Field(ge=0)] | None = None  # between requests to its hosts
    stale_after_days: Annotated[float, Field(gt=0)] | None = None
    enabled: bool = True

    @field_validator("name")
    @classmethod
    def _folder_name(cls, name: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", name):
            raise ValueError("must be 1-64 lower-case letters, digits, '-' or '_' (it names a folder)")
        return name

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return url

    @field_validator("languages")
    @classmethod
    def _lower(cls, languages: list[str]) -> list[str]:
        return [language.lower() for language in languages]


class Sources(BaseModel):
    """The whole file: `feeds:`, and the default for the freshness check."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    feeds: list[Source]
    stale_after_days: Annotated[float, Field(gt=0)] = 3

    @model_validator(mode="after")
    def _unique_names(self) -> Sources:
        names = [feed.name for feed in self.feeds]
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise ValueError(f"feed names must be unique: {', '.join(doubled)} appear more than once")
        return self

    def enabled(self) -> list[Source]:
        return [feed for feed in self.feeds if feed.enabled]

    def stale_days(self, source: Source) -> float:
        return source.stale_after_days or self.stale_after_days


def _where(location: tuple[int | str, ...], data: object) -> str:
    """`feeds[2] (un-news).url` for a pydantic error location."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
        if isinstance(part, int) and isinstance(data, dict):
            feed = (data.get("feeds") or [None] * (part + 1))[part]
            if isinstance(feed, dict) and isinstance(feed.get("name"), str):
                text += f" ({feed['name']})"
    return text or "(top level)"


def parse_sources(text: str, path: str) -> Sources:
    """The Sources in a YAML text; SourcesError names every problem with its place in the file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SourcesError(f"{path} is not valid YAML: {' '.join(str(error).split())}") from None
    if not isinstance(data, dict):
        raise SourcesError(f"{path} must be a mapping with a top-level 'feeds:' list")
    try:
        return Sources.model_validate(data)
    except ValidationError as error:
        problems = [f"  {_where(e['loc'], data)}: {e['msg']}" for e in error.errors()]
        raise SourcesError("\n".join([f"{path} does not match the sources schema:", *problems])) from None


def load_sources(path: str | Path) -> Sources:
    """The checked sources of the file at `path`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(
            f"no sources file at {path}: copy sources.example.yaml there and list your feeds"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourcesError(f"cannot read {path}: {error}") from None
    return parse_sources(text, str(path))
