"""The WordPiece step-through follows the real tokenizers' rule and draws one row per step."""

import pytest
from matplotlib.patches import Rectangle

from course.longest_match import (LEGEND, StepThroughError, Step, draw_longest_match,
                                  longest_match_steps, one_word, pieces_of)

TOY_VOCABULARY = {"un", "u", "##b", "##be", "##bear", "##able", "##a"}
WORDS = ["snowboarder", "breathtakingly", "Unbreakable", "teacups", "giraffe🦒", "a",
         "dogsled", "sleepwalking", "Transformers", "🦒", "naïve", "straße"]


@pytest.fixture(scope="module")
def cased(mirror_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained("bert-base-cased")


@pytest.fixture(scope="module")
def uncased(mirror_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained("distilbert-base-uncased-finetuned-sst-2-english")


def test_each_step_takes_the_longest_start_in_the_vocabulary():
    assert longest_match_steps("unbearable", TOY_VOCABULARY) == [
        Step("unbearable", "un", 8),
        Step("##bearable", "##bear", 4),
        Step("##able", "##able", 0),
    ]


def test_a_step_that_finds_nothing_makes_the_whole_word_unknown():
    steps = longest_match_steps("unbxa", TOY_VOCABULARY)
    assert steps == [Step("unbxa", "un", 3), Step("##bxa", "##b", 2), Step("##xa", None, 2)]
    assert pieces_of(steps) == ["[UNK]"]
    assert pieces_of(longest_match_steps("unable", TOY_VOCABULARY)) == ["un", "##able"]
    assert longest_match_steps("", TOY_VOCABULARY) == []


@pytest.mark.parametrize("word", WORDS)
def test_the_steps_give_the_real_tokenizers_pieces(cased, uncased, word):
    for tokenizer in (cased, uncased):
        seen = one_word(tokenizer, word)
        steps = longest_match_steps(seen, tokenizer.get_vocab())
        assert pieces_of(steps) == tokenizer.tokenize(word)


def test_the_unknown_character_discards_the_pieces_found_before_it(cased):
    steps = longest_match_steps("giraffe🦒", cased.get_vocab())
    assert [step.piece for step in steps] == ["g", "##ira", "##ffe", None]
    assert steps[-1].remaining == "##🦒"


def test_one_word_normalises_like_the_tokenizer(uncased, cased):
    assert one_word(uncased, "Naïve") == "naive"
    assert one_word(cased, "Naïve") == "Naïve"


@pytest.mark.parametrize("text, message", [
    ("two words", "splits 'two words' into ['two', 'words']"),
    ("word!", "splits 'word!' into ['word', '!']"),
    ("", "splits '' into []"),
])
def test_more_or_less_than_one_word_is_refused_in_one_sentence(cased, text, message):
    with pytest.raises(StepThroughError, match=message.replace("[", r"\[").replace("]", r"\]")):
        one_word(cased, text)


def test_a_tokenizer_without_wordpiece_is_refused():
    with pytest.raises(StepThroughError, match="needs a WordPiece tokenizer"):
        one_word(object(), "word")
    lines = StepThroughError("Give one word.")._render_traceback_()
    assert len(lines) == 1 and "Give one word." in lines[0]


def test_the_picture_has_one_row_per_step_with_piece_and_id(cased):
    figure = draw_longest_match(cased, "snowboarder")
    (axes,) = figure.axes
    texts = [text.get_text() for text in axes.texts]
    for piece, token_id in [("snow", 4883), ("##board", 4015), ("##er", 1200)]:
        assert f"{piece}  (id {token_id})" in texts
    piece_x = next(text.get_position()[0] for text in axes.texts
                   if text.get_text().startswith("snow  "))
    right_of_pieces = [text.get_text() for text in axes.texts
                       if text.get_position()[0] > piece_x and text.get_position()[1] > 0]
    assert right_of_pieces == ["7", "2", "0"]  # longer starts tried first
    assert "Pieces of 'snowboarder':  snow ##board ##er" in texts
    assert all(line in texts for line in LEGEND)
    assert "WordPiece cuts 'snowboarder'" in axes.get_title()


def test_the_match_and_the_rest_differ_by_border_not_only_by_colour(cased):
    (axes,) = draw_longest_match(cased, "snowboarder").axes
    boxes = [patch for patch in axes.patches if isinstance(patch, Rectangle)]
    solid = [box for box in boxes if box.get_linestyle() == "solid"]
    dashed = [box for box in boxes if box.get_linestyle() == "dashed"]
    assert [box.get_width() for box in solid] == [4, 7, 4]  # snow, ##board, ##er
    assert [box.get_width() for box in dashed] == [7, 2]  # boarder, er
    assert all(box.get_facecolor()[3] == 0 for box in dashed)  # unfilled
    # each match box ends where the text left for the next step begins
    assert solid[0].get_x() + 4 == dashed[0].get_x()
    # every row ends where the word ends, so the cut visibly moves right
    row_ends = {}
    for box in boxes:
        row = box.get_y()
        row_ends[row] = max(row_ends.get(row, 0), box.get_x() + box.get_width())
    assert len(row_ends) == 3 and len(set(row_ends.values())) == 1


def test_a_word_with_an_unknown_character_is_drawn_as_unk(cased):
    (axes,) = draw_longest_match(cased, "snow☃").axes
    texts = [text.get_text() for text in axes.texts]
    assert "none: the word becomes [UNK]" in texts
    assert "Pieces of 'snow☃':  [UNK]" in texts


def test_the_picture_shows_the_word_as_the_tokenizer_normalises_it(uncased):
    (axes,) = draw_longest_match(uncased, "Naïve").axes
    assert "Pieces of 'naive':  naive" in [text.get_text() for text in axes.texts]
