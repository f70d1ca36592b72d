"""The chapter quizzes: complete, consistent, deterministic, and their answer keys computed.

Answers that are shapes, id counts or tokens are recomputed here with the real tokenizers and
configurations of the offline mirror, so a wrong answer key fails.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from functools import cached_property
from pathlib import Path

import pytest
import torch

from course.quiz import (CHAPTERS, Choice, MultipleChoice, Numeric, Quiz, QuizError, questions,
                         show_quiz)
from course.quiz.order import MAX_SHARE
from course.quiz.render import ASSETS, SEVERAL

UNCASED = "distilbert-base-uncased-finetuned-sst-2-english"
CASED = "bert-base-cased"
ALL = [(chapter, question) for chapter in CHAPTERS for question in questions(chapter)]


def test_every_chapter_has_six_to_ten_questions_with_unique_ids():
    for chapter in CHAPTERS:
        ids = [question.id for question in questions(chapter)]
        assert 6 <= len(ids) <= 10 and len(set(ids)) == len(ids), chapter


@pytest.mark.parametrize("chapter, question", ALL, ids=lambda value: getattr(value, "id", str(value)))
def test_every_question_has_an_answer_and_every_option_an_explanation(chapter, question):
    assert question.prompt.strip()
    if isinstance(question, MultipleChoice):
        assert 1 <= len(question.answers) < len(question.choices)
        assert len({choice.text for choice in question.choices}) == len(question.choices) >= 3
        assert all(len(choice.why.strip()) > 10 for choice in question.choices)
    else:
        assert isinstance(question, Numeric) and question.why.strip()


def test_badly_declared_questions_are_refused_with_a_reason():
    for correct in ((True, True), (False, False)):
        with pytest.raises(QuizError, match="at least one correct and one wrong option"):
            MultipleChoice("x", "?", tuple(Choice(text, "because", right)
                                           for text, right in zip("ab", correct)))
    with pytest.raises(QuizError, match="every option needs an explanation"):
        MultipleChoice("x", "?", (Choice("a", "because", True), Choice("b", " ")))
    with pytest.raises(QuizError, match="mistake equals the answer"):
        Numeric("x", "?", 5, "because", mistakes={5: "oops"})


@pytest.mark.parametrize("chapter", [0, 6, "4", None])
def test_an_unknown_chapter_gets_a_one_sentence_message(chapter):
    with pytest.raises(QuizError, match="There is no quiz for chapter .*choose one of 1, 2, 3, 4, 5"):
        show_quiz(chapter)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_html_is_deterministic_accessible_and_holds_every_answer(chapter):
    page = Quiz(chapter)._repr_html_()
    assert page == Quiz(chapter)._repr_html_()  # nbval compares it byte for byte
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) and all(i.startswith(f"course-quiz-{chapter}") for i in ids)
    assert page.count('aria-live="polite"') == len(questions(chapter)) + 1
    assert page.count("<fieldset>") == page.count("<legend>") == len(questions(chapter))
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    assert labelled == set(re.findall(r'<input [^>]*id="([^"]+)"', page))
    choice_questions = [q for q in questions(chapter) if isinstance(q, MultipleChoice)]
    assert page.count('data-correct="1"') == sum(len(q.answers) for q in choice_questions)
    assert page.count("<details>") == len(questions(chapter))  # answers without JavaScript


def test_plain_text_lists_questions_and_options_as_shown_without_the_answers():
    text = repr(Quiz(4))
    assert text.startswith("Check yourself: chapter 4, 9 questions")
    shown = re.findall(r'<label for="course-quiz-4-q1-\d+">(.*?)</label>', Quiz(4)._repr_html_())
    listed = re.findall(r"^   [a-h]\) (.*)$", text, re.M)[:len(shown)]
    assert [label.replace("<code>", "`").replace("</code>", "`") for label in shown] == listed
    assert "Right" not in text


def right_places(page):
    """The places (1 = first) of the right options in each multiple-choice question of a page."""
    forms = re.findall(r'<form class="cq-question".*?</form>', page)
    return [[place for place, correct in enumerate(re.findall(r'data-correct="(\d)"', form), start=1)
             if correct == "1"] for form in forms if "data-correct" in form]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_place_holds_more_than_40_percent_of_a_chapters_right_answers(chapter):
    places = Counter(place for question in right_places(Quiz(chapter)._repr_html_()) for place in question)
    most = max(places.values())
    assert MAX_SHARE == 0.4 and most <= MAX_SHARE * sum(places.values()), (
        f"chapter {chapter}: right answers by place {dict(places)}")


def test_options_are_shuffled_the_same_way_in_another_process_with_another_hash_seed():
    script = ("import hashlib; from course.quiz import Quiz; print(hashlib.sha256(''.join("
              "Quiz(c)._repr_html_() for c in (1, 2, 3, 4, 5)).encode()).hexdigest())")
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout.strip()
    import hashlib

    here = hashlib.sha256("".join(Quiz(c)._repr_html_() for c in CHAPTERS).encode()).hexdigest()
    assert other == here


@pytest.mark.parametrize("chapter, question", [(c, q) for c, q in ALL if isinstance(q, MultipleChoice)
                                               and len(q.answers) > 1], ids=lambda value: getattr(value, "id", str(value)))
def test_a_question_with_several_right_answers_says_so_and_uses_checkboxes(chapter, question):
    form = next(form for form in re.findall(r'<form class="cq-question".*?</form>', Quiz(chapter)._repr_html_())
                if f'data-question="{question.id}"' in form)
    assert SEVERAL in form and SEVERAL in repr(Quiz(chapter))
    assert form.count('type="checkbox"') == len(question.choices) and 'type="radio"' not in form


def test_some_questions_have_several_right_answers():
    assert sum(1 for _, q in ALL if isinstance(q, MultipleChoice) and len(q.answers) > 1) >= 2


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to parse the script")
def test_the_script_is_valid_javascript():
    script = Path(tempfile.mkdtemp()) / "quiz.js"
    script.write_text((ASSETS / "quiz.js").read_text())
    result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ answer keys, recomputed

class Real:
    """The mirror's real tokenizers and configurations (and stand-in weights for shapes)."""

    @cached_property
    def uncased(self):
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(UNCASED)

    @cached_property
    def cased(self):
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(CASED)

    @cached_property
    def bert_config(self):
        from transformers import AutoConfig

        return AutoConfig.from_pretrained(CASED)

    def run(self, model_class, sentences, **options):
        model = model_class.from_pretrained(UNCASED, attn_implementation="eager")
        batch = self.uncased(sentences, padding=True, return_tensors="pt")
        with torch.no_grad():
            return model(**batch, **options)


