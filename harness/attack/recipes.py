"""Attack recipes by name: which TextAttack recipe, what it needs offline, how to build it.

    >>> sorted(RECIPES)[:3]
    ['a2t', 'bae', 'bert-attack']
    >>> RECIPES["deepwordbug"].offline
    True

``deepwordbug``, ``pruthi`` (character edits) and ``pwws`` (WordNet synonyms) run
offline. The others need resources that TextAttack downloads on first use;
``check_resources`` looks for them on disk and raises ``ResourceUnavailableError``
before any work starts. ``build_attack`` builds the recipe on a model wrapper and
restricts it to one input field (NLI: attack the hypothesis, keep the premise).
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.attack import offline
from harness.errors import HarnessError, ResourceUnavailableError
from harness.registry import did_you_mean

ResourceCheck = Callable[[str, Mapping[str, Any]], None]


def _embeddings(recipe: str, options: Mapping[str, Any]) -> None:
    offline.check_counter_fitted_embeddings(recipe)


def _use(recipe: str, options: Mapping[str, Any]) -> None:
    offline.check_universal_sentence_encoder(recipe)


def _masked_lm(recipe: str, options: Mapping[str, Any]) -> None:
    offline.check_masked_lm(recipe, options.get("masked_lm"))


def _pos_tagger(recipe: str, options: Mapping[str, Any]) -> None:
    offline.check_nltk_pos_tagger(recipe)


def _flair_ner(recipe: str, options: Mapping[str, Any]) -> None:
    offline.check_flair_model(recipe, "flair/ner-english", "named-entity")


def _sentence_bert(recipe: str, options: Mapping[str, Any]) -> None:
    offline.check_sentence_bert(recipe, "sentence-transformers/stsb-distilbert-base")


def _wordnet(recipe: str, options: Mapping[str, Any]) -> None:
    offline.check_wordnet(recipe)


def _black_box(recipe: str, options: Mapping[str, Any]) -> None:
    raise ResourceUnavailableError(
        f"attack recipe '{recipe}' ranks words by the model's gradients, which harness's "
        "black-box model path does not expose; use deepwordbug, pruthi or pwws"
    )


@dataclass(frozen=True)
class Recipe:
    """One named attack: TextAttack's recipe class and what it needs to run offline."""

    name: str
    recipe_class: str  # attribute of textattack.attack_recipes
    description: str
    checks: tuple[ResourceCheck, ...] = ()
    #: recipe_options keys passed to the recipe's ``build`` (others are harness's own).
    build_options: tuple[str, ...] = ()
    #: recipe_options keys harness itself understands (e.g. masked_lm).
    harness_options: tuple[str, ...] = ()

    @property
    def offline(self) -> bool:
        return not self.checks or self.checks == (_wordnet,)

    @property
    def options(self) -> tuple[str, ...]:
        return self.build_options + self.harness_options


RECIPES: dict[str, Recipe] = {
    recipe.name: recipe
    for recipe in (
        Recipe(
            "deepwordbug",
            "DeepWordBugGao2018",
            "character swaps, substitutions, deletions and insertions in the most important "
            "words (Gao et al., 2018)",
            build_options=("use_all_transformations",),
        ),
        Recipe(
            "pruthi",
            "Pruthi2019",
            "keyboard-typo character edits, at most max_num_word_swaps words (Pruthi et al., 2019)",
            build_options=("max_num_word_swaps",),
        ),
        Recipe(
            "pwws",
            "PWWSRen2019",
            "WordNet synonym swaps ordered by weighted saliency (Ren et al., 2019)",
            checks=(_wordnet,),
        ),
        Recipe(
            "textfooler",
            "TextFoolerJin2019",
            "counter-fitted embedding synonyms with POS and USE constraints (Jin et al., 2019)",
            checks=(_embeddings, _pos_tagger, _use),
        ),
        Recipe(
            "a2t",
            "A2TYoo2021",
            "embedding swaps ranked by gradients, SBERT constraint (Yoo & Qi, 2021)",
            checks=(_embeddings, _pos_tagger, _sentence_bert, _black_box),
        ),
        Recipe(
            "bae",
            "BAEGarg2019",
            "BERT masked-LM replacements with POS and USE constraints (Garg & Ramakrishnan, 2019)",
            checks=(_masked_lm, _pos_tagger, _use),
            harness_options=("masked_lm",),
        ),
        Recipe(
            "bert-attack",
            "BERTAttackLi2020",
            "BERT masked-LM replacements with a USE constraint (Li et al., 2020)",
            checks=(_masked_lm, _use),
            harness_options=("masked_lm",),
        ),
        Recipe(
            "checklist",
            "CheckList2020",
            "contractions, names, numbers and locations swapped via flair NER (Ribeiro et al., 2020)",
            checks=(_flair_ner,),
        ),
        Recipe(
            "textbugger",
            "TextBuggerLi2018",
            "character and GloVe word bugs with a USE constraint (Li et al., 2018)",
            checks=(_embeddings, _use),
        ),
        Recipe(
            "pso",
            "PSOZang2020",
            "HowNet sememe swaps by particle swarm search (Zang et al., 2020)",
            checks=(_embeddings,),
        ),
    )
}


