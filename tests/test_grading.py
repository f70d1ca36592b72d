"""The grader: correct answers in several styles pass, typical mistakes fail with a clear reason,
and bad learner code (exceptions, wrong types, endless loops, stubs) gets a message, not a crash.

The mistaken functions live here, never in the notebooks.
"""

import multiprocessing
import os
import signal
import time

import pytest
import torch

from course.grading import EXERCISES, Exercise, Status, check, hint
from course.grading.checks import same_id_list
from course.grading.exercise import Case, grade
from course.grading import learner
from course.grading.learner import Limits


# ---- correct answers, written in different styles ------------------------------------------

def pad_with_lists(sequences, pad_token_id, padding_side="right"):
    longest = max(len(s) for s in sequences)
    rows = []
    for s in sequences:
        padding = [pad_token_id] * (longest - len(s))
        rows.append(padding + list(s) if padding_side == "left" else list(s) + padding)
    return torch.tensor(rows, dtype=torch.long)


def pad_with_full(sequences, pad_token_id, padding_side="right"):
    longest = max(map(len, sequences))
    batch = torch.full((len(sequences), longest), pad_token_id, dtype=torch.long)
    for row, s in enumerate(sequences):
        if padding_side == "left":
            batch[row, longest - len(s):] = torch.tensor(s)
        else:
            batch[row, :len(s)] = torch.tensor(s)
    return batch


def pad_with_pad_sequence(sequences, pad_token_id, padding_side="right"):
    tensors = [torch.tensor(s, dtype=torch.long) for s in sequences]
    return torch.nn.utils.rnn.pad_sequence(tensors, batch_first=True, padding_value=pad_token_id,
                                           padding_side=padding_side)


def mask_from_padded_ones(sequences, padding_side="right"):
    return pad_with_lists([[1] * len(s) for s in sequences], 0, padding_side)


def mask_with_arange(sequences, padding_side="right"):
    lengths = torch.tensor([len(s) for s in sequences])
    positions = torch.arange(int(lengths.max()))
    if padding_side == "left":
        return (positions >= lengths.max() - lengths[:, None]).long()
    return (positions < lengths[:, None]).long()


def mask_row_by_row(sequences, padding_side="right"):
    longest = max(len(s) for s in sequences)
    mask = torch.zeros(len(sequences), longest, dtype=torch.int64)
    for row, s in enumerate(sequences):
        start = longest - len(s) if padding_side == "left" else 0
        mask[row, start:start + len(s)] = 1
    return mask


def truncate_with_slices(input_ids, max_length):
    if len(input_ids) > max_length:
        return input_ids[:max_length - 1] + input_ids[-1:]
    return input_ids


def truncate_with_a_loop(input_ids, max_length):
    result = [input_ids[0]]
    for token in input_ids[1:-1][:max_length - 2]:
        result.append(token)
    result.append(input_ids[-1])
    return result


def classify_without_grad(model, sequences, pad_token_id):
    with torch.no_grad():
        return model(input_ids=pad_with_lists(sequences, pad_token_id),
                     attention_mask=mask_from_padded_ones(sequences)).logits


def classify_with_grad_and_a_dict(model, sequences, pad_token_id):
    batch = {"input_ids": pad_with_pad_sequence(sequences, pad_token_id),
             "attention_mask": mask_with_arange(sequences)}
    return model(**batch).logits


CORRECT = [
    ("pad_batch", pad_with_lists), ("pad_batch", pad_with_full), ("pad_batch", pad_with_pad_sequence),
    ("make_attention_mask", mask_from_padded_ones), ("make_attention_mask", mask_with_arange),
    ("make_attention_mask", mask_row_by_row),
    ("truncate_ids", truncate_with_slices), ("truncate_ids", truncate_with_a_loop),
    ("classify_batch", classify_without_grad), ("classify_batch", classify_with_grad_and_a_dict),
] + [(name, exercise.reference) for name, exercise in EXERCISES.items()
     if exercise.chapter == 4]  # the other chapters' are in test_grading_chapters.py


@pytest.mark.parametrize("name, function", CORRECT, ids=lambda item: getattr(item, "__name__", item))
def test_correct_answers_pass(name, function):
    report = check(name, function)
    assert report.passed, str(report)
    assert report.status is Status.CORRECT and "correct" in str(report)


# ---- typical mistakes -------------------------------------------------------------------------

def pad_always_right(sequences, pad_token_id, padding_side="right"):
    return pad_with_lists(sequences, pad_token_id)


