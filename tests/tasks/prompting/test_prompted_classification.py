"""Prompted classification through any loglikelihood adapter: here a python: callable.

The callable is a made-up language model whose log-likelihoods are set by hand, so
label probabilities, scoring variants and contextual calibration can be checked
against numbers computed here.
"""

from __future__ import annotations

import math

import pytest

from harness.core import Example
from harness.errors import ModelError, PromptError, SuiteError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.predictor import RequestRunner
from harness.suite import suite_from_mapping
from harness.tasks import TaskSetup, make_task
from harness.tasks.prompting.shots import ShotsOptions, plan_shots
from harness.tasks.prompting.variants import calibrate, content_free_distribution, variant_scores

NLI = ("entailment", "neutral", "contradiction")
FIELDS = ("premise", "hypothesis")
WORD = {" True": "entailment", " Neither": "neutral", " False": "contradiction"}
# Item prompt: p = (0.4, 0.35, 0.25). Content-free prompts: p = (0.5, 0.3, 0.2).
ITEM_P = {"entailment": 0.4, "neutral": 0.35, "contradiction": 0.25}
FREE_P = {"entailment": 0.5, "neutral": 0.3, "contradiction": 0.2}


def hand_lm(rows):
    """log P(word | prompt): content-free prompts (N/A, empty, [MASK]) get FREE_P."""
    answers = []
    for row in rows:
        label = WORD[row["continuation"]]
        context = row["context"]
        if context == "Answer:":
            answers.append({"loglikelihood": math.log(1 / 3), "is_greedy": False})
        elif "N/A" in context or "[MASK]" in context or context.startswith("\nQuestion:"):
            answers.append({"loglikelihood": math.log(FREE_P[label]), "is_greedy": False})
        else:
            answers.append({"loglikelihood": math.log(ITEM_P[label]), "is_greedy": False})
    return answers


def only_generates(rows):
    return ["x" for _ in rows]


def lm(function: str = "hand_lm", serves: str = "loglikelihood"):
    return load_model(
        ModelSpec.parse(f"python:{__name__}:{function}", {"serves": serves}),
        ModelContext(task="nli", labels=NLI, input_fields=FIELDS),
    )


def nli_task(**options):
    task_class = make_task("nli", TaskSetup(labels=NLI, input_fields=FIELDS)).__class__
    return make_task(
        "nli",
        TaskSetup(
            labels=NLI,
            input_fields=FIELDS,
            options=task_class.Options(**options),
            extras={"load_examples": lambda data: POOL},
        ),
    )


ITEMS = [
    Example(
        id="i1", fields={"premise": "A man sleeps.", "hypothesis": "A man rests."}, target="neutral"
    ),
    Example(
        id="i2",
        fields={"premise": "A cat runs.", "hypothesis": "A cat moves."},
        target="entailment",
    ),
]
POOL = [
    Example(
        id=f"p{i}",
        fields={"premise": f"Premise {i}.", "hypothesis": f"Hypothesis {i}."},
        target=NLI[i % 3],
    )
    for i in range(12)
]


def test_calibration_against_a_hand_computed_example():
    model = lm()
    task = nli_task()
    task.check_model(model)
    [first, _] = task.predict(ITEMS, RequestRunner(model))
    # Uncalibrated: p = (0.4, 0.35, 0.25) -> entailment.
    assert first.label == "entailment"
    assert first.scores == pytest.approx(ITEM_P)
    # W = diag(1/0.5, 1/0.3, 1/0.2): W p = (0.8, 1.1667, 1.25), sum 3.21667.
    expected = {
        "entailment": 0.8 / 3.216667,
        "neutral": 1.166667 / 3.216667,
        "contradiction": 1.25 / 3.216667,
    }
    assert first.raw["calibrated"] == pytest.approx(expected, abs=1e-5)
    assert first.raw["content_free"] == pytest.approx(FREE_P)
    labels, [item, _] = task.score("t", ITEMS, task.predict(ITEMS, RequestRunner(model)))
    # Gold neutral: wrong before calibration, still wrong after (contradiction wins).
    assert item.scores["acc"] == 0.0 and item.scores["acc_calibrated"] == 0.0
    onehot = {"entailment": 0, "neutral": 1, "contradiction": 0}
    assert item.scores["brier_calibrated"] == pytest.approx(
        sum((expected[k] - onehot[k]) ** 2 for k in NLI), abs=1e-5
    )
    assert item.scores["confidence_calibrated"] == pytest.approx(1.25 / 3.216667, abs=1e-5)
    assert item.to_json()["request"]["prompt"] == (
        "A man sleeps.\nQuestion: A man rests. True, False or Neither?\nAnswer:"
    )


