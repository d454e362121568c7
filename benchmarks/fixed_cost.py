"""Where a `parley run` with nothing to read spends its time: imports, the Dagster instance, each step.

    python benchmarks/fixed_cost.py --articles DIR --warehouse DIR

Run it on a warehouse that already holds the folder (a `parley run` before): it does what
`parley run --force` does, in this process, and prints the seconds of each part, then the slowest
steps as the Dagster event log records them. `python -X importtime -m pipelines.cli run --force ...`
names every module behind the import lines.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

START = time.perf_counter()
marks: list[tuple[str, float]] = []


def mark(name: str) -> None:
    marks.append((name, time.perf_counter()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--warehouse", type=Path, required=True)
    args = ap.parse_args()
    from parley.storage import Warehouse

    mark("import the warehouse (pyarrow, the Pandera schemas)")
    import dagster  # noqa: F401  (timed on its own)

    mark("import Dagster")
    from pipelines.definitions import build_definitions

    mark("import the rest of the definitions (assets, consolidation and its datasketch)")
    from pipelines.instance import instance

    runs = instance()
    mark("open the Dagster instance (SQLite)")
    job = build_definitions(str(args.articles.resolve()), str(args.warehouse), workers=1).resolve_job_def(
        "parley"
    )
    mark("build the definitions")
    store = Warehouse(args.warehouse)
    with store.lock():
        store.problems()
        mark("lock the warehouse, check the published files")
        result = job.execute_in_process(
            instance=runs, run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
        )
        mark("execute the job (every step, every event stored)")
    lazy = [m for m in ("spacy", "altair") if m in sys.modules]
    previous = START
    for name, at in marks:
        print(f"{at - previous:6.2f} s  {name}")
        previous = at
    print(f"{previous - START:6.2f} s  in all (after the interpreter's own start)")
    print(
        f"spaCy and altair imported by the run: {', '.join(lazy) or 'neither (nothing to parse, no report)'}"
    )
    logs = runs.all_logs(result.run_id)
    steps: dict[str, list[float]] = {}
    for record in logs:
        event = record.dagster_event
        if event and event.event_type_value in ("STEP_START", "STEP_SUCCESS"):
            steps.setdefault(event.step_key, []).append(record.timestamp)
    took = sorted(((t[-1] - t[0], k) for k, t in steps.items() if len(t) == 2), reverse=True)
    print(
        f"{len(took)} steps, {len(logs)} events stored; the steps themselves {sum(d for d, _ in took):.2f} s:"
    )
    for seconds, step in took[:8]:
        print(f"   {seconds:5.2f} s  {step}")


if __name__ == "__main__":
    main()
