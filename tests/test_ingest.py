"""Ingestion against the hostile corpus: every file accounted for, each with its exact outcome."""

from __future__ import annotations

import codecs
import datetime
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import (
    BATCH,
    GERMAN_BODY,
    GOOD_BODY,
    LATIN1_BODY,
    OUTSIDE_MARKER,
    RECORD_OUTCOMES,
    SCRIPT_MARKER,
    SECOND_BODY,
    THIRD_BODY,
    UNICODE_BODY,
    build_hostile_corpus,
    exploit_marker,
    outside_target,
)
from parley.ingest import Article, Reject, fingerprint, scan
from parley.ingest.dates import parse_published
from parley.ingest.decoding import decode
from parley.ingest.records import IngestProblem

Record = Article | Reject


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], list[Record]]:
    root = tmp_path_factory.mktemp("hostile") / "input"
    expected = build_hostile_corpus(root)
    return root, expected, list(scan(root))


def outcome(record: Record) -> str:
    return "article" if isinstance(record, Article) else record.reason


def only(records: list[Record], path: str) -> Record:
    """The single record of a single-article file."""
    found = [record for record in records if record.source_path == path]
    assert len(found) == 1, found
    return found[0]


def article(records: list[Record], path: str) -> Article:
    record = only(records, path)
    assert isinstance(record, Article), record
    return record


def reject(records: list[Record], path: str, reason: str) -> Reject:
    record = only(records, path)
    assert isinstance(record, Reject), record
    assert record.reason == reason, record
    assert record.source_record is None
    return record


def files_on_disk(root: Path) -> set[str]:
    """Every non-hidden name below root that is not a real folder (links and FIFOs included)."""
    found = set()
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        names = files + [name for name in folders if os.path.islink(os.path.join(folder, name))]
        found |= {
            Path(folder, name).relative_to(root).as_posix() for name in names if not name.startswith(".")
        }
    return found


# --- every file accounted for -------------------------------------------------------------------


def test_builder_covers_every_file_it_writes(corpus):
    root, expected, _ = corpus
    assert files_on_disk(root) == set(expected)
    assert len(expected) >= 30


def test_inputs_seen_equal_articles_plus_rejects(corpus):
    root, expected, records = corpus
    assert {record.source_path for record in records} == set(expected) == files_on_disk(root)
    assert len(records) == len([r for r in records if isinstance(r, Article)]) + len(
        [r for r in records if isinstance(r, Reject)]
    )


def test_each_file_has_its_expected_outcome(corpus):
    _, expected, records = corpus
    multi_record = {path for path, _ in RECORD_OUTCOMES}
    for path, wanted in expected.items():
        outcomes = {outcome(r) for r in records if r.source_path == path}
        if path in multi_record:
            assert wanted in outcomes, path
        else:
            assert outcomes == {wanted}, path


def test_every_reject_has_a_detail(corpus):
    _, _, records = corpus
    for record in records:
        if isinstance(record, Reject):
            assert record.reason and len(record.detail) > 10, record


# --- one test per hostile kind --------------------------------------------------------------------


def test_empty_file(corpus):
    assert reject(corpus[2], "encoding/empty.txt", "empty").detail == "file is empty (0 bytes)"


def test_whitespace_only_file(corpus):
    assert reject(corpus[2], "encoding/whitespace.md", "empty").detail == "text is only whitespace"


def test_nul_bytes_are_binary(corpus):
    assert reject(corpus[2], "encoding/nul-bytes.txt", "binary").detail == "contains a NUL byte at offset 8"


def test_utf16_with_bom_is_decoded(corpus):
    assert article(corpus[2], "encoding/utf16.txt").text == GERMAN_BODY.replace("Bern", "Basel")


def test_latin1_falls_back_to_cp1252(corpus):
    assert article(corpus[2], "encoding/latin1.txt").text == LATIN1_BODY


def test_utf8_bom_is_stripped(corpus):
    assert article(corpus[2], "good/bom.txt").text == THIRD_BODY.replace("Friday", "Saturday")


def test_crlf_becomes_lf(corpus):
    text = article(corpus[2], "encoding/crlf.txt").text
    assert "\r" not in text
    assert text == SECOND_BODY.replace("Monday", "Sunday")


