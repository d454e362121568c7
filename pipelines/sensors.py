"""Run as soon as files are added, changed or removed in the articles folder."""

import dagster as dg

from pipelines.jobs import parley_job
from pipelines.resources import ArticleSource


@dg.sensor(job=parley_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def new_articles(context: dg.SensorEvaluationContext, source: ArticleSource):
    """One run per change of the folder's state (paths, sizes, modification times).

    The cursor is `<number of changes seen>:<fingerprint>`; the run key counts
    changes, so returning to an earlier state (a file deleted again) still runs.
    """
    seen, _, last = (context.cursor or "0:").partition(":")
    state = source.fingerprint()
    if state == last:
        return dg.SkipReason(f"no change in {source.root}")
    changes = int(seen) + 1
    context.update_cursor(f"{changes}:{state}")
    return dg.RunRequest(run_key=f"change-{changes}-{state[:12]}")
