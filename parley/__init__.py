"""parley: diplomatic talks, from article files to an analysis-ready dataset.

The package is pure Python with no Dagster in it: `ingest` turns files into
articles and rejects, `extract` turns an article's text into typed rows,
`tables` gives those rows ids and links, `storage` writes Parquet and
`views` points DuckDB at it. Dagster wiring lives in `assets/` and `pipelines/`.
"""
