"""Default locations, importable without Dagster (the `parley` command starts fast)."""

DEFAULT_ARTICLES = "data/articles"
DEFAULT_WAREHOUSE = "warehouse"
