"""Chapter 3: `merge_wordpieces(tokens)`, the text a list of WordPiece tokens spells."""

from ..i18n import N_
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
        Case(N_("one word"), (["hello"],)),
        Case(N_("whole words"), (cased.tokenize("The bus was late again"),)),
        Case(N_("a word in two pieces"), (uncased.tokenize("I love snowboarding"),)),
        Case(N_("a word in many pieces"), (uncased.tokenize("antidisestablishmentarianism"),)),
        Case(N_("the cased vocabulary"), (cased.tokenize("Hugging Face is in New York"),)),
        Case(N_("a comma and a full stop"), (cased.tokenize(f"In {number}, it rained."),)),
        Case(N_("a question and an exclamation"), (uncased.tokenize("Why? Because!"),)),
        Case(N_("an apostrophe stays spaced"), (uncased.tokenize("it's the snowboarder's"),)),
        Case(N_("an unknown token"), (cased.tokenize("I love 🤗 tokenizers"),)),
        Case(N_("special tokens"), (cased.convert_ids_to_tokens(cased("Hello there")["input_ids"]),)),
        Case(N_("a tuple of tokens"), (tuple(cased.tokenize("Tokenizers are fun")),)),
        Case(N_("no tokens"), ([],)),
    ]


EXERCISE = Exercise(
    name="merge_wordpieces",
    chapter=3,
    reference=merge_wordpieces,
    compare=same_text,
    make_cases=make_cases,
    seed=204,
    hints=(
        N_("Go through the tokens in order, building the text. A token starting with `##` "
           "continues the word before: glue it on without its `##`. Any other token starts a new "
           "word, after a space, except the punctuation tokens `.`, `,`, `?` and `!`, which are "
           "glued on too."),
        N_("Start with `text = \"\"`. For each token: `text += token[2:]` if it starts with `##`; "
           "`text += token` if it is one of `.`, `,`, `?`, `!`; otherwise `text += \" \" + token` "
           "(or just `token` while the text is empty). An apostrophe or `[UNK]` keeps its space."),
    ),
)
