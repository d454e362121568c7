"""Cross-validation by article: fit on four folds, run the real pipeline on the fifth, score it.

Every step is the command a user runs (`python -m training.train`, `parley run`, the shared
`score.py`), each in its own process with its own Dagster instance, so a fold sees nothing of the
others and nothing in this package can flatter the figures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow.dataset as ds

from evaluation.aggregate import Report, pooled, summarise
from evaluation.folds import Item, assign_folds, discover, training_items
from evaluation.render import fields_table, prf_table, summary_rows

REPO = Path(__file__).resolve().parents[1]
TRAINER = REPO / "training" / "train.py"


class EvalError(RuntimeError):
    """A step of the evaluation failed; the message carries the command and its error output."""


@dataclass(frozen=True)
class Settings:
    score_py: Path  # the shared scorer, run as a script
    workdir: Path  # one subfolder per pipeline run
    workers: int  # `parley run --workers` for each run


def has_learned_components() -> bool:
    """Whether the repository has anything to fit; without a trainer the extractor is rules only."""
    return TRAINER.is_file()


def _run(cmd: Sequence[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(list(cmd), cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-20:])
        raise EvalError(f"{' '.join(map(str, cmd))} exited with {done.returncode}:\n{tail}")


def _flags(**options: object) -> list[str]:
    """`--name value` pairs for a command line."""
    return [part for name, value in options.items() for part in (f"--{name}", str(value))]


def _parley() -> str:
    beside = Path(sys.executable).with_name("parley")  # the same virtual environment
    found = str(beside) if beside.is_file() else shutil.which("parley")
    if not found:
        raise EvalError("the `parley` command is not installed (make setup)")
    return found


def materialise(items: Sequence[Item], target: Path) -> Path:
    """target/articles and target/gold with copies of the items' files.

    Copies, not links: the pipeline refuses symbolic links, and the trainer may read articles
    through the same ingestion.
    """
    for sub in ("articles", "gold"):
        (target / sub).mkdir(parents=True)
    for item in items:
        shutil.copy2(item.article, target / "articles" / item.article.name)
        shutil.copy2(item.gold, target / "gold" / item.gold.name)
    return target


def extractor_versions(warehouse: Path) -> list[str]:
    """The extractor versions that produced a warehouse, from its `extractions` table."""
    files = [str(p) for p in (warehouse / "extractions").rglob("*.parquet")]
    if not files:
        return []
    column = ds.dataset(files, format="parquet").to_table(columns=["extractor_version"]).column(0)
    return sorted(set(column.to_pylist()))


def rejects(warehouse: Path) -> list[dict]:
    """The warehouse's rejected inputs (stage, reason, detail): a crash must not pass for a miss."""
    files = [str(p) for p in (warehouse / "rejects").rglob("*.parquet")]
    if not files:
        return []
    table = ds.dataset(files, format="parquet").to_table(columns=["source_path", "stage", "reason", "detail"])
    return table.to_pylist()


def score_warehouse(score_py: Path, gold: Path, warehouse: Path, out: Path) -> Report:
    """The shared scorer's report for a warehouse, plus the extractor version and the rejects."""
    _run([sys.executable, str(score_py), *_flags(gold=gold, warehouse=warehouse, json=out)])
    report = json.loads(out.read_text())
    report["extractor_versions"] = extractor_versions(warehouse)
    report["rejects"] = rejects(warehouse)
    return report


def run_and_score(articles: Path, gold: Path, work: Path, models: Path | None, settings: Settings) -> Report:
    """`parley run` on a folder of articles on a fresh instance and warehouse, then its score."""
    env = {k: v for k, v in os.environ.items() if k != "PARLEY_MODELS"}
    env["DAGSTER_HOME"] = str(work / "dagster_home")
    if models is not None:
        env["PARLEY_MODELS"] = str(models)
    (work / "dagster_home").mkdir(parents=True, exist_ok=True)
    warehouse = work / "warehouse"
    options = _flags(articles=articles, warehouse=warehouse, workers=settings.workers)
    _run([_parley(), "run", *options, "--quiet"], env)
    return score_warehouse(settings.score_py, gold, warehouse, work / "score.json")


def evaluate_fold(folds: Sequence[Sequence[Item]], index: int, learned: bool, settings: Settings) -> Report:
    """Fit on every fold but `index` (when anything is learned), then run and score fold `index`."""
    work = settings.workdir / f"fold{index + 1}"
    test = materialise(folds[index], work / "test")
    models = None
    if learned:
        train = materialise(training_items(folds, index), work / "train")
        models = work / "models"
        _run([sys.executable, "-m", "training.train", *_flags(gold=train / "gold", out=models)])
    return run_and_score(test / "articles", test / "gold", work, models, settings)


def evaluate_set(name: str, articles: Path, gold: Path, settings: Settings) -> Report:
    """A whole set with the default (shipped) models: PARLEY_MODELS is left unset."""
    return run_and_score(articles, gold, settings.workdir / f"set-{name}", None, settings)


Task = tuple[str, Callable[[], Report]]


def run_tasks(tasks: Sequence[Task], jobs: int) -> dict[str, dict]:
    """Run the tasks on `jobs` threads (each waits on its own processes); report each as it ends."""

    def timed(label: str, task: Callable[[], Report]) -> dict:
        start = time.perf_counter()
        report = task()
        seconds = round(time.perf_counter() - start, 1)
        print(f"  {label}: {report['articles']} articles, mean F1 {report['mean_f1']:.3f} ({seconds} s)")
        if report["rejects"]:
            first = report["rejects"][0]
            print(
                f"    WARNING: {len(report['rejects'])} inputs rejected, e.g. {first['source_path']}: "
                f"{first['stage']}/{first['reason']}: {first['detail']}"
            )
        sys.stdout.flush()
        return {"seconds": seconds, "score": report}

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {label: pool.submit(timed, label, task) for label, task in tasks}
        return {label: future.result() for label, future in futures.items()}