CHAPTER1_SENTENCES = ["This recipe was a lovely surprise and the kids loved it.",
                      "The printer jammed twice and the manual was useless.",
                      "Our new puppy is adorable!"]
SOUP, EVENING = "The soup was bland and the bread was stale.", "What a lovely evening!"
NOVEL, AWFUL = "I enjoyed every page of this novel.", "Truly awful."


def shape(tensor_shape):
    return "`" + str(tuple(tensor_shape)) + "`"


def saved_files(saveable):
    with tempfile.TemporaryDirectory() as folder:
        saveable.save_pretrained(folder)
        return sorted(path.name for path in Path(folder).iterdir())


def tiny_bert():
    from transformers import BertConfig, BertModel

    return BertModel(BertConfig(hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                                intermediate_size=16, vocab_size=10))


def meta_bert(config):
    from transformers import BertModel

    with torch.device("meta"):
        return BertModel(config)


def tf_error(tokenizer):
    """The tensor types the error message offers, as the quiz writes them."""
    try:
        tokenizer(["a", "b c"], padding=True, return_tensors="tf")
    except ValueError as error:
        offered = re.search(r"\[(.*)\]", str(error)).group(1)
        return tuple(f"`{name.strip()}`" for name in offered.split(","))
    return ("no error",)


def unpadded_tensor_error(tokenizer):
    try:
        tokenizer([NOVEL, AWFUL], return_tensors="pt")
    except ValueError as error:
        return "padding=True" if "padding=True" in str(error) else str(error)
    return "no error"


def truncated_text_tokens(tokenizer):
    ids = tokenizer("The delivery was late and the box arrived broken.", max_length=8,
                    truncation=True)["input_ids"]
    tokens = tokenizer.convert_ids_to_tokens(ids)
    assert len(ids) == 8 and tokens[0] == "[CLS]" and tokens[-1] == "[SEP]"
    return f"first {len(ids) - 2} text tokens"


def call_additions(tokenizer):
    """What `tokenizer(text)` gives beyond `convert_tokens_to_ids(tokenize(text))`, as the quiz
    writes it."""
    text = "Unbreakable teacups are surprisingly affordable."
    called = tokenizer(text)
    ids = called["input_ids"]
    assert ids[1:-1] == tokenizer.convert_tokens_to_ids(tokenizer.tokenize(text))
    first, last = tokenizer.convert_ids_to_tokens([ids[0], ids[-1]])
    return frozenset([f"`{first}` at the start of the ids and `{last}` at the end"]
                     + [f"`{key}`" for key in called if key != "input_ids"])


