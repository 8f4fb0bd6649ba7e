"""Transforms: map an example to zero or more variants (perturbations)."""
