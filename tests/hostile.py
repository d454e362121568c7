"""A folder of hostile and broken inputs for ingestion, with the outcome each must have.

`build_hostile_corpus(root)` writes the files and returns {relative path: expected outcome}, where the
outcome is "article" or the Reject reason that every record of that file must get. Files with several
records of mixed fate (the JSONL batch) map to "article" (at least one lands) and list each record's
outcome in RECORD_OUTCOMES. All texts are written for these tests.

One file is written next to `root`, not inside it: `outside_target(root)`, the target of the outside
symlink, holding OUTSIDE_MARKER (no article may contain it). The YAML exploit, if it were ever run,
would create `exploit_marker(root)`, also next to `root`. Hidden names are not used: scan skips them.
"""

from __future__ import annotations

import codecs
import json
import os
import shlex
from pathlib import Path

OUTSIDE_MARKER = "OUTSIDE-THE-ROOT-MUST-NEVER-BE-READ"
SCRIPT_MARKER = "SCRIPT-CONTENT-MUST-NOT-LEAK"
TOO_LARGE_BYTES = 64 * 1024 * 1024
BATCH = "wires/batch.jsonl"
RECORD_OUTCOMES: dict[tuple[str, str], str] = {
    (BATCH, "wire-001"): "article",
    (BATCH, "line 2"): "article",
    (BATCH, "line 3"): "bad_json",
    (BATCH, "line 5"): "bad_json",
    (BATCH, "wire-006"): "no_text",
    (BATCH, "wire-007"): "empty",
}

GOOD_BODY = (
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fisheries and "
    "ocean research.\nBoth sides agreed to set up a joint working group before the end of the year.\n"
)
SECOND_BODY = (
    "Trade officials from Kenya and Vietnam held a video call on Monday about coffee exports.\n"
    "The Kenyan side expressed hope that tariffs would be lowered next spring.\n"
)
THIRD_BODY = (
    "Canada's defence minister spoke by phone with her Portuguese counterpart on Friday.\n"
    "They stressed the importance of maritime patrols in the North Atlantic.\n"
)
GERMAN_BODY = (
    "Die Außenminister Österreichs und der Schweiz trafen sich am Mittwoch in Bern.\n"
    "Sie vereinbarten, die Zusammenarbeit bei der Wasserkraft zu vertiefen.\n"
)
LATIN1_BODY = "Le ministre français a rencontré son homologue à Genève; l'entretien a été cordial.\n"
UNICODE_BODY = (
    "Delegations from Peru and Japan met in Lima; the Japanese side proposed a new café-style forum.\n"
)


