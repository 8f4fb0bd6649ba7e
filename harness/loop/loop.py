"""``harness loop``: run, augment from the tests with findings, fine-tune, re-run, gate.

The output directory (docs/loop.md):

    OUT/
      before/              the suite run on the model as given (a run directory)
      augmented.jsonl      the training data: originals and the variants kept
      augmentation.json    counts per test and transform (and per attack recipe), leaks dropped
      model/               the fine-tuned checkpoint with training_card.json (or, for the
                           reference model, train.jsonl + training_card.json)
      after/               the suite run on the fine-tuned model (a run directory)
      gate/                the gate on clean accuracy: verdict.json, gate.md, junit.xml,
                           compare.html
      loop.json            per finding before → after, the gate's verdict, step times
      loop.html            the same, as a page

Only findings of perturbation tests (their transforms make the variants) and of attack
tests (their recipe attacks training examples through the model, keeping the label) lead
to augmentation; a run whose findings come from elsewhere stops after ``before/`` with a
note.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from harness.files.jsonio import dumps_json, dumps_json_bytes, write_atomic
from harness.loop.attack_augment import open_attack_context
from harness.loop.augment import augment, augmentation_specs
from harness.loop.finetune import FinetuneSettings, finetune
from harness.loop.outcomes import finding_outcomes
from harness.loop.training_data import describe_training_data, load_training_data


@dataclass
class LoopOptions:
    """What ``harness loop`` was asked to do."""

    suite: Path
    model: str
    train: str
    out: Path
    model_options: Mapping[str, Any] = field(default_factory=dict)
    settings: FinetuneSettings = field(default_factory=FinetuneSettings)
    clean_test: str | None = None  # the test whose accuracy the gate checks
    cache_dir: Path | None = None
    progress: bool = True


def clean_test_of(suite: Any, chosen: str | None) -> str:
    """The test whose accuracy is clean accuracy: ``chosen``, else the first ``evaluate`` test."""
    names = [plan.spec.name for plan in suite.tests]
    if chosen is not None:
        if chosen not in names:
            raise HarnessError(f"--clean-test '{chosen}': no such test ({', '.join(names)})")
        return chosen
    for plan in suite.tests:
        if plan.kind == "evaluate":
            return str(plan.spec.name)
    raise HarnessError("the suite has no evaluate test for clean accuracy; name one: --clean-test")


def finetune_base(model: str) -> str:
    """What fine-tuning starts from: the reference model refits its head; a classifier
    checkpoint is trained further."""
    kind = model.partition(":")[0]
    if kind in ("reference", "hf-classifier"):
        return model
    raise HarnessError(
        f"--model '{model}': the loop fine-tunes the reference model or an hf-classifier "
        "checkpoint (harness finetune --model packaged-minilm makes one from the packaged encoder)"
    )


def run_loop(options: LoopOptions, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the loop; returns (and writes as loop.json and loop.html) its summary."""
    from harness.gate.config import gate_config_from_mapping
    from harness.gate.runs import gate_runs
    from harness.report import render_compare_html, render_loop_html
    from harness.results import load_results
    from harness.runner import RunOptions, run_suite, selected_suite
    from harness.runner import make_loader as loader_for

    out = Path(options.out)
    if out.exists() and any(out.iterdir()):
        raise HarnessError(f"--out {out}: already exists and is not empty; choose a new one")
    suite = selected_suite(options.suite, None)
    clean = clean_test_of(suite, options.clean_test)
    base = finetune_base(options.model)
    train = load_training_data(suite, options.train)  # a bad --train fails before any run
    cache_dir = options.cache_dir
    if cache_dir is None:
        from harness.nltk_data import cache_root

        cache_dir = cache_root()
    steps: list[dict[str, Any]] = []
    summary: dict[str, Any] = {
        "suite": suite.name,
        "model_before": options.model,
        "model_after": None,
        "train": options.train,
        "clean_test": clean,
        "stopped": None,
        "findings": [],
        "augmentation": None,
        "training": None,
        "gate": None,
        "steps": steps,
    }

    def step(name: str, output: Path, work: Callable[[], Any]) -> Any:
        say(f"loop: {name} ...")
        started = time.perf_counter()
        value = work()
        seconds = time.perf_counter() - started
        steps.append({"name": name, "seconds": round(seconds, 2), "output": output.name})
        say(f"loop: {name} done in {seconds:.1f}s → {output}")
        return value

    def run(model: str, model_options: Mapping[str, Any], where: Path) -> Path:
        run_options = RunOptions(
            model=model,
            model_options=dict(model_options),
            out_dir=where,
            cache_dir=cache_dir,
            progress=options.progress,
            explain_failures=0,
        )
        return run_suite(options.suite, run_options)

    out.mkdir(parents=True, exist_ok=True)
    before_dir = step(
        "run before",
        out / "before",
        lambda: run(options.model, options.model_options, out / "before"),
    )
    before = load_results(before_dir)
    findings = [f for f in before.get("findings") or [] if f.get("status") == "finding"]
    perturbations, attacks, _ = augmentation_specs(suite)
    augmentable = {spec.name for spec in [*perturbations, *attacks]}
    tests = sorted({str((f.get("evidence") or {}).get("test")) for f in findings} & augmentable)
    if not tests:
        summary["stopped"] = (
            "no finding comes from a perturbation test whose transforms can label training "
            "variants, nor from an attack test: nothing to augment, so nothing was trained"
        )
        return _finish(out, summary, render_loop_html, say)

    attacked = {spec.name for spec in attacks} & set(tests)

    def make_data() -> Any:
        with contextlib.ExitStack() as stack:
            # Attack tests attack the training examples through the model under test.
            attack_context = None
            if attacked:
                attack_context = stack.enter_context(
                    open_attack_context(
                        suite, options.model, options.model_options, cache_dir, options.progress
                    )
                )
            augmentation = augment(
                suite, train, loader_for(suite, None), tests=tests, attack_context=attack_context
            )
        fields = suite.input_fields
        write_atomic(
            out / "augmented.jsonl",
            b"".join(dumps_json_bytes(e.to_json(fields)) + b"\n" for e in augmentation.examples),
        )
        write_atomic(out / "augmentation.json", dumps_json(augmentation.summary(), indent=2) + "\n")
        return augmentation

    augmentation = step("augment", out / "augmented.jsonl", make_data)
    summary["augmentation"] = augmentation.summary()
    say(
        f"loop: augmented from {', '.join(tests)}: {len(augmentation.examples)} examples "
        f"({summary['augmentation']['variants']} variants); leakage check dropped "
        f"{augmentation.leaked}"
    )
    examples = [e.example for e in augmentation.examples]
    data = {
        **describe_training_data(options.train, train),
        "augmented_from": tests,
        "augmentation": {k: v for k, v in augmentation.summary().items() if k != "transforms"},
    }
    trained = step(
        "fine-tune",
        out / "model",
        lambda: finetune(
            base,
            examples,
            out / "model",
            labels=suite.labels,
            input_fields=suite.input_fields,
            settings=options.settings,
            cache_dir=cache_dir,
            data=data,
            progress=options.progress,
            say=say,
        ),
    )
    summary["training"] = dict(trained.card)
    summary["model_after"] = " ".join(
        [trained.spec, *(f"--model-option {k}={v}" for k, v in trained.options.items())]
    )
    after_dir = step(
        "run after", out / "after", lambda: run(trained.spec, trained.options, out / "after")
    )
    after = load_results(after_dir)

    def gate() -> Any:
        (out / "gate").mkdir(exist_ok=True)
        config = gate_config_from_mapping({"checks": [{"test": clean, "metric": "accuracy"}]})
        verdict = gate_runs(
            before_dir,
            after_dir,
            config,
            junit=out / "gate" / "junit.xml",
            markdown=out / "gate" / "gate.md",
            json_path=out / "gate" / "verdict.json",
        )
        write_atomic(
            out / "gate" / "compare.html", render_compare_html(verdict.comparison, verdict)
        )
        return verdict

    verdict = step("gate", out / "gate", gate)
    summary["gate"] = {
        "outcome": verdict.outcome,
        "exit_code": verdict.exit_code,
        "checks": [check.to_json() for check in verdict.checks],
    }
    outcomes = finding_outcomes(
        verdict.comparison, before.get("findings") or [], after.get("findings") or []
    )
    summary["findings"] = [outcome.to_json() for outcome in outcomes]
    return _finish(out, summary, render_loop_html, say)


