"""pytest plugin for model regression gates (options --harness-suite/--harness-baseline)."""