def pad_sides_swapped(sequences, pad_token_id, padding_side="right"):
    return pad_with_lists(sequences, pad_token_id, "right" if padding_side == "left" else "left")


def pad_to_a_fixed_length(sequences, pad_token_id, padding_side="right"):
    return torch.tensor([list(s) + [pad_token_id] * (16 - len(s)) for s in sequences])


def pad_in_place(sequences, pad_token_id, padding_side="right"):
    longest = max(len(s) for s in sequences)
    for s in sequences:
        s.extend([pad_token_id] * (longest - len(s)))
    return torch.tensor(sequences, dtype=torch.long)


def pad_to_lists(sequences, pad_token_id, padding_side="right"):
    return pad_with_lists(sequences, pad_token_id, padding_side).tolist()


def pad_as_floats(sequences, pad_token_id, padding_side="right"):
    return pad_with_lists(sequences, pad_token_id, padding_side).float()


def mask_by_comparing_ids(sequences, padding_side="right"):
    return (pad_with_lists(sequences, 0, padding_side) != 0).long()


def mask_as_floats(sequences, padding_side="right"):
    return mask_from_padded_ones(sequences, padding_side).float()


def mask_as_bools(sequences, padding_side="right"):
    return mask_from_padded_ones(sequences, padding_side).bool()


def mask_always_right(sequences, padding_side="right"):
    return mask_from_padded_ones(sequences)


def truncate_dropping_sep(input_ids, max_length):
    return input_ids[:max_length]


def truncate_with_bert_ids(input_ids, max_length):
    return [101] + input_ids[1:-1][:max_length - 2] + [102]


def truncate_off_by_one(input_ids, max_length):
    return input_ids if len(input_ids) <= max_length else input_ids[:max_length - 2] + input_ids[-1:]


def truncate_in_place(input_ids, max_length):
    if len(input_ids) > max_length:
        del input_ids[max_length - 1:-1]
    return input_ids


def classify_without_mask(model, sequences, pad_token_id):
    return model(input_ids=pad_with_lists(sequences, pad_token_id)).logits


def classify_padding_left(model, sequences, pad_token_id):
    return model(input_ids=pad_with_lists(sequences, pad_token_id, "left"),
                 attention_mask=mask_from_padded_ones(sequences, "left")).logits


def classify_returning_the_output(model, sequences, pad_token_id):
    return model(input_ids=pad_with_lists(sequences, pad_token_id),
                 attention_mask=mask_from_padded_ones(sequences))


def classify_returning_probabilities(model, sequences, pad_token_id):
    return classify_without_grad(model, sequences, pad_token_id).softmax(dim=-1)


MISTAKES = [  # (exercise, function, words the report must contain)
    ("pad_batch", pad_always_right, "left padding: the shape is right, but some values are wrong"),
    ("pad_batch", pad_sides_swapped, "some values are wrong"),
    ("pad_batch", pad_to_a_fixed_length, "but it should have shape"),
    ("pad_batch", pad_in_place, "your function changed its input"),
    ("pad_batch", pad_to_lists, "returned a list (builtins.list), but it should return a torch tensor"),
    ("pad_batch", pad_as_floats, "dtype torch.float32"),
    ("make_attention_mask", mask_by_comparing_ids, "real tokens with id 0: the shape is right, but"),
    ("make_attention_mask", mask_as_floats, "dtype torch.float32"),
    ("make_attention_mask", mask_as_bools, "True/False values"),
    ("make_attention_mask", mask_always_right, "left padding: the shape is right, but"),
    ("truncate_ids", truncate_dropping_sep, "one id too long: the length is right, but"),
    ("truncate_ids", truncate_with_bert_ids, "other special ids"),
    ("truncate_ids", truncate_off_by_one, "the list has 6 ids, but it should have 7"),
    ("truncate_ids", truncate_in_place, "your function changed its input"),
    ("classify_batch", classify_without_mask, "does the model get the attention mask?"),
    ("classify_batch", classify_padding_left, "differ from running each sequence alone"),
    ("classify_batch", classify_returning_the_output, "return only its .logits"),
    ("classify_batch", classify_returning_probabilities, "returned probabilities (the softmax of the logits)"),
]


@pytest.mark.parametrize("name, function, words", MISTAKES, ids=lambda item: getattr(item, "__name__", None))
def test_typical_mistakes_fail_with_a_specific_reason(name, function, words):
    report = check(name, function)
    assert not report.passed and report.status is Status.INCORRECT
    text = str(report)
    assert words in text, text
    assert "First failing case" in text and "expected:" in text and "got:" in text
    assert "Traceback" not in text


