"""The coloured-pieces picture groups the real bert-base-cased pieces into words correctly."""

import re

import pytest

from course.pieces import PALETTE, SPECIAL_COLOUR, Word, colour_of, group_into_words, show_pieces

SENTENCE = "The snowboarder's jumps were breathtakingly reckless."


@pytest.fixture(scope="module")
def tokenizer(mirror_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained("bert-base-cased")


def test_pieces_are_grouped_into_the_words_they_continue(tokenizer):
    words = show_pieces(tokenizer, SENTENCE).words
    assert [[token for token, _ in word.pieces] for word in words] == [
        ["The"], ["snow", "##board", "##er"], ["'"], ["s"], ["jumps"], ["were"],
        ["breath", "##taking", "##ly"], ["reckless"], ["."],
    ]
    assert words[1].pieces == [("snow", 4883), ("##board", 4015), ("##er", 1200)]
    assert not any(word.special for word in words)


@pytest.mark.parametrize("text", [SENTENCE, "Unbreakable teacups are surprisingly affordable.",
                                  "My grandmother bakes gingerbread biscuits!"])
def test_only_continuation_pieces_follow_inside_a_word(tokenizer, text):
    words = show_pieces(tokenizer, text).words
    flat = [piece for word in words for piece in word.pieces]
    assert [token for token, _ in flat] == tokenizer.tokenize(text)
    assert [token_id for _, token_id in flat] == tokenizer(text, add_special_tokens=False)["input_ids"]
    for word in words:
        first, *rest = [token for token, _ in word.pieces]
        assert not first.startswith("##")
        assert all(token.startswith("##") for token in rest)


def test_special_tokens_are_words_of_their_own(tokenizer):
    words = show_pieces(tokenizer, "Hello there", add_special_tokens=True).words
    assert words[0] == Word([("[CLS]", 101)], special=True)
    assert words[-1] == Word([("[SEP]", 102)], special=True)
    assert [word.special for word in words[1:-1]] == [False, False]


def test_an_unknown_word_is_a_word_not_a_special_token(tokenizer):
    (word,) = show_pieces(tokenizer, "🦒").words
    assert word == Word([("[UNK]", 100)], special=False)


def test_grouping_follows_word_indices_and_isolates_special_tokens():
    words = group_into_words([("[CLS]", 101, None), ("a", 170, 0), ("##b", 1830, 0), ("[SEP]", 102, None),
                              ("[SEP]", 102, None), ("a", 170, 0), ("c", 172, 1)])
    assert [len(word.pieces) for word in words] == [1, 2, 1, 1, 1, 1]
    assert [word.special for word in words] == [True, False, True, True, False, False]


def test_colours_are_by_word_position_and_neighbours_differ(tokenizer):
    pieces = show_pieces(tokenizer, SENTENCE, add_special_tokens=True)
    colours = pieces.colours()
    assert colours[0] == colours[-1] == SPECIAL_COLOUR
    assert colours[1:-1] == [colour_of(n) for n in range(len(colours) - 2)]
    assert all(a != b for a, b in zip(colours, colours[1:]))
    assert len(set(PALETTE)) == len(PALETTE) and SPECIAL_COLOUR not in PALETTE


def test_html_shows_each_piece_with_its_id_in_its_word_colour(tokenizer):
    pieces = show_pieces(tokenizer, SENTENCE)
    page = pieces._repr_html_()
    boxes = re.findall(r"background:(#[0-9a-f]{6});[^>]*>([^<]*)<br><span[^>]*>(\d+)</span>", page)
    expected = [(colour, token, str(token_id))
                for word, colour in zip(pieces.words, pieces.colours())
                for token, token_id in word.pieces]
    assert boxes == [(colour, token.replace("'", "&#x27;"), token_id) for colour, token, token_id in expected]
    assert page == show_pieces(tokenizer, SENTENCE)._repr_html_()  # deterministic (nbval compares it)
    assert "<style" not in page and "<script" not in page and "class=" not in page  # inline only


def test_html_escapes_the_text(tokenizer):
    page = show_pieces(tokenizer, "Fish & chips <3")._repr_html_()
    assert "&amp;" in page and "&lt;" in page
    assert "<3" not in page


def test_text_version_puts_each_id_under_its_piece(tokenizer):
    text = repr(show_pieces(tokenizer, SENTENCE + " " + SENTENCE, add_special_tokens=True))
    lines = text.split("\n")
    assert len(lines) > 3, "a long sentence wraps"
    assert all(len(line) <= 80 for line in lines)
    tokens = []
    for token_line, id_line in zip(lines[0::3], lines[1::3]):
        for match in re.finditer(r"\S+", token_line):
            id_match = re.match(r"\d+", id_line[match.start():])
            assert id_match, f"no id under {match.group()!r}"
            assert tokenizer.convert_ids_to_tokens(int(id_match.group())) == match.group()
            tokens.append(match.group())
    assert tokens == tokenizer.convert_ids_to_tokens(tokenizer(SENTENCE + " " + SENTENCE)["input_ids"])
