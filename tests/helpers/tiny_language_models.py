"""Tiny random language models, built inside the tests (no hub, about a second each).

    path = build_tiny_masked_bert(tmp_path / "tiny-mlm")    # BertForMaskedLM, WordPiece
    path = build_tiny_gpt2(tmp_path / "tiny-gpt2")          # GPT2LMHeadModel, byte-level BPE

Tokenizers are trained here on ``tiny_models.CORPUS``; weights are random, seeded
with ``seed``, with a wide initialiser so that log-probabilities differ visibly
between tokens (near-uniform outputs would hide indexing bugs).
"""

from __future__ import annotations

from pathlib import Path

from helpers.tiny_models import CORPUS, train_wordpiece_tokenizer


def build_tiny_masked_bert(directory: Path, seed: int = 0) -> Path:
    """Save a tiny random ``BertForMaskedLM`` and its WordPiece tokenizer to ``directory``."""
    import torch
    from transformers import BertConfig, BertForMaskedLM

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_wordpiece_tokenizer(directory)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        pad_token_id=tokenizer.pad_token_id,
        initializer_range=0.5,
    )
    torch.manual_seed(seed)
    BertForMaskedLM(config).eval().save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def train_byte_level_tokenizer():
    """A ``GPT2TokenizerFast`` with a byte-level BPE vocabulary trained on the corpus."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from tokenizers.trainers import BpeTrainer
    from transformers import GPT2TokenizerFast

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = BpeTrainer(
        vocab_size=400,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(list(CORPUS), trainer=trainer)
    return GPT2TokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<|endoftext|>",
        eos_token="<|endoftext|>",
        unk_token="<|endoftext|>",
        model_max_length=256,
    )


def build_tiny_gpt2(directory: Path, seed: int = 0, n_positions: int = 256) -> Path:
    """Save a tiny random ``GPT2LMHeadModel`` and its byte-level BPE tokenizer."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_byte_level_tokenizer()
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=n_positions,
        n_embd=32,
        n_layer=2,
        n_head=2,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        initializer_range=0.5,
    )
    torch.manual_seed(seed)
    GPT2LMHeadModel(config).eval().save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