def test_a_failure_shows_the_call_the_expected_value_and_what_came_back():
    text = str(check("pad_batch", pad_always_right))
    assert "First failing case: left padding" in text
    assert "call:     pad_batch(sequences=[[" in text and "padding_side='left')" in text
    expected, got = text.split("expected: ")[1].split("got:      ")
    assert expected.split(",")[0] == "tensor([[   0"  # padded on the left
    assert not got.startswith("tensor([[   0")


# ---- learner code that goes wrong -------------------------------------------------------------

def stub(sequences, pad_token_id, padding_side="right"):
    raise NotImplementedError("Write your code here")


def test_an_unsolved_stub_is_not_attempted_yet():
    report = check("pad_batch", stub)
    assert report.status is Status.NOT_ATTEMPTED and not report.passed
    assert str(report).startswith("pad_batch: not attempted yet.")
    assert 'hint("pad_batch")' in str(report)


def test_a_partly_solved_function_is_incorrect_not_unattempted():
    def left_missing(sequences, pad_token_id, padding_side="right"):
        if padding_side == "left":
            raise NotImplementedError
        return pad_with_lists(sequences, pad_token_id)

    assert check("pad_batch", left_missing).status is Status.INCORRECT


def pad_with_a_typo(sequences, pad_token_id, padding_side="right"):
    longest = max(len(s) for s in sequences)
    return torch.tensor([list(s) + [pad_token_id] * (longest - len(s)) for s in sequence])  # typo


def test_an_exception_names_the_learners_own_line():
    text = str(check("pad_batch", pad_with_a_typo))
    assert "your function raised NameError: name 'sequence' is not defined" in text
    line = pad_with_a_typo.__code__.co_firstlineno + 2
    assert f"in test_grading.py, line {line}: return torch.tensor([list(s)" in text
    assert "Traceback" not in text and "site-packages" not in text


def test_an_error_inside_a_library_points_at_the_learners_call():
    def ragged(sequences, pad_token_id, padding_side="right"):
        return torch.tensor(sequences)

    text = str(check("pad_batch", ragged))
    assert "ValueError" in text and "return torch.tensor(sequences)" in text
    assert "torch/" not in text


def test_a_missing_return_gets_a_sentence():
    def forgot_return(sequences, pad_token_id, padding_side="right"):
        pad_with_lists(sequences, pad_token_id, padding_side)

    assert "returned None: did you forget the `return` statement?" in str(check("pad_batch", forgot_return))


def test_truncate_must_return_python_ints():
    assert same_id_list([101, torch.tensor(7), 102], [101, 7, 102]).endswith("holds Tensor values.")
    assert "should return a list" in same_id_list(torch.tensor([101, 102]), [101, 102])


def test_something_that_is_not_a_function_gets_a_sentence():
    report = check("pad_batch", [[1, 2]])
    assert not report.passed and 'check("pad_batch", pad_batch)' in str(report)


def endless(sequences, pad_token_id, padding_side="right"):
    while True:
        pass


def stubborn(sequences, pad_token_id, padding_side="right"):
    while True:
        try:
            time.sleep(10)
        except Exception:  # a learner's broad except must not swallow the time limit
            pass


def stopped_check(monkeypatch, limit, function, clock):
    """check("pad_batch", function) with `learner.<limit>` at 1.5 s: (its report's text, whether
    it passed, `clock` seconds it took). Afterwards no timer is left, nor a signal handler changed."""
    monkeypatch.setattr(learner, limit, 1.5)
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGALRM, signal.SIGPROF)}
    started = clock()
    report = check("pad_batch", function)
    used = clock() - started
    assert [signal.getsignal(signum) for signum in handlers] == list(handlers.values())
    assert signal.getitimer(signal.ITIMER_REAL) == signal.getitimer(signal.ITIMER_PROF) == (0, 0)
    time.sleep(0.3)  # no stray timer fires afterwards
    return str(report), report.passed, used


def test_an_endless_loop_is_stopped_after_its_processor_time(monkeypatch):
    text, passed, used = stopped_check(monkeypatch, "CPU_LIMIT", endless, time.process_time)
    assert 1.5 - 0.25 <= used < 1.5 + 1  # (Linux counts a process's time in clock ticks)
    assert not passed and "still running after 1.5 seconds of computing, so it was" in text
    assert "is there a loop that never ends? It was stopped in test_grading.py, line" in text
    assert f"the other {len(EXERCISES['pad_batch'].cases()) - 1} of the" in text


