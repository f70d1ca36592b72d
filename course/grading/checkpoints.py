"""The checkpoints whose tokenizers the exercises use, loaded once per session."""

import functools

CLASSIFIER = "distilbert-base-uncased-finetuned-sst-2-english"  # uncased WordPiece
CASED = "bert-base-cased"


@functools.cache
def load_tokenizer(checkpoint):
    """The tokenizer of `checkpoint` (from the Hub, or offline from the course's mirror)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(checkpoint)
