"""Tiny real transformers models, built inside the tests (no hub, under a second).

    path = build_tiny_bert_classifier(tmp_path / "tiny-bert")
    model = load_model(ModelSpec.parse(f"hf-classifier:{path}"), context)

The tokenizer is a WordPiece vocabulary trained here on a small corpus; the model
is a randomly initialised ``BertForSequenceClassification`` seeded with ``seed``,
so the same arguments always give the same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

CORPUS = (
    "A man is playing a guitar on the stage.",
    "A woman is reading a book in the park.",
    "The children are playing football outside.",
    "Nobody is playing an instrument.",
    "Two dogs are running through the snow.",
    "A cat is sleeping on the sofa.",
    "The chef cooked dinner for the guests.",
    "Every student passed the exam.",
    "Some students did not pass the exam.",
    "The doctor saw the lawyer before the meeting.",
    "The lawyer was seen by the doctor.",
    "If it rains, the match will be cancelled.",
    "It is not true that the shop is closed.",
    "Mary gave John a red apple yesterday.",
    "John did not receive anything from Mary.",
    "The old bridge was built in 1920.",
    "Three people are sitting at a table.",
    "A boy is riding a bicycle down the hill.",
    "The girl is smiling at her mother.",
    "Birds are flying over the quiet lake.",
)

NLI_LABELS = ("entailment", "neutral", "contradiction")


def train_wordpiece_tokenizer(directory: Path, corpus: Sequence[str] = CORPUS):
    """A ``BertTokenizerFast`` with a WordPiece vocabulary trained on ``corpus``."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers.trainers import WordPieceTrainer
    from transformers import BertTokenizerFast

    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    trainer = WordPieceTrainer(vocab_size=300, special_tokens=special, show_progress=False)
    tokenizer.train_from_iterator(list(corpus), trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    return BertTokenizerFast(
        tokenizer_object=tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=128,
    )


def build_tiny_bert_classifier(
    directory: Path,
    labels: Sequence[str] = NLI_LABELS,
    seed: int = 0,
    label_names_style: str = "named",
) -> Path:
    """Save a tiny random BERT sequence classifier and its tokenizer to ``directory``.

    ``label_names_style="named"`` writes ``labels`` as ``id2label``; ``"generic"``
    writes LABEL_0, LABEL_1, ... (for testing the unmappable-label error).
    """
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    if label_names_style not in {"named", "generic"}:
        raise ValueError(
            f"label_names_style must be 'named' or 'generic', not {label_names_style!r}"
        )
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_wordpiece_tokenizer(directory)
    names = (
        list(labels) if label_names_style == "named" else [f"LABEL_{i}" for i in range(len(labels))]
    )
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        num_labels=len(names),
        id2label=dict(enumerate(names)),
        label2id={name: index for index, name in enumerate(names)},
        pad_token_id=tokenizer.pad_token_id,
        # Wider than BERT's 0.02 so that a random model's probabilities differ visibly
        # between inputs and labels (near-uniform outputs would hide mapping bugs).
        initializer_range=0.5,
    )
    torch.manual_seed(seed)
    model = BertForSequenceClassification(config).eval()
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def _tiny_bert_config(tokenizer, initializer_range: float = 0.5, **extra):
    from transformers import BertConfig

    return BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        pad_token_id=tokenizer.pad_token_id,
        initializer_range=initializer_range,
        **extra,
    )


def build_tiny_bert_encoder(directory: Path, seed: int = 0) -> Path:
    """A tiny BERT encoder without a classification head (as the packaged MiniLM is), with
    BERT's usual initialisation (0.02) so that a few epochs of fine-tuning train it."""
    import torch
    from transformers import BertModel

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_wordpiece_tokenizer(directory)
    torch.manual_seed(seed)
    BertModel(_tiny_bert_config(tokenizer, initializer_range=0.02)).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_tiny_bert_qa(directory: Path, seed: int = 0) -> Path:
    """Save a tiny random ``BertForQuestionAnswering`` and its tokenizer to ``directory``."""
    import torch
    from transformers import BertForQuestionAnswering

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_wordpiece_tokenizer(directory)
    torch.manual_seed(seed)
    model = BertForQuestionAnswering(_tiny_bert_config(tokenizer)).eval()
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_tiny_bert_multiple_choice(directory: Path, seed: int = 0) -> Path:
    """Save a tiny random ``BertForMultipleChoice`` and its tokenizer to ``directory``."""
    import torch
    from transformers import BertForMultipleChoice

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_wordpiece_tokenizer(directory)
    torch.manual_seed(seed)
    model = BertForMultipleChoice(_tiny_bert_config(tokenizer)).eval()
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def train_byte_level_tokenizer(
    corpus: Sequence[str] = CORPUS, *, add_bos: bool = False, vocab_size: int = 400
):
    """A byte-level BPE ``PreTrainedTokenizerFast`` trained on ``corpus`` (GPT-2's scheme).

    ``add_bos=True`` makes it prepend ``<s>`` like Llama's tokenizer, so the tests cover
    both kinds of tokenizer lm-evaluation-harness distinguishes.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
    from tokenizers.trainers import BpeTrainer
    from transformers import PreTrainedTokenizerFast

    special = ["<s>", "</s>", "<pad>"]
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=special,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(list(corpus) * 3, trainer=trainer)
    if add_bos:
        bos = tokenizer.token_to_id("<s>")
        tokenizer.post_processor = processors.TemplateProcessing(
            single="<s> $A", pair="<s> $A $B", special_tokens=[("<s>", bos)]
        )
    else:
        tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<s>" if add_bos else None,
        eos_token="</s>",
        pad_token="<pad>",
        model_max_length=256,
    )


def build_tiny_causal_lm(
    directory: Path,
    architecture: str = "gpt2",
    seed: int = 0,
    corpus: Sequence[str] = CORPUS,
    vocab_size: int = 400,
) -> Path:
    """Save a tiny random causal LM (``gpt2`` or ``llama``) and its tokenizer to ``directory``.

    Both have 256 positions. The tokenizer is trained on ``corpus`` (a larger
    ``vocab_size`` on a larger corpus makes shorter token sequences of its texts)."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_byte_level_tokenizer(
        corpus, add_bos=architecture == "llama", vocab_size=vocab_size
    )
    torch.manual_seed(seed)
    if architecture == "gpt2":
        model: object = GPT2LMHeadModel(
            GPT2Config(
                vocab_size=len(tokenizer),
                n_positions=256,
                n_embd=32,
                n_layer=2,
                n_head=2,
                eos_token_id=tokenizer.eos_token_id,
                bos_token_id=tokenizer.eos_token_id,
                # Wider than 0.02 so a random model prefers some tokens clearly.
                initializer_range=0.3,
            )
        )
    elif architecture == "llama":
        model = LlamaForCausalLM(
            LlamaConfig(
                vocab_size=len(tokenizer),
                hidden_size=32,
                intermediate_size=64,
                num_hidden_layers=2,
                num_attention_heads=2,
                num_key_value_heads=1,
                max_position_embeddings=256,
                bos_token_id=tokenizer.bos_token_id,
                eos_token_id=tokenizer.eos_token_id,
                pad_token_id=tokenizer.pad_token_id,
                initializer_range=0.3,
            )
        )
    else:
        raise ValueError(f"architecture must be 'gpt2' or 'llama', not {architecture!r}")
    model.eval().save_pretrained(directory)  # type: ignore[attr-defined]
    tokenizer.save_pretrained(directory)
    return directory
