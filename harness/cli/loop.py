"""Command-line wiring: ``harness augment``, ``harness finetune`` and ``harness loop``.

``harness/cli/__init__.py`` calls ``add_loop_parsers``; the work is ``harness.loop``
(docs/loop.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from harness.cli.command import EXIT_INTERRUPTED, EXIT_OK, bounded_float, bounded_int
from harness.errors import HarnessError

__all__ = ["add_loop_parsers"]


def _say(line: str) -> None:
    print(line, flush=True)


def _settings(args: argparse.Namespace) -> Any:
    """The fine-tuning settings from the options of the same names
    (``_add_training_arguments``); a setting without an option (``weight_decay``) keeps
    its default."""
    from dataclasses import fields

    from harness.loop.finetune import FinetuneSettings

    given = vars(args)
    return FinetuneSettings(
        **{f.name: given[f.name] for f in fields(FinetuneSettings) if f.name in given}
    )


def _cache_dir(args: argparse.Namespace) -> Path:
    from harness.nltk_data import cache_root

    return Path(args.cache_dir) if args.cache_dir else cache_root()


def _interrupted(out: Path, what: str) -> int:
    print(
        f"harness: interrupted during {what}; nothing was written to {out} "
        "(no half-written checkpoint); run the command again to start over",
        file=sys.stderr,
    )
    return EXIT_INTERRUPTED


def command_augment(args: argparse.Namespace) -> int:
    import contextlib

    from harness.files.jsonio import dumps_json, dumps_json_bytes, write_atomic
    from harness.loop.attack_augment import open_attack_context
    from harness.loop.augment import NEEDS_MODEL, augment, augmentation_specs, label_counts
    from harness.loop.training_data import load_training_data
    from harness.runner import make_loader, selected_suite

    suite = selected_suite(args.suite, None)
    train = load_training_data(suite, args.train)
    tests = args.tests or None
    model_options = args.parse_model_options(args.model_option)
    if model_options and not args.model:
        raise HarnessError("--model-option needs --model")
    attack_tests = augmentation_specs(suite, tests)[1]
    with contextlib.ExitStack() as stack:
        attack_context = None
        if args.model and attack_tests:  # only attack tests load the model
            attack_context = stack.enter_context(
                open_attack_context(
                    suite, args.model, model_options, _cache_dir(args), not args.quiet
                )
            )
        augmentation = augment(
            suite,
            train,
            make_loader(suite, None),
            tests=tests,
            keep_originals=not args.variants_only,
            attack_context=attack_context,
        )
    out = Path(args.out)
    fields = suite.input_fields
    write_atomic(
        out, b"".join(dumps_json_bytes(e.to_json(fields)) + b"\n" for e in augmentation.examples)
    )
    summary = augmentation.summary()
    counts_path = out.with_name(out.stem + ".counts.json")
    write_atomic(counts_path, dumps_json(summary, indent=2) + "\n")
    for row in summary["transforms"]:
        rejected = sum(row["rejected"].values())
        _say(
            f"{row['test']} / {row['transform']} ({row['expect']}): {row['examples']} examples, "
            f"{row['skipped']} skipped, {rejected} rejected by its guards, {row['made']} made, "
            f"{row['leaked']} leaked, {row['duplicates']} duplicates, {row['kept']} kept"
        )
    for row in summary["attacks"]:
        _say(
            f"{row['test']} / {row['recipe']} (attack, keeps the label): {row['examples']} "
            f"examples, {row['attempted']} attacked ({row['succeeded']} succeeded, "
            f"{row['failed']} failed, {row['skipped']} skipped: already wrong), "
            f"{row['not_attacked']} not attacked (time budget), {row['leaked']} leaked, "
            f"{row['duplicates']} duplicates, {row['kept']} kept"
        )
    for test, why in summary["skipped_tests"].items():
        _say(f"{test}: no variants ({why})")
    if any(why == NEEDS_MODEL for why in summary["skipped_tests"].values()):
        _say("attack tests gave nothing: no --model was given to attack the training examples")
    _say(
        f"leakage check: {augmentation.leaked} dropped ({augmentation.originals_leaked} training "
        f"examples and {summary['variants_leaked']} variants equal to one of "
        f"{augmentation.test_items} test inputs after normalisation)"
    )
    labels = ", ".join(f"{k} {v}" for k, v in label_counts(augmentation.examples).items())
    _say(f"wrote {len(augmentation.examples)} examples ({labels}) to {out}; counts: {counts_path}")
    return EXIT_OK


def command_finetune(args: argparse.Namespace) -> int:
    from harness.loop.finetune import finetune
    from harness.loop.training_data import describe_training_data, load_training_data
    from harness.runner import selected_suite

    suite = selected_suite(args.suite, None)
    train = load_training_data(suite, args.train)
    out = Path(args.out)
    try:
        trained = finetune(
            args.model,
            train,
            out,
            labels=suite.labels,
            input_fields=suite.input_fields,
            settings=_settings(args),
            cache_dir=_cache_dir(args),
            data=describe_training_data(args.train, train),
            progress=not args.quiet,
            say=_say,
        )
    except KeyboardInterrupt:
        return _interrupted(out, "fine-tuning")
    card = trained.card
    _say(
        f"dev accuracy {card['dev_scores']['accuracy']:.3f} (n={card['dev_scores']['n']}, "
        f"carved from the training data); {card['time']['total_s']:.1f}s"
    )
    options = " ".join(f"--model-option {k}={v}" for k, v in trained.options.items())
    _say(f"checkpoint: {out} (training card: {out / 'training_card.json'})")
    _say(f"run it: harness run {args.suite} --model {trained.spec} {options}".rstrip())
    return EXIT_OK


def command_loop(args: argparse.Namespace) -> int:
    from harness.loop.loop import LoopOptions, run_loop

    options = LoopOptions(
        suite=Path(args.suite),
        model=args.model,
        model_options=args.parse_model_options(args.model_option),
        train=args.train,
        out=Path(args.out),
        settings=_settings(args),
        clean_test=args.clean_test,
        cache_dir=_cache_dir(args),
        progress=not args.quiet,
    )
    try:
        summary = run_loop(options, say=_say)
    except KeyboardInterrupt:
        return _interrupted(Path(args.out) / "model", "the loop")
    gate = summary.get("gate")
    return int(gate["exit_code"]) if gate else EXIT_OK


def _add_training_arguments(parser: argparse.ArgumentParser) -> None:
    _add_train_argument(parser)
    parser.add_argument("--seed", type=bounded_int(0, 2**31 - 1), default=0, help="seed (0)")
    parser.add_argument(
        "--dev-fraction",
        type=bounded_float(0.01, 0.5),
        default=0.1,
        metavar="F",
        help="share of the training examples carved off as the dev split (0.1)",
    )
    parser.add_argument("--epochs", type=bounded_int(1, 1000), default=3, help="at most (3)")
    parser.add_argument(
        "--learning-rate", type=bounded_float(1e-8, 1.0), default=5e-5, metavar="LR"
    )
    parser.add_argument("--batch-size", type=bounded_int(1, 4096), default=16, metavar="N")
    parser.add_argument("--max-length", type=bounded_int(8, 4096), default=128, metavar="TOKENS")
    parser.add_argument(
        "--patience",
        type=bounded_int(1, 1000),
        default=1,
        metavar="EPOCHS",
        help="stop after this many epochs without a lower dev loss (1)",
    )
    parser.add_argument(
        "--C", type=bounded_float(1e-6, 1e6), default=1.0, help="reference model: its head's C"
    )
    _add_cache_and_progress_arguments(parser)


def _add_train_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--train",
        required=True,
        metavar="DATA",
        help="training data: builtin:NAME[:SPLIT] or a JSONL/CSV/Parquet file (never a test's data)",
    )


def _add_model_option_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-option", action="append", default=[], metavar="KEY=VALUE", help="as run's"
    )


def _add_cache_and_progress_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache-dir", help="cache directory (default $HARNESS_CACHE_DIR)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")


def add_loop_parsers(commands: Any, parse_model_options: Any) -> None:
    """The three subcommands; ``parse_model_options`` reads ``--model-option`` as ``run`` does."""
    augment = commands.add_parser(
        "augment",
        help="augmented training data from a suite's own perturbation and attack tests, "
        "leaks dropped",
    )
    augment.add_argument("suite")
    _add_train_argument(augment)
    augment.add_argument("--out", required=True, metavar="FILE", help="JSONL file to write")
    augment.add_argument(
        "--tests", nargs="+", metavar="TEST", help="only these perturbation tests (default: all)"
    )
    augment.add_argument(
        "--variants-only", action="store_true", help="leave the training examples themselves out"
    )
    augment.add_argument(
        "--model",
        metavar="SPEC",
        help="the model the suite's attack tests attack the training examples through "
        "(without it, attack tests give nothing and the output says so)",
    )
    _add_model_option_argument(augment)
    _add_cache_and_progress_arguments(augment)
    augment.set_defaults(func=command_augment, parse_model_options=parse_model_options)

    finetune = commands.add_parser(
        "finetune",
        help="fine-tune a classifier (or refit the reference model) with a training card",
    )
    finetune.add_argument("suite", help="the suite whose labels and input fields the model serves")
    finetune.add_argument(
        "--model",
        required=True,
        metavar="BASE",
        help="reference, packaged-minilm (the packaged encoder, new head) or hf-classifier:PATH",
    )
    finetune.add_argument("--out", required=True, metavar="DIR", help="checkpoint directory (new)")
    _add_training_arguments(finetune)
    finetune.set_defaults(func=command_finetune)

    loop = commands.add_parser(
        "loop",
        help="run, augment from the findings' tests, fine-tune, run again and gate",
    )
    loop.add_argument("suite")
    loop.add_argument(
        "--model", required=True, metavar="SPEC", help="reference or hf-classifier:PATH"
    )
    _add_model_option_argument(loop)
    loop.add_argument("--out", required=True, metavar="DIR", help="output directory (new)")
    loop.add_argument(
        "--clean-test",
        metavar="TEST",
        help="the test whose accuracy the gate checks (default: the first evaluate test)",
    )
    _add_training_arguments(loop)
    loop.set_defaults(func=command_loop, parse_model_options=parse_model_options)
