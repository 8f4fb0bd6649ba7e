"""Generators: seeded, deterministic makers of diagnostic examples (HANS-style, capabilities)."""
