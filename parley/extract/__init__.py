"""Pure extraction: an article's text and metadata in, typed rows out (no Dagster, no I/O)."""
