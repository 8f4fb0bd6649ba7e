"""Draw a sample of a transform's variants to judge, and write its validity fixture.

    python scripts/validity_sample.py --transform negation --source nli-core \\
        --seed "$(python -c 'import secrets; print(secrets.randbelow(10**9))')"

regenerates every variant the transform makes in the source (train and test pooled),
with the settings of the shipped suite that uses it (or, for a transform no shipped suite
uses, ``--params``, ``--fields``, ``--suite-seed`` and ``--only-gold``), draws ``--n``
of them (all, where fewer exist) with the draw seed, prints each beside its original,
and writes ``tests/transforms/validity/<transform>.<mode>.<source>.jsonl`` with blank
verdicts for the judge to fill (``valid``, or ``invalid`` with a ``why``).

The draw seed must be one nobody has looked at: draw it fresh, only once the
transform's code is final, and never re-judge a sample after changing the code for it.

    python scripts/validity_sample.py --show tests/transforms/validity/negation.default.nli-core.jsonl

prints a judged fixture's variants beside their originals, with the verdicts.

    python scripts/validity_sample.py --restamp tests/transforms/validity/negation.default.nli-core.jsonl

after a pure refactor of the code that makes the variants: makes again every variant the
fixture's draw chose from and, only when they are exactly the ones recorded (the header's
``population_digest``, every judged variant's hash), writes today's ``source_digest``;
otherwise refuses with one line (the variants changed: redraw with a new seed and
re-judge) and exits 1, writing nothing.

    python scripts/validity_sample.py --stamp-population FIXTURE...

records the ``population_digest`` of fixtures whose header lacks one, only where the code
today is the code that was judged (its digest equals the header's ``source_digest``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "transforms" / "validity"
DATA_DIR = ROOT.parent / "shared" / "data"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--transform", help="registered transform name (counterfactual: the kind's swaps)"
    )
    parser.add_argument("--mode", default=None, help="mode (default: the transform's default)")
    parser.add_argument("--source", help="nli-core, sick, rc-core or a generator source")
    parser.add_argument("--seed", type=int, help="the draw seed (fresh: never looked at)")
    parser.add_argument("--n", type=int, default=60, help="variants to draw (default 60)")
    parser.add_argument("--params", default=None, help="transform params as JSON (unshipped)")
    parser.add_argument("--fields", default=None, help="comma-separated fields (unshipped)")
    parser.add_argument("--suite-seed", type=int, default=13, help="suite seed (unshipped)")
    parser.add_argument("--only-gold", default="", help="comma-separated gold labels (unshipped)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="third-party data")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="fixture directory")
    parser.add_argument("--force", action="store_true", help="replace an existing fixture")
    parser.add_argument(
        "--by-examples",
        action="store_true",
        help="draw examples, not variants, and estimate the population (for slow transforms "
        "that make one variant per example)",
    )
    parser.add_argument("--show", type=Path, default=None, help="print a judged fixture")
    parser.add_argument(
        "--restamp",
        type=Path,
        nargs="+",
        default=None,
        metavar="FIXTURE",
        help="after a refactor: record today's source_digest where the variants are unchanged",
    )
    parser.add_argument(
        "--stamp-population",
        type=Path,
        nargs="+",
        default=None,
        metavar="FIXTURE",
        help="record the population_digest of fixtures judged on today's code",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser.parse_args(argv)


def _usage(args: argparse.Namespace) -> Any:
    from harness.registry import TRANSFORMS
    from harness.tasks import task_class
    from harness.transforms.validity.fixtures import Usage
    from harness.transforms.validity.populations import SOURCES, mode_of
    from harness.transforms.validity.usages import shipped_usages

    if not args.transform or not args.source or args.seed is None:
        raise SystemExit("--transform, --source and --seed are required (or --show FIXTURE)")
    if args.source not in SOURCES:
        raise SystemExit(f"unknown source '{args.source}' (known: {', '.join(SOURCES)})")
    if args.transform == "counterfactual":
        # The counterfactual kind's swaps: the mode names the attributes swapped together
        # ("age", "gender+ethnicity"); unshipped on a source, with the bias suite's seed.
        from harness.transforms.validity.usages import counterfactual_usage

        if not args.mode:
            raise SystemExit("counterfactual needs --mode (the attributes, e.g. age)")
        shipped = shipped_usages((ROOT / "suites").glob("*.yaml"))
        return shipped.get(("counterfactual", args.mode, args.source)) or counterfactual_usage(
            args.mode.split("+"), args.source, suite_seed=args.suite_seed
        )
    if args.transform not in TRANSFORMS.names():
        raise SystemExit(f"unknown transform '{args.transform}'")
    if args.source not in SOURCES:
        raise SystemExit(f"unknown source '{args.source}' (known: {', '.join(SOURCES)})")
    params = json.loads(args.params) if args.params else {}
    option = getattr(TRANSFORMS.get(args.transform), "mode_option", None)
    if args.mode and option and option not in params:
        params[option] = args.mode  # "--mode one_field" is number_change's fields_mode
    mode = args.mode or mode_of(args.transform, params)
    shipped = shipped_usages((ROOT / "suites").glob("*.yaml"))
    usage = shipped.get((args.transform, mode, args.source))
    if usage is not None:
        if args.params or args.fields or args.only_gold:
            raise SystemExit(
                f"{args.transform} ({mode}) on {args.source} is used by a shipped suite: "
                "its settings are the suite's; drop --params/--fields/--only-gold"
            )
        return usage
    if mode_of(args.transform, params) != mode:
        raise SystemExit(f"--params give mode '{mode_of(args.transform, params)}', not '{mode}'")
    definition = SOURCES[args.source]
    fields = (
        tuple(args.fields.split(","))
        if args.fields
        else definition.input_fields or tuple(task_class(definition.task).default_input_fields)
    )
    return Usage(
        transform=args.transform,
        mode=mode,
        source=args.source,
        params=params,
        fields=fields,
        suite_seed=args.suite_seed,
        only_gold=tuple(label for label in args.only_gold.split(",") if label),
    )


def _print_variant(number: int, split: str, parent: Any, variant: Any, note: str = "") -> None:
    record = variant.transform.description if variant.transform else ""
    target = "" if variant.target == parent.target else f" → {variant.target}"
    print(f"[{number}] {split} {parent.id}  gold {parent.target}{target}  ({record}){note}")
    for name, text in parent.fields.items():
        print(f"    {name:>12}:  {text}")
        if variant.fields.get(name) != text:
            print(f"    {name + chr(39):>12}:  {variant.fields[name]}")


def _draw(args: argparse.Namespace) -> int:
    from harness.transforms.validity.fixtures import (
        Fixture,
        FixtureHeader,
        fixture_name,
        write_fixture,
    )
    from harness.transforms.validity.populations import (
        current_digest,
        draw,
        draw_by_examples,
        population,
        population_digest,
        source_splits,
    )

    usage = _usage(args)
    args.fixtures.mkdir(parents=True, exist_ok=True)
    path = args.fixtures / fixture_name(usage.transform, usage.mode, usage.source)
    if path.exists() and not args.force:
        raise SystemExit(f"{path} exists: a redraw needs a new seed and --force")
    examples_read = None
    if args.by_examples:
        lazy = draw_by_examples(usage, args.n, args.seed, data_dir=args.data_dir)
        chosen, size, examples_read = lazy.chosen, lazy.population_estimate, lazy.examples_read
        digest = population_digest(lazy.seen)
    else:
        found = population(
            usage, data_dir=args.data_dir, progress=lambda m: print(m, file=sys.stderr)
        )
        chosen, size = draw(found, args.n, args.seed), len(found)
        digest = population_digest(found)
    header = FixtureHeader(
        usage=usage,
        draw_seed=args.seed,
        splits=source_splits(usage.source),
        population=size,
        source_digest=current_digest(usage),
        drawn=datetime.date.today().isoformat(),
        examples_read=examples_read,
        population_digest=digest,
    )
    for number, candidate in enumerate(chosen, start=1):
        _print_variant(number, candidate.split, candidate.parent, candidate.variant)
    estimated = "about " if examples_read is not None else ""
    print(
        f"{len(chosen)} of {estimated}{size} variants drawn with seed {args.seed}", file=sys.stderr
    )
    write_fixture(path, Fixture(header, tuple(candidate.row() for candidate in chosen)))
    print(f"wrote {path}: fill in each verdict (valid / invalid with a why)", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    from harness.transforms.validity.fixtures import read_fixture
    from harness.transforms.validity.populations import regenerate, variant_hash

    fixture = read_fixture(args.show)
    made = regenerate(fixture, data_dir=args.data_dir)
    for number, row in enumerate(fixture.rows, start=1):
        parent, variants = made.get((row.split, row.id), (None, []))
        if parent is None or row.variant >= len(variants):
            print(f"[{number}] {row.split} {row.id}#{row.variant}: no longer made")
            continue
        variant = variants[row.variant]
        changed = "" if variant_hash(variant) == row.hash else "  CHANGED since judged"
        verdict = f"  [{row.verdict or 'unjudged'}{': ' + row.why if row.why else ''}]"
        _print_variant(number, row.split, parent, variant, verdict + changed)
    return 0


def _stamp_population(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from harness.transforms.validity.fixtures import read_fixture, write_fixture
    from harness.transforms.validity.populations import (
        current_digest,
        drawn_population,
        population_digest,
    )

    for path in args.stamp_population:
        fixture = read_fixture(path)
        header = fixture.header
        if header.population_digest is not None:
            print(f"{path.name}: population_digest already recorded", file=sys.stderr)
            continue
        if current_digest(header.usage) != header.source_digest:
            print(f"{path.name}: not the code that was judged; not stamped", file=sys.stderr)
            continue
        digest = population_digest(drawn_population(header, data_dir=args.data_dir))
        write_fixture(path, replace(fixture, header=replace(header, population_digest=digest)))
        print(f"{path.name}: population_digest {digest[:12]}", file=sys.stderr)
    return 0


def _restamp(args: argparse.Namespace) -> int:
    from harness.transforms.validity.fixtures import read_fixture, write_fixture
    from harness.transforms.validity.populations import VariantsChanged, restamp

    refused = 0
    for path in args.restamp:
        fixture = read_fixture(path)
        try:
            restamped = restamp(fixture, data_dir=args.data_dir)
        except VariantsChanged as error:
            print(f"refused: {error}", file=sys.stderr)
            refused += 1
            continue
        if restamped != fixture:
            write_fixture(path, restamped)
        print(f"{path.name}: variants unchanged, source_digest restamped", file=sys.stderr)
    return 1 if refused else 0


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    try:
        if args.restamp:
            return _restamp(args)
        if args.stamp_population:
            return _stamp_population(args)
        return _show(args) if args.show else _draw(args)
    except SystemExit:
        raise
    except Exception as error:
        if args.debug:
            raise
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
