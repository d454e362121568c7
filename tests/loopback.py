"""A real HTTP server on 127.0.0.1 for the fetcher's tests, and the feeds and pages it serves.

Every text here was written for this repository. Routes misbehave the way real sites do: a page
answering 500 once, a 429 with Retry-After, a slow page, a PDF, a huge page, a path robots.txt
forbids, a redirect loop, a malformed feed, feeds answering 304 to a conditional request.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 1.5  # the slow page's delay: well over the tests' timeout
HUGE_BYTES = 300_000  # the huge page: over the tests' size cap

PARAGRAPHS = {
    "call": (
        "Indian Foreign Minister Ravi Menon held a telephone call with French Foreign Minister Claire "
        "Dubois on Friday, the ministry said in a statement released in New Delhi.",
        "The two ministers discussed maritime security in the Indian Ocean, the preparation of a "
        "ministerial dialogue planned for the autumn and cooperation on civil nuclear energy.",
        "Both sides agreed to convene the joint working group on space cooperation before the end of "
        "the year, according to the statement, which gave no further details.",
    ),
    "trade": (
        "Kenyan Trade Minister Achieng Otieno met Ethiopian Trade Minister Dawit Bekele in Nairobi on "
        "Tuesday to discuss cross-border trade and the modernisation of the Moyale crossing.",
        "The ministers signed a memorandum on customs cooperation and agreed to meet again in Addis "
        "Ababa next quarter to review progress on the shared one-stop border post.",
        "Officials from both ministries said the talks had been constructive and that technical "
        "teams would prepare a joint report on tariffs for the next meeting.",
    ),
    "flaky": (
        "Brazilian Foreign Minister Lucia Ferraz received the Chilean Foreign Minister Tomas Reyes in "
        "Brasilia on Monday for talks on regional infrastructure and energy integration.",
        "The ministers reviewed the bioceanic corridor project and agreed to set up a joint commission "
        "to coordinate the works on both sides of the border.",
        "Reyes invited Ferraz to visit Santiago in the second half of the year, the ministry said.",
    ),
    "busy": (
        "Japanese Prime Minister Kenji Arai and Australian Prime Minister Emma Walsh held a video "
        "conference on Wednesday focused on critical minerals and supply chains.",
        "The leaders welcomed progress on a framework for joint investment and asked their ministers "
        "to finalise it before the leaders meet in person later this year in Canberra.",
        "They also exchanged views on the situation in the Pacific and on climate finance.",
    ),
    "ghana": (
        "Ghanaian Foreign Minister Kofi Mensah and Ivorian Foreign Minister Awa Kone met in Accra on "
        "Thursday to discuss security cooperation along their shared border.",
        "The ministers agreed to strengthen intelligence sharing and to hold joint patrols, and they "
        "instructed their officials to draft a plan for the next meeting of the joint commission.",
        "Kone thanked her host for the welcome and invited Mensah to Abidjan next month.",
    ),
    "vietnam": (
        "Vietnamese and Indonesian officials held a round of boundary talks in Hanoi on Monday on the "
        "delimitation of the exclusive economic zone between the two countries.",
        "The delegations, led by deputy foreign ministers, said the discussions were frank and "
        "constructive and agreed to hold the next round in Jakarta.",
        "A joint statement said both sides would continue to work in accordance with international law.",
    ),
}


def page(key: str, title: str) -> bytes:
    """An HTML page with navigation chrome around an article of three paragraphs."""
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS[key])
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | Loopback Ministry</title>"
        "<meta property='og:site_name' content='Loopback Ministry'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news/'>News</a></nav>"
        f"<article><h1>{title}</h1>\n{body}</article>"
        "<footer>Copyright Loopback Ministry</footer></body></html>"
    ).encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, pubDate) items; links may be relative."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description>{t}.</description></item>"
        for t, link, d in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Loopback Ministry press releases</title><link>/</link><language>en</language>"
        f"<description>Written for parley's tests</description>{entries}</channel></rss>"
    ).encode()


def atom(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """An Atom feed whose entry links are relative to its xml:base."""
    entries = "".join(
        f"<entry><title>{t}</title><id>urn:loopback:{i}</id><link href='{href}'/>"
        f"<updated>{d}</updated><summary>{t}.</summary></entry>"
        for i, (t, href, d) in enumerate(items)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        f"xml:base='{base}'><title>Loopback Wire</title><id>urn:loopback:wire</id>"
        f"<updated>2026-03-05T12:00:00Z</updated>{entries}</feed>"
    ).encode()


Route = Callable[["Handler", int], None]  # (the request, how many times this path was asked before)


class Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        with self.site.lock:
            attempt = self.site.hits[path]
            self.site.hits[path] += 1
            self.site.requests.append((path, dict(self.headers)))
        route = self.site.routes.get(path)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if route is None:
                self.answer(404, b"not found", "text/plain")
            else:
                route(self, attempt)

    def answer(
        self,
        status: int,
        body: bytes = b"",
        kind: str = "text/html",
        headers: dict | None = None,
        length: bool = True,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # quiet
        pass


class Site:
    """The server, its routes, and every request it received."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        handler = type("SiteHandler", (Handler,), {"site": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def serve(self, path: str, body: bytes, kind: str = "text/html") -> None:
        self.routes[path] = lambda h, _: h.answer(200, body, kind)

    def conditional(self, path: str, body: bytes, kind: str, etag: str | None, modified: str | None) -> None:
        """A feed that answers 304 when the request's validators match."""

        def route(h: Handler, _: int) -> None:
            if (etag and h.headers.get("If-None-Match") == etag) or (
                modified and h.headers.get("If-Modified-Since") == modified
            ):
                h.answer(304, length=False)
                return
            headers = {"ETag": etag} if etag else {"Last-Modified": modified}
            h.answer(200, body, kind, headers)

        self.routes[path] = route

    def paths_requested(self) -> Counter[str]:
        with self.lock:
            return Counter(self.hits)


