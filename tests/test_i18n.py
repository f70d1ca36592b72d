"""The course package's messages in the notebook's language (course/i18n.py, the real catalogs)."""

import pytest

from course import i18n
from course.notebook import CourseSetupError, setup
from course.provenance import HUB, HUB_LINE, MIRROR, MIRROR_LINE, checkpoint_source


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
