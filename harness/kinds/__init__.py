"""Test kinds: how one test of a suite is run (evaluate, perturbation, attack)."""
