"""An HTTP client that behaves as a crawler should: one request at a time, a pause between two
requests to one host, robots.txt obeyed, timeouts, bounded retries with backoff on 429/5xx
(Retry-After honoured up to a limit), a size cap, redirects followed by hand (each hop checked
against robots.txt, loops caught) and a User-Agent that says who is asking."""

from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "parley/0.1 (diplomatic-news intake for research; polite crawler; see README 'News intake')"
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class HttpSettings:
    """Politeness and robustness limits; every one is a field of the Dagster `http` resource."""

    user_agent: str = USER_AGENT
    timeout_seconds: float = 20.0  # connect, and each read; also the limit on a whole body
    delay_seconds: float = 2.0  # between the end of one request and the next to the same host
    retries: int = 3  # extra attempts after a 429, a 5xx, a timeout or a network error
    backoff_seconds: float = 2.0  # wait before retry n: backoff * 2**n, unless Retry-After says
    max_retry_after_seconds: float = 300.0  # a longer Retry-After fails the request instead
    max_bytes: int = 5_000_000  # a larger body is refused (the articles folder's own limit)
    max_redirects: int = 5


class FetchFailure(Exception):
    """A request that did not give a usable answer: `reason` is a short code, `detail` for a person;
    `transient` failures (timeouts, 429, 5xx, network) are tried again on the next fetch."""

    def __init__(self, reason: str, detail: str, *, transient: bool = False) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail, self.transient = reason, detail, transient


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200-299, or 304 for a conditional request answered "not modified"
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class PoliteClient:
    """GET with politeness; `sleep` and `clock` are injectable so tests need not wait."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}  # host → when its last request ended
        self._robots: dict[str, urllib.robotparser.RobotFileParser | FetchFailure] = {}
        self._http = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(self.settings.timeout_seconds),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            transport=transport,
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(
        self, url: str, headers: Mapping[str, str] | None = None, *, delay: float | None = None
    ) -> Response:
        """The answer to GET `url` after redirects and retries; FetchFailure for anything else than
        2xx or 304 (robots.txt refusal, redirect loop, 4xx, retries exhausted, body too large)."""
        seen = {url}
        for _hop in range(self.settings.max_redirects + 1):
            self._check_robots(url, delay)
            response = self._with_retries(url, headers or {}, delay)
            if response.status >= 400:
                raise FetchFailure(
                    f"http_{response.status}",
                    f"HTTP {response.status} from {url}",
                    transient=response.status == 408,
                )
            if response.status not in REDIRECTS:
                return response
            target = response.headers.get("location")
            if not target:
                raise FetchFailure("bad_redirect", f"HTTP {response.status} without a Location from {url}")
            url = urljoin(url, target.strip()).split("#")[0]
            if url in seen:
                raise FetchFailure("redirect_loop", f"redirects lead back to {url}")
            seen.add(url)
        raise FetchFailure("too_many_redirects", f"more than {self.settings.max_redirects} redirects")

    def _with_retries(self, url: str, headers: Mapping[str, str], delay: float | None) -> Response:
        settings = self.settings
        for attempt in range(settings.retries + 1):
            wait = settings.backoff_seconds * 2**attempt
            try:
                response = self._once(url, headers, delay)
            except FetchFailure as failure:
                if not failure.transient:
                    raise
                last = failure
            else:
                if response.status != 429 and response.status < 500:
                    return response
                last = FetchFailure(
                    f"http_{response.status}", f"HTTP {response.status} from {url}", transient=True
                )
                asked = _retry_after(response.headers.get("retry-after"))
                if asked is not None:
                    if asked > settings.max_retry_after_seconds:
                        last.detail += f" (Retry-After {asked:.0f} s, over the limit)"
                        raise last
                    wait = asked
            if attempt == settings.retries:
                break
            self._sleep(wait)
        last.detail += f" (after {settings.retries + 1} attempts)"
        raise last

    def _pause(self, host: str, delay: float | None) -> None:
        pause = self.settings.delay_seconds if delay is None else delay
        robots = self._robots.get(host)
        if isinstance(robots, urllib.robotparser.RobotFileParser):
            pause = max(pause, float(robots.crawl_delay(self.settings.user_agent) or 0))
        remaining = self._last.get(host, -1e18) + pause - self._clock()
        if remaining > 0:
            self._sleep(remaining)

    def _once(self, url: str, headers: Mapping[str, str], delay: float | None) -> Response:
        """One request: a 2xx body is read up to max_bytes (and within the timeout); others unread."""
        host = _origin(url)
        self._pause(host, delay)
        try:
            with self._http.stream("GET", url, headers=dict(headers)) as answer:
                body = self._body(url, answer) if 200 <= answer.status_code < 300 else b""
                return Response(str(answer.url), answer.status_code, dict(answer.headers), body)
        except httpx.TimeoutException:
            detail = f"no answer within {self.settings.timeout_seconds:g} s from {url}"
            raise FetchFailure("timeout", detail, transient=True) from None
        except httpx.HTTPError as error:
            detail = f"{type(error).__name__} on {url}: {error}"[:300]
            raise FetchFailure("network", detail, transient=True) from None
        finally:
            self._last[host] = self._clock()

    def _body(self, url: str, answer: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchFailure("too_large", f"{declared} bytes declared, over the limit of {limit}; not read")
        deadline = self._clock() + self.settings.timeout_seconds
        chunks, size = [], 0
        for chunk in answer.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchFailure("too_large", f"over the limit of {limit} bytes; stopped reading {url}")
            if self._clock() > deadline:
                raise FetchFailure("timeout", f"body of {url} took over {self.settings.timeout_seconds:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str, delay: float | None) -> None:
        """Refuse a URL that the site's robots.txt forbids to this User-Agent."""
        host = _origin(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(host, delay)
        rules = self._robots[host]
        if isinstance(rules, FetchFailure):
            raise rules
        if not rules.can_fetch(self.settings.user_agent, url):
            raise FetchFailure("robots", f"{host}/robots.txt forbids {urlsplit(url).path or '/'} to parley")

    def _read_robots(
        self, host: str, delay: float | None
    ) -> urllib.robotparser.RobotFileParser | FetchFailure:
        """The rules of `host`: none when it has no robots.txt (4xx), all forbidden on 401/403, and a
        transient failure for the host when robots.txt cannot be read (5xx, network)."""
        url = f"{host}/robots.txt"
        rules = urllib.robotparser.RobotFileParser(url)
        try:
            response = self._with_retries(url, {}, delay)
            for _hop in range(self.settings.max_redirects):  # http → https, or another host
                if response.status not in REDIRECTS or not response.headers.get("location"):
                    break
                url = urljoin(url, response.headers["location"])
                response = self._with_retries(url, {}, delay)
        except FetchFailure as failure:
            detail = f"{host}/robots.txt could not be read ({failure.detail}); nothing fetched from the host"
            return FetchFailure("robots_unavailable", detail, transient=True)
        if response.status in (401, 403):
            rules.disallow_all = True
        elif 200 <= response.status < 300:
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        else:  # 404 and other client errors: no rules
            rules.allow_all = True
        return rules
