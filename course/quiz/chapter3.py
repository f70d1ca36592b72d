"""Quiz of chapter 3, Tokenizers."""

from .model import Choice, MultipleChoice, Numeric

QUESTIONS = (
    Numeric(
        "regex-words",
        "Predict: how many tokens does `re.findall(r\"\\w+|[^\\w\\s]\", \"Our neighbour walks "
        "two dogs every morning.\")` return?",
        8,
        "Seven words plus the full stop, which the pattern splits off as a token of its own.",
        mistakes={7: "`[^\\w\\s]` makes the full stop a separate token.",
                  6: "Every word counts, and so does the full stop."},
    ),
    MultipleChoice(
        "char-cost",
        "Character-based tokenization needs a tiny vocabulary. What is its main cost?",
        (
            Choice("Sequences get several times longer, and one character means little",
                   "The chapter's paragraph takes 208 character tokens against 45 word "
                   "tokens.", correct=True),
            Choice("Most words become `[UNK]`",
                   "The opposite: with all characters in the vocabulary, unknown tokens "
                   "become rare."),
            Choice("The vocabulary becomes huge",
                   "A character vocabulary holds about a hundred entries; word vocabularies "
                   "are the huge ones."),
        ),
    ),
    MultipleChoice(
        "hashes",
        "What does `##` in a WordPiece token such as `##board` mean?",
        (
            Choice("A continuation piece: it is glued to the piece before it",
                   "`snow ##board ##er` spells `snowboarder`.", correct=True),
            Choice("The start of a new word",
                   "WordPiece marks the opposite; GPT-2's BPE and SentencePiece mark word "
                   "starts (with a space)."),
            Choice("A piece the vocabulary does not know",
                   "Unknown text becomes `[UNK]`; `##board` is an ordinary vocabulary "
                   "entry."),
        ),
    ),
    MultipleChoice(
        "giraffe",
        "What does the cased tokenizer's `tokenize(\"giraffe🦒\")` (no space before the emoji) "
        "return?",
        (
            Choice("`['[UNK]']`",
                   "The emoji is not in the vocabulary, and WordPiece turns the whole word "
                   "into `[UNK]` when it cannot spell it.", correct=True),
            Choice("`['giraffe', '[UNK]']`",
                   "That would need a split between the letters and the emoji, but an emoji "
                   "is neither a space nor punctuation, so `giraffe🦒` stays one word."),
            Choice("`['g', '##ira', '##ffe']`",
                   "That is what you would get if the emoji were dropped. Some characters are: "
                   "the normaliser removes zero-width spaces and soft hyphens, and the uncased "
                   "tokenizer strips accents. An emoji is kept, and since WordPiece cannot spell "
                   "it, the whole word becomes `[UNK]`, `giraffe` included."),
        ),
    ),
    Numeric(
        "teacups-ids",
        "Predict: how many ids does the cased tokenizer's "
        "`tokenizer(\"Unbreakable teacups are surprisingly affordable.\")[\"input_ids\"]` "
        "hold? (`tokenize` gives 10 tokens.)",
        12,
        "The 10 tokens plus `[CLS]` at the start and `[SEP]` at the end.",
        mistakes={10: "That is what `tokenize` + `convert_tokens_to_ids` give; the call adds "
                      "`[CLS]` and `[SEP]`.",
                  6: "That counts words; several words are split into pieces, one id each."},
    ),
    MultipleChoice(
        "call-vs-steps",
        "What does calling `tokenizer(text)` add to `convert_tokens_to_ids(tokenize(text))`?",
        (
            Choice("`[CLS]` at the start of the ids and `[SEP]` at the end",
                   "The call's ids are 2 longer: 101 first and 102 last.", correct=True),
            Choice("An `attention_mask` list",
                   "The call returns a dictionary: next to the ids, a 1 for each of them.",
                   correct=True),
            Choice("A `token_type_ids` list",
                   "The call returns a dictionary: next to the ids, a 0 for each token of "
                   "the first (here the only) sentence.", correct=True),
            Choice("Lower-casing",
                   "Lower-casing depends on the tokenizer (the cased one keeps capitals), "
                   "not on how you call it."),
            Choice("Other ids for the words",
                   "The ids between `[CLS]` and `[SEP]` are exactly those of "
                   "`convert_tokens_to_ids`."),
        ),
    ),
    MultipleChoice(
        "skip-special",
        "`tokenizer.decode([101, 8667, 102, 0, 0], skip_special_tokens=True)` with the cased "
        "tokenizer (8667 is `Hello`): what comes back?",
        (
            Choice("`'Hello'`",
                   "`[CLS]`, `[SEP]` and both `[PAD]`s are special tokens, and all are "
                   "dropped.", correct=True),
            Choice("`'[CLS] Hello [SEP] [PAD] [PAD]'`",
                   "That is the decoding without `skip_special_tokens=True`."),
            Choice("`'Hello [PAD] [PAD]'`",
                   "`[PAD]` is a special token too, so it is skipped as well."),
        ),
    ),
    MultipleChoice(
        "saved-tokenizer",
        "Which files does `tokenizer.save_pretrained(folder)` write in Transformers 5?",
        (
            Choice("`tokenizer.json`",
                   "The whole tokenizer, with its vocabulary.", correct=True),
            Choice("`tokenizer_config.json`",
                   "The settings Transformers adds on top, such as the special tokens and "
                   "`model_max_length`.", correct=True),
            Choice("`vocab.txt`",
                   "Older tutorials, written for Transformers 4, show it; the vocabulary now "
                   "lives in `tokenizer.json`."),
            Choice("`special_tokens_map.json`",
                   "Older tutorials, written for Transformers 4, show it; the special tokens "
                   "now live in `tokenizer_config.json`."),
            Choice("`config.json`",
                   "That is a model's file."),
        ),
    ),
)