def test_variants_and_calibration_functions_by_hand():
    lls = {"a": {" yes": math.log(0.2), " yeah": math.log(0.1)}, "b": {" no": math.log(0.3)}}
    scores = variant_scores(
        lls,
        tokens={"a": {" yes": 1, " yeah": 2}, "b": {" no": 1}},
        unconditional={" yes": math.log(0.5), " yeah": math.log(0.1), " no": math.log(0.2)},
    )
    assert scores["acc"] == pytest.approx([math.log(0.3), math.log(0.3)])
    assert scores["acc_char"][1] == pytest.approx(math.log(0.3) / 2)
    assert scores["acc_char"][0] == pytest.approx(
        math.log(math.exp(math.log(0.2) / 3) + math.exp(math.log(0.1) / 4))
    )
    assert scores["acc_token"][0] == pytest.approx(math.log(0.2 + math.exp(math.log(0.1) / 2)))
    # PMI: yes 0.2/0.5, yeah 0.1/0.1 -> log(0.4 + 1.0); no 0.3/0.2 -> log 1.5.
    assert scores["acc_pmi"] == pytest.approx([math.log(1.4), math.log(1.5)])
    assert content_free_distribution([[0.6, 0.4], [0.2, 0.8]]) == pytest.approx([0.4, 0.6])
    assert calibrate([0.5, 0.5], [0.25, 0.75]) == pytest.approx([0.75, 0.25])


def test_shots_never_show_the_evaluated_item_and_are_stratified_and_seeded():
    duplicate = Example(id="dup", fields=dict(POOL[0].fields), target=POOL[0].target)
    pool = [*POOL, duplicate]
    options = ShotsOptions(k=6, source={"source": "inline"}, seed=3)
    plan = plan_shots(options, pool, NLI)
    standard = plan.demonstrations()
    assert sorted(str(s.target) for s in standard) == sorted(NLI * 2)
    for item in pool:
        shown = plan.demonstrations(item)
        assert len(shown) == 6
        assert all(s.id != item.id and dict(s.fields) != dict(item.fields) for s in shown)
    assert [s.id for s in plan_shots(options, pool, NLI).demonstrations()] == [
        s.id for s in standard
    ]
    other = plan_shots(ShotsOptions(k=6, source={}, seed=4), pool, NLI).demonstrations()
    assert [s.id for s in other] != [s.id for s in standard]
    balanced = plan_shots(ShotsOptions(k=6, source={}, order="balanced"), pool, NLI)
    assert list(balanced.slots) == list(NLI) * 2
    with pytest.raises(PromptError, match="k=14 but the shot pool has only 13") as error:
        plan_shots(ShotsOptions(k=14, source={}), pool, NLI)
    assert "\n" not in str(error.value)


def test_few_shot_prompt_is_stored_and_deterministic():
    model = lm()
    task = nli_task(
        shots={
            "k": 3,
            "source": {"source": "builtin", "name": "nli-core", "split": "train"},
            "seed": 1,
        }
    )
    task.check_model(model)
    first = task.predict(ITEMS, RequestRunner(model))
    again = nli_task(
        shots={
            "k": 3,
            "source": {"source": "builtin", "name": "nli-core", "split": "train"},
            "seed": 1,
        }
    )
    again.check_model(model)
    prompt = first[0].request["prompt"]
    assert prompt == again.predict(ITEMS, RequestRunner(model))[0].request["prompt"]
    assert prompt.count("Answer:") == 4 and prompt.endswith(
        "A man sleeps.\nQuestion: A man rests. True, False or Neither?\nAnswer:"
    )
    assert prompt.count("\n\n") == 3


def test_a_model_without_loglikelihoods_is_refused_in_one_line():
    task = nli_task()
    with pytest.raises(ModelError) as error:
        task.check_model(lm("only_generates", serves="generate"))
    assert "loglikelihood" in str(error.value) and "\n" not in str(error.value)


def test_a_template_field_the_task_lacks_names_the_file_and_line(tmp_path):
    template = tmp_path / "mine.j2"
    template.write_text(
        '{#-\nverbalizers: {entailment: " yes", neutral: " maybe", contradiction: " no"}\n-#}\n'
        "{{ premise }}\nQ: {{ question }}?\nA:"
    )
    suite = {
        "name": "s",
        "task": "nli",
        "labels": list(NLI),
        "task_options": {"prompt": str(template)},
        "tests": [{"name": "t", "data": {"source": "builtin", "name": "nli-core"}}],
    }
    with pytest.raises(SuiteError, match=r"mine\.j2:5: the template uses field 'question'"):
        suite_from_mapping(suite)


def test_an_empty_verbalizer_is_one_line(tmp_path):
    suite = {
        "name": "s",
        "task": "nli",
        "labels": list(NLI),
        "task_options": {
            "prompt": "nli/gpt3",
            "verbalizers": {"entailment": " ", "neutral": "x", "contradiction": "y"},
        },
        "tests": [{"name": "t", "data": {"source": "builtin", "name": "nli-core"}}],
    }
    with pytest.raises(SuiteError, match="verbalizer of 'entailment' is empty"):
        suite_from_mapping(suite)
