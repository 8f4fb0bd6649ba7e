"""A warm re-run does no heavy work and gives the cold run's results.

Generated examples, transform variants and attack outcomes are kept between runs
(harness/cache/derived.py); these tests check that a warm run reads them instead of
recomputing, that its results.json equals the cold run's apart from timings and cache
counters, and that a change to what they depend on (parameters, seed, model, code)
recomputes exactly what it should.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.suites import write_suite

from harness.cache import derived
from harness.cache.derived import DerivedStore, example_from_json, source_digest
from harness.data.sources import GeneratorSource
from harness.errors import ModelError
from harness.runner import run_suite
from harness.tasks import load_context

VOLATILE = {"created_at", "timings", "cached", "computed"}


def stripped(value: Any) -> Any:
    """results.json without what legitimately differs between a cold and a warm run."""
    if isinstance(value, dict):
        return {k: stripped(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stripped(v) for v in value]
    return value


def results(run: Path) -> Any:
    return json.loads((run / "results.json").read_text(encoding="utf-8"))


# --- code digests ----------------------------------------------------------------------


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the harness package: a generator that imports a helper lazily."""
    root = tmp_path / "harness"
    (root / "generators").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "generators" / "__init__.py").write_text("")
    (root / "generators" / "made.py").write_text(
        "from . import (\n    shared,\n)\n\n\n"
        "def generate():\n    from harness.words import WORDS\n\n    return WORDS\n"
    )
    (root / "generators" / "shared.py").write_text("S = 1\n")
    (root / "words.py").write_text("WORDS = ['a', 'b']\n")
    (root / "unrelated.py").write_text("X = 1\n")
    monkeypatch.setattr(derived, "_PACKAGE_ROOT", root)
    clear_digests()
    yield root
    clear_digests()


def clear_digests() -> None:
    derived._module_digest.cache_clear()
    derived._imported_modules.cache_clear()


def digest_now(module: str) -> str | None:
    clear_digests()
    return source_digest(module)


def test_a_change_to_a_lazily_imported_module_changes_the_digest(fake_package: Path) -> None:
    before = digest_now("harness.generators.made")
    (fake_package / "unrelated.py").write_text("X = 2\n")
    assert digest_now("harness.generators.made") == before
    (fake_package / "words.py").write_text("WORDS = ['a', 'c']\n")
    after_words = digest_now("harness.generators.made")
    assert after_words != before
    # A module imported by a relative, parenthesised import.
    (fake_package / "generators" / "shared.py").write_text("S = 2\n")
    assert digest_now("harness.generators.made") not in {before, after_words}


def test_a_change_to_the_component_or_its_package_changes_the_digest(fake_package: Path) -> None:
    before = digest_now("harness.generators.made")
    (fake_package / "generators" / "__init__.py").write_text("# changed\n")
    after_package = digest_now("harness.generators.made")
    assert after_package != before
    (fake_package / "generators" / "made.py").write_text("def generate():\n    return []\n")
    assert digest_now("harness.generators.made") not in {before, after_package}


def test_components_outside_harness_are_not_kept() -> None:
    assert source_digest("json") is None
    assert source_digest("harness.generators.hans") is not None


# --- generated examples --------------------------------------------------------------------


class Counting:
    calls = 0


def generator_source(name: str, **params: Any) -> Any:
    return GeneratorSource.Options(source="generator", name=name, params=params)


def load(options: Any, store: DerivedStore | None, seed: int = 13) -> list[Any]:
    context = load_context(
        "nli",
        base_dir=Path("."),
        labels=("entailment", "neutral", "contradiction"),
        input_fields=("premise", "hypothesis"),
        seed=seed,
        derived=store,
    )
    return GeneratorSource().load(options, context)


def test_generated_examples_are_read_back_and_invalidated_by_params_and_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harness.generators.hans import HansGenerator

    calls: list[int] = []
    original = HansGenerator.generate

    def counted(self: Any, options: Any, seed: int) -> Any:
        calls.append(seed)
        return original(self, options, seed)

    monkeypatch.setattr(HansGenerator, "generate", counted)
    store = DerivedStore(tmp_path / "derived")
    try:
        cold = load(generator_source("hans", n_per_subcase=2), store)
        warm = load(generator_source("hans", n_per_subcase=2), store)
        assert len(calls) == 1
        assert warm == cold and warm == load(generator_source("hans", n_per_subcase=2), None)
        assert len(calls) == 2  # no store: computed
        load(generator_source("hans", n_per_subcase=3), store)  # other parameters
        assert len(calls) == 3
        load(generator_source("hans", n_per_subcase=2), store, seed=14)  # another seed
        assert len(calls) == 4
        load(generator_source("hans", n_per_subcase=2), store)  # the first one, still kept
        assert len(calls) == 4
    finally:
        store.close()


