"""The Celery app parley's workers run: `celery -A pipelines.celery_app worker` (see `deploy/start`).

dagster-celery's own task (`execute_plan`: run one step of a run in this
process), with the settings of `deploy/celery.yaml`, environment resolved. A
worker process keeps its extractor between tasks (`pipelines.resources`), so it
loads the model once however many shards it reads.
"""

from dagster_celery.cli import get_validated_config
from dagster_celery.executor import CeleryExecutor
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_task

from pipelines.cluster import config_path

_settings = get_validated_config(str(config_path()))
app = make_app(
    CeleryExecutor.for_cli(
        broker=_settings["broker"],
        backend=_settings["backend"],
        include=_settings.get("include"),
        config_source=_settings.get("config_source"),
    ).app_args()
)
execute_plan = create_task(app)
