"""Pandera declarations of the warehouse tables and what is derived from them."""

from schemas.tables import EXTRACTED, TABLES

__all__ = ["EXTRACTED", "TABLES"]
