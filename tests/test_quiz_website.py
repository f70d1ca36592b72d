"""The chapter quiz on the built website, in headless Chromium: no kernel, answers checked.

Uses the `site`, `server` and `browser` fixtures of tests/conftest.py. Answers one question
right and one wrong (by keyboard and by mouse), and a numeric one, and reads the feedback.
"""

import time

import pytest

from course.quiz import MultipleChoice, Numeric, questions

CHAPTER = 4
PAGE = "chapters/04-multiple-sequences.html"
ROOT_ID = f"course-quiz-{CHAPTER}"


def plain(text):
    """An explanation as the page shows it (code spans lose their backticks)."""
    return text.replace("`", "")


def positions(kind):
    return [(position, question) for position, question in enumerate(questions(CHAPTER), start=1)
            if isinstance(question, kind)]


@pytest.fixture(scope="module")
def page(server, browser):
    """The chapter page with its quiz script set up; its console messages checked at the end."""
    browser.get(server + PAGE)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not browser.execute_script(
            f"return !!document.querySelector('#{ROOT_ID}[data-ready]')"):
        time.sleep(0.2)
    yield browser
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    browser.get_log("performance")  # leave no entries for the next page's visit
    assert not errors, f"console errors on {PAGE}: {errors}"


def form(browser, position):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, f"{ROOT_ID}-q{position}")


def feedback(question_form):
    from selenium.webdriver.common.by import By

    element = question_form.find_element(By.CSS_SELECTOR, ".cq-feedback")
    return element.text, element.get_attribute("class"), element.get_attribute("aria-live")


def test_the_quiz_script_runs_on_the_static_page(page):
    assert page.execute_script(f"return document.getElementById('{ROOT_ID}').dataset.ready") == "1"


def test_a_right_answer_chosen_with_the_keyboard_says_correct_and_why(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    position, question = positions(MultipleChoice)[0]
    right = question.choices.index(question.answer) + 1
    radio = form(page, position).find_element(By.ID, f"{ROOT_ID}-q{position}-{right}")
    radio.send_keys(Keys.SPACE)  # select it, then Enter submits the question's form
    radio.send_keys(Keys.ENTER)
    text, classes, live = feedback(form(page, position))
    assert text == "\u2713 Correct. " + plain(question.answer.why)
    assert "cq-right" in classes and live == "polite"
    score = page.find_element(By.CSS_SELECTOR, f"#{ROOT_ID} .cq-score").text
    assert score == f"Answered correctly: 1 of {len(questions(CHAPTER))}."


def test_a_wrong_answer_chosen_with_the_mouse_says_not_quite_and_why(page):
    from selenium.webdriver.common.by import By

    position, question = positions(MultipleChoice)[1]
    wrong = next(index for index, choice in enumerate(question.choices, start=1)
                 if not choice.correct)
    question_form = form(page, position)
    question_form.find_element(By.CSS_SELECTOR, f'label[for="{ROOT_ID}-q{position}-{wrong}"]').click()
    question_form.find_element(By.CSS_SELECTOR, "button").click()
    text, classes, _ = feedback(question_form)
    assert text == "\u2717 Not quite. " + plain(question.choices[wrong - 1].why)
    assert "cq-wrong" in classes and "cq-right" not in classes


def test_a_numeric_answer_explains_a_typical_mistake_then_accepts_the_answer(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    position, question = positions(Numeric)[0]
    question_form = form(page, position)
    field = question_form.find_element(By.CSS_SELECTOR, "input[type=text]")
    field.send_keys("twelve", Keys.ENTER)
    assert feedback(question_form)[0] == "Type a number, such as 12, first."
    mistake, why = next(iter(question.mistakes.items()))
    field.clear()
    field.send_keys(f"{mistake:g}", Keys.ENTER)
    assert feedback(question_form)[0] == "\u2717 Not quite. " + plain(why)
    field.clear()
    field.send_keys(f"{question.answer:g}", Keys.ENTER)
    assert feedback(question_form)[0] == "\u2713 Correct. " + plain(question.why)
