"""The chapter quizzes on the built website, in headless Chromium: no kernel, answers checked.

Uses the `site`, `server` and `browser` fixtures of tests/conftest.py. On chapter 4's page:
the options stand in the order the package renders (right answers in varied places), one
question is answered right and one wrong (by keyboard and by mouse), and a numeric one; the
score counts the first tries apart; answers and score survive a reload (local storage), show
on the "Your progress" page with an exercise page's tick, and "Start again" clears them. On
chapter 2's page a question with several right answers checks the set. The tests run in
order, each going on from the state the previous one left.
"""

import time
from collections import Counter

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from course.quiz import MultipleChoice, Numeric, questions
from course.quiz.order import MAX_SHARE, shown_orders

CHAPTER = 4
PAGE = "chapters/04-multiple-sequences.html"
EXERCISES = "exercises/04-multiple-sequences"
ROOT_ID = f"course-quiz-{CHAPTER}"
TOTAL = len(questions(CHAPTER))

OPTIONS = """
return [...document.querySelectorAll(arguments[0] + ' .cq-question')].map(form =>
  [...form.querySelectorAll('.cq-option')].map(option =>
    [option.querySelector('label').textContent, option.querySelector('input').dataset.correct === '1']));
"""


def plain(text):
    """An explanation as the page shows it (code spans lose their backticks)."""
    return text.replace("`", "")


def positions(kind):
    return [(position, question) for position, question in enumerate(questions(CHAPTER), start=1)
            if isinstance(question, kind)]


def open_quiz(browser, url, root_id):
    """Load a page and wait until its quiz script has set the quiz up."""
    browser.get(url)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not browser.execute_script(
            f"return !!document.querySelector('#{root_id}[data-ready]')"):
        time.sleep(0.2)


@pytest.fixture(scope="module")
def page(server, browser):
    """The chapter page with its quiz set up, nothing kept from earlier visits; its console
    messages checked at the end, and the browser's storage left empty for other tests."""
    browser.get(server + PAGE)
    browser.execute_script("localStorage.clear()")
    open_quiz(browser, server + PAGE, ROOT_ID)
    yield browser
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    browser.get_log("performance")  # leave no entries for the next page's visit
    browser.execute_script("localStorage.clear()")
    assert not errors, f"console errors on the quiz pages: {errors}"


def form(browser, position, root_id=ROOT_ID):
    return browser.find_element(By.ID, f"{root_id}-q{position}")


def option_id(question, choice, position, root_id=ROOT_ID):
    """The id of a choice's input on the page: options are numbered in the order shown."""
    return f"{root_id}-q{position}-{shown_orders(questions(CHAPTER))[question.id].index(choice) + 1}"


def feedback(question_form):
    element = question_form.find_element(By.CSS_SELECTOR, ".cq-feedback")
    return element.text, element.get_attribute("class"), element.get_attribute("aria-live")


def score(browser, root_id=ROOT_ID):
    return browser.find_element(By.CSS_SELECTOR, f"#{root_id} .cq-score").text


def test_the_quiz_script_runs_on_the_static_page(page):
    assert page.execute_script(f"return document.getElementById('{ROOT_ID}').dataset.ready") == "1"


def test_options_stand_as_rendered_with_the_right_answers_in_varied_places(page):
    shown = page.execute_script(OPTIONS, f"#{ROOT_ID}")
    orders = shown_orders(questions(CHAPTER))
    expected = [[(plain(choice.text), choice.correct) for choice in orders[question.id]]
                if isinstance(question, MultipleChoice) else [] for question in questions(CHAPTER)]
    assert shown == [[list(option) for option in question] for question in expected]
    places = Counter(place for options in shown for place, (_, right) in enumerate(options, start=1) if right)
    assert len(places) > 1 and max(places.values()) <= MAX_SHARE * sum(places.values()), places


def test_a_right_answer_chosen_with_the_keyboard_says_correct_and_why(page):
    position, question = positions(MultipleChoice)[0]
    radio = form(page, position).find_element(By.ID, option_id(question, question.answers[0], position))
    radio.send_keys(Keys.SPACE)  # select it, then Enter submits the question's form
    radio.send_keys(Keys.ENTER)
    text, classes, live = feedback(form(page, position))
    assert text == "\u2713 Correct. " + plain(question.answers[0].why)
    assert "cq-right" in classes and live == "polite"
    assert score(page) == f"1 of {TOTAL} right at the first try, 1 of {TOTAL} after retrying."


def test_a_wrong_then_right_answer_counts_after_retrying_only(page):
    position, question = positions(MultipleChoice)[1]
    wrong = next(choice for choice in question.choices if not choice.correct)
    question_form = form(page, position)
    question_form.find_element(By.CSS_SELECTOR, f'label[for="{option_id(question, wrong, position)}"]').click()
    question_form.find_element(By.CSS_SELECTOR, "button").click()
    text, classes, _ = feedback(question_form)
    assert text == "\u2717 Not quite. " + plain(wrong.why)
    assert "cq-wrong" in classes and "cq-right" not in classes
    assert score(page) == f"1 of {TOTAL} right at the first try, 1 of {TOTAL} after retrying."
    question_form.find_element(By.CSS_SELECTOR, f'label[for="{option_id(question, question.answers[0], position)}"]').click()
    question_form.find_element(By.CSS_SELECTOR, "button").click()
    assert score(page) == f"1 of {TOTAL} right at the first try, 2 of {TOTAL} after retrying."


