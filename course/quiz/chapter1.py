"""Quiz of chapter 1, Behind the pipeline."""

from ..i18n import N_
from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    MultipleChoice(
        "stages",
        N_("In which order does a `pipeline()` run its three stages?"),
        (
            Choice(N_("tokenizer, model, postprocessing"),
                   N_("Text becomes ids, ids become logits, logits become labels and scores."),
                   correct=True),
            Choice(N_("model, tokenizer, postprocessing"),
                   N_("A model cannot read text: it needs the tokenizer's ids first.")),
            Choice(N_("tokenizer, postprocessing, model"),
                   N_("Postprocessing turns the model's logits into labels, so it needs the "
                      "model's output and comes last.")),
        ),
    ),
    Numeric(
        "puppy-ids",
        N_("Predict before running it: how many ids does "
           "`tokenizer(\"Our new puppy is adorable!\")[\"input_ids\"]` hold for the chapter's "
           "uncased tokenizer?"),
        8,
        N_("Six tokens (`our new puppy is adorable !`) plus `[CLS]` at the start and `[SEP]` at "
           "the end."),
        mistakes={6: N_("That counts the words and the `!`, but the tokenizer call also adds "
                        "`[CLS]` and `[SEP]`."),
                  5: N_("The `!` is a token of its own, and the call adds `[CLS]` and `[SEP]`."),
                  14: N_("14 is the padded length of the whole batch in the chapter; alone, the "
                         "sentence is not padded.")},
    ),
    MultipleChoice(
        "hidden-shape",
        N_("A batch of 3 sentences, padded to 14 tokens, goes through `AutoModel` (DistilBERT). "
           "What shape has `outputs.last_hidden_state`?"),
        (
            Choice(N_("`(3, 14, 768)`"),
                   N_("One vector of 768 numbers (the hidden size) per token position, for each "
                      "of the 3 sentences."), correct=True),
            Choice(N_("`(3, 768)`"),
                   N_("That would be one vector per sentence; the base model keeps one per "
                      "token, padding included.")),
            Choice(N_("`(14, 3, 768)`"),
                   N_("The batch axis comes first in Transformers: (batch size, sequence length, "
                      "hidden size).")),
            Choice(N_("`(3, 14, 2)`"),
                   N_("The 2 classes only appear with a classification head; `AutoModel` has "
                      "none.")),
        ),
    ),
    MultipleChoice(
        "logits-shape",
        N_("The same batch goes through `AutoModelForSequenceClassification` with 2 labels. What "
           "shape have the `logits`?"),
        (
            Choice(N_("`(3, 2)`"),
                   N_("The head reads one vector per sentence (at `[CLS]`) and gives one score "
                      "per class: the sequence axis is gone."), correct=True),
            Choice(N_("`(3, 14, 2)`"),
                   N_("One score pair per token would be token classification, a different "
                      "head.")),
            Choice(N_("`(2,)`"),
                   N_("The batch axis stays: one row of scores per sentence.")),
            Choice(N_("`(3, 768)`"),
                   N_("768 is the hidden size; the classification head maps it down to the "
                      "number of labels.")),
        ),
    ),
    MultipleChoice(
        "why-logits",
        N_("Why do Transformers models return logits instead of probabilities?"),
        (
            Choice(N_("Training's loss takes logits: cross-entropy applies the softmax itself, "
                      "in a numerically safer way"),
                   N_("Given labels, DistilBERT's classifier computes its loss with "
                      "`CrossEntropyLoss()` on the logits, which applies log-softmax itself; "
                      "softmax is a separate, cheap step when you want probabilities."),
                   correct=True),
            Choice(N_("Probabilities cannot be computed on a CPU"),
                   N_("Softmax is a cheap calculation on any device; chapter 1 runs it on a CPU.")),
            Choice(N_("Logits and probabilities can give different labels"),
                   N_("Softmax keeps the order of the scores, so the largest logit is always "
                      "the most probable class.")),
        ),
    ),
    MultipleChoice(
        "cls",
        N_("What is `[CLS]` (id 101) at the start of every row of `input_ids`?"),
        (
            Choice(N_("A special token the tokenizer adds; DistilBERT's classification head reads "
                      "the hidden state at this position"),
                   N_("The model was pretrained with it first in every input, and the head "
                      "classifies the sentence from its vector."), correct=True),
            Choice(N_("The padding token"),
                   N_("Padding is `[PAD]`, id 0, and it goes at the end of shorter rows.")),
            Choice(N_("The token that ends the sentence"),
                   N_("That is `[SEP]`, id 102.")),
            Choice(N_("The first word, with a capital letter"),
                   N_("The uncased tokenizer lower-cases everything; `[CLS]` is added, not "
                      "taken from the text.")),
        ),
    ),
    MultipleChoice(
        "softmax-dim",
        N_("`torch.nn.functional.softmax(logits, dim=-1)` on logits of shape `(3, 2)`: what adds "
           "up to 1?"),
        (
            Choice(N_("Each row: the 2 probabilities of one sentence"),
                   N_("`dim=-1` is the last axis, the classes, so each sentence's scores are "
                      "normalised on their own."), correct=True),
            Choice(N_("Each column"),
                   N_("That would be `dim=0`, mixing different sentences, which makes no sense "
                      "here.")),
            Choice(N_("All 6 numbers together"),
                   N_("Softmax normalises along one axis only; here each of the 3 rows adds up "
                      "to 1.")),
        ),
    ),
    MultipleChoice(
        "id2label",
        N_("A row of probabilities is `[0.02, 0.98]` and `model.config.id2label` is "
           "`{0: 'NEGATIVE', 1: 'POSITIVE'}`. Which label does the pipeline report?"),
        (
            Choice(N_("`POSITIVE`, with score 0.98"),
                   N_("The largest probability is in column 1, and `id2label` names column 1 "
                      "`POSITIVE`."), correct=True),
            Choice(N_("`NEGATIVE`, with score 0.02"),
                   N_("The pipeline reports the most probable label, not the first one.")),
            Choice(N_("It cannot be known without running the pipeline"),
                   N_("The column order comes from the checkpoint's configuration: `id2label` "
                      "is all you need.")),
        ),
    ),
)
