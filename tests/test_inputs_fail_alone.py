"""Inputs fail alone: a file or record that breaks a step of ingestion is a reject naming it, and the rest lands.

Each case below stopped all ingestion once (nothing landed, every run failed, the error named no file).
The property tests generate file names (any bytes), JSON values (lone surrogates, integers of
thousands of digits, nesting) and front-matter values, and land the result in real Parquet.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import GOOD_BODY, SECOND_BODY, THIRD_BODY
from parley import stages
from parley.ingest import fingerprint
from parley.ingest.dates import EARLIEST, LATEST
from parley.ingest.scan import shown_name
from parley.storage import Warehouse
from pipelines.definitions import build_definitions
from schemas.arrow import to_arrow, to_frame

BAD_NAME = b"caf\xe9-latin1-name.txt"  # a name written by a Latin-1 system: not UTF-8
# (file name, content, reason): each stopped ingestion of the whole folder before
BREAKERS: list[tuple[bytes, bytes, str]] = [
    (BAD_NAME, GOOD_BODY.encode(), "bad_file_name"),
    (b"surrogate.json", b'{"title": "Lone", "text": "Talks in Lima \\ud800 ended."}', "bad_encoding"),
    (b"huge-int.json", b'{"text": "Talks.", "words": ' + b"7" * 5000 + b"}", "bad_json"),
    (b"feb-30.md", b"---\npublished: 2023-02-30\n---\n" + SECOND_BODY.encode(), "bad_date"),
    (b"month-13.md", b"---\npublished: 2023-13-01\n---\n" + SECOND_BODY.encode(), "bad_date"),
    (b"hour-25.md", b"---\npublished: 2023-01-01T25:00:00\n---\n" + SECOND_BODY.encode(), "bad_date"),
    (b"year-one.md", b"---\npublished: 0001-01-01\n---\n" + THIRD_BODY.encode(), "bad_date"),
    (b"yaml-int.md", b"---\ntitle: " + b"1" * 5000 + b"\n---\n" + THIRD_BODY.encode(), "bad_front_matter"),
]
GOOD = {
    "good.txt": GOOD_BODY,
    "batch.jsonl": json.dumps({"id": "ok", "text": SECOND_BODY, "published": "2023-09-17"})
    + "\n"
    + '{"id": "bad", "text": "Lone \\udfff here.", "title": "x"}\n'
    + '{"id": "\\ud800", "text": "An id that is not text: the line number names it instead."}\n',
}


def write_folder(root: Path, files: list[tuple[bytes, bytes]]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files:
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(content)


def land(root: Path, warehouse: Path) -> tuple[list[dict], list[dict]]:
    """Ingest `root` and store both outcomes as real Parquet: (articles, rejects), as read back."""
    articles, rejects = stages.ingest(root)
    store = Warehouse(warehouse)
    store.write("articles", to_arrow("articles", articles))
    store.write("rejects", to_arrow("rejects", to_frame("rejects", rejects)))
    return store.read("articles").to_pylist(), store.read("rejects").to_pylist()


def paths(records: list[dict]) -> list[str]:
    return [r["source_path"] for r in records]


@pytest.fixture
def breaking_folder(tmp_path: Path) -> Path:
    root = tmp_path / "input"
    write_folder(root, [(name, content) for name, content, _ in BREAKERS])
    write_folder(root, [(name.encode(), text.encode()) for name, text in GOOD.items()])
    return root


def test_each_breaking_input_is_rejected_alone_and_the_rest_lands(breaking_folder, tmp_path):
    articles, rejects = land(breaking_folder, tmp_path / "warehouse")
    reasons = {r["source_path"]: r["reason"] for r in rejects if r["source_record"] is None}
    for name, _, reason in BREAKERS:
        assert reasons[shown_name(os.fsdecode(name))] == reason, name
    assert reasons["caf\\xe9-latin1-name.txt"] == "bad_file_name"
    assert sorted(paths(articles)) == ["batch.jsonl", "batch.jsonl", "good.txt"]
    by_record = {r["source_record"]: r for r in rejects if r["source_path"] == "batch.jsonl"}
    assert by_record["bad"]["reason"] == "bad_encoding" and "\\udfff" in by_record["bad"]["detail"]
    details = {r["source_path"]: r["detail"] for r in rejects}
    assert "2023-02-30" in details["feb-30.md"] and "0001-01-01" in details["year-one.md"]
    assert "4300 digits" in details["huge-int.json"]


def test_a_pipeline_run_and_the_sensor_survive_every_breaking_input(breaking_folder, tmp_path):
    defs = build_definitions(str(breaking_folder), str(tmp_path / "warehouse"))
    with dg.instance_for_test() as instance:
        sensor = defs.resolve_sensor_def("new_articles")
        with dg.build_sensor_context(
            instance=instance, resources={"source": defs.resources["source"]}
        ) as ctx:
            assert len(sensor.evaluate_tick(ctx).run_requests) == 1  # the bad name crashed the sensor
        result = defs.resolve_job_def("parley").execute_in_process(instance=instance)
    assert result.success
    warehouse = tmp_path / "warehouse"
    articles = pq.read_table(warehouse / "articles" / "part-0.parquet").to_pandas()
    rejects = pq.read_table(warehouse / "rejects" / "part-0.parquet").to_pandas()
    assert set(articles["source_path"]) == {"good.txt", "batch.jsonl"}
    assert {shown_name(os.fsdecode(name)) for name, _, _ in BREAKERS} <= set(rejects["source_path"])
    meetings = pq.read_table(warehouse / "meetings" / "part-0.parquet").to_pandas()
    assert len(meetings) > 0


# --- property-based: nothing a file can hold or be called stops ingestion ---------------------------

_EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _usable_name(name: bytes) -> bool:
    return b"/" not in name and b"\x00" not in name and not name.startswith(b".") and len(name) <= 250


file_names = st.one_of(
    st.binary(min_size=1, max_size=40),
    st.text(min_size=1, max_size=40).map(str.encode),
).filter(_usable_name)


@_EXAMPLES
@given(
    names=st.lists(file_names, min_size=1, max_size=4, unique=True),
    suffix=st.sampled_from([b".txt", b".md", b".json", b""]),
)
def test_any_file_name_ends_in_articles_or_rejects(names: list[bytes], suffix: bytes):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder, "input")
        files = [
            (name + suffix, f"Talks number {n} between Chile and Peru.\n".encode())
            for n, name in enumerate(names)
        ]
        write_folder(root, [(name, content) for name, content in files if _usable_name(name)])
        expected = {shown_name(os.fsdecode(name)) for name, _ in files if _usable_name(name)}
        assert fingerprint(root) == fingerprint(root)
        articles, rejects = land(root, Path(folder, "warehouse"))
    assert set(paths(articles)) | set(paths(rejects)) == expected
    assert all(r["reason"] and r["detail"] for r in rejects)


# JSON text built by hand: json.dumps cannot write an integer of 5,000 digits, and it escapes a lone
# surrogate as "\ud800", which is what a hostile file holds.
any_text = st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=30)
json_leaves = st.one_of(
    st.just("null"),
    st.booleans().map(json.dumps),
    st.integers().map(str),
    st.integers(min_value=4000, max_value=5000).map(lambda digits: "9" * digits),
    st.floats(allow_nan=False).map(json.dumps),
    any_text.map(json.dumps),
    st.sampled_from(['"2023-02-30"', '"0001-01-01"', '"9999-12-31T25:00:00"', '"September 17, 2023"']),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ",".join(items) + "]"),
        st.lists(st.tuples(any_text.map(json.dumps), inner), max_size=3).map(
            lambda pairs: "{" + ",".join(f"{k}:{v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=8,
)
good_text = st.sampled_from([GOOD_BODY, SECOND_BODY, THIRD_BODY]).map(json.dumps)
json_records = st.fixed_dictionaries(
    {"text": st.one_of(good_text, json_values)},
    optional={"id": json_values, "title": json_values, "published": json_values, "url": json_values},
).map(lambda fields: "{" + ",".join(f'"{k}":{v}' for k, v in fields.items()) + "}")


@_EXAMPLES
@given(records=st.lists(st.one_of(json_records, json_values), min_size=1, max_size=4))
def test_any_json_values_end_in_articles_or_rejects(records: list[str]):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder, "input")
        write_folder(
            root,
            [
                (b"batch.jsonl", "\n".join(records).encode()),
                (b"list.json", f"[{','.join(records)}]".encode()),
            ],
        )
        articles, rejects = land(root, Path(folder, "warehouse"))
    outcomes = paths(articles) + paths(rejects)
    assert outcomes.count("batch.jsonl") == len(records)  # one outcome per line, each named
    assert outcomes.count("list.json") in (1, len(records))  # the whole file, or one per item
    assert all(r["reason"] and r["detail"] for r in rejects)


yaml_values = st.one_of(
    st.sampled_from(
        ["2023-02-30", "2023-13-01", "2023-01-01T25:00:00", "0001-01-01", "9999-12-31", "2023-09-17", "'x"]
    ),
    st.from_regex(r"\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?", fullmatch=True),
    st.integers(min_value=4000, max_value=5000).map(lambda digits: "9" * digits),
    st.dates().map(datetime.date.isoformat),
    any_text.map(json.dumps),  # a double-quoted YAML string: escapes such as \ud800 included
    st.text(max_size=20).filter(lambda t: "\n" not in t and "\r" not in t),
)


@_EXAMPLES
@given(fields=st.dictionaries(st.sampled_from(["title", "published", "publisher", "url"]), yaml_values))
def test_any_front_matter_ends_in_articles_or_rejects(fields: dict[str, str]):
    block = "".join(f"{key}: {value}\n" for key, value in fields.items())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder, "input")
        write_folder(root, [(b"article.md", f"---\n{block}---\n{GOOD_BODY}".encode())])
        articles, rejects = land(root, Path(folder, "warehouse"))
    assert len(articles) + len(rejects) == 1
    assert all(r["reason"] and r["detail"] for r in rejects)
    assert all(EARLIEST <= a["published_date"] <= LATEST for a in articles if a["published_date"])
