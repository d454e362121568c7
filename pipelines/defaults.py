"""Default locations, importable without Dagster (the `parley` command starts fast)."""

DEFAULT_ARTICLES = "data/articles"
DEFAULT_WAREHOUSE = "warehouse"
DEFAULT_SOURCES = (
    "sources.yaml"  # the feeds `parley fetch` and the daily schedule read (see sources.example.yaml)
)