def test_a_call_that_waits_is_stopped_by_the_clock(monkeypatch):
    text, passed, elapsed = stopped_check(monkeypatch, "WALL_LIMIT", stubborn, time.perf_counter)
    assert 1.5 <= elapsed < 3
    assert not passed and "still running after 1.5 seconds on the clock, without" in text
    assert "waiting for something that never comes" in text and "test_grading.py, line" in text


def spin(seconds):
    """Compute (not wait) for `seconds` of this process's processor time."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "done"


def test_a_correct_call_on_a_busy_processor_is_not_stopped():
    # Three busy processes share one processor with this one: the call needs 0.25 s of
    # computing, but more than its 0.5 s of processor time passes on the clock before it is done.
    affinity = os.sched_getaffinity(0)
    one = {min(affinity)}
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    load = [context.Process(target=lambda: os.sched_setaffinity(0, one) or
                            [spin(0.05) for _ in iter(stop.is_set, True)]) for _ in range(3)]
    for process in load:
        process.start()
    try:
        os.sched_setaffinity(0, one)
        time.sleep(0.2)  # the busy processes are running
        started = time.perf_counter()
        outcome = learner.call(spin, (0.25,), {}, Limits(cpu=0.5, wall=20))
        elapsed = time.perf_counter() - started
    finally:
        os.sched_setaffinity(0, affinity)
        stop.set()
        for process in load:
            process.join()
    assert outcome.value == "done" and not outcome.timed_out
    assert elapsed > 0.5  # the machine was busy: a 0.5 s limit on the clock would have stopped it


def test_a_timer_as_the_function_returns_never_escapes_the_grader():
    outcomes = [learner.call(spin, (index % 3 * 0.001,), {}, Limits(0.001, 0.001))
                for index in range(300)]
    assert {outcome.value for outcome in outcomes if not outcome.timed_out} == {"done"}
    assert any(outcome.timed_out for outcome in outcomes)
    time.sleep(0.3)  # no timer left running


# ---- reports and hints ---------------------------------------------------------------------

@pytest.mark.parametrize("function", [pad_with_lists, pad_always_right, stub, pad_with_a_typo])
def test_reports_are_deterministic_html_with_inline_styles(function):
    first, second = check("pad_batch", function), check("pad_batch", function)
    assert str(first) == str(second) and first._repr_html_() == second._repr_html_()
    page = first._repr_html_()
    assert page.startswith("<div style=") and "<style" not in page and "class=" not in page
    assert "0x" not in page


def test_the_html_report_lists_every_case():
    report = check("truncate_ids", truncate_dropping_sep)
    page = report._repr_html_()
    assert page.count("<li>") == len(EXERCISES["truncate_ids"].cases())
    assert "✗</span> one id too long" in page and "✓</span> shorter than max_length" in page


def test_hints_get_stronger_and_can_be_asked_by_number():
    name = "truncate_ids"
    first, second, again = hint(name), hint(name), hint(name)
    assert first.level == 1 and second.level == 2 and again.level == 2
    assert first.text != second.text
    assert f'Run hint("{name}") again for a stronger hint.' in str(first)
    assert "last hint" in str(second)
    assert hint(name, 1).text == first.text
    assert "<code>" in hint(name, 2)._repr_html_()


def test_unknown_names_and_levels_get_a_message():
    with pytest.raises(KeyError, match="The exercises are: pad_batch, make_attention_mask"):
        check("pad", pad_with_lists)
    with pytest.raises(KeyError, match="has hints 1 to 2, not 3"):
        hint("pad_batch", 3)


def test_every_exercise_has_two_hints_and_many_distinct_cases():
    for exercise in EXERCISES.values():
        assert len(exercise.hints) == 2
        labels = [case.label for case in exercise.cases()]
        assert len(labels) >= 7 and len(set(labels)) == len(labels)
        assert exercise.cases() == exercise.cases()  # seeded: the same every time


def test_a_new_exercise_is_one_declaration():
    double = Exercise(name="double", reference=lambda numbers: [2 * n for n in numbers],
                      compare=same_id_list, hints=("Multiply.",),
                      make_cases=lambda rng: [Case("random", ([rng.randint(0, 9)] * 3,))])
    assert grade(double, lambda numbers: [n + n for n in numbers]).passed
    report = grade(double, lambda numbers: numbers)
    assert "call:     double(numbers=[" in str(report)
