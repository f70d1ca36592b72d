"""Chapter 3: `wordpiece_tokenize(word, vocab, ...)`, greedy longest-match-first WordPiece."""

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
        Case("a whole word in the vocabulary", ("hugging", uncased)),
        Case("two pieces", ("tokenization", uncased)),
        Case("many pieces", ("antidisestablishmentarianism", uncased)),
        Case("a number", (str(rng.randint(1900, 2100)), uncased)),
        Case("a single character", (rng.choice("abcxyz"), uncased)),
        Case("punctuation", ("!", cased)),
        Case("the cased vocabulary", ("Hugging", cased)),
        Case("a capital letter the uncased vocabulary lacks", ("Transformers", uncased)),
        Case("an accent the cased vocabulary has", ("naïve", cased)),
        Case("an unknown character at the end", ("hug🤗", cased)),
        Case("an unknown character in the middle", ("snow☃boarding", uncased)),
        Case("100 characters, the limit", ("ab" * 50, uncased)),
        Case("101 characters, over the limit", ("ab" * 50 + "a", uncased)),
        Case("a smaller limit, exactly reached", ("snowboarding"[:limit], cased),
             {"max_input_chars_per_word": limit}),
        Case("a smaller limit, exceeded", ("snowboarding"[:limit + 1], cased),
             {"max_input_chars_per_word": limit}),
        Case("another unknown token", ("unaffable", TOY_VOCAB), {"unk_token": "<unk>"}),
        Case("another unknown token, unknown word", ("unaffableness", TOY_VOCAB),
             {"unk_token": "<unk>"}),
    ]


EXERCISE = Exercise(
    name="wordpiece_tokenize",
    reference=wordpiece_tokenize,
    compare=same_string_list,
    make_cases=make_cases,
    seed=203,
    hints=(
        "Start at the word's first character and find the LONGEST piece of the vocabulary "
        "that starts there: try the whole rest of the word, then one character shorter, and "
        "so on. Every piece after the first is looked up with `##` in front.",
        "Keep `start = 0`; while `start < len(word)`, let `end` run from `len(word)` down to "
        "`start + 1` and take the first `piece = word[start:end]` (with `\"##\" + piece` when "
        "`start > 0`) that is in `vocab`. No piece found: return `[unk_token]` for the whole "
        "word. Check `len(word) > max_input_chars_per_word` first.",
    ),
)
