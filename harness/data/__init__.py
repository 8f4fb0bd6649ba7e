"""Data sources: where a test's examples come from (inline, files, hub, built-in, generators)."""
