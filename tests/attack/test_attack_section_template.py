"""reports/sections/attack.html.j2 renders a section and escapes everything from data."""

from __future__ import annotations

METRIC = {"value": 0.5, "ci_low": 0.2, "ci_high": 0.8, "n": 4, "method": "wilson"}
NAMES = (
    "original_accuracy",
    "accuracy_under_attack",
    "attack_success_rate",
    "average_words_perturbed",
    "average_words_perturbed_percent",
    "average_queries",
)


def test_attack_section_renders_and_escapes():
    from harness.report._html import environment

    section = {
        "recipe": "deepwordbug",
        "recipe_description": "character edits",
        "field": "hypothesis",
        "budgets": {"max_queries": 200, "time_budget_s": None, "n_examples": 25},
        "counts": {"succeeded": 1, "failed": 1, "skipped": 2, "not_attacked": 0},
        "metrics": {name: METRIC for name in NAMES},
        "examples": [
            {
                "gold": "entailment",
                "original_prediction": "entailment",
                "perturbed_prediction": "<script>neutral",
                "words_perturbed": 1,
                "queries": 12,
                "original_fields": {"premise": "A man.", "hypothesis": "A man <b>sings</b>."},
                "perturbed_fields": {"premise": "A man.", "hypothesis": "A mna <b>sings</b>."},
            }
        ],
    }
    template = environment().get_template("sections/attack.html.j2")
    html = template.render(section=section, test={}, run={})
    assert "<script>" not in html and "&lt;script&gt;neutral" in html
    assert "<b>sings" not in html and "&lt;b&gt;sings" in html
    assert "deepwordbug" in html and "200 queries per example" in html
    assert 'class="word-diff"' in html  # the hypothesis changed; the premise did not
    assert html.count('class="word-diff"') == 1


def test_attack_section_says_how_many_examples_server_errors_cut_short():
    from harness.report._html import environment

    section = {
        "recipe": "deepwordbug",
        "recipe_description": "character edits",
        "field": "hypothesis",
        "budgets": {"max_queries": 20, "time_budget_s": None, "n_examples": None},
        "counts": {"succeeded": 0, "failed": 1, "skipped": 2, "not_attacked": 0},
        "metrics": {name: METRIC for name in NAMES},
        "examples": [],
    }
    template = environment().get_template("sections/attack.html.j2")
    assert "attack-infra" not in template.render(section=section, test={}, run={})
    section["counts"]["infra_error"] = 3
    html = template.render(section=section, test={}, run={})
    assert '<p class="attack-infra">3 example(s) could not be attacked to the end' in html
