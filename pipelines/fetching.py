"""Resources of the news intake: the sources file, and the HTTP client with its politeness settings
(a resource, so that tests and deployments set timeouts, delays and limits without code)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from parley.fetch import HttpSettings, PoliteClient, Sources, load_sources
from pipelines.defaults import DEFAULT_SOURCES

_DEFAULTS = HttpSettings()


class FeedSources(dg.ConfigurableResource):
    """The sources file (`sources.yaml`). Absent at its default place, there is nothing to fetch and
    the daily run materialises the folder alone; `required` (set by `parley fetch`) makes that an error."""

    path: str = DEFAULT_SOURCES
    required: bool = False

    def load(self) -> Sources | None:
        path = Path(self.path).expanduser()
        if not path.exists() and not self.required:
            return None
        return load_sources(path)


class HttpResource(dg.ConfigurableResource):
    """The fetcher's HTTP client; every field is a politeness or robustness limit (`HttpSettings`)."""

    user_agent: str = _DEFAULTS.user_agent
    timeout_seconds: float = _DEFAULTS.timeout_seconds
    delay_seconds: float = _DEFAULTS.delay_seconds
    retries: int = _DEFAULTS.retries
    backoff_seconds: float = _DEFAULTS.backoff_seconds
    max_retry_after_seconds: float = _DEFAULTS.max_retry_after_seconds
    max_bytes: int = _DEFAULTS.max_bytes
    max_redirects: int = _DEFAULTS.max_redirects

    def client(self) -> PoliteClient:
        return PoliteClient(
            HttpSettings(**{name: getattr(self, name) for name in HttpSettings.__dataclass_fields__})
        )
