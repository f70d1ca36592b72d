"""Quiz of chapter 5, Putting it all together."""

from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    Numeric(
        "one-call-ids",
        "Predict: `tokenize` cuts \"I enjoyed every page of this novel.\" into 8 tokens. How "
        "many ids does `tokenizer(\"I enjoyed every page of this novel.\")[\"input_ids\"]` "
        "hold?",
        10,
        "The 8 tokens plus `[CLS]` and `[SEP]`.",
        mistakes={8: "The one call adds `[CLS]` and `[SEP]`."},
    ),
    Numeric(
        "mask-zeros",
        "Predict: in `tokenizer([\"I enjoyed every page of this novel.\", \"Truly awful.\"], "
        "padding=True)`, how many 0s has the second row's attention mask? (\"Truly awful.\" "
        "alone is 5 ids.)",
        5,
        "Both rows are padded to the longest, 10 ids; the second gets 10 - 5 = 5 `[PAD]`s, "
        "each with mask 0.",
        mistakes={0: "`padding=True` pads the shorter row, and each padded position gets 0.",
                  10: "10 is the padded length; only the padded positions are 0."},
    ),
    MultipleChoice(
        "max-length-default",
        "`tokenizer(sequences, padding=\"max_length\")` without `max_length`: how long is "
        "every row?",
        (
            Choice("512, the model's maximum (`tokenizer.model_max_length`)",
                   "Without a number, `max_length` padding uses the model's limit: mostly "
                   "padding for short sentences.", correct=True),
            Choice("The length of the longest sentence",
                   "That is `padding=\"longest\"` (or `padding=True`)."),
            Choice("Unchanged: nothing is padded without `max_length`",
                   "The model's maximum is the default length."),
        ),
    ),
    MultipleChoice(
        "truncate-8",
        "`tokenizer(\"The delivery was late and the box arrived broken.\", max_length=8, "
        "truncation=True)`: what are the 8 ids?",
        (
            Choice("`[CLS]`, the first 6 text tokens, `[SEP]`",
                   "Truncation keeps the special tokens and drops text tokens from the end.",
                   correct=True),
            Choice("The first 8 text tokens, then `[CLS]` and `[SEP]` (10 ids)",
                   "`max_length` counts the special tokens too: the result has exactly 8."),
            Choice("`[CLS]` and the first 7 text tokens",
                   "The tokenizer keeps `[SEP]` at the end; only slicing a tensor would "
                   "cut it off."),
        ),
    ),
    MultipleChoice(
        "return-tf",
        "What does `tokenizer(sequences, padding=True, return_tensors=\"tf\")` do in "
        "Transformers 5?",
        (
            Choice("Raise a `ValueError` that lists `'pt'`, `'np'` and `'mlx'`",
                   "Transformers 5 dropped TensorFlow; those three remain.", correct=True),
            Choice("Return TensorFlow tensors",
                   "That was Transformers 4; older tutorials still show it."),
            Choice("Return PyTorch tensors instead",
                   "It does not fall back silently: the value is refused."),
        ),
    ),
    MultipleChoice(
        "no-padding-tensors",
        "`tokenizer(sequences, return_tensors=\"pt\")` for 3 sentences of different lengths, "
        "without padding:",
        (
            Choice("fails with a `ValueError` suggesting `padding=True` and `truncation=True`",
                   "A tensor must be rectangular; rows of 10, 12 and 5 ids are not.",
                   correct=True),
            Choice("pads automatically",
                   "Padding happens only when you ask for it."),
            Choice("returns one tensor per sentence",
                   "`return_tensors` makes one tensor per key for the whole batch."),
        ),
    ),
    MultipleChoice(
        "model-kwargs",
        "What does `model(**tokens)` pass to the model?",
        (
            Choice("Every entry of the tokenizer's output as a keyword argument: "
                   "`input_ids=...`, `attention_mask=...` (and `token_type_ids`)",
                   "`**` unpacks the dictionary, so the mask reaches the model without "
                   "being named.", correct=True),
            Choice("Only the `input_ids`",
                   "Then the attention mask would be missing and padded rows would change."),
            Choice("The tokens as text",
                   "The model reads ids (and the mask), never text."),
        ),
    ),
    MultipleChoice(
        "special-tokens-matter",
        "Why keep the default `add_special_tokens=True` when you feed a model?",
        (
            Choice("The model was pretrained with `[CLS]` and `[SEP]` in every input, and its "
                   "head reads the `[CLS]` position",
                   "Without them the model sees inputs unlike anything it was trained on, "
                   "and its scores change.", correct=True),
            Choice("Without them the model raises an error",
                   "It runs without them; it just computes something else."),
            Choice("They make the sequence shorter",
                   "They add two ids."),
        ),
    ),
)
