"""Files to articles: read every input file into an article or a reject with its reason.

`scan(root)` streams Article and Reject records for a folder (formats: .txt/.md with YAML front
matter, .jsonl, .json, .html/.htm); `fingerprint(root)` tells a sensor whether the folder changed.
"""

from parley.ingest.records import Article, Reject
from parley.ingest.scan import DEFAULT_MAX_BYTES, fingerprint, scan

__all__ = ["DEFAULT_MAX_BYTES", "Article", "Reject", "fingerprint", "scan"]
