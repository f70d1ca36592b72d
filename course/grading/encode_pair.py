"""Chapter 5: `encode_pair(tokenizer, first, second)`, a sentence pair encoded by hand."""

import functools

from ..i18n import N_
from .checkpoints import CASED
from .exercise import Case, Exercise
from .guarded_tokenizer import plain, refusing_tokenizer
from .text_checks import same_id_lists


REFUSAL = N_("this exercise asks you to lay out the pair yourself, but your function calls the "
              "tokenizer on the pair")


def _encodes_a_pair(text_pair=None, **call):
    return text_pair is not None


def encode_pair(tokenizer, first, second):
    """The expected encoding: the (ordinary) tokenizer called on the pair."""
    return {key: list(value) for key, value in plain(tokenizer)(first, second).items()}


def make_cases(rng):
    number = rng.randint(2, 99)
    return [
        Case(N_("two short sentences"), ("Hello there!", "General Kenobi.")),
        Case(N_("a question and its answer"), ("Where is the bus?", f"It is {number} minutes late.")),
        Case(N_("words in several pieces"), ("I love snowboarding.", "Tokenization is fun.")),
        Case(N_("a long first sentence"), ("The plot was thin, the acting was wooden and the "
                                       "ending made no sense at all.", "Meh.")),
        Case(N_("a long second sentence"), ("Why?", "Because the update fixed every bug I "
                                                "reported, and the app is fast again.")),
        Case(N_("an unknown character"), ("I 🤗 tokenizers.", "So do I.")),
        Case(N_("the same sentence twice"), ("Good morning.", "Good morning.")),
        Case(N_("a one-word second text"), ("Just one sentence.", "Yes")),
    ]


EXERCISE = Exercise(
    name="encode_pair",
    chapter=5,
    reference=encode_pair,
    compare=same_id_lists,
    make_cases=make_cases,
    shared=(("tokenizer", functools.partial(refusing_tokenizer, CASED, _encodes_a_pair,
                                            REFUSAL)),),
    seed=205,
    hints=(
        N_("A pair is laid out as `[CLS] first [SEP] second [SEP]`. Get each text's ids with "
           "`tokenizer.convert_tokens_to_ids(tokenizer.tokenize(text))`, and the special ids "
           "from `tokenizer.cls_token_id` and `tokenizer.sep_token_id`."),
        N_("`token_type_ids` says which sentence each position belongs to: 0 for `[CLS]`, the "
           "first text and its `[SEP]`, then 1 for the second text and the last `[SEP]`. "
           "`attention_mask` is 1 everywhere (there is no padding). Return plain lists."),
    ),
)