def front_matter(body: str, **fields: str) -> str:
    """A text document with YAML front matter holding `fields` (values quoted as JSON strings, valid YAML)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def outside_target(root: Path) -> Path:
    """A file next to the root that symlinks in the corpus point at; it must never be read."""
    return root.parent / f"{root.name}.outside.txt"


def exploit_marker(root: Path) -> Path:
    """The file the YAML `os.system` payload would create if it were ever executed."""
    return root.parent / f"{root.name}.pwned"


def _write(root: Path, relative: str, content: str | bytes, encoding: str = "utf-8") -> str:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return relative


def _good_articles(root: Path) -> dict[str, str]:
    return {
        _write(
            root,
            "good/oslo-talks.md",
            front_matter(
                GOOD_BODY,
                title="Norway and Chile talk fisheries",
                published="2023-09-17",
                publisher="Example Wire",
                url="https://news.example/oslo",
            ),
        ): "article",
        _write(root, "good/plain.txt", SECOND_BODY): "article",
        _write(
            root,
            "good/list.json",
            json.dumps(
                [
                    {
                        "id": "feed-1",
                        "title": "Kenya, Vietnam",
                        "published": "2023-09-17T10:00:00Z",
                        "text": THIRD_BODY,
                    },
                    {"title": "Spelled-out date", "published": "September 17, 2023", "text": SECOND_BODY},
                    {"title": "Vague date", "published": "sometime last week", "text": GOOD_BODY},
                ]
            ),
        ): "article",
        _write(
            root,
            "good/page.html",
            "<html><head><title>Ministers meet in Oslo</title>"
            '<meta property="og:site_name" content="Example Wire"></head>'
            f"<body><article><h1>Ministers meet in Oslo</h1><p>{GOOD_BODY.splitlines()[0]}</p>"
            f"<p>{GOOD_BODY.splitlines()[1]}</p></article></body></html>",
        ): "article",
        _write(
            root, "good/bom.txt", codecs.BOM_UTF8 + THIRD_BODY.replace("Friday", "Saturday").encode()
        ): "article",
    }


def _encoding_cases(root: Path) -> dict[str, str]:
    return {
        _write(root, "encoding/empty.txt", b""): "empty",
        _write(root, "encoding/whitespace.md", " \n\t\n  \r\n"): "empty",
        _write(
            root, "encoding/nul-bytes.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
        ): "binary",
        _write(
            root,
            "encoding/utf16.txt",
            codecs.BOM_UTF16_LE + GERMAN_BODY.replace("Bern", "Basel").encode("utf-16-le"),
        ): "article",
        _write(root, "encoding/latin1.txt", LATIN1_BODY, encoding="latin-1"): "article",
        _write(
            root, "encoding/crlf.txt", SECOND_BODY.replace("Monday", "Sunday").replace("\n", "\r\n")
        ): "article",
        _write(
            root, "encoding/invalid-utf8.txt", "Talks in Zürich".encode() + b" ended \xe2\x80 abruptly.\n"
        ): "bad_encoding",
    }


def _structure_cases(root: Path) -> dict[str, str]:
    exploit = (
        f"!!python/object/apply:os.system [{json.dumps('touch ' + shlex.quote(str(exploit_marker(root))))}]"
    )
    batch_lines = [
        json.dumps(
            {"id": "wire-001", "title": "Batch one", "text": "Ministers from Ghana and Togo met in Lomé.\n"}
        ),
        json.dumps({"title": "Batch two", "text": "Envoys from Fiji and Samoa spoke by phone."}),
        '{"id": "wire-003", "title": "Broken", "text": "unterminated}',
        "",
        "[1, 2, 3]",
        json.dumps({"id": "wire-006", "title": "No body"}),
        json.dumps({"id": "wire-007", "title": "Blank body", "text": "   "}),
    ]
    return {
        _write(root, BATCH, "\n".join(batch_lines) + "\n"): "article",
        _write(root, "structure/deep.json", "[" * 100_000 + "]" * 100_000): "bad_json",
        _write(root, "structure/exploit.md", f"---\ntitle: {exploit}\n---\n{GOOD_BODY}"): "bad_front_matter",
        _write(
            root, "structure/unterminated.md", "---\ntitle: Never closed\n" + THIRD_BODY
        ): "bad_front_matter",
        _write(
            root, "structure/list-front-matter.md", "---\n- a\n- b\n---\n" + SECOND_BODY
        ): "bad_front_matter",
        _write(
            root,
            "structure/scripts.html",
            f"<html><head><script>var leak='{SCRIPT_MARKER}';</script><style>p{{color:red}}</style></head><body>"
            f"<script>document.write('{SCRIPT_MARKER}')</script><article><h1>Summit in Accra</h1>"
            "<p>The presidents of Ghana and Senegal met in Accra on Thursday to discuss regional trade.</p>"
            f"<script>alert('{SCRIPT_MARKER}')</script>"
            "<p>They signed a memorandum on cross-border electricity lines after three hours of talks.</p>"
            f"</article><noscript>{SCRIPT_MARKER}</noscript></body></html>",
        ): "article",
        _write(
            root, "structure/only-scripts.html", f"<html><body><script>{SCRIPT_MARKER}</script></body></html>"
        ): "no_text",
        _write(root, "structure/report.pdf", b"%PDF-1.4\n% not an article format\n"): "unsupported_format",
        _write(root, "structure/README", "no extension at all\n"): "unsupported_format",
    }


def _too_large(root: Path) -> dict[str, str]:
    """A sparse file: cheap on disk, and all NUL after its first line, so reading it would say `binary`."""
    relative = _write(root, "size/huge.txt", GOOD_BODY)
    with (root / relative).open("r+b") as handle:
        handle.truncate(TOO_LARGE_BYTES)
    return {relative: "too_large"}


def _names_and_copies(root: Path) -> dict[str, str]:
    return {
        _write(root, "names/with space and ünïcødé 会谈.txt", UNICODE_BODY): "article",
        _write(root, "names/de-artikel.txt", front_matter(GERMAN_BODY, title="Treffen in Bern")): "article",
        _write(
            root, "names/future.md", front_matter(THIRD_BODY, title="From the future", published="2099-01-01")
        ): "article",
        _write(
            root, "copies/a-original.txt", front_matter(GOOD_BODY, title="Copied", publisher="Wire A")
        ): "article",
        _write(
            root, "copies/b-copy.txt", front_matter(GOOD_BODY, title="Copied", publisher="Wire A")
        ): "duplicate",
    }


def _links_and_specials(root: Path) -> dict[str, str]:
    outside = outside_target(root)
    outside.write_text(f"{OUTSIDE_MARKER}\n{GOOD_BODY}")
    (root / "links").mkdir()
    (root / "links/outside.txt").symlink_to(outside)
    (root / "links/outside-dir").symlink_to(outside.parent, target_is_directory=True)
    (root / "links/inside.txt").symlink_to(root / "good/plain.txt")
    (root / "links/dangling.txt").symlink_to(root / "links/no-such-file.txt")
    os.mkfifo(root / "links/pipe.txt")
    return {
        "links/outside.txt": "symlink_outside",
        "links/outside-dir": "symlink_outside",
        "links/inside.txt": "symlink",
        "links/dangling.txt": "symlink",
        "links/pipe.txt": "not_regular_file",
    }


def build_hostile_corpus(root: Path) -> dict[str, str]:
    """Write every hostile case under `root` (created if missing) and return {relative path: outcome}."""
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for build in (
        _good_articles,
        _encoding_cases,
        _structure_cases,
        _too_large,
        _names_and_copies,
        _links_and_specials,
    ):
        expected.update(build(root))
    return expected