def test_invalid_utf8(corpus):
    detail = reject(corpus[2], "encoding/invalid-utf8.txt", "bad_encoding").detail
    assert detail == "invalid UTF-8 at offset 23 (byte 0xe2) in a file that is otherwise UTF-8"


def test_too_large_is_rejected_without_reading(corpus):
    # The file is all NUL after its first line: had it been read, the outcome would be `binary`.
    detail = reject(corpus[2], "size/huge.txt", "too_large").detail
    assert detail == "67108864 bytes, over the limit of 5000000; not read"


def test_max_bytes_is_a_parameter(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_BODY)
    [record] = scan(tmp_path, max_bytes=len(GOOD_BODY) - 1)
    assert isinstance(record, Reject) and record.reason == "too_large"
    [record] = scan(tmp_path, max_bytes=len(GOOD_BODY))
    assert isinstance(record, Article)


def test_jsonl_broken_line_among_good_ones(corpus):
    records = [r for r in corpus[2] if r.source_path == BATCH]
    assert {(BATCH, r.source_record): outcome(r) for r in records} == RECORD_OUTCOMES
    assert [r.source_record for r in records] == [
        "wire-001",
        "line 2",
        "line 3",
        "line 5",
        "wire-006",
        "wire-007",
    ]
    details = {r.source_record: r.detail for r in records if isinstance(r, Reject)}
    assert details["line 3"].startswith("line 3: Unterminated string starting at: line 1 column")
    assert details["line 5"] == "line 5: expected an object, got list"
    assert details["wire-006"] == "wire-006: object has no 'text' field"
    texts = [r.text for r in records if isinstance(r, Article)]
    assert texts == [
        "Ministers from Ghana and Togo met in Lomé.\n",
        "Envoys from Fiji and Samoa spoke by phone.",
    ]


def test_deeply_nested_json(corpus):
    assert reject(corpus[2], "structure/deep.json", "bad_json").detail == "nested too deeply to parse"


def test_html_scripts_and_styles_never_in_text(corpus):
    page = article(corpus[2], "structure/scripts.html")
    assert SCRIPT_MARKER not in page.text
    assert "color:red" not in page.text
    assert "presidents of Ghana and Senegal met in Accra" in page.text
    assert "signed a memorandum" in page.text
    assert page.title == "Summit in Accra"


def test_html_without_main_text(corpus):
    detail = reject(corpus[2], "structure/only-scripts.html", "no_text").detail
    assert detail == "trafilatura found no main text in the page"


def test_html_metadata(corpus):
    page = article(corpus[2], "good/page.html")
    assert page.title == "Ministers meet in Oslo"
    assert page.publisher == "Example Wire"
    assert GOOD_BODY.splitlines()[0] in page.text


def test_yaml_python_tag_is_rejected_not_executed(corpus):
    root, _, records = corpus
    detail = reject(records, "structure/exploit.md", "bad_front_matter").detail
    assert detail.startswith("front matter is not valid safe YAML: could not determine a constructor")
    assert "python/object/apply:os.system" in detail
    assert not exploit_marker(root).exists()


def test_unterminated_front_matter(corpus):
    detail = reject(corpus[2], "structure/unterminated.md", "bad_front_matter").detail
    assert detail == "front matter opened with '---' on line 1 is never closed"


