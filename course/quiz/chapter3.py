"""Quiz of chapter 3, Tokenizers."""

from ..i18n import N_
from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    Numeric(
        "regex-words",
        N_("Predict: how many tokens does `re.findall(r\"\\w+|[^\\w\\s]\", \"Our neighbour walks "
           "two dogs every morning.\")` return?"),
        8,
        N_("Seven words plus the full stop, which the pattern splits off as a token of its own."),
        mistakes={7: N_("`[^\\w\\s]` makes the full stop a separate token."),
                  6: N_("Every word counts, and so does the full stop.")},
    ),
    MultipleChoice(
        "char-cost",
        N_("Character-based tokenization needs a tiny vocabulary. What is its main cost?"),
        (
            Choice(N_("Sequences get several times longer, and one character means little"),
                   N_("The chapter's paragraph takes 208 character tokens against 45 word "
                      "tokens."), correct=True),
            Choice(N_("Most words become `[UNK]`"),
                   N_("The opposite: with all characters in the vocabulary, unknown tokens "
                      "become rare.")),
            Choice(N_("The vocabulary becomes huge"),
                   N_("A character vocabulary holds about a hundred entries; word vocabularies "
                      "are the huge ones.")),
        ),
    ),
    MultipleChoice(
        "hashes",
        N_("What does `##` in a WordPiece token such as `##board` mean?"),
        (
            Choice(N_("A continuation piece: it is glued to the piece before it"),
                   N_("`snow ##board ##er` spells `snowboarder`."), correct=True),
            Choice(N_("The start of a new word"),
                   N_("WordPiece marks the opposite; GPT-2's BPE and SentencePiece mark word "
                      "starts (with a space).")),
            Choice(N_("A piece the vocabulary does not know"),
                   N_("Unknown text becomes `[UNK]`; `##board` is an ordinary vocabulary "
                      "entry.")),
        ),
    ),
    MultipleChoice(
        "giraffe",
        N_("What does the cased tokenizer's `tokenize(\"giraffe🦒\")` (no space before the emoji) "
           "return?"),
        (
            Choice(N_("`['[UNK]']`"),
                   N_("The emoji is not in the vocabulary, and WordPiece turns the whole word "
                      "into `[UNK]` when it cannot spell it."), correct=True),
            Choice(N_("`['giraffe', '[UNK]']`"),
                   N_("That would need a split between the letters and the emoji, but an emoji "
                      "is neither a space nor punctuation, so `giraffe🦒` stays one word.")),
            Choice(N_("`['g', '##ira', '##ffe']`"),
                   N_("That is what you would get if the emoji were dropped. Some characters are: "
                      "the normaliser removes zero-width spaces and soft hyphens, and the uncased "
                      "tokenizer strips accents. An emoji is kept, and since WordPiece cannot spell "
                      "it, the whole word becomes `[UNK]`, `giraffe` included.")),
        ),
    ),
    Numeric(
        "teacups-ids",
        N_("Predict: how many ids does the cased tokenizer's "
           "`tokenizer(\"Unbreakable teacups are surprisingly affordable.\")[\"input_ids\"]` "
           "hold? (`tokenize` gives 10 tokens.)"),
        12,
        N_("The 10 tokens plus `[CLS]` at the start and `[SEP]` at the end."),
        mistakes={10: N_("That is what `tokenize` + `convert_tokens_to_ids` give; the call adds "
                         "`[CLS]` and `[SEP]`."),
                  6: N_("That counts words; several words are split into pieces, one id each.")},
    ),
    MultipleChoice(
        "call-vs-steps",
        N_("What does calling `tokenizer(text)` add to `convert_tokens_to_ids(tokenize(text))`?"),
        (
            Choice(N_("`[CLS]` at the start of the ids and `[SEP]` at the end"),
                   N_("The call's ids are 2 longer: 101 first and 102 last."), correct=True),
            Choice(N_("An `attention_mask` list"),
                   N_("The call returns a dictionary: next to the ids, a 1 for each of them."),
                   correct=True),
            Choice(N_("A `token_type_ids` list"),
                   N_("The call returns a dictionary: next to the ids, a 0 for each token of "
                      "the first (here the only) sentence."), correct=True),
            Choice(N_("Lower-casing"),
                   N_("Lower-casing depends on the tokenizer (the cased one keeps capitals), "
                      "not on how you call it.")),
            Choice(N_("Other ids for the words"),
                   N_("The ids between `[CLS]` and `[SEP]` are exactly those of "
                      "`convert_tokens_to_ids`.")),
        ),
    ),
    MultipleChoice(
        "skip-special",
        N_("`tokenizer.decode([101, 8667, 102, 0, 0], skip_special_tokens=True)` with the cased "
           "tokenizer (8667 is `Hello`): what comes back?"),
        (
            Choice(N_("`'Hello'`"),
                   N_("`[CLS]`, `[SEP]` and both `[PAD]`s are special tokens, and all are "
                      "dropped."), correct=True),
            Choice(N_("`'[CLS] Hello [SEP] [PAD] [PAD]'`"),
                   N_("That is the decoding without `skip_special_tokens=True`.")),
            Choice(N_("`'Hello [PAD] [PAD]'`"),
                   N_("`[PAD]` is a special token too, so it is skipped as well.")),
        ),
    ),
    MultipleChoice(
        "saved-tokenizer",
        N_("Which files does `tokenizer.save_pretrained(folder)` write in Transformers 5?"),
        (
            Choice(N_("`tokenizer.json`"),
                   N_("The whole tokenizer, with its vocabulary."), correct=True),
            Choice(N_("`tokenizer_config.json`"),
                   N_("The settings Transformers adds on top, such as the special tokens and "
                      "`model_max_length`."), correct=True),
            Choice(N_("`vocab.txt`"),
                   N_("Older tutorials, written for Transformers 4, show it; the vocabulary now "
                      "lives in `tokenizer.json`.")),
            Choice(N_("`special_tokens_map.json`"),
                   N_("Older tutorials, written for Transformers 4, show it; the special tokens "
                      "now live in `tokenizer_config.json`.")),
            Choice(N_("`config.json`"),
                   N_("That is a model's file.")),
        ),
    ),
)
