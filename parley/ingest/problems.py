"""The exception readers raise for an input they refuse (its own module so that every reader can use it)."""

from __future__ import annotations


class IngestProblem(Exception):
    """Raised by readers for a problem that rejects the whole file (or record); scan turns it into a Reject."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
