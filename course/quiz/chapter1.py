"""Quiz of chapter 1, Behind the pipeline."""

from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    MultipleChoice(
        "stages",
        "In which order does a `pipeline()` run its three stages?",
        (
            Choice("tokenizer, model, postprocessing",
                   "Text becomes ids, ids become logits, logits become labels and scores.",
                   correct=True),
            Choice("model, tokenizer, postprocessing",
                   "A model cannot read text: it needs the tokenizer's ids first."),
            Choice("tokenizer, postprocessing, model",
                   "Postprocessing turns the model's logits into labels, so it needs the "
                   "model's output and comes last."),
        ),
    ),
    Numeric(
        "puppy-ids",
        "Predict before running it: how many ids does "
        "`tokenizer(\"Our new puppy is adorable!\")[\"input_ids\"]` hold for the chapter's "
        "uncased tokenizer?",
        8,
        "Six tokens (`our new puppy is adorable !`) plus `[CLS]` at the start and `[SEP]` at "
        "the end.",
        mistakes={6: "That counts the words and the `!`, but the tokenizer call also adds "
                     "`[CLS]` and `[SEP]`.",
                  5: "The `!` is a token of its own, and the call adds `[CLS]` and `[SEP]`.",
                  14: "14 is the padded length of the whole batch in the chapter; alone, the "
                      "sentence is not padded."},
    ),
    MultipleChoice(
        "hidden-shape",
        "A batch of 3 sentences, padded to 14 tokens, goes through `AutoModel` (DistilBERT). "
        "What shape has `outputs.last_hidden_state`?",
        (
            Choice("`(3, 14, 768)`",
                   "One vector of 768 numbers (the hidden size) per token position, for each "
                   "of the 3 sentences.", correct=True),
            Choice("`(3, 768)`",
                   "That would be one vector per sentence; the base model keeps one per "
                   "token, padding included."),
            Choice("`(14, 3, 768)`",
                   "The batch axis comes first in Transformers: (batch size, sequence length, "
                   "hidden size)."),
            Choice("`(3, 14, 2)`",
                   "The 2 classes only appear with a classification head; `AutoModel` has "
                   "none."),
        ),
    ),
    MultipleChoice(
        "logits-shape",
        "The same batch goes through `AutoModelForSequenceClassification` with 2 labels. What "
        "shape have the `logits`?",
        (
            Choice("`(3, 2)`",
                   "The head reads one vector per sentence (at `[CLS]`) and gives one score "
                   "per class: the sequence axis is gone.", correct=True),
            Choice("`(3, 14, 2)`",
                   "One score pair per token would be token classification, a different "
                   "head."),
            Choice("`(2,)`",
                   "The batch axis stays: one row of scores per sentence."),
            Choice("`(3, 768)`",
                   "768 is the hidden size; the classification head maps it down to the "
                   "number of labels."),
        ),
    ),
    MultipleChoice(
        "why-logits",
        "Why do Transformers models return logits instead of probabilities?",
        (
            Choice("Training's loss takes logits: cross-entropy applies the softmax itself, "
                   "in a numerically safer way",
                   "Given labels, DistilBERT's classifier computes its loss with "
                   "`CrossEntropyLoss()` on the logits, which applies log-softmax itself; "
                   "softmax is a separate, cheap step when you want probabilities.",
                   correct=True),
            Choice("Probabilities cannot be computed on a CPU",
                   "Softmax is a cheap calculation on any device; chapter 1 runs it on a CPU."),
            Choice("Logits and probabilities can give different labels",
                   "Softmax keeps the order of the scores, so the largest logit is always "
                   "the most probable class."),
        ),
    ),
    MultipleChoice(
        "cls",
        "What is `[CLS]` (id 101) at the start of every row of `input_ids`?",
        (
            Choice("A special token the tokenizer adds; DistilBERT's classification head reads "
                   "the hidden state at this position",
                   "The model was pretrained with it first in every input, and the head "
                   "classifies the sentence from its vector.", correct=True),
            Choice("The padding token",
                   "Padding is `[PAD]`, id 0, and it goes at the end of shorter rows."),
            Choice("The token that ends the sentence",
                   "That is `[SEP]`, id 102."),
            Choice("The first word, with a capital letter",
                   "The uncased tokenizer lower-cases everything; `[CLS]` is added, not "
                   "taken from the text."),
        ),
    ),
    MultipleChoice(
        "softmax-dim",
        "`torch.nn.functional.softmax(logits, dim=-1)` on logits of shape `(3, 2)`: what adds "
        "up to 1?",
        (
            Choice("Each row: the 2 probabilities of one sentence",
                   "`dim=-1` is the last axis, the classes, so each sentence's scores are "
                   "normalised on their own.", correct=True),
            Choice("Each column",
                   "That would be `dim=0`, mixing different sentences, which makes no sense "
                   "here."),
            Choice("All 6 numbers together",
                   "Softmax normalises along one axis only; here each of the 3 rows adds up "
                   "to 1."),
        ),
    ),
    MultipleChoice(
        "id2label",
        "A row of probabilities is `[0.02, 0.98]` and `model.config.id2label` is "
        "`{0: 'NEGATIVE', 1: 'POSITIVE'}`. Which label does the pipeline report?",
        (
            Choice("`POSITIVE`, with score 0.98",
                   "The largest probability is in column 1, and `id2label` names column 1 "
                   "`POSITIVE`.", correct=True),
            Choice("`NEGATIVE`, with score 0.02",
                   "The pipeline reports the most probable label, not the first one."),
            Choice("It cannot be known without running the pipeline",
                   "The column order comes from the checkpoint's configuration: `id2label` "
                   "is all you need."),
        ),
    ),
)