def test_front_matter_that_is_not_a_mapping(corpus):
    detail = reject(corpus[2], "structure/list-front-matter.md", "bad_front_matter").detail
    assert detail == "front matter is a list, expected a mapping of fields"


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (4_000, "ok"),  # libyaml's parser, well inside its 16 KB
        (100_000, "front matter is nested too deeply to parse"),  # past the point where libyaml crashes
    ],
)
def test_deeply_nested_front_matter_is_read_or_refused_never_a_crash(levels: int, expected: str):
    """libyaml recurses in C and would end the process on deep nesting; the parse runs in a child
    process here so that a crash fails this test alone."""
    code = (
        "import sys\n"
        "from parley.ingest.front_matter import split_front_matter\n"
        "from parley.ingest.problems import IngestProblem\n"
        f"n = {levels}\n"
        "try:\n"
        "    meta, body = split_front_matter('---\\ntags: ' + '[' * n + ']' * n + '\\n---\\nText.')\n"
        "    print('ok' if body == 'Text.' and 'tags' in meta else 'wrong')\n"
        "except IngestProblem as problem:\n"
        "    print(problem.detail)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"the parser ended the process ({done.returncode}): {done.stderr[-300:]}"
    assert done.stdout.strip() == expected


def test_symlink_outside_is_rejected_and_never_read(corpus):
    root, _, records = corpus
    detail = reject(records, "links/outside.txt", "symlink_outside").detail
    assert detail == f"symbolic link to {str(outside_target(root))!r}, outside the input; not followed"
    reject(records, "links/outside-dir", "symlink_outside")
    assert all(OUTSIDE_MARKER not in r.text for r in records if isinstance(r, Article))


def test_symlink_inside_and_dangling(corpus):
    root, _, records = corpus
    inside = reject(records, "links/inside.txt", "symlink").detail
    assert inside == f"symbolic link to {str(root / 'good/plain.txt')!r}, inside the input; not followed"
    assert "which does not exist" in reject(records, "links/dangling.txt", "symlink").detail


def test_fifo_is_never_opened(corpus):
    assert "not read" in reject(corpus[2], "links/pipe.txt", "not_regular_file").detail


def test_odd_file_names(corpus):
    assert article(corpus[2], "names/with space and ünïcødé 会谈.txt").text == UNICODE_BODY


def test_same_article_under_two_names(corpus):
    first = article(corpus[2], "copies/a-original.txt")
    copy = reject(corpus[2], "copies/b-copy.txt", "duplicate")
    assert copy.detail == "duplicate of copies/a-original.txt"
    assert first.title == "Copied" and first.publisher == "Wire A"


def test_duplicate_record_names_its_first_record(tmp_path):
    line = json.dumps({"id": "x", "text": GOOD_BODY})
    (tmp_path / "a.jsonl").write_text(f"{line}\n{line}\n")
    first, second = scan(tmp_path)
    assert isinstance(first, Article)
    assert isinstance(second, Reject) and second.detail == "duplicate of a.jsonl (x)"


def test_line_ends_do_not_change_the_hash(tmp_path):
    (tmp_path / "lf.txt").write_text(GOOD_BODY)
    (tmp_path / "crlf.txt").write_bytes(GOOD_BODY.replace("\n", "\r\n").encode())
    first, second = scan(tmp_path)
    assert isinstance(first, Article) and first.source_path == "crlf.txt"
    assert isinstance(second, Reject) and second.detail == "duplicate of crlf.txt"


def test_article_in_another_language(corpus):
    page = article(corpus[2], "names/de-artikel.txt")
    assert page.text == GERMAN_BODY and page.title == "Treffen in Bern"


def test_future_date_is_kept(corpus):
    assert article(corpus[2], "names/future.md").published_date == datetime.date(2099, 1, 1)


def test_unsupported_extensions(corpus):
    assert reject(corpus[2], "structure/report.pdf", "unsupported_format").detail.startswith(
        "extension .pdf is not one of .htm, .html, .json"
    )
    assert reject(corpus[2], "structure/README", "unsupported_format").detail.startswith(
        "extension (no extension) is not one of"
    )


# --- good articles and their metadata -------------------------------------------------------------


def test_front_matter_fields(corpus):
    page = article(corpus[2], "good/oslo-talks.md")
    assert (page.title, page.published_date, page.publisher, page.url) == (
        "Norway and Chile talk fisheries",
        datetime.date(2023, 9, 17),
        "Example Wire",
        "https://news.example/oslo",
    )
    assert page.text == GOOD_BODY
    assert page.source_record is None


def test_json_list_records_and_dates(corpus):
    records = [r for r in corpus[2] if r.source_path == "good/list.json"]
    assert all(isinstance(r, Article) for r in records)
    assert [(r.source_record, r.published_date) for r in records] == [
        ("feed-1", datetime.date(2023, 9, 17)),
        ("item 2", datetime.date(2023, 9, 17)),
        ("item 3", None),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2023, 9, 17), datetime.date(2023, 9, 17)),
        (datetime.datetime(2023, 9, 17, 23, 30), datetime.date(2023, 9, 17)),
        ("2023-09-17", datetime.date(2023, 9, 17)),
        ("2023-09-17T10:00:00Z", datetime.date(2023, 9, 17)),
        ("2023-09-17T23:00:00-05:00", datetime.date(2023, 9, 17)),
        ("September 17, 2023", datetime.date(2023, 9, 17)),
        ("Sep. 17, 2023", datetime.date(2023, 9, 17)),
        ("17 September 2023", datetime.date(2023, 9, 17)),
        ("Sunday, September 17, 2023", datetime.date(2023, 9, 17)),
        ("2099-01-01", datetime.date(2099, 1, 1)),
        ("03/04/2023", None),
        ("sometime last week", None),
        ("", None),
        (2023, None),
        (None, None),
    ],
)
def test_parse_published(value: object, expected: datetime.date | None):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF32_LE + "Genève talks".encode("utf-32-le"), "Genève talks"),
        (codecs.BOM_UTF16_BE + "a\r\nb".encode("utf-16-be"), "a\nb"),
        ("“Quoted” – dash".encode("cp1252"), "“Quoted” – dash"),
        (b"old Mac\rline ends\r", "old Mac\nline ends\n"),
        ("e\u0301 stays decomposed".encode(), "e\u0301 stays decomposed"),
    ],
)
def test_decode_policy(data: bytes, text: str):
    assert decode(data) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(1, 32)) * 10, "binary"),
        (b"undefined in cp1252: \x81", "bad_encoding"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "bad_encoding"),
    ],
)
def test_decode_rejects(data: bytes, reason: str):
    with pytest.raises(IngestProblem) as caught:
        decode(data)
    assert caught.value.reason == reason


