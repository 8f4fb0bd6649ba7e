"""Jinja2 prompt templates for prompted language models, shipped as ``harness.prompts``.

Suites name a template by file name; the model adapter renders it with the
example's fields. This folder is package data: keep templates here as ``*.j2``.
"""