def _finish(
    out: Path, summary: dict[str, Any], render: Callable[[Any], str], say: Callable[[str], None]
) -> dict[str, Any]:
    write_atomic(out / "loop.json", dumps_json(summary, indent=2) + "\n")
    write_atomic(out / "loop.html", render(summary))
    for line in terminal_lines(summary):
        say(line)
    say(f"loop: {out / 'loop.html'}")
    return summary


def _number(value: Any, signed: bool = False) -> str:
    if not isinstance(value, int | float):
        return "–"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def terminal_lines(summary: Mapping[str, Any]) -> Sequence[str]:
    """What the terminal shows: per finding before → after, then the gate."""
    lines = []
    if summary.get("stopped"):
        lines.append(f"loop: {summary['stopped']}")
    findings = summary.get("findings") or []
    if findings:
        confidence = findings[0]["confidence"] * 100
        lines.append(
            f"findings before → after (Δ oriented so positive is better; CIs at "
            f"{confidence:.4g}%, Bonferroni over {len(findings)}):"
        )
        for finding in findings:
            where = finding["test"] + (f" [{finding['slice']}]" if finding["slice"] else "")
            lines.append(
                f"  {finding['verdict']:<9} {where} {finding['metric']}: "
                f"{_number(finding['before'])} → {_number(finding['after'])} "
                f"Δ={_number(finding['delta'], True)} "
                f"[{_number(finding['ci_low'], True)}, {_number(finding['ci_high'], True)}] "
                f"n={finding['n']} (after: {finding['after_status']})"
            )
    gate = summary.get("gate")
    if gate:
        for check in gate["checks"]:
            lines.append(
                f"gate on clean accuracy: {gate['outcome']} — {check['test']} accuracy "
                f"{_number(check.get('base'))} → {_number(check.get('candidate'))} "
                f"Δ={_number(check.get('delta'), True)} "
                f"[{_number(check.get('ci_low'), True)}, {_number(check.get('ci_high'), True)}] "
                f"n={check.get('n')}"
                # Why it is not a PASS: a WARN on an improvement is the non-inferiority
                # test being underpowered, which the bare outcome does not say.
                + "".join(f"; {reason}" for reason in check.get("reasons") or [])
            )
    for step in summary.get("steps") or []:
        lines.append(f"  step {step['name']}: {step['seconds']:.1f}s")
    return lines