def test_a_changed_source_digest_recomputes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harness.generators.hans import HansGenerator

    calls: list[int] = []
    original = HansGenerator.generate

    def counted(self: Any, options: Any, seed: int) -> Any:
        calls.append(seed)
        return original(self, options, seed)

    monkeypatch.setattr(HansGenerator, "generate", counted)
    store = DerivedStore(tmp_path / "derived")
    try:
        load(generator_source("hans", n_per_subcase=1), store)
        import harness.data.sources as sources_module

        real = derived.source_digest
        monkeypatch.setattr(derived, "source_digest", lambda *c: "edited" + str(real(*c)))
        load(generator_source("hans", n_per_subcase=1), store)
        assert len(calls) == 2
        assert sources_module is not None
    finally:
        store.close()


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("hans", {"n_per_subcase": 2}),
        ("capabilities", {"n_per_capability": 3}),
        ("knowledge", {"n_per_relation": 3}),
        ("consistency", {"n_per_constraint": 3}),
    ],
)
def test_generated_examples_survive_the_json_round_trip(name: str, params: dict) -> None:
    examples = load(generator_source(name, **params), None)
    assert examples
    assert [example_from_json(json.loads(json.dumps(e.to_json()))) for e in examples] == examples


def test_a_value_that_does_not_read_back_whole_is_not_kept(tmp_path: Path) -> None:
    store = DerivedStore(tmp_path / "derived")
    try:
        computed = derived.memoized(
            store, "x", "k", lambda: ("a", 1), lambda v: list(v), lambda v: list(v)
        )
        assert computed == ("a", 1)  # a tuple comes back as a list: never stored
        assert store.get("x", "k") is None
        derived.memoized(store, "x", "k2", lambda: ["a", 1], list, list)
        assert store.get("x", "k2") == ["a", 1]
    finally:
        store.close()


# --- a whole run ---------------------------------------------------------------------------

EXTRA = """\
  - name: hans
    data: {source: generator, name: hans, params: {n_per_subcase: 1}}
    label_mapping: {neutral: non-entailment, contradiction: non-entailment}
  - name: knowledge
    data: {source: generator, name: knowledge, params: {n_per_relation: 2}}
  - name: typo_invariance
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb:
      - {name: typo, params: {kind: mix, rate: 0.1, max_edits: 2, n_variants: 2}}
    fields: [hypothesis]
    expect: invariance
  - name: negation_directional
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    perturb: [negation]
    fields: [hypothesis]
    only_gold: [entailment]
    expect: directional
    to_label: contradiction
"""

ATTACK = """\
  - name: deepwordbug_hypothesis
    data: {source: file, path: pairs.jsonl, meta_columns: [phenomenon]}
    attack: {recipe: deepwordbug, field: hypothesis, max_queries: 40, n_examples: 3}
"""


def needs_textattack() -> None:
    from harness.attack.offline import textattack_installed

    if not textattack_installed():
        pytest.skip("textattack is not installed (pip install 'reasoning-harness[attack]')")


def forbid(monkeypatch: pytest.MonkeyPatch, target: Any, name: str) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a warm run called {name}")

    monkeypatch.setattr(target, name, refuse)


