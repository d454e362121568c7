"""The join rule alone: consolidate the gold meeting rows themselves and score their events.

    python -m evaluation.events --articles data/articles/events --gold data/events/gold

`score.py` on a warehouse measures extraction and consolidation together (a meeting the
extractor misses or misreads cannot be joined); this feeds the annotated rows, with their
articles' dates, publishers and copies, straight to `parley.consolidate` and scores the
pairs with the shared scorer's own `event_pairs`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
from pathlib import Path, PurePath

from evaluation.crossval import REPO
from parley import stages
from schemas.arrow import to_frame


def shared_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_meetings(gold: Path, article_of: dict[str, str]) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """Meeting rows built from gold files, and (gold file, gold event) by meeting id."""
    rows, truth = [], {}
    for path in sorted(gold.glob("*.json")):
        doc = json.loads(path.read_text())
        for m in doc.get("meetings", []):
            if not m.get("event") or doc["file"] not in article_of:
                continue
            meeting_id = f"{path.stem}:{m['key']}"
            truth[meeting_id] = (path.name, m["event"])
            fields = ("countries", "organizations", "status", "format", "level", "date_text", "location")
            rows.append(
                {k: m.get(k) for k in fields}
                | {
                    "meeting_id": meeting_id,
                    "article_id": article_of[doc["file"]],
                    "start_date": m.get("start_date"),
                    "evidence": m.get("label") or m["key"],
                    "evidence_start": 0,
                    "evidence_end": 1,
                    "confidence": 1.0,
                    "extractor_version": "gold",
                    "rule_id": "model:gold",
                }
            )
    return rows, truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.events", description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "eval")
    args = ap.parse_args(argv)
    articles, _ = stages.ingest(args.articles)
    article_of = {
        PurePath(p).name: a for p, a in zip(articles["source_path"], articles["article_id"], strict=True)
    }
    rows, truth = gold_meetings(args.gold, article_of)
    for row in rows:
        row["start_date"] = row["start_date"] and dt.date.fromisoformat(row["start_date"])
    meetings, events = stages.events(articles, to_frame("meetings", rows), None)
    linked = [(*truth[m], e) for m, e in zip(meetings["meeting_id"], meetings["event_id"], strict=True)]
    result = shared_scorer(args.shared / "score.py").event_pairs(linked)
    print(
        f"join rule on {len(rows)} gold meeting rows → {len(events)} events: "
        f"P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f} over {result['gold_pairs']} gold pairs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
