"""Quiz of chapter 4, Handling multiple sequences."""

from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    MultipleChoice(
        "batch-axis",
        "`ids` is a list of 12 ids. What shape has `torch.tensor([ids])`?",
        (
            Choice("`(1, 12)`",
                   "A batch of one sequence of 12 ids: (batch size, sequence length).",
                   correct=True),
            Choice("`(12,)`",
                   "That is `torch.tensor(ids)`, without the batch axis: the model "
                   "misreads it."),
            Choice("`(12, 1)`",
                   "That would be 12 sequences of one token each, `unsqueeze(1)`."),
        ),
    ),
    MultipleChoice(
        "why-fails",
        "Why does `model(torch.tensor(ids))` fail for 12 ids?",
        (
            Choice("Without the batch axis the model takes the ids for 12 sequences of 768 "
                   "positions, more than its 512 position vectors",
                   "The model reads axis 0 as the batch and the embedding's 768 numbers as "
                   "positions; the error names 12 and 512.", correct=True),
            Choice("12 ids is too short for the model",
                   "Any length from 1 to 512 works once the batch axis is there."),
            Choice("The ids must be floats",
                   "Ids are integers: they are row numbers in the embedding table."),
        ),
    ),
    Numeric(
        "pad-count",
        "Predict: \"The soup was bland and the bread was stale.\" has 12 ids, "
        "\"What a lovely evening!\" has 7. How many `[PAD]` ids does padding add to make "
        "one batch?",
        5,
        "The short sentence is padded to the longest: 12 - 7 = 5 ids of `[PAD]` (0).",
        mistakes={7: "7 is the short sentence's own length; padding fills the difference.",
                  12: "Only the shorter row gets padding, up to the longer one's length."},
    ),
    MultipleChoice(
        "mask-meaning",
        "What does the attention mask of a padded batch hold?",
        (
            Choice("1 for each real token, 0 for each padding position, in the shape of the "
                   "ids", "The model attends to 1s and ignores 0s.", correct=True),
            Choice("The padding token's id at each padded position",
                   "That is the padded `input_ids`; the mask only says attend or ignore."),
            Choice("One number per sequence: its length",
                   "The mask has one entry per position, exactly the shape of the ids."),
        ),
    ),
    MultipleChoice(
        "no-mask",
        "You pad a batch yourself and forget the attention mask. What does Transformers 5 do "
        "with DistilBERT?",
        (
            Choice("It returns different logits for the padded row, without any warning",
                   "The padding leaks into the attention, and DistilBERT's forward pass no "
                   "longer runs the old padding check.", correct=True),
            Choice("It raises an error",
                   "The padded batch is a valid rectangular tensor; nothing fails."),
            Choice("It warns that the input ids may be padded",
                   "Transformers 4 did; in Transformers 5 only a direct call of "
                   "`warn_if_padding_and_no_attention_mask` prints it."),
            Choice("It detects the padding id and masks it itself",
                   "The model knows its padding id (`config.pad_token_id`, 0, is also its "
                   "embedding's `padding_idx`), but its forward pass never builds a mask from "
                   "it: only the `attention_mask` you pass hides the padding."),
        ),
    ),
    MultipleChoice(
        "allclose",
        "When is `torch.allclose(a, b, atol=1e-5)` `True`?",
        (
            Choice("When every entry satisfies |a - b| ≤ 0.00001 + 0.00001 × |b|",
                   "`atol` is added to `rtol` × |b|, and `rtol` defaults to 0.00001.",
                   correct=True),
            Choice("When every entry satisfies |a - b| ≤ 0.00001",
                   "That ignores the default relative tolerance `rtol`."),
            Choice("When the average difference is below 0.00001",
                   "`allclose` checks every pair of entries, not an average."),
        ),
    ),
    MultipleChoice(
        "attention-shape",
        "The padded batch of 2 sequences of 12 ids goes through DistilBERT (6 layers, 12 "
        "heads) with `output_attentions=True`. What shape has each layer's attention tensor?",
        (
            Choice("`(2, 12, 12, 12)`",
                   "Batch, heads, then for each of the 12 positions its 12 weights over all "
                   "positions.", correct=True),
            Choice("`(2, 6, 12, 12)`",
                   "The 6 layers come as 6 separate tensors; the second axis counts heads."),
            Choice("`(2, 12, 768)`",
                   "That is the shape of a layer's hidden states, not of its attention "
                   "weights."),
        ),
    ),
    MultipleChoice(
        "unused",
        "The classic experiment feeds the ids `[200, 200, 200]`. What does id 200 stand for "
        "in this vocabulary?",
        (
            Choice("`[unused195]`, a placeholder no text tokenizes to, never seen in training",
                   "So the ids stand for no text: the experiment only shows what padding "
                   "does.", correct=True),
            Choice("`[PAD]`",
                   "The padding token is id 0."),
            Choice("A common English word",
                   "Decode it: `tokenizer.convert_ids_to_tokens(200)` gives `[unused195]`."),
        ),
    ),
    Numeric(
        "truncated-length",
        "Predict: the review repeated 60 times has 602 ids. How many does "
        "`tokenizer(review, truncation=True)` return?",
        512,
        "The model's maximum, `tokenizer.model_max_length`: 510 text tokens plus `[CLS]` "
        "and `[SEP]`.",
        mistakes={510: "Truncation keeps `[CLS]` and `[SEP]` inside the 512.",
                  602: "Without `truncation=True` you get 602; with it, the ids are cut."},
    ),
)
