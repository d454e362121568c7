"""Shared fixtures: temporary folders, a temporary Dagster instance, and a real pipeline run."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import pytest
from spacy.language import Language

from parley.extract.nlp import load_nlp
from pipelines.definitions import build_definitions

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline, loaded once for the whole session."""
    return load_nlp()


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A folder holding the small hand-written fixture articles."""
    target = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", target)
    return target


@pytest.fixture
def warehouse_dir(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as inst:
        yield inst


RunPipeline = Callable[..., dg.ExecuteInProcessResult]


@pytest.fixture
def run_pipeline(instance: dg.DagsterInstance) -> RunPipeline:
    """Materialise every asset and check, in-process, on a temporary instance."""

    def run(articles: Path, warehouse: Path | str, **kwargs) -> dg.ExecuteInProcessResult:
        defs = build_definitions(str(articles), str(warehouse))
        return defs.resolve_job_def("parley").execute_in_process(
            instance=instance, raise_on_error=kwargs.get("raise_on_error", True)
        )

    return run