def workers_per_run(jobs: int) -> int:
    return max(1, (os.cpu_count() or 1) // jobs)


def _versions(reports: Sequence[Report]) -> str:
    return ", ".join(sorted({v for r in reports for v in r.get("extractor_versions", [])})) or "unknown"


def cross_validate(shared: Path, sets: Sequence[str], k: int, seed: int, jobs: int, workdir: Path) -> dict:
    """The whole measurement: k folds, then each set scored whole; a JSON-ready result."""
    items = discover(shared, sets)
    folds = assign_folds(items, k, seed)
    learned = has_learned_components()
    settings = Settings(shared / "score.py", workdir, workers_per_run(jobs))
    print(f"{k}-fold cross-validation by article over {', '.join(sets)}: {len(items)} articles, seed {seed}")
    if not learned:
        print("no learned components: rules only")
    tasks: list[Task] = [
        (f"fold {i + 1}", lambda i=i: evaluate_fold(folds, i, learned, settings)) for i in range(k)
    ]
    tasks += [
        (f"set {s}", lambda s=s: evaluate_set(s, shared / s / "articles", shared / s / "gold", settings))
        for s in sets
    ]
    start = time.perf_counter()
    done = run_tasks(tasks, jobs)
    wall = round(time.perf_counter() - start, 1)
    fold_reports = [done[f"fold {i + 1}"]["score"] for i in range(k)]
    set_reports = {s: done[f"set {s}"]["score"] for s in sets}
    return {
        "date": date.today().isoformat(),
        "extractor_version": _versions([*fold_reports, *set_reports.values()]),
        "learned": learned,
        "sets": list(sets),
        "seed": seed,
        "k": k,
        "folds": [
            {
                "fold": i + 1,
                "articles": {s: sorted(it.article.name for it in fold if it.set_name == s) for s in sets},
                "seconds": done[f"fold {i + 1}"]["seconds"],
                "score": fold_reports[i],
            }
            for i, fold in enumerate(folds)
        ],
        "cross_validation": summarise(fold_reports),
        "per_set": {s: {"seconds": done[f"set {s}"]["seconds"], "score": r} for s, r in set_reports.items()},
        "all_sets": pooled(list(set_reports.values())),
        "pipeline_runs": len(tasks),
        "jobs": jobs,
        "wall_seconds": wall,
    }


def score_sets(named: Sequence[tuple[str, Path, Path]], score_py: Path, jobs: int, workdir: Path) -> dict:
    """Each (name, articles, gold) set scored whole with the default models."""
    settings = Settings(score_py, workdir, workers_per_run(jobs))
    start = time.perf_counter()
    done = run_tasks([(n, lambda n=n, a=a, g=g: evaluate_set(n, a, g, settings)) for n, a, g in named], jobs)
    reports = [d["score"] for d in done.values()]
    return {
        "date": date.today().isoformat(),
        "extractor_version": _versions(reports),
        "per_set": done,
        "wall_seconds": round(time.perf_counter() - start, 1),
    }


def _set_rows(per_set: dict[str, dict]) -> list[tuple[str, str, Report]]:
    return [(name, str(d["score"]["articles"]), d["score"]) for name, d in per_set.items()]


def print_sets(per_set: dict[str, dict], total: Report | None = None) -> None:
    rows = _set_rows(per_set)
    print(prf_table([*rows, ("all", str(total["articles"]), total)] if total else rows))
    print()
    print(fields_table(rows))


def print_cross_validation(result: dict) -> None:
    """The fold table, its mean, spread and pooled figure, the key fields, then each set whole."""
    cv, sets = result["cross_validation"], result["sets"]
    print(
        f"\nCross-validation, extractor {result['extractor_version']} "
        f"({'learned parts fitted on the training folds only' if result['learned'] else 'rules only'})"
    )
    mix = "; ".join(
        f"{f['fold']}: " + "/".join(str(len(f["articles"][s])) for s in sets) for f in result["folds"]
    )
    print(f"articles per fold ({'/'.join(sets)}): {mix}")
    fold_rows = [(str(f["fold"]), str(f["score"]["articles"]), f["score"]) for f in result["folds"]]
    pooled_cv = cv["pooled"]
    print(prf_table([*fold_rows, *summary_rows(cv), ("pooled", str(pooled_cv["articles"]), pooled_cv)]))
    print("(pooled: every article scored once, held out, counts summed over folds)")
    print("\nKey field accuracy on matched rows, and share of evidence grounded exactly")
    print(fields_table([*fold_rows, *summary_rows(cv)]))
    label = (
        "with the shipped models: trained on (not blind) if learned components are shipped"
        if result["learned"]
        else "rules only: nothing learned (the rules were tuned on dev)"
    )
    print(f"\nEach set whole, {label}")
    print_sets(result["per_set"], result["all_sets"])
    rejected = sum(len(f["score"]["rejects"]) for f in result["folds"])
    if rejected:
        print(f"\nWARNING: {rejected} held-out inputs were rejected (see above); they count as missed")
    print(
        f"\nwall time: {result['wall_seconds']} s ({result['pipeline_runs']} pipeline runs, {result['jobs']} at a time)"
    )
