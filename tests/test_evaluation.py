"""The evaluation harness: fold assignment by article, and figures aggregated over folds.

Everything here is made up for the test: a few invented articles with gold files, and tiny
warehouses written with pyarrow. The shared scorer (../shared/eval/score.py) is used where it is
present, as `make eval` uses it.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from evaluation.__main__ import main as evaluate
from evaluation.aggregate import TABLES, pooled, summarise
from evaluation.crossval import REPO, Settings, evaluate_fold, score_warehouse
from evaluation.folds import Item, assign_folds, discover, training_items
from evaluation.render import fields_table, prf_table

SCORE_PY = REPO.parent / "shared" / "eval" / "score.py"
needs_scorer = pytest.mark.skipif(not SCORE_PY.is_file(), reason="../shared/eval/score.py is absent")

SIZES = {"dev": 6, "dev2": 7, "dev3": 8}


def write_set(shared: Path, name: str, texts: dict[str, str], gold: dict[str, dict] | None = None) -> None:
    """One set as the shared folder lays it out: SET/articles/FILE and SET/gold/STEM.json naming FILE."""
    (shared / name / "articles").mkdir(parents=True, exist_ok=True)
    (shared / name / "gold").mkdir(parents=True, exist_ok=True)
    for file, text in texts.items():
        (shared / name / "articles" / file).write_text(text)
        rows = (gold or {}).get(file, {})
        record = {"file": file, "published_date": "2025-05-06"} | {t: rows.get(t, []) for t in TABLES}
        (shared / name / "gold" / f"{Path(file).stem}.json").write_text(json.dumps(record))


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    root = tmp_path / "shared"
    for name, n in SIZES.items():
        write_set(root, name, {f"{name}-{i:02d}.txt": f"Note {i} of the {name} set." for i in range(n)})
    return root


def names(fold: list[Item]) -> list[str]:
    return [i.article.name for i in fold]


def test_discover_pairs_each_gold_file_with_the_article_it_names(shared):
    items = discover(shared)
    assert Counter(i.set_name for i in items) == SIZES
    assert all(i.article.parent == shared / i.set_name / "articles" and i.article.is_file() for i in items)
    assert all(json.loads(i.gold.read_text())["file"] == i.article.name for i in items)


def test_discover_refuses_a_missing_article_and_a_name_shared_by_two_sets(shared):
    (shared / "dev" / "articles" / "dev-00.txt").unlink()
    with pytest.raises(ValueError, match=r"dev-00\.txt"):
        discover(shared)
    write_set(shared, "dev", {"dev-00.txt": "Back again."})
    write_set(shared, "dev3", {"dev2-01.txt": "A note under a name dev2 already uses."})
    with pytest.raises(ValueError, match=r"more than one set: dev2-01\.txt"):
        discover(shared)


def test_folds_are_fixed_by_the_seed_whatever_the_input_order(shared):
    items = discover(shared)
    shuffled = items[:]
    random.Random(1).shuffle(shuffled)
    first = [names(f) for f in assign_folds(items, 5, seed=7)]
    assert [names(f) for f in assign_folds(shuffled, 5, seed=7)] == first
    assert [names(f) for f in assign_folds(items, 5, seed=8)] != first


def test_every_article_is_held_out_exactly_once_and_fold_sizes_differ_by_one_at_most(shared):
    items = discover(shared)
    folds = assign_folds(items, 5, seed=7)
    held_out = [name for fold in folds for name in names(fold)]
    assert sorted(held_out) == sorted(names(items))
    assert len(set(held_out)) == len(items) == 21
    assert {len(f) for f in folds} == {4, 5}


def test_every_fold_mixes_the_sets(shared):
    for fold in assign_folds(discover(shared), 5, seed=7):
        assert {i.set_name for i in fold} == set(SIZES)


def test_training_folds_are_exactly_the_other_articles(shared):
    items = discover(shared)
    folds = assign_folds(items, 5, seed=7)
    for k, fold in enumerate(folds):
        train = training_items(folds, k)
        assert not set(names(train)) & set(names(fold))
        assert sorted(names(train) + names(fold)) == sorted(names(items))


def test_fold_count_must_fit_the_articles(shared):
    with pytest.raises(ValueError):
        assign_folds(discover(shared), 1, seed=7)
    with pytest.raises(ValueError):
        assign_folds(discover(shared)[:3], 5, seed=7)


def report(f1: dict[str, tuple[int, int, int]], fields: dict[str, dict], grounded: float | None) -> dict:
    """A scorer report from tp/fp/fn per table (precision etc. derived as the scorer does)."""
    tables = {}
    for t, (tp, fp, fn) in f1.items():
        p, r = tp / (tp + fp), tp / (tp + fn)
        tables[t] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r),
            "fields": fields.get(t, {}),
        }
    mean = sum(x["f1"] for x in tables.values()) / 4
    return {"articles": 3, "tables": tables, "grounded": grounded, "mean_f1": mean}


def test_summary_gives_mean_and_spread_over_folds_and_the_pooled_counts():
    counts_a = {
        "meetings": (8, 2, 0),
        "participants": (4, 0, 4),
        "positions": (1, 1, 2),
        "agreements": (2, 0, 0),
    }
    counts_b = {
        "meetings": (2, 0, 8),
        "participants": (4, 0, 4),
        "positions": (3, 1, 2),
        "agreements": (1, 1, 0),
    }
    a = report(counts_a, {"meetings": {"status": 1.0, "level": None}}, 1.0)
    b = report(counts_b, {"meetings": {"status": 0.5, "level": 0.75}}, None)
    s = summarise([a, b])
    assert s["tables"]["participants"]["recall"] == {"mean": 0.5, "std": 0.0}
    assert s["tables"]["meetings"]["recall"]["mean"] == 0.6  # (1.0 + 0.2) / 2
    assert s["tables"]["meetings"]["recall"]["std"] == pytest.approx(0.566, abs=1e-3)
    assert s["fields"]["meetings.status"] == {"mean": 0.75, "std": pytest.approx(0.354, abs=1e-3)}
    assert s["fields"]["meetings.level"] == {
        "mean": 0.75,
        "std": 0.0,
    }  # a fold without matched rows is skipped
    assert s["fields"]["agreements.status"] == {"mean": None, "std": None}
    assert s["grounded"] == {"mean": 1.0, "std": 0.0, "min": 1.0}
    meetings = s["pooled"]["tables"]["meetings"]
    assert (meetings["tp"], meetings["fp"], meetings["fn"]) == (10, 2, 8)
    assert (meetings["precision"], meetings["recall"]) == (0.833, 0.556)
    assert s["pooled"]["articles"] == 6


def test_tables_print_one_line_per_row_and_a_dash_for_no_value():
    a = report({t: (1, 1, 0) for t in TABLES}, {"meetings": {"status": None, "format": 1.0}}, 1.0)
    prf = prf_table([("1", "3", a)]).splitlines()
    assert len(prf) == 3 and prf[-1].split() == ["1", "3", *["0.500", "1.000", "0.667"] * 4, "0.667"]
    fields = fields_table([("1", "3", a)]).splitlines()
    assert fields[-1].split()[:4] == ["1", "1.000", "-", "1.000"]


# Two invented articles, the gold rows a person would write for them, and what an extractor found.
TEXTS = {
    "alpha.txt": "Portugal and Sweden held talks in Lisbon on Tuesday. Portugal urged faster grid links.",
    "beta.txt": "Chile and Peru signed a fisheries accord in Lima on Monday. They plan a second round.",
}
GOLD = {
    "alpha.txt": {
        "meetings": [
            {
                "countries": ["PRT", "SWE"],
                "status": "held",
                "format": "in_person",
                "start_date": "2025-05-06",
            },
            {"countries": ["FRA", "ITA"], "status": "planned", "format": "unknown"},
        ],
        "positions": [
            {"holder_country": "PRT", "stance": "demand", "evidence": "Portugal urged faster grid links."}
        ],
    },
    "beta.txt": {
        "meetings": [
            {"countries": ["CHL", "PER"], "status": "held", "format": "in_person", "start_date": "2025-05-05"}
        ],
        "agreements": [
            {
                "parties": ["CHL", "PER"],
                "status": "signed",
                "evidence": "Chile and Peru signed a fisheries accord in Lima on Monday.",
            }
        ],
    },
}


def write_warehouse(root: Path, files: list[str], rejected: list[str] = ()) -> Path:
    """A warehouse as the scorer reads it, with the rows our pretend extractor produced for `files`."""
    articles = [{"article_id": f"art_{Path(f).stem}", "source_path": f, "text": TEXTS[f]} for f in files]
    meetings = [
        {
            "article_id": "art_alpha",
            "countries": ["PRT", "SWE"],
            "status": "held",
            "format": "in_person",
            "start_date": "2025-05-06",
            "level": "unknown",
        },
        {
            "article_id": "art_alpha",
            "countries": ["USA", "CAN"],
            "status": "held",
            "format": "phone",
            "start_date": None,
            "level": "unknown",
        },
        {
            "article_id": "art_beta",
            "countries": ["CHL", "PER"],
            "status": "planned",
            "format": "in_person",
            "start_date": "2025-05-05",
            "level": "unknown",
        },
    ]
    evidence = "Portugal urged faster grid links."
    start = TEXTS["alpha.txt"].index(evidence)
    positions = [
        {
            "article_id": "art_alpha",
            "holder_country": "PRT",
            "stance": "demand",
            "target_countries": [],
            "evidence": evidence,
            "evidence_start": start,
            "evidence_end": start + len(evidence),
        }
    ]
    tables = {
        "articles": articles,
        "meetings": meetings,
        "participants": [],
        "positions": positions,
        "agreements": [],
        "extractions": [{"article_id": a["article_id"], "extractor_version": "9.9.9"} for a in articles],
        "rejects": [
            {"source_path": f, "stage": "extract", "reason": "extractor_error", "detail": "boom"}
            for f in rejected
        ],
    }
    ids = {a["article_id"] for a in articles}
    for name, rows in tables.items():
        (root / name).mkdir(parents=True)
        kept = [r for r in rows if name in ("articles", "rejects") or r["article_id"] in ids]
        if kept:
            pq.write_table(pa.Table.from_pylist(kept), root / name / "part-0.parquet")
    return root


def gold_dir(root: Path, files: list[str]) -> Path:
    write_set(root, "g", {f: TEXTS[f] for f in files}, GOLD)
    return root / "g" / "gold"


@needs_scorer
def test_pooled_fold_reports_equal_scoring_all_articles_at_once(tmp_path):
    folds = [["alpha.txt"], ["beta.txt"]]
    reports = []
    for k, files in enumerate(folds):
        wh = write_warehouse(tmp_path / f"wh{k}", files, rejected=["beta.txt"] if k else [])
        reports.append(
            score_warehouse(SCORE_PY, gold_dir(tmp_path / f"g{k}", files), wh, tmp_path / f"s{k}.json")
        )
    everything = ["alpha.txt", "beta.txt"]
    union = score_warehouse(
        SCORE_PY,
        gold_dir(tmp_path / "gall", everything),
        write_warehouse(tmp_path / "wall", everything),
        tmp_path / "s.json",
    )
    together = pooled(reports)
    assert together["mean_f1"] == union["mean_f1"]
    for t in TABLES:
        assert {c: together["tables"][t][c] for c in ("tp", "fp", "fn", "f1")} == {
            c: union["tables"][t][c] for c in ("tp", "fp", "fn", "f1")
        }
    assert (union["tables"]["meetings"]["tp"], union["tables"]["meetings"]["fp"]) == (2, 1)
    assert union["tables"]["agreements"]["fn"] == 1
    assert reports[0]["extractor_versions"] == ["9.9.9"] and reports[0]["rejects"] == []
    assert [r["source_path"] for r in reports[1]["rejects"]] == ["beta.txt"]
    s = summarise(reports)
    assert s["fields"]["meetings.status"] == {"mean": 0.5, "std": pytest.approx(0.707, abs=1e-3)}


@needs_scorer
def test_a_fold_runs_the_real_pipeline_on_its_held_out_articles_only(tmp_path):
    shared = tmp_path / "shared"
    write_set(shared, "dev", {f: TEXTS[f] for f in TEXTS}, GOLD)
    items = discover(shared, ["dev"])
    folds = assign_folds(items, 2, seed=3)
    result = evaluate_fold(folds, 0, learned=False, settings=Settings(SCORE_PY, tmp_path / "work", workers=1))
    assert result["articles"] == 1 and result["missing_articles"] == [] and result["rejects"] == []
    assert result["extractor_versions"]
    held_out = pq.read_table(tmp_path / "work" / "fold1" / "warehouse" / "articles").column("source_path")
    assert held_out.to_pylist() == names(folds[0])


def test_make_eval_says_so_and_succeeds_without_the_shared_sets(tmp_path, capsys):
    assert evaluate(["--shared", str(tmp_path / "absent")]) == 0
    assert "absent" in capsys.readouterr().out
