"""The tokenizer playground reports what the real tokenizer call returns, and follows its controls."""

import re

import pytest

from course.playground import CUT_STYLE, Cell, Playground, call_text, counted, encode, table

SENTENCES = ["This cafe serves delicious coffee and fresh croissants.", "The soup was bland."]


@pytest.fixture(scope="module")
def tokenizer(mirror_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained("distilbert-base-uncased-finetuned-sst-2-english")


def test_longest_padding_fills_the_short_sentence_with_masked_pad_tokens(tokenizer):
    long, short = encode(tokenizer, SENTENCES, max_length=32, padding="longest")
    assert len(long) == len(short) == 14
    assert short[:7] == [Cell("[CLS]", 101, "special", 1), Cell("the", 1996, "text", 1),
                         Cell("soup", 11350, "text", 1), Cell("was", 2001, "text", 1),
                         Cell("bland", 20857, "text", 1), Cell(".", 1012, "text", 1),
                         Cell("[SEP]", 102, "special", 1)]
    assert short[7:] == [Cell("[PAD]", 0, "padding", 0)] * 7
    assert [cell.kind for cell in long] == ["special"] + ["text"] * 12 + ["special"]


def test_cells_agree_with_the_tokenizer_call(tokenizer):
    encoding = tokenizer(SENTENCES, padding="max_length", truncation=True, max_length=10)
    rows = encode(tokenizer, SENTENCES, max_length=10, padding="max_length")
    for row, ids, mask in zip(rows, encoding["input_ids"], encoding["attention_mask"]):
        assert [cell.token_id for cell in row] == ids
        assert [cell.attention for cell in row] == mask
        assert [cell.token for cell in row] == tokenizer.convert_ids_to_tokens(ids)


def test_max_length_padding_and_truncation_give_every_row_that_length(tokenizer):
    for max_length in (5, 9, 20):
        rows = encode(tokenizer, SENTENCES, max_length=max_length, padding="max_length")
        assert [len(row) for row in rows] == [max_length, max_length]
        assert all(row[0].token == "[CLS]" for row in rows)
        assert all(any(cell.token == "[SEP]" for cell in row) for row in rows)
    truncated = encode(tokenizer, SENTENCES, max_length=5, padding="max_length")[0]
    assert [cell.token for cell in truncated] == ["[CLS]", "this", "cafe", "serves", "[SEP]"]


def test_without_padding_or_truncation_lengths_differ_and_nothing_is_masked(tokenizer):
    rows = encode(tokenizer, SENTENCES, max_length=4, padding="do_not_pad", truncation=False)
    assert [len(row) for row in rows] == [14, 7]
    assert all(cell.attention == 1 and cell.kind != "padding" for row in rows for cell in row)


def test_unknown_padding_choice_is_refused(tokenizer):
    with pytest.raises(ValueError, match="padding must be one of"):
        encode(tokenizer, SENTENCES, padding=True)


def test_call_text_names_max_length_only_when_the_tokenizer_uses_it():
    assert call_text("longest", True, 8) == ("tokenizer(sentences, padding='longest', truncation=True, "
                                             "max_length=8)")
    assert call_text("longest", False, 8) == "tokenizer(sentences, padding='longest', truncation=False)"
    assert call_text("max_length", False, 8).endswith("max_length=8)")


def test_text_rendering_puts_each_id_and_mask_value_under_its_token(tokenizer):
    text = repr(table(tokenizer, SENTENCES, max_length=12))
    lines = text.split("\n")
    assert lines[0] == ("tokenizer(sentences, padding='longest', truncation=True, max_length=12)"
                        "  ->  2 sentences of 12 tokens")
    tokens, ids, mask = lines[lines.index("sentence 1:") + 1:][:3]
    for match in re.finditer(r"\S+", tokens[17:]):
        start = 17 + match.start()
        token_id = int(re.match(r"\d+", ids[start:]).group())
        assert tokenizer.convert_ids_to_tokens(token_id) == match.group()
        assert mask[start] == ("0" if match.group() == "[PAD]" else "1")


def test_html_marks_every_cell_by_kind_and_escapes_text(tokenizer):
    page = table(tokenizer, ["Fish & chips <3", "Hi"], max_length=8)._repr_html_()
    assert "&amp;" in page and "&lt;" in page and "<3" not in page
    assert page.count("border-style:dashed") == 3 * 4 + 1  # 4 padded positions x 3 rows, + legend
    again = table(tokenizer, ["Fish & chips <3", "Hi"], max_length=8)._repr_html_()
    assert page == again  # deterministic: nbval compares it
    assert "<script" not in page and "class=" not in page


def test_empty_sentences_are_left_out(tokenizer):
    assert len(table(tokenizer, ["Hello there.", "  "]).rows) == 1
    assert "type a sentence" in repr(table(tokenizer, ["", ""]))


def test_the_table_follows_the_controls(tokenizer):
    playground = Playground(tokenizer, SENTENCES, max_length=12)
    assert [len(row) for row in playground.current.rows] == [12, 12]
    playground.max_length.value = 6
    assert [len(row) for row in playground.current.rows] == [6, 6]
    playground.padding.value = "max_length"
    playground.max_length.value = 16
    assert [len(row) for row in playground.current.rows] == [16, 16]
    playground.truncation.value = False
    playground.padding.value = "do_not_pad"
    assert [len(row) for row in playground.current.rows] == [14, 7]
    playground.texts[1].value = ""
    assert len(playground.current.rows) == 1
    assert playground.current.call == "tokenizer(sentences, padding='do_not_pad', truncation=False)"


def test_a_row_cut_by_truncation_says_so_and_how_many_tokens_it_kept(tokenizer):
    cut = table(tokenizer, SENTENCES, max_length=8)
    assert cut.headings() == [("sentence 0 (cut by truncation: 8 of its 14 tokens kept)", True),
                              ("sentence 1", False)]  # padded to 8, nothing cut
    assert "\nsentence 0 (cut by truncation: 8 of its 14 tokens kept):\n" in repr(cut)
    page = cut._repr_html_()
    assert page.count(CUT_STYLE) == 1
    assert f'{CUT_STYLE}">sentence 0 (cut by truncation: 8 of its 14 tokens kept)</th>' in page
    for kept in (table(tokenizer, SENTENCES, max_length=4, padding="do_not_pad", truncation=False),
                 table(tokenizer, SENTENCES, max_length=14)):
        assert not any(is_cut for _, is_cut in kept.headings())
        assert CUT_STYLE not in kept._repr_html_()


def test_counts_are_grammatical(tokenizer):
    assert [counted(number, "token") for number in (0, 1, 2)] == ["0 tokens", "1 token", "2 tokens"]
    assert table(tokenizer, ["Hi"], max_length=2).summary().endswith("->  1 sentence of 2 tokens")