# For a numeric question: the number. For a multiple-choice one: a text (or a tuple of texts)
# that the correct option contains and no other option does, or, for a question with several
# correct options, the frozenset of texts that the correct options and no others contain.
COMPUTED = {
    (1, "puppy-ids"): lambda real: len(real.uncased("Our new puppy is adorable!")["input_ids"]),
    (1, "hidden-shape"): lambda real: shape(real.run(
        __import__("transformers").AutoModel, CHAPTER1_SENTENCES).last_hidden_state.shape),
    (1, "logits-shape"): lambda real: shape(real.run(
        __import__("transformers").AutoModelForSequenceClassification,
        CHAPTER1_SENTENCES).logits.shape),
    (2, "head-width"): lambda real: real.bert_config.hidden_size // real.bert_config.num_attention_heads,
    (2, "position-shape"): lambda real: shape(
        meta_bert(real.bert_config).embeddings.position_embeddings.weight.shape),
    (2, "row-bytes"): lambda real: real.bert_config.hidden_size * torch.finfo(torch.float32).bits // 8,
    (2, "saved-files"): lambda real: frozenset(f"`{name}`" for name in saved_files(tiny_bert())),
    (3, "regex-words"): lambda real: len(re.findall(r"\w+|[^\w\s]",
                                                    "Our neighbour walks two dogs every morning.")),
    (3, "teacups-ids"): lambda real: len(real.cased(
        "Unbreakable teacups are surprisingly affordable.")["input_ids"]),
    (3, "giraffe"): lambda real: f"`{real.cased.tokenize('giraffe🦒')}`",
    (3, "skip-special"): lambda real: f"`{real.cased.decode([101, 8667, 102, 0, 0], skip_special_tokens=True)!r}`",
    (3, "saved-tokenizer"): lambda real: frozenset(f"`{name}`" for name in saved_files(real.cased)),
    (3, "call-vs-steps"): lambda real: call_additions(real.cased),
    (4, "batch-axis"): lambda real: shape(torch.tensor([real.uncased(SOUP)["input_ids"]]).shape),
    (4, "pad-count"): lambda real: (len(real.uncased(SOUP)["input_ids"])
                                    - len(real.uncased(EVENING)["input_ids"])),
    (4, "attention-shape"): lambda real: shape(real.run(
        __import__("transformers").AutoModelForSequenceClassification, [SOUP, EVENING],
        output_attentions=True).attentions[0].shape),
    (4, "unused"): lambda real: f"`{real.uncased.convert_ids_to_tokens(200)}`",
    (4, "truncated-length"): lambda real: len(real.uncased(SOUP + " " + " ".join([SOUP] * 59),
                                                          truncation=True)["input_ids"]),
    (5, "one-call-ids"): lambda real: len(real.uncased(NOVEL)["input_ids"]),
    (5, "mask-zeros"): lambda real: real.uncased([NOVEL, AWFUL], padding=True)["attention_mask"][1].count(0),
    (5, "max-length-default"): lambda real: str(len(real.uncased(AWFUL, padding="max_length")["input_ids"])),
    (5, "truncate-8"): lambda real: truncated_text_tokens(real.uncased),
    (5, "return-tf"): lambda real: tf_error(real.uncased),
    (5, "no-padding-tensors"): lambda real: unpadded_tensor_error(real.uncased),
}


@pytest.fixture(scope="module")
def real(mirror_dir):
    return Real()


def test_every_numeric_answer_is_computed_here():
    numeric = {(chapter, q.id) for chapter, q in ALL if isinstance(q, Numeric)}
    assert numeric <= set(COMPUTED), f"numeric answers not recomputed: {numeric - set(COMPUTED)}"


@pytest.mark.parametrize("key", sorted(COMPUTED), ids=lambda key: f"ch{key[0]}-{key[1]}")
def test_answer_key_matches_what_the_code_gives(real, key):
    chapter, question_id = key
    question = next(q for q in questions(chapter) if q.id == question_id)
    value = COMPUTED[key](real)
    if isinstance(question, Numeric):
        assert question.answer == value
    elif isinstance(value, frozenset):
        holding = {choice.text for choice in question.choices if any(part in choice.text for part in value)}
        assert holding == {choice.text for choice in question.answers}, f"{sorted(value)} are in {holding}"
        assert all(any(part in choice.text for choice in question.answers) for part in value)
    else:
        parts = value if isinstance(value, tuple) else (str(value),)
        holding = [choice.text for choice in question.choices
                   if all(part in choice.text for part in parts)]
        assert holding == [choice.text for choice in question.answers], f"{value!r} is in {holding}"


# ------------------------------------------------------------------ the chapters' quiz cells

CHAPTER_NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", CHAPTER_NOTEBOOKS, ids=lambda path: path.stem)
def test_each_chapter_ends_with_its_quiz_and_the_stored_quiz_is_current(path):
    import nbformat

    chapter = int(path.name.split("-")[0])
    heading, code = nbformat.read(path, as_version=4).cells[-2:]
    assert heading.cell_type == "markdown" and heading.source.startswith("## Check yourself")
    assert code.source == f"from course.quiz import show_quiz\nshow_quiz({chapter})"
    stored = [output["data"]["text/html"] for output in code.outputs if "data" in output]
    assert stored == [Quiz(chapter)._repr_html_()], "re-run tools/notebooks/append_quiz.py or the notebook"


def test_appending_twice_leaves_a_chapter_alone():
    import importlib.util

    tool = Path(__file__).resolve().parents[1] / "tools" / "notebooks" / "append_quiz.py"
    spec = importlib.util.spec_from_file_location("append_quiz", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    before = CHAPTER_NOTEBOOKS[0].read_bytes()
    assert module.append(CHAPTER_NOTEBOOKS[0]) is False
    assert CHAPTER_NOTEBOOKS[0].read_bytes() == before
