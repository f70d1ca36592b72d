"""The course package's messages in the notebook's language (course/i18n.py, the real catalogs):
set-up, check() and hint(), quizzes, and the batch grader's feedback pages."""

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from course import i18n
from course.grade import outputs, scoring, submissions
from course.grading import EXERCISES, check, exercise, hint
from course.quiz import Quiz
from course.quiz.render import ASSETS
from course.notebook import CourseSetupError, setup
from course.provenance import HUB, HUB_LINE, MIRROR, MIRROR_LINE, checkpoint_source

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def korean():
    i18n.set_language("ko")
    yield
    i18n.set_language(i18n.ENGLISH)


def test_english_is_the_default_and_every_catalog_is_a_language():
    assert i18n.current_language() == i18n.ENGLISH
    assert i18n.languages()[0] == i18n.ENGLISH and "ko" in i18n.languages()


def test_a_translated_message_comes_in_the_notebook_language(korean):
    assert i18n._(HUB_LINE) == "체크포인트를 Hugging Face Hub에서 불러옵니다."


def test_a_message_without_translation_keeps_its_english_and_says_so(korean):
    assert i18n._("A sentence nobody translated.") == "A sentence nobody translated. [아직 번역되지 않음]"


def test_an_unknown_language_is_one_clear_message():
    with pytest.raises(CourseSetupError, match="no messages in 'xx': choose one of 'en', 'ko'"):
        setup(language="xx")
    assert i18n.current_language() == i18n.ENGLISH


@pytest.mark.parametrize("line, source", [(MIRROR_LINE, MIRROR), (HUB_LINE, HUB)])
def test_the_set_up_line_is_recognised_in_every_language(line, source):
    for printed in i18n.in_every_language(line).values():
        notebook = {"cells": [{"cell_type": "code", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": printed + "\n"}]}]}
        assert checkpoint_source(notebook) == source


def leaves_its_input(input_ids, max_length):
    """A wrong answer to `truncate_ids`: the ids as given."""
    return input_ids


def test_check_and_hint_speak_the_notebook_language(korean):
    report, given = str(check("truncate_ids", leaves_its_input)), str(hint("truncate_ids", 1))
    assert report.startswith("truncate_ids: 오답. 케이스 10개 중") and "✗ 훨씬 김: 리스트에 ID가 42개 있지만 10개여야 합니다." in report
    assert "처음 실패한 케이스" in report and "[아직 번역되지 않음]" not in report
    assert given.startswith("truncate_ids 힌트 2개 중 1번째: 충분히 짧으면") and "hint(\"truncate_ids\")" in given


def test_check_and_hint_stay_english_in_english_notebooks():
    report, given = str(check("truncate_ids", leaves_its_input)), str(hint("truncate_ids", 1))
    assert report.startswith("truncate_ids: incorrect. ") and "✗ much too long: the list has 42 ids, but it should have 10." in report
    assert given.startswith("Hint 1 of 2 for truncate_ids: Short enough?")


def test_a_korean_quiz_shows_korean_questions_and_gives_its_script_korean_texts(korean):
    page, text = Quiz(1)._repr_html_(), repr(Quiz(1))
    assert "`pipeline()`은 세 단계를" in text and "<code>pipeline()</code>은 세 단계를" in page
    messages = json.loads(html.unescape(re.search(r'data-messages="([^"]*)"', page).group(1)))
    assert messages["Correct."] == "정답입니다."
    assert set(messages) == set(re.findall(r'\bt\("([^"]*)"', (ASSETS / "quiz.js").read_text()))
    assert all(korean_text != english for english, korean_text in messages.items())


def test_an_english_quiz_carries_no_translations():
    page = Quiz(1)._repr_html_()
    assert ' data-messages="' not in page and "In which order does a <code>pipeline()</code>" in page


def test_the_batch_grader_writes_each_feedback_page_in_its_notebook_language(tmp_path):
    notebook = "exercises/04-multiple-sequences.ipynb"
    shutil.copy(ROOT / "ko" / notebook, tmp_path / "korean.ipynb")
    shutil.copy(ROOT / notebook, tmp_path / "english.ipynb")
    items = submissions.read([tmp_path / "korean.ipynb", tmp_path / "english.ipynb"])
    assert [item.language for item in items] == ["ko", "en"]
    expectation = scoring.Expectation.compute("truncate_ids", [])
    events = [{"outcome": outcome} for outcome in exercise.case_outcomes(
        EXERCISES["truncate_ids"], leaves_its_input, [], expectation.cases)]
    pages = []
    for item in items:
        with i18n.speaking(item.language):  # as the grader's command does for each submission
            results = {"truncate_ids": expectation.result(events)}
        pages.append(outputs.feedback_page(outputs.Graded(item, {"truncate_ids": 1}, [], results)))
    korean, english = pages
    assert '<html lang="ko">' in korean and "<h1>korean.ipynb에 대한 피드백</h1>" in korean
    assert "1점 중 0.3점" in korean and "훨씬 김" in korean and "[아직 번역되지 않음]" not in korean
    assert '<html lang="en">' in english and "<h1>Feedback on english.ipynb</h1>" in english
    assert "much too long" in english and i18n.current_language() == i18n.ENGLISH
