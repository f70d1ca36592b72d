"""Chapter 5: `encode_batch(tokenizer, sentences, max_length)`, padding and truncation by hand."""

import functools

from ..i18n import N_
from .checkpoints import CASED
from .exercise import Case, Exercise
from .guarded_tokenizer import plain, refusing_tokenizer, strategy
from .predict import TEXTS
from .text_checks import same_long_tensors


def _pads_or_truncates(padding_strategy=None, truncation_strategy=None, **call):
    return (strategy(padding_strategy) not in (None, "do_not_pad")
            or strategy(truncation_strategy) not in (None, "do_not_truncate"))


REFUSAL = N_("this exercise asks for your own padding and truncation, but your function asks the "
              "tokenizer to pad or truncate")


def encode_batch(tokenizer, sentences, max_length):
    """The expected batch: the (ordinary) tokenizer with padding and truncation."""
    return dict(plain(tokenizer)(list(sentences), padding=True, truncation=True,
                                 max_length=max_length, return_tensors="pt"))


def make_cases(rng):
    def sentences(count):
        return rng.sample(TEXTS, count)

    pair = sorted(sentences(2), key=len)
    return [
        Case(N_("one sentence, room to spare"), (sentences(1), 64)),
        Case(N_("two sentences, no truncation"), (pair, 64)),
        Case(N_("the longer one truncated"), (pair, 8)),
        Case(N_("both truncated"), (pair, 4)),
        Case(N_("room for [CLS] and [SEP] only"), (sentences(2), 2)),
        Case(N_("max_length equal to the longest"), (["Not bad.", "Meh."], 5)),
        Case(N_("four sentences"), (sentences(4), 12)),
        Case(N_("a tuple of sentences"), (tuple(sentences(3)), 10)),
        Case(N_("a long text, max_length 512"), ([" ".join(TEXTS * 8), "Meh."], 512)),
    ]


EXERCISE = Exercise(
    name="encode_batch",
    chapter=5,
    reference=encode_batch,
    compare=same_long_tensors,
    make_cases=make_cases,
    shared=(("tokenizer", functools.partial(refusing_tokenizer, CASED, _pads_or_truncates,
                                            REFUSAL)),),
    seed=206,
    hints=(
        N_("Per sentence: `ids = tokenizer(sentence)[\"input_ids\"]` (with `[CLS]` and `[SEP]`). "
           "Too long? Keep the first `max_length - 1` ids and the last one. Then pad every list "
           "to the longest with `tokenizer.pad_token_id`."),
        N_("The mask is 1 for each real id and 0 for each padding position; `token_type_ids` "
           "is all 0 (one sentence per row). Return a dict of `torch.tensor(rows, "
           "dtype=torch.long)` under the keys the tokenizer uses: `input_ids`, "
           "`token_type_ids`, `attention_mask`."),
    ),
)
