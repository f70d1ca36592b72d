"""Tokenizers that refuse the one job an exercise asks the learner to do by hand.

The exercise gets its own copy of the tokenizer, whose `_encode_plus` (what calling the
tokenizer, `encode` and `tokenize` run) is wrapped on that instance only: single texts encode
as usual, but a refused call, such as encoding the pair itself in `encode_pair`, raises
`DoneByTheTokenizer` with the reason, and the check reports it at the learner's line.
"""

import functools
import sys
from pathlib import Path

from ..i18n import _
from .checkpoints import load_tokenizer


class DoneByTheTokenizer(Exception):
    """A learner's function let the tokenizer do what the exercise asks for by hand."""


@functools.cache
def refusing_tokenizer(checkpoint, refuses, reason):
    """A tokenizer of `checkpoint` of its own that raises `reason` (a message marked N_, said in
    the notebook's language) when `refuses(call's arguments)` (loaded once per session)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    encode = tokenizer._encode_plus

    def guarded(text, text_pair=None, **kwargs):
        if refuses(text_pair=text_pair, **kwargs):
            raise DoneByTheTokenizer(_(reason))
        return encode(text, text_pair=text_pair, **kwargs)

    def refuse(*args, **kwargs):
        raise DoneByTheTokenizer(_(reason))

    tokenizer._encode_plus = guarded
    if refuses(padding_strategy="longest"):
        tokenizer.pad = refuse
    return tokenizer


def plain(tokenizer):
    """The course's ordinary tokenizer of the same checkpoint (for the expected answers)."""
    return load_tokenizer(tokenizer.name_or_path)


def strategy(value):
    """A padding or truncation strategy (an enum or a str) as its str value."""
    return getattr(value, "value", value)


def inside_a_pipeline(**call):
    """True when the tokenizer is called by a Transformers pipeline (whatever the arguments)."""
    frame = sys._getframe(1)
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if "transformers" in path.parts and "pipelines" in path.parts:
            return True
        frame = frame.f_back
    return False
