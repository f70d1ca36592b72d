"""Chapter 3: `wordpiece_tokenize(word, vocab, ...)`, greedy longest-match-first WordPiece."""

from ..i18n import N_
from .checkpoints import CASED, CLASSIFIER, load_tokenizer
from .exercise import Case, Exercise
from .text_checks import same_string_list

TOY_VOCAB = {"<unk>": 0, "un": 1, "##aff": 2, "##able": 3, "aff": 4, "##a": 5}


def wordpiece_tokenize(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    """The expected pieces: the `tokenizers` library's WordPiece model on this vocabulary."""
    from tokenizers.models import WordPiece

    model = WordPiece(dict(vocab), unk_token=unk_token,
                      max_input_chars_per_word=max_input_chars_per_word)
    return [token.value for token in model.tokenize(word)]


def make_cases(rng):
    uncased = load_tokenizer(CLASSIFIER).get_vocab()
    cased = load_tokenizer(CASED).get_vocab()
    limit = rng.randint(6, 9)
    return [
        Case(N_("a whole word in the vocabulary"), ("hugging", uncased)),
        Case(N_("two pieces"), ("tokenization", uncased)),
        Case(N_("many pieces"), ("antidisestablishmentarianism", uncased)),
        Case(N_("a number"), (str(rng.randint(1900, 2100)), uncased)),
        Case(N_("a single character"), (rng.choice("abcxyz"), uncased)),
        Case(N_("punctuation"), ("!", cased)),
        Case(N_("the cased vocabulary"), ("Hugging", cased)),
        Case(N_("a capital letter the uncased vocabulary lacks"), ("Transformers", uncased)),
        Case(N_("an accent the cased vocabulary has"), ("naïve", cased)),
        Case(N_("an unknown character at the end"), ("hug🤗", cased)),
        Case(N_("an unknown character in the middle"), ("snow☃boarding", uncased)),
        Case(N_("100 characters, the limit"), ("ab" * 50, uncased)),
        Case(N_("101 characters, over the limit"), ("ab" * 50 + "a", uncased)),
        Case(N_("a smaller limit, exactly reached"), ("snowboarding"[:limit], cased),
             {"max_input_chars_per_word": limit}),
        Case(N_("a smaller limit, exceeded"), ("snowboarding"[:limit + 1], cased),
             {"max_input_chars_per_word": limit}),
        Case(N_("another unknown token"), ("unaffable", TOY_VOCAB), {"unk_token": "<unk>"}),
        Case(N_("another unknown token, unknown word"), ("unaffableness", TOY_VOCAB),
             {"unk_token": "<unk>"}),
    ]


EXERCISE = Exercise(
    name="wordpiece_tokenize",
    chapter=3,
    reference=wordpiece_tokenize,
    compare=same_string_list,
    make_cases=make_cases,
    seed=203,
    hints=(
        N_("Start at the word's first character and find the LONGEST piece of the vocabulary "
           "that starts there: try the whole rest of the word, then one character shorter, and "
           "so on. Every piece after the first is looked up with `##` in front."),
        N_("Keep `start = 0`; while `start < len(word)`, let `end` run from `len(word)` down to "
           "`start + 1` and take the first `piece = word[start:end]` (with `\"##\" + piece` when "
           "`start > 0`) that is in `vocab`. No piece found: return `[unk_token]` for the whole "
           "word. Check `len(word) > max_input_chars_per_word` first."),
    ),
)
