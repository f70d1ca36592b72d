"""Chapter 3: `merge_wordpieces(tokens)`, the text a list of WordPiece tokens spells."""

from .checkpoints import CASED, CLASSIFIER, load_tokenizer
from .exercise import Case, Exercise
from .text_checks import same_text


def merge_wordpieces(tokens):
    """The expected text: what the cased tokenizer's decoder makes of the tokens."""
    return load_tokenizer(CASED).convert_tokens_to_string(list(tokens))


def make_cases(rng):
    cased, uncased = load_tokenizer(CASED), load_tokenizer(CLASSIFIER)
    number = rng.randint(1900, 2100)
    return [
        Case("one word", (["hello"],)),
        Case("whole words", (cased.tokenize("The bus was late again"),)),
        Case("a word in two pieces", (uncased.tokenize("I love snowboarding"),)),
        Case("a word in many pieces", (uncased.tokenize("antidisestablishmentarianism"),)),
        Case("the cased vocabulary", (cased.tokenize("Hugging Face is in New York"),)),
        Case("a comma and a full stop", (cased.tokenize(f"In {number}, it rained."),)),
        Case("a question and an exclamation", (uncased.tokenize("Why? Because!"),)),
        Case("an apostrophe stays spaced", (uncased.tokenize("it's the snowboarder's"),)),
        Case("an unknown token", (cased.tokenize("I love 🤗 tokenizers"),)),
        Case("special tokens", (cased.convert_ids_to_tokens(cased("Hello there")["input_ids"]),)),
        Case("a tuple of tokens", (tuple(cased.tokenize("Tokenizers are fun")),)),
        Case("no tokens", ([],)),
    ]


EXERCISE = Exercise(
    name="merge_wordpieces",
    reference=merge_wordpieces,
    compare=same_text,
    make_cases=make_cases,
    seed=204,
    hints=(
        "Go through the tokens in order, building the text. A token starting with `##` "
        "continues the word before: glue it on without its `##`. Any other token starts a new "
        "word, after a space, except the punctuation tokens `.`, `,`, `?` and `!`, which are "
        "glued on too.",
        "Start with `text = \"\"`. For each token: `text += token[2:]` if it starts with `##`; "
        "`text += token` if it is one of `.`, `,`, `?`, `!`; otherwise `text += \" \" + token` "
        "(or just `token` while the text is empty). An apostrophe or `[UNK]` keeps its space.",
    ),
)