def get_recipe(name: str) -> Recipe:
    if name not in RECIPES:
        known = sorted(RECIPES)
        raise HarnessError(
            f"unknown attack recipe '{name}'{did_you_mean(name, known)}; known: {', '.join(known)}"
        )
    return RECIPES[name]


def check_resources(name: str, options: Mapping[str, Any] | None = None) -> None:
    """Raise ``ResourceUnavailableError`` when a resource the recipe downloads is missing."""
    recipe = get_recipe(name)
    for check in recipe.checks:
        check(name, options or {})


def _restrict_to_field(attack: Any, input_fields: Sequence[str], field_name: str | None) -> Any:
    """Allow word swaps only in ``field_name``: TextAttack's InputColumnModification."""
    from textattack.constraints.pre_transformation import InputColumnModification

    if field_name is None or len(input_fields) < 2:
        return attack
    others = set(input_fields) - {field_name}
    kept = [
        constraint
        for constraint in attack.pre_transformation_constraints
        if not isinstance(constraint, InputColumnModification)
    ]
    kept.append(InputColumnModification(list(input_fields), others))
    attack.pre_transformation_constraints = kept
    return attack


def build_attack(
    name: str,
    model_wrapper: Any,
    *,
    input_fields: Sequence[str],
    field_name: str | None = None,
    max_queries: int | None = None,
    recipe_options: Mapping[str, Any] | None = None,
) -> Any:
    """A ``textattack.Attack`` for recipe ``name`` on ``model_wrapper``, checked offline first.

    ``field_name`` is the only input field the attack may change; ``max_queries`` is
    TextAttack's per-example ``query_budget``.
    """
    recipe = get_recipe(name)
    options = dict(recipe_options or {})
    check_resources(name, options)
    offline.import_textattack()
    import textattack.attack_recipes as attack_recipes

    recipe_class = getattr(attack_recipes, recipe.recipe_class)
    build_kwargs = {key: options[key] for key in recipe.build_options if key in options}
    with _quiet_model_validation():
        if options.get("masked_lm"):
            attack = _build_with_masked_lm(recipe_class, model_wrapper, str(options["masked_lm"]))
        else:
            attack = recipe_class.build(model_wrapper, **build_kwargs)
    attack = _restrict_to_field(attack, input_fields, field_name)
    if max_queries is not None:
        attack.goal_function.query_budget = max_queries
    return attack


@contextlib.contextmanager
def _quiet_model_validation() -> Iterator[None]:
    """TextAttack's goal functions log "Unknown if model of class ... compatible" for any
    model outside its own list (every harness predictor), through the deprecated
    ``Logger.warn``; the check is moot here, so silence both while the recipe is built."""
    from textattack.shared.utils import logger

    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message="The 'warn' method is deprecated", category=DeprecationWarning
            )
            yield
    finally:
        logger.setLevel(level)


def _build_with_masked_lm(recipe_class: Any, model_wrapper: Any, masked_lm: str) -> Any:
    """Build a masked-LM recipe, then point its transformation at a local model."""
    from textattack.transformations import WordSwapMaskedLM
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(masked_lm)
    model = AutoModelForMaskedLM.from_pretrained(masked_lm)
    original_init = WordSwapMaskedLM.__init__

    def local_init(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs["masked_language_model"] = model
        kwargs["tokenizer"] = tokenizer
        original_init(self, *args, **kwargs)

    WordSwapMaskedLM.__init__ = local_init
    try:
        return recipe_class.build(model_wrapper)
    finally:
        WordSwapMaskedLM.__init__ = original_init