# --- determinism and fingerprint ------------------------------------------------------------------


def test_scan_is_deterministic_and_sorted(corpus):
    root, _, records = corpus
    assert list(scan(root)) == records
    paths = [tuple(r.source_path.split("/")) for r in records]
    assert paths == sorted(paths)


def test_hashes_do_not_depend_on_where_the_corpus_lives(corpus, tmp_path):
    _, _, records = corpus
    build_hostile_corpus(tmp_path / "copy")
    elsewhere = list(scan(tmp_path / "copy"))
    assert [getattr(r, "content_hash", None) for r in elsewhere] == [
        getattr(r, "content_hash", None) for r in records
    ]
    hashes = [r.content_hash for r in records if isinstance(r, Article)]
    assert len(hashes) == len(set(hashes))
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in hashes)


def test_scan_streams(corpus):
    stream = scan(corpus[0])
    assert isinstance(stream, Iterator)
    assert next(stream).source_path == "copies/a-original.txt"


def test_fingerprint_changes_only_when_the_folder_does(tmp_path):
    (tmp_path / "sub").mkdir()
    article_path = tmp_path / "sub/a.txt"
    article_path.write_text(GOOD_BODY)
    before = fingerprint(tmp_path)
    list(scan(tmp_path))
    (tmp_path / ".hidden").write_text("skipped by scan and fingerprint alike")
    assert fingerprint(tmp_path) == before

    (tmp_path / "b.txt").write_text(SECOND_BODY)
    added = fingerprint(tmp_path)
    assert added != before

    article_path.write_text(GOOD_BODY.upper())  # same size: only the mtime tells
    stat = article_path.stat()
    os.utime(article_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    modified = fingerprint(tmp_path)
    assert modified != added

    article_path.write_text(GOOD_BODY + "More.\n")
    grown = fingerprint(tmp_path)
    assert grown != modified

    (tmp_path / "b.txt").unlink()
    assert fingerprint(tmp_path) not in {before, added, modified, grown}
    assert fingerprint(tmp_path) == fingerprint(tmp_path)


# --- no input crashes scan ------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)),
    suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html"]),
)
def test_any_bytes_end_as_articles_or_rejects(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "input" + suffix).write_bytes(data)
        records = list(scan(folder))
    assert records
    assert all(r.source_path == "input" + suffix for r in records)
    assert all((isinstance(r, Article) and r.text.strip()) or isinstance(r, Reject) for r in records)