def test_a_numeric_answer_explains_a_typical_mistake_then_accepts_the_answer(page):
    position, question = positions(Numeric)[0]
    question_form = form(page, position)
    field = question_form.find_element(By.CSS_SELECTOR, "input[type=text]")
    field.send_keys("twelve", Keys.ENTER)
    assert feedback(question_form)[0] == "Type a number, such as 12, first."
    assert score(page) == f"1 of {TOTAL} right at the first try, 2 of {TOTAL} after retrying."
    mistake, why = next(iter(question.mistakes.items()))
    field.clear()
    field.send_keys(f"{mistake:g}", Keys.ENTER)
    assert feedback(question_form)[0] == "\u2717 Not quite. " + plain(why)
    field.clear()
    field.send_keys(f"{question.answer:g}", Keys.ENTER)
    assert feedback(question_form)[0] == "\u2713 Correct. " + plain(question.why)
    assert score(page) == f"1 of {TOTAL} right at the first try, 3 of {TOTAL} after retrying."


def test_answers_options_and_score_survive_a_reload(page, server):
    before = page.execute_script(OPTIONS, f"#{ROOT_ID}")
    feedbacks = [feedback(form(page, position))[0] for position in range(1, TOTAL + 1)]
    open_quiz(page, server + PAGE, ROOT_ID)
    assert page.execute_script(OPTIONS, f"#{ROOT_ID}") == before
    assert [feedback(form(page, position))[0] for position in range(1, TOTAL + 1)] == feedbacks
    assert score(page) == f"1 of {TOTAL} right at the first try, 3 of {TOTAL} after retrying."
    answered = [position for position, _ in positions(MultipleChoice)[:2]]
    assert all(form(page, position).find_element(By.CSS_SELECTOR, "input:checked") for position in answered)


def test_progress_page_shows_the_quiz_and_a_ticked_exercise_page_after_a_reload(page, server):
    page.get(server + EXERCISES + ".html")
    tick = page.find_element(By.ID, "progress-tick")
    assert tick.is_displayed() and not tick.is_selected()
    tick.send_keys(Keys.SPACE)
    page.get(server + EXERCISES + ".html")
    assert page.find_element(By.ID, "progress-tick").is_selected()
    page.get(server + "book/progress.html")
    rows = page.execute_script("return [...document.querySelectorAll('table.course-progress tbody tr')]"
                               ".map(row => [...row.cells].map(cell => cell.textContent.trim()))")
    assert len(rows) == 5
    assert rows[CHAPTER - 1][1:] == [f"3 of {TOTAL} answered, 1 of {TOTAL} right at the first try",
                                     "Exercises: done (ticked)"]
    assert rows[0][1:] == ["not started", "Exercises: not ticked yet"]


def test_start_again_clears_the_answers_and_the_score(page, server):
    open_quiz(page, server + PAGE, ROOT_ID)
    restart = page.find_element(By.CSS_SELECTOR, f"#{ROOT_ID} .cq-restart")
    restart.send_keys(Keys.ENTER)
    assert score(page) == "" and not restart.is_displayed()
    assert not page.find_elements(By.CSS_SELECTOR, f"#{ROOT_ID} input:checked")
    first_input = page.find_element(By.CSS_SELECTOR, f"#{ROOT_ID} input")
    assert page.switch_to.active_element.get_attribute("id") == first_input.get_attribute("id")
    open_quiz(page, server + PAGE, ROOT_ID)
    assert score(page) == "" and not page.find_elements(By.CSS_SELECTOR, f"#{ROOT_ID} input:checked")


def test_a_question_with_several_right_answers_checks_the_whole_set(page, server):
    chapter, root_id = 2, "course-quiz-2"
    open_quiz(page, server + "chapters/02-models.html", root_id)
    position, question = next((position, question) for position, question in enumerate(questions(chapter), start=1)
                              if isinstance(question, MultipleChoice) and len(question.answers) > 1)
    order = shown_orders(questions(chapter))[question.id]
    question_form = form(page, position, root_id)
    assert "Choose every right answer" in question_form.find_element(By.TAG_NAME, "legend").text

    def check(*choices):
        for box in question_form.find_elements(By.CSS_SELECTOR, "input:checked"):
            box.click()
        for choice in choices:
            question_form.find_element(By.ID, f"{root_id}-q{position}-{order.index(choice) + 1}").click()
        question_form.find_element(By.CSS_SELECTOR, "button").click()
        return feedback(question_form)[0]

    right, wrong = question.answers, [choice for choice in question.choices if not choice.correct]
    assert check(right[0]) == "\u2717 Not quite. " + ("One more option is right." if len(right) == 2
                                                      else f"{len(right) - 1} more options are right.")
    assert check(*right, wrong[0]) == "\u2717 Not quite. " + plain(wrong[0].why)
    assert check(*right) == "\u2713 Correct. " + " ".join(plain(choice.why) for choice in order if choice.correct)
    total = len(questions(chapter))
    assert score(page, root_id) == f"0 of {total} right at the first try, 1 of {total} after retrying."
