"""Plain-Python text tools shared by ingestion and triage (no Django imports here)."""
