"""Quiz of chapter 4, Handling multiple sequences."""

from ..i18n import N_
from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    MultipleChoice(
        "batch-axis",
        N_("`ids` is a list of 12 ids. What shape has `torch.tensor([ids])`?"),
        (
            Choice(N_("`(1, 12)`"),
                   N_("A batch of one sequence of 12 ids: (batch size, sequence length)."),
                   correct=True),
            Choice(N_("`(12,)`"),
                   N_("That is `torch.tensor(ids)`, without the batch axis: the model "
                      "misreads it.")),
            Choice(N_("`(12, 1)`"),
                   N_("That would be 12 sequences of one token each, `unsqueeze(1)`.")),
        ),
    ),
    MultipleChoice(
        "why-fails",
        N_("Why does `model(torch.tensor(ids))` fail for 12 ids?"),
        (
            Choice(N_("Without the batch axis the model takes the ids for 12 sequences of 768 "
                      "positions, more than its 512 position vectors"),
                   N_("The model reads axis 0 as the batch and the embedding's 768 numbers as "
                      "positions; the error names 12 and 512."), correct=True),
            Choice(N_("12 ids is too short for the model"),
                   N_("Any length from 1 to 512 works once the batch axis is there.")),
            Choice(N_("The ids must be floats"),
                   N_("Ids are integers: they are row numbers in the embedding table.")),
        ),
    ),
    Numeric(
        "pad-count",
        N_("Predict: \"The soup was bland and the bread was stale.\" has 12 ids, "
           "\"What a lovely evening!\" has 7. How many `[PAD]` ids does padding add to make "
           "one batch?"),
        5,
        N_("The short sentence is padded to the longest: 12 - 7 = 5 ids of `[PAD]` (0)."),
        mistakes={7: N_("7 is the short sentence's own length; padding fills the difference."),
                  12: N_("Only the shorter row gets padding, up to the longer one's length.")},
    ),
    MultipleChoice(
        "mask-meaning",
        N_("What does the attention mask of a padded batch hold?"),
        (
            Choice(N_("1 for each real token, 0 for each padding position, in the shape of the "
                      "ids"), N_("The model attends to 1s and ignores 0s."), correct=True),
            Choice(N_("The padding token's id at each padded position"),
                   N_("That is the padded `input_ids`; the mask only says attend or ignore.")),
            Choice(N_("One number per sequence: its length"),
                   N_("The mask has one entry per position, exactly the shape of the ids.")),
        ),
    ),
    MultipleChoice(
        "no-mask",
        N_("You pad a batch yourself and forget the attention mask. What does Transformers 5 do "
           "with DistilBERT?"),
        (
            Choice(N_("It returns different logits for the padded row, without any warning"),
                   N_("The padding leaks into the attention, and DistilBERT's forward pass no "
                      "longer runs the old padding check."), correct=True),
            Choice(N_("It raises an error"),
                   N_("The padded batch is a valid rectangular tensor; nothing fails.")),
            Choice(N_("It warns that the input ids may be padded"),
                   N_("Transformers 4 did; in Transformers 5 only a direct call of "
                      "`warn_if_padding_and_no_attention_mask` prints it.")),
            Choice(N_("It detects the padding id and masks it itself"),
                   N_("The model knows its padding id (`config.pad_token_id`, 0, is also its "
                      "embedding's `padding_idx`), but its forward pass never builds a mask from "
                      "it: only the `attention_mask` you pass hides the padding.")),
        ),
    ),
    MultipleChoice(
        "allclose",
        N_("When is `torch.allclose(a, b, atol=1e-5)` `True`?"),
        (
            Choice(N_("When every entry satisfies |a - b| ≤ 0.00001 + 0.00001 × |b|"),
                   N_("`atol` is added to `rtol` × |b|, and `rtol` defaults to 0.00001."),
                   correct=True),
            Choice(N_("When every entry satisfies |a - b| ≤ 0.00001"),
                   N_("That ignores the default relative tolerance `rtol`.")),
            Choice(N_("When the average difference is below 0.00001"),
                   N_("`allclose` checks every pair of entries, not an average.")),
        ),
    ),
    MultipleChoice(
        "attention-shape",
        N_("The padded batch of 2 sequences of 12 ids goes through DistilBERT (6 layers, 12 "
           "heads) with `output_attentions=True`. What shape has each layer's attention tensor?"),
        (
            Choice(N_("`(2, 12, 12, 12)`"),
                   N_("Batch, heads, then for each of the 12 positions its 12 weights over all "
                      "positions."), correct=True),
            Choice(N_("`(2, 6, 12, 12)`"),
                   N_("The 6 layers come as 6 separate tensors; the second axis counts heads.")),
            Choice(N_("`(2, 12, 768)`"),
                   N_("That is the shape of a layer's hidden states, not of its attention "
                      "weights.")),
        ),
    ),
    MultipleChoice(
        "unused",
        N_("The classic experiment feeds the ids `[200, 200, 200]`. What does id 200 stand for "
           "in this vocabulary?"),
        (
            Choice(N_("`[unused195]`, a placeholder no text tokenizes to, never seen in training"),
                   N_("So the ids stand for no text: the experiment only shows what padding "
                      "does."), correct=True),
            Choice(N_("`[PAD]`"),
                   N_("The padding token is id 0.")),
            Choice(N_("A common English word"),
                   N_("Decode it: `tokenizer.convert_ids_to_tokens(200)` gives `[unused195]`.")),
        ),
    ),
    Numeric(
        "truncated-length",
        N_("Predict: the review repeated 60 times has 602 ids. How many does "
           "`tokenizer(review, truncation=True)` return?"),
        512,
        N_("The model's maximum, `tokenizer.model_max_length`: 510 text tokens plus `[CLS]` "
           "and `[SEP]`."),
        mistakes={510: N_("Truncation keeps `[CLS]` and `[SEP]` inside the 512."),
                  602: N_("Without `truncation=True` you get 602; with it, the ids are cut.")},
    ),
)
