"""`python -m evaluation`: cross-validation over the real sets, or `--samples` for the bundled ones."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from evaluation.crossval import (
    REPO,
    EvalError,
    cross_validate,
    print_cross_validation,
    print_sets,
    score_sets,
)
from evaluation.folds import REAL_SETS

# The sets written for this repository (see data/README.md): name, articles, gold.
SAMPLE_SETS = (
    ("samples", REPO / "data" / "articles", REPO / "data" / "gold"),
    ("tuning", REPO / "data" / "tuning" / "articles", REPO / "data" / "tuning" / "gold"),
    ("heldout", REPO / "data" / "heldout" / "articles", REPO / "data" / "heldout" / "gold"),
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared" / "eval",
        help="folder with score.py and the real sets (default: ../shared/eval)",
    )
    ap.add_argument(
        "--sets", nargs="+", default=list(REAL_SETS), help="real sets to pool (default: %(default)s)"
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=2, help="pipeline runs at a time (default: 2)")
    ap.add_argument("--json", type=Path, help="write every figure here as JSON")
    ap.add_argument("--keep", type=Path, help="keep fold folders and warehouses here (for diff.py)")
    ap.add_argument("--samples", action="store_true", help="score the bundled sets instead (data/)")
    args = ap.parse_args(argv)

    score_py = args.shared / "score.py"
    if not score_py.is_file():
        print(f"eval: {args.shared} is absent (no score.py); nothing to score")
        return 0
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        print(f"eval: {args.keep} is not empty; --keep needs a new folder", file=sys.stderr)
        return 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="parley-eval-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if args.samples:
            present = [s for s in SAMPLE_SETS if s[1].is_dir() and s[2].is_dir()]
            result = score_sets(present, score_py, args.jobs, workdir)
            print(f"\nBundled sets (written for this repository), extractor {result['extractor_version']}")
            print_sets(result["per_set"])
            print(
                f"\nwall time: {result['wall_seconds']} s ({len(present)} pipeline runs, {args.jobs} at a time)"
            )
        else:
            result = cross_validate(args.shared, args.sets, args.folds, args.seed, args.jobs, workdir)
            print_cross_validation(result)
    except (EvalError, ValueError) as error:
        print(f"eval: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
