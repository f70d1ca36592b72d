"""Quiz of chapter 2, Models."""

from ..i18n import N_
from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    MultipleChoice(
        "two-parts",
        N_("What does a Transformers model consist of?"),
        (
            Choice(N_("A configuration (the architecture) and weights (the learned numbers)"),
                   N_("`config.json` describes the network; `model.safetensors` holds its "
                      "weights."), correct=True),
            Choice(N_("Only the weights file"),
                   N_("Without the configuration, nobody knows how many layers and how wide a "
                      "network to build for those weights.")),
            Choice(N_("The tokenizer and the weights"),
                   N_("The tokenizer is saved and loaded separately; the model itself is "
                      "configuration plus weights.")),
        ),
    ),
    Numeric(
        "head-width",
        N_("BERT-base has `hidden_size` 768 and `num_attention_heads` 12. How many of a token's "
           "numbers does each attention head work on?"),
        64,
        N_("The 768 numbers are split evenly over the 12 heads: 768 / 12 = 64."),
        mistakes={768: N_("Each head works on a slice of the vector, not on all of it."),
                  12: N_("12 is the number of heads; the question asks for the width of each.")},
    ),
    MultipleChoice(
        "position-shape",
        N_("What shape has `model.embeddings.position_embeddings.weight` in `bert-base-cased`?"),
        (
            Choice(N_("`(512, 768)`"),
                   N_("One row per position (`max_position_embeddings`, 512), each a vector of "
                      "768 numbers."), correct=True),
            Choice(N_("`(768, 512)`"),
                   N_("An embedding table has one row per entry it looks up: rows are "
                      "positions.")),
            Choice(N_("`(28996, 768)`"),
                   N_("That is the word embedding table, one row per token of the vocabulary.")),
            Choice(N_("`(2, 768)`"),
                   N_("That is the token type table, one row per sentence of a pair.")),
        ),
    ),
    MultipleChoice(
        "automodel-class",
        N_("`bert-base-cased`'s configuration says `architectures: ['BertForMaskedLM']`. What "
           "does `AutoModel.from_pretrained(\"bert-base-cased\")` return?"),
        (
            Choice(N_("A `BertModel`: the base model, without the masked-language-model head"),
                   N_("`AutoModel` picks the class from `model_type` and always loads the bare "
                      "network."), correct=True),
            Choice(N_("A `BertForMaskedLM`"),
                   N_("That is what `AutoModelForMaskedLM` would return.")),
            Choice(N_("An error, since the checkpoint was saved from another class"),
                   N_("Loading the base model of a checkpoint saved with a head is the normal "
                      "case; the head's weights are simply left out.")),
        ),
    ),
    MultipleChoice(
        "saved-files",
        N_("Which files does `model.save_pretrained(folder)` write in Transformers 5?"),
        (
            Choice(N_("`config.json`"),
                   N_("The configuration, as JSON: without it, `from_pretrained(folder)` could not "
                      "rebuild the architecture."), correct=True),
            Choice(N_("`model.safetensors`"),
                   N_("The weights, in the safetensors format."), correct=True),
            Choice(N_("`pytorch_model.bin`"),
                   N_("`pytorch_model.bin`, PyTorch's pickle format, is what older tutorials "
                      "show; Transformers 5 writes safetensors.")),
            Choice(N_("`tokenizer.json`"),
                   N_("The tokenizer has its own `save_pretrained`; the model saves only "
                      "itself.")),
        ),
    ),
    MultipleChoice(
        "random-vs-pretrained",
        N_("`BertModel(AutoConfig.from_pretrained(\"bert-base-cased\"))` against "
           "`BertModel.from_pretrained(\"bert-base-cased\")`: what differs?"),
        (
            Choice(N_("Only the weight values: same tensor names, same shapes"),
                   N_("The configuration fixes the architecture; only `from_pretrained` fills "
                      "in the trained values."), correct=True),
            Choice(N_("The shapes of the weight tensors"),
                   N_("Both are built from the same configuration, so every shape agrees.")),
            Choice(N_("Nothing: both hold the trained weights"),
                   N_("A model built from a configuration starts with random weights.")),
        ),
    ),
    Numeric(
        "row-bytes",
        N_("Weights are stored as 32-bit floats (4 bytes each). How many bytes does one row of "
           "`bert-base-cased`'s word embedding table take (`hidden_size` 768)?"),
        3072,
        N_("768 numbers of 4 bytes: 768 × 4 = 3,072 bytes."),
        mistakes={768: N_("That is the number of values; each takes 4 bytes."),
                  24576: N_("That counts bits (768 × 32); the question asks for bytes.")},
    ),
    MultipleChoice(
        "missing-head",
        N_("Loading `bert-base-cased` into `AutoModelForSequenceClassification`, the load report "
           "lists `classifier.weight`. With which status, and what does it mean?"),
        (
            Choice(N_("`MISSING`: the new head is not in the checkpoint and starts random"),
                   N_("It has to be trained on labelled data before its predictions mean "
                      "anything."), correct=True),
            Choice(N_("`UNEXPECTED`: the checkpoint has weights the model cannot use"),
                   N_("`UNEXPECTED` rows are the masked-language-model head "
                      "(`cls.predictions...`), which the classifier does not use.")),
            Choice(N_("Not listed: the checkpoint's head is reused as the classifier"),
                   N_("A masked-language-model head predicts words, not classes; it cannot "
                      "serve as a classifier.")),
        ),
    ),
)
