"""Quiz of chapter 5, Putting it all together."""

from ..i18n import N_
from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    Numeric(
        "one-call-ids",
        N_("Predict: `tokenize` cuts \"I enjoyed every page of this novel.\" into 8 tokens. How "
           "many ids does `tokenizer(\"I enjoyed every page of this novel.\")[\"input_ids\"]` "
           "hold?"),
        10,
        N_("The 8 tokens plus `[CLS]` and `[SEP]`."),
        mistakes={8: N_("The one call adds `[CLS]` and `[SEP]`.")},
    ),
    Numeric(
        "mask-zeros",
        N_("Predict: in `tokenizer([\"I enjoyed every page of this novel.\", \"Truly awful.\"], "
           "padding=True)`, how many 0s has the second row's attention mask? (\"Truly awful.\" "
           "alone is 5 ids.)"),
        5,
        N_("Both rows are padded to the longest, 10 ids; the second gets 10 - 5 = 5 `[PAD]`s, "
           "each with mask 0."),
        mistakes={0: N_("`padding=True` pads the shorter row, and each padded position gets 0."),
                  10: N_("10 is the padded length; only the padded positions are 0.")},
    ),
    MultipleChoice(
        "max-length-default",
        N_("`tokenizer(sequences, padding=\"max_length\")` without `max_length`: how long is "
           "every row?"),
        (
            Choice(N_("512, the model's maximum (`tokenizer.model_max_length`)"),
                   N_("Without a number, `max_length` padding uses the model's limit: mostly "
                      "padding for short sentences."), correct=True),
            Choice(N_("The length of the longest sentence"),
                   N_("That is `padding=\"longest\"` (or `padding=True`).")),
            Choice(N_("Unchanged: nothing is padded without `max_length`"),
                   N_("The model's maximum is the default length.")),
        ),
    ),
    MultipleChoice(
        "truncate-8",
        N_("`tokenizer(\"The delivery was late and the box arrived broken.\", max_length=8, "
           "truncation=True)`: what are the 8 ids?"),
        (
            Choice(N_("`[CLS]`, the first 6 text tokens, `[SEP]`"),
                   N_("Truncation keeps the special tokens and drops text tokens from the end."),
                   correct=True),
            Choice(N_("The first 8 text tokens, then `[CLS]` and `[SEP]` (10 ids)"),
                   N_("`max_length` counts the special tokens too: the result has exactly 8.")),
            Choice(N_("`[CLS]` and the first 7 text tokens"),
                   N_("The tokenizer keeps `[SEP]` at the end; only slicing a tensor would "
                      "cut it off.")),
        ),
    ),
    MultipleChoice(
        "return-tf",
        N_("What does `tokenizer(sequences, padding=True, return_tensors=\"tf\")` do in "
           "Transformers 5?"),
        (
            Choice(N_("Raise a `ValueError` that lists `'pt'`, `'np'` and `'mlx'`"),
                   N_("Transformers 5 dropped TensorFlow; those three remain."), correct=True),
            Choice(N_("Return TensorFlow tensors"),
                   N_("That was Transformers 4; older tutorials still show it.")),
            Choice(N_("Return PyTorch tensors instead"),
                   N_("It does not fall back silently: the value is refused.")),
        ),
    ),
    MultipleChoice(
        "no-padding-tensors",
        N_("`tokenizer(sequences, return_tensors=\"pt\")` for 3 sentences of different lengths, "
           "without padding:"),
        (
            Choice(N_("fails with a `ValueError` suggesting `padding=True` and `truncation=True`"),
                   N_("A tensor must be rectangular; rows of 10, 12 and 5 ids are not."),
                   correct=True),
            Choice(N_("pads automatically"),
                   N_("Padding happens only when you ask for it.")),
            Choice(N_("returns one tensor per sentence"),
                   N_("`return_tensors` makes one tensor per key for the whole batch.")),
        ),
    ),
    MultipleChoice(
        "model-kwargs",
        N_("What does `model(**tokens)` pass to the model?"),
        (
            Choice(N_("Every entry of the tokenizer's output as a keyword argument: "
                      "`input_ids=...`, `attention_mask=...` (and `token_type_ids`)"),
                   N_("`**` unpacks the dictionary, so the mask reaches the model without "
                      "being named."), correct=True),
            Choice(N_("Only the `input_ids`"),
                   N_("Then the attention mask would be missing and padded rows would change.")),
            Choice(N_("The tokens as text"),
                   N_("The model reads ids (and the mask), never text.")),
        ),
    ),
    MultipleChoice(
        "special-tokens-matter",
        N_("Why keep the default `add_special_tokens=True` when you feed a model?"),
        (
            Choice(N_("The model was pretrained with `[CLS]` and `[SEP]` in every input, and its "
                      "head reads the `[CLS]` position"),
                   N_("Without them the model sees inputs unlike anything it was trained on, "
                      "and its scores change."), correct=True),
            Choice(N_("Without them the model raises an error"),
                   N_("It runs without them; it just computes something else.")),
            Choice(N_("They make the sequence shorter"),
                   N_("They add two ids.")),
        ),
    ),
)
