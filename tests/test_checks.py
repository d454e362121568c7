"""The asset checks: fifteen checks in two steps, each shown on its own, and a failed one blocks."""

from __future__ import annotations

import dagster as dg
import pandas as pd

from assets.checks import CHECKS, TABLE_CHECKS
from parley.storage import Warehouse
from schemas.arrow import to_frame
from schemas.tables import EXTRACTED, TABLES


def _evaluations(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {
        f"{e.asset_check_evaluation_data.asset_key.to_user_string()}:{e.asset_check_evaluation_data.check_name}": (
            e.asset_check_evaluation_data
        )
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }


def test_every_check_is_blocking_and_listed_on_its_own():
    specs = [spec for definition in CHECKS for spec in definition.check_specs]
    assert len(specs) == len(TABLES) + len(EXTRACTED) + 3  # + the three event checks
    assert len({spec.key for spec in specs}) == len(specs) and all(spec.blocking for spec in specs)
    assert len(CHECKS) == 2  # `articles` first, alone; the fourteen others in one step
    assert {spec.asset_key.to_user_string() for spec in CHECKS[0].check_specs} == {"articles"}


def test_a_run_checks_every_table_in_two_steps(run_pipeline, articles_dir, warehouse_dir):
    result = run_pipeline(articles_dir, warehouse_dir)
    assert len(_evaluations(result)) == len(TABLES) + len(EXTRACTED) + 3
    steps = {e.step_key for e in result.all_events if e.event_type_value == "STEP_SUCCESS"}
    assert {"articles_pandera_schema", "table_checks"} <= steps
    assert not [
        s
        for s in steps
        if s.endswith(("_pandera_schema", "_links_and_evidence")) and s != "articles_pandera_schema"
    ]


def test_a_failed_check_shows_its_cases_and_blocks_what_follows(
    run_pipeline, articles_dir, warehouse_dir, instance
):
    """Real tables of a run, one row of `participants` with evidence that is not its slice of the
    text: its check fails with the case as metadata, every other check still reports (and passes),
    and an asset downstream of the tables is not materialised."""
    run_pipeline(articles_dir, warehouse_dir)
    store = Warehouse(warehouse_dir)
    frames = {table: to_frame(table, store.read(table)) for table in TABLES}
    bad = frames["participants"].copy()
    bad.loc[0, "evidence_start"] = bad.loc[0, "evidence_start"] + 1
    frames["participants"] = bad

    def stand_in(table: str, frame: pd.DataFrame) -> dg.AssetsDefinition:
        @dg.asset(name=table)
        def written() -> pd.DataFrame:
            return frame

        return written

    @dg.asset(deps=list(TABLES))
    def published() -> None:
        return None

    result = dg.materialize(
        [*(stand_in(t, f) for t, f in frames.items()), published, *CHECKS],
        instance=instance,
        raise_on_error=False,
    )
    assert not result.success
    evaluations = _evaluations(result)
    assert len(evaluations) == len(TABLES) + len(EXTRACTED) + 3
    failed = evaluations.pop("participants:links_and_evidence")
    assert not failed.passed and failed.blocking and failed.metadata["failures"].value >= 1
    assert "evidence" in failed.metadata["failure_cases"].value
    assert all(e.passed for e in evaluations.values()), evaluations
    assert not [e for e in result.all_events if e.is_step_success and e.step_key == "published"]
    assert all(check.spec.key.asset_key.to_user_string() in TABLES for check in TABLE_CHECKS)