def heavy_work_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generators, transforms and attacks raise if a run calls them."""
    import harness.kinds.attack as attack_kind
    from harness.generators.hans import HansGenerator
    from harness.generators.knowledge import KnowledgeGenerator
    from harness.transforms.negation import NegationTransform
    from harness.transforms.typo import TypoTransform

    for cls in (HansGenerator, KnowledgeGenerator):
        forbid(monkeypatch, cls, "generate")
    for cls in (TypoTransform, NegationTransform):
        forbid(monkeypatch, cls, "apply")
    forbid(monkeypatch, attack_kind, "build_attack")


@pytest.mark.attack
def test_warm_run_reads_everything_and_equals_the_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_textattack()
    suite = write_suite(tmp_path, n=12, extra=EXTRA + ATTACK)
    cache = tmp_path / "cache"
    options = {"cache_dir": cache, "progress": False, "render_report": False}
    cold = run_suite(suite, out_dir=tmp_path / "cold", **options, allow_code=True)
    with monkeypatch.context() as patch:
        heavy_work_forbidden(patch)
        warm = run_suite(suite, out_dir=tmp_path / "warm", **options, allow_code=True)
    cold_results, warm_results = results(cold), results(warm)
    assert stripped(warm_results) == stripped(cold_results)
    # Not vacuous: the warm run answered from the cache and attacked nothing.
    for test in warm_results["tests"]:
        assert test["counts"].get("computed", 0) == 0, test["name"]
    attack = next(t for t in cold_results["tests"] if t["name"] == "deepwordbug_hypothesis")
    assert attack["counts"]["model_queries"] > 0
    assert (tmp_path / "warm" / "items.jsonl").read_text() == (
        tmp_path / "cold" / "items.jsonl"
    ).read_text()


def kept_and_recomputed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suite: Path,
    target: Any,
    name: str,
    change: tuple[str, str],
) -> dict[str, Any]:
    """Run ``suite`` cold, then warm with ``target.name`` set to raise: the warm results must
    equal the cold ones. Then with ``change`` (old, new) made to the suite file, the same
    run must call it again. Returns the cold results (for the caller's not-vacuous check)."""
    options = {"cache_dir": tmp_path / "cache", "progress": False, "render_report": False}
    cold = results(run_suite(suite, out_dir=tmp_path / "cold", **options, allow_code=True))
    with monkeypatch.context() as patch:
        forbid(patch, target, name)
        warm = results(run_suite(suite, out_dir=tmp_path / "warm", **options, allow_code=True))
        assert stripped(warm) == stripped(cold)
        old, new = change
        assert old in suite.read_text()
        suite.write_text(suite.read_text().replace(old, new))
        with pytest.raises(AssertionError, match=f"a warm run called {name}"):
            run_suite(suite, out_dir=tmp_path / "changed", **options, allow_code=True)
    return cold


def test_a_warm_run_recomputes_no_case_metrics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A perturbation test's robustness metrics (headline, per transform, per slice) are
    read back; a changed seed computes them again."""
    from harness.metrics import robustness

    suite = write_suite(tmp_path, n=8, extra=EXTRA)
    cold = kept_and_recomputed(
        tmp_path, monkeypatch, suite, robustness, "case_metrics", ("seed: 7", "seed: 8")
    )
    typo = next(t for t in cold["tests"] if t["name"] == "typo_invariance")
    assert typo["sections"]["robustness"]["metrics"]["flip_rate"]  # not vacuous


PROBE = """\
analyses:
  - name: artifact_probe
    train: {source: file, path: pairs.jsonl}
    test: pairs
"""


def test_a_warm_run_does_not_fit_the_artifact_probe_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hypothesis-only probe is fit once; a warm run reads its labels and top words
    (no scikit-learn import, no fit), and a changed option fits again."""
    from harness.analyses.artifacts import HypothesisOnlyProbe

    suite = write_suite(tmp_path, n=12, extra=PROBE)
    cold = kept_and_recomputed(
        tmp_path,
        monkeypatch,
        suite,
        HypothesisOnlyProbe,
        "fit",
        ("test: pairs", "test: pairs\n    top_k: 3"),
    )
    assert cold["analyses"]["artifact_probe"]["top_words"]  # not vacuous


def test_a_warm_run_resamples_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's summary (metrics, intervals, slices) is read back, not recomputed; a
    changed resample count computes it again."""
    from harness.metrics import summary

    suite = write_suite(tmp_path, n=12)
    cold = kept_and_recomputed(
        tmp_path,
        monkeypatch,
        suite,
        summary,
        "summarize_columns",
        ("bootstrap_resamples: 500", "bootstrap_resamples: 400"),
    )
    assert cold["tests"][0]["slices"]  # not vacuous: slices and their intervals too


def test_no_cache_run_recomputes_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = write_suite(tmp_path, n=6, extra=EXTRA)
    cache = tmp_path / "cache"
    options = {"cache_dir": cache, "progress": False, "render_report": False}
    run_suite(suite, out_dir=tmp_path / "cold", **options, allow_code=True)
    with monkeypatch.context() as patch:
        heavy_work_forbidden(patch)
        with pytest.raises(AssertionError, match="a warm run called"):
            run_suite(
                suite, out_dir=tmp_path / "nocache", use_cache=False, **options, allow_code=True
            )


def test_changed_params_and_seed_recompute_only_what_depends_on_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = write_suite(tmp_path, n=6, extra=EXTRA)
    cache = tmp_path / "cache"
    options = {"cache_dir": cache, "progress": False, "render_report": False}
    run_suite(suite, out_dir=tmp_path / "cold", **options, allow_code=True)

    # Another typo rate: the typo variants are made again; hans, knowledge and negation
    # are not (their generate/apply still refuse).
    edited = suite.read_text().replace("rate: 0.1", "rate: 0.2")
    suite.write_text(edited)
    from harness.transforms.typo import TypoTransform

    made: list[str] = []
    real_apply = TypoTransform.apply

    def counted(self: Any, example: Any, *args: Any) -> Any:
        made.append(example.id)
        return real_apply(self, example, *args)

    with monkeypatch.context() as patch:
        heavy_work_forbidden(patch)
        patch.setattr(TypoTransform, "apply", counted)
        run_suite(suite, out_dir=tmp_path / "rate", **options, allow_code=True)
    assert made  # the typo transform ran again

    # Another seed: everything seeded is made again.
    suite.write_text(edited.replace("seed: 7", "seed: 8"))
    with monkeypatch.context() as patch:
        heavy_work_forbidden(patch)
        with pytest.raises(AssertionError, match="a warm run called"):
            run_suite(suite, out_dir=tmp_path / "seed", **options, allow_code=True)


@pytest.mark.attack
def test_attack_outcomes_are_kept_per_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_textattack()
    suite = write_suite(tmp_path, n=6, extra=ATTACK)
    cache = tmp_path / "cache"
    options = {"cache_dir": cache, "progress": False, "render_report": False}
    run_suite(suite, out_dir=tmp_path / "cold", **options, allow_code=True)
    import harness.kinds.attack as attack_kind

    with monkeypatch.context() as patch:
        forbid(patch, attack_kind, "build_attack")
        run_suite(suite, out_dir=tmp_path / "warm", **options, allow_code=True)
        # Another model: its outcomes are its own, so the recipe is built again.
        with pytest.raises(AssertionError, match="a warm run called build_attack"):
            run_suite(
                suite,
                out_dir=tmp_path / "other",
                model="python:helpers.mock_models:not_detector",
                **options,
                allow_code=True,
            )


# --- describing the device without importing torch -------------------------------------------


def test_device_name_without_torch_agrees_with_torch() -> None:
    torch = pytest.importorskip("torch")
    from harness.models.batching import device_name, resolve_device, torch_is_cpu_only

    cpu_only = all(getattr(torch.version, name, None) is None for name in ("cuda", "hip", "xpu"))
    assert torch_is_cpu_only() == cpu_only
    assert device_name("auto") == str(resolve_device("auto"))
    assert device_name("cpu") == "cpu"


@pytest.mark.parametrize(
    ("version_py", "cpu_only"),
    [
        ("cuda: Optional[str] = None\nhip: Optional[str] = None\nxpu = None\n", True),
        ("cuda: Optional[str] = '12.4'\nhip: Optional[str] = None\nxpu = None\n", False),
        ("cuda = None\nhip = '6.2'\nxpu = None\n", False),
        ("cuda = None\n", False),  # a build that does not say: ask torch
    ],
)
def test_a_gpu_build_is_never_taken_for_cpu_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version_py: str, cpu_only: bool
) -> None:
    import importlib.machinery
    import importlib.util

    from harness.models import batching

    package = tmp_path / "torch"
    package.mkdir()
    (package / "version.py").write_text(version_py)
    spec = importlib.machinery.ModuleSpec("torch", None, is_package=True)
    spec.submodule_search_locations = [str(package)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert batching.torch_is_cpu_only() is cpu_only


# --- lazy models: weights load at the first uncached request ------------------------------


def test_a_warm_run_never_loads_the_hf_weights(
    tmp_path: Path, tiny_bert: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    transformers = pytest.importorskip("transformers")
    suite = write_suite(tmp_path, n=8, model=f"hf-classifier:{tiny_bert}")
    options = {"cache_dir": tmp_path / "cache", "progress": False, "render_report": False}
    cold = run_suite(
        suite, out_dir=tmp_path / "cold", explain_failures=2, **options, allow_code=True
    )
    with monkeypatch.context() as patch:
        forbid(patch, transformers.AutoModelForSequenceClassification, "from_pretrained")
        warm = run_suite(
            suite, out_dir=tmp_path / "warm", explain_failures=2, **options, allow_code=True
        )
    assert stripped(results(warm)) == stripped(results(cold))
    # Not vacuous: a run that must predict does load them.
    with monkeypatch.context() as patch:
        forbid(patch, transformers.AutoModelForSequenceClassification, "from_pretrained")
        with pytest.raises(ModelError, match="a warm run called from_pretrained"):
            run_suite(
                suite, out_dir=tmp_path / "nocache", use_cache=False, **options, allow_code=True
            )


@pytest.mark.slow
def test_a_warm_run_never_loads_the_reference_encoder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harness.models.reference import SentenceEncoder

    suite = write_suite(tmp_path, n=6, model="reference")
    options = {"cache_dir": tmp_path / "cache", "progress": False, "render_report": False}
    cold = run_suite(
        suite, out_dir=tmp_path / "cold", explain_failures=1, **options, allow_code=True
    )
    with monkeypatch.context() as patch:
        forbid(patch, SentenceEncoder, "_load")
        warm = run_suite(
            suite, out_dir=tmp_path / "warm", explain_failures=1, **options, allow_code=True
        )
    assert stripped(results(warm)) == stripped(results(cold))