def build_news_site(site: Site) -> dict[str, str]:
    """The fixture site; returns the feeds' names and URLs (as a sources.yaml would list them)."""
    call = page("call", "India and France ministers hold call")
    site.routes["/robots.txt"] = lambda h, _: h.answer(
        200, b"User-agent: *\nDisallow: /private/\n", "text/plain"
    )
    site.serve("/news/menon-dubois-call.html", call)
    site.serve("/news/menon-dubois-call-amp.html", call)  # same bytes under another URL
    site.serve("/news/kenya-ethiopia-trade.html", page("trade", "Kenya and Ethiopia trade ministers meet"))
    site.routes["/news/flaky.html"] = lambda h, n: (
        h.answer(500, b"oops", "text/plain") if n == 0 else h.answer(200, page("flaky", "Brazil Chile talks"))
    )
    site.routes["/news/busy.html"] = lambda h, n: (
        h.answer(429, b"slow down", "text/plain", {"Retry-After": "1"})
        if n == 0
        else h.answer(200, page("busy", "Japan Australia leaders call"))
    )

    def slow(h: Handler, _: int) -> None:
        time.sleep(SLOW_SECONDS)
        h.answer(200, page("call", "Too late"))

    site.routes["/news/slow.html"] = slow
    site.serve("/files/readout.pdf", b"%PDF-1.4 not an html page\n", "application/pdf")
    site.routes["/news/huge.html"] = lambda h, _: h.answer(
        200,
        b"<html><body>" + b"<p>words words words</p>" * (HUGE_BYTES // 24) + b"</body></html>",
        length=False,
    )
    site.serve("/private/memo.html", page("call", "Private memo"))
    site.routes["/loop/a"] = lambda h, _: h.answer(302, headers={"Location": "/loop/b"})
    site.routes["/loop/b"] = lambda h, _: h.answer(302, headers={"Location": f"{site.url}/loop/a"})
    day = "Fri, 06 Mar 2026 09:00:00 GMT"
    items = [
        ("India and France ministers hold call", f"{site.url}/news/menon-dubois-call.html", day),
        ("Kenya and Ethiopia trade ministers meet", "../news/kenya-ethiopia-trade.html", day),  # relative
        ("Brazil and Chile ministers meet", "/news/flaky.html", day),
        ("Japan and Australia leaders hold video call", "/news/busy.html", day),
        ("A slow page", "/news/slow.html", day),
        ("A readout as PDF", "/files/readout.pdf", day),
        ("A huge page", "/news/huge.html", day),
        ("A private memo", "/private/memo.html", day),
        ("A redirect loop", "/loop/a", day),
        ("The call again, other URL", "/news/menon-dubois-call-amp.html", day),
    ]
    site.conditional(
        "/feeds/press.xml", rss(items), "application/rss+xml", None, "Fri, 06 Mar 2026 10:00:00 GMT"
    )
    site.serve("/world/ghana-cote-divoire.html", page("ghana", "Ghana and Cote d'Ivoire ministers meet"))
    site.serve("/world/asia/vietnam-indonesia.html", page("vietnam", "Vietnam Indonesia boundary talks"))
    entries = [
        ("Ghana and Cote d'Ivoire ministers meet", "ghana-cote-divoire.html", "2026-03-05T08:00:00Z"),
        ("Vietnam and Indonesia boundary talks", "asia/vietnam-indonesia.html", "2026-03-04T08:00:00Z"),
    ]
    site.conditional(
        "/wire/atom.xml", atom(f"{site.url}/world/", entries), "application/atom+xml", '"wire-1"', None
    )
    site.serve(
        "/feeds/broken.xml",
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken</ti<<tle><item><link>",
        "application/rss+xml",
    )
    return {
        "press": f"{site.url}/feeds/press.xml",
        "wire": f"{site.url}/wire/atom.xml",
        "broken": f"{site.url}/feeds/broken.xml",
    }


@contextlib.contextmanager
def running(site: Site) -> Iterator[Site]:
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()
