"""The grader against careless and hostile learner code: floods of output, exits, patched
libraries, changed torch settings, and return values of the wrong kind each get a clear report,
and no check raises (except KeyboardInterrupt, which stops a check as the learner expects).

The bad functions live here, never in the notebooks.
"""

import os
import random
import sys

import numpy
import pytest
import torch

from course.grading import EXERCISES, Status, check
from course.grading.exercise import Case, grade
from course.grading.pad_batch import pad_batch as right_pad_batch

PAD_CASES = len(EXERCISES["pad_batch"].cases())


def wrong_pad_batch(sequences, pad_token_id, padding_side="right"):
    """Always pads on the right: wrong in the left-padding cases."""
    return right_pad_batch(sequences, pad_token_id)


# ---- printed output ---------------------------------------------------------------------------

def test_a_flood_of_output_is_captured_and_cut_in_the_report(capsys):
    def flooding(sequences, pad_token_id, padding_side="right"):
        print("\n".join(f"line {n}" for n in range(100_000)))  # about 1 MB a call
        print("and on stderr", file=sys.stderr)
        return wrong_pad_batch(sequences, pad_token_id, padding_side)

    report = check("pad_batch", flooding)
    printed = capsys.readouterr()
    assert printed.out == printed.err == ""
    text = str(report)
    assert "  printed:  line 0\n" in text and "line 4\n" in text and "line 5\n" not in text
    assert "… 99,996 more lines cut" in text
    assert len(text) < 5000 and len(report._repr_html_()) < 8000


def test_what_a_passing_function_prints_stays_out_of_the_report(capsys):
    def chatty(sequences, pad_token_id, padding_side="right"):
        print("padding", len(sequences), "sequences")
        return right_pad_batch(sequences, pad_token_id, padding_side)

    report = check("pad_batch", chatty)
    assert report.passed and "printed" not in str(report)
    assert capsys.readouterr().out == ""


def test_a_long_printed_line_is_shortened():
    def one_long_line(sequences, pad_token_id, padding_side="right"):
        print("x" * 10_000)
        return None

    text = str(check("pad_batch", one_long_line))
    assert "x" * 160 + " …" in text and "x" * 161 not in text and "more line" not in text


# ---- exits and interrupts ---------------------------------------------------------------------

def calls_sys_exit(sequences, pad_token_id, padding_side="right"):
    sys.exit(3)


def calls_os_exit(sequences, pad_token_id, padding_side="right"):
    os._exit(0)


@pytest.mark.parametrize("function, words", [
    (calls_sys_exit, "your function called sys.exit(3) in test_grading_hostile.py, line"),
    (calls_os_exit, "your function called os._exit(0) in test_grading_hostile.py, line"),
])
def test_an_exit_becomes_a_failing_case(function, words):
    original_exit = os._exit
    report = check("pad_batch", function)
    assert report.status is Status.INCORRECT and report.score == 0
    text = str(report)
    assert words in text and "which would end the whole program" in text
    assert f"{PAD_CASES} of {PAD_CASES} cases fail" in text
    assert os._exit is original_exit


def test_an_exit_in_some_cases_only_leaves_the_others_graded():
    def exits_on_the_left(sequences, pad_token_id, padding_side="right"):
        if padding_side == "left":
            exit()
        return right_pad_batch(sequences, pad_token_id)

    report = check("pad_batch", exits_on_the_left)
    left = [result for result in report.results if "left" in result.label]
    assert left and all("sys.exit()" in result.problem for result in left)
    assert all(result.passed for result in report.results if result not in left)


def test_keyboard_interrupt_still_stops_the_check_and_leaves_nothing_patched():
    stdout, original_exit, threads = sys.stdout, os._exit, torch.get_num_threads()
    calls = []

    def interrupted(sequences, pad_token_id, padding_side="right"):
        calls.append(1)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check("pad_batch", interrupted)
    assert calls == [1]
    assert sys.stdout is stdout and os._exit is original_exit
    assert torch.get_num_threads() == threads


def test_an_unusual_base_exception_is_reported_not_raised():
    class Escape(BaseException):
        pass

    def escaping(sequences, pad_token_id, padding_side="right"):
        raise Escape("out")

    assert "your function raised Escape: out" in str(check("pad_batch", escaping))


# ---- patched libraries and changed settings ---------------------------------------------------

def test_a_patched_library_function_cannot_make_a_wrong_answer_pass():
    original_equal, original_tensor = torch.equal, torch.tensor

    def cheats(sequences, pad_token_id, padding_side="right"):
        torch.equal = lambda first, second: True  # the comparison would always agree
        torch.tensor = lambda *args, **kwargs: original_tensor([[0]])  # and so would the reference
        return original_tensor([[0]])

    report = check("pad_batch", cheats)
    assert report.score == 0 and "but it should have shape" in str(report)
    assert torch.equal is original_equal and torch.tensor is original_tensor


def test_a_patched_tensor_method_is_undone():
    original = vars(torch.Tensor).get("__eq__")

    def patches_the_class(sequences, pad_token_id, padding_side="right"):
        torch.Tensor.__eq__ = lambda self, other: True
        torch.Tensor.tolist = lambda self: "patched"
        return wrong_pad_batch(sequences, pad_token_id, padding_side)

    report = check("pad_batch", patches_the_class)
    assert not report.passed
    assert vars(torch.Tensor).get("__eq__") is original
    assert torch.tensor([1]).tolist() == [1]


def test_torch_settings_and_random_states_are_restored_after_each_case():
    seen = []

    def changes_everything(sequences, pad_token_id, padding_side="right"):
        seen.append((torch.get_default_dtype(), torch.is_grad_enabled(), torch.get_num_threads(),
                     torch.rand(1).item(), random.random(), numpy.random.random()))
        torch.set_default_dtype(torch.float64)
        torch.set_grad_enabled(False)
        torch.set_num_threads(2)
        torch.manual_seed(0)
        random.seed(0)
        numpy.random.seed(0)
        return right_pad_batch(sequences, pad_token_id, padding_side)

    torch.manual_seed(1)
    random.seed(1)
    numpy.random.seed(1)
    before = (torch.get_default_dtype(), torch.is_grad_enabled(), torch.get_num_threads(),
              torch.get_rng_state(), random.getstate(), numpy.random.get_state()[1].tolist())
    assert check("pad_batch", changes_everything).passed
    assert len(set(seen)) == 1  # every case started from the same state
    assert seen[0][:3] == (torch.float32, True, 1)  # the grader's own single thread
    after = (torch.get_default_dtype(), torch.is_grad_enabled(), torch.get_num_threads(),
             torch.get_rng_state(), random.getstate(), numpy.random.get_state()[1].tolist())
    assert after[:3] == before[:3] and torch.equal(after[3], before[3])
    assert after[4:] == before[4:]


def test_expected_values_are_computed_before_the_learners_function_runs():
    calls = []

    def reference(numbers):
        calls.append("reference")
        return list(numbers)

    def learner(numbers):
        calls.append("learner")
        return list(numbers)

    from course.grading.checks import same_id_list
    from course.grading.exercise import Exercise

    echo = Exercise(name="echo", reference=reference, compare=same_id_list, hints=("",),
                    make_cases=lambda rng: [Case("a", ([1],)), Case("b", ([2],))])
    assert grade(echo, learner).passed
    assert calls == ["reference", "reference", "learner", "learner"]


def test_a_model_left_in_training_mode_is_put_back_in_eval_mode():
    from course.grading.classify_batch import load_classifier

    def trains(model, sequences, pad_token_id):
        model.train()
        return torch.zeros(len(sequences), 2)

    assert not check("classify_batch", trains).passed
    assert not any(layer.training for layer in load_classifier().modules())


# ---- return values of the wrong kind ----------------------------------------------------------

class LooseTensor(torch.Tensor):
    """A tensor subclass that claims to equal anything."""

    def __eq__(self, other):
        return True


WRONG_KINDS = [
    (lambda s, p, padding_side="right": right_pad_batch(s, p, padding_side).numpy(),
     "returned a NumPy ndarray, but it should return a torch tensor. Build it with torch's"),
    (lambda s, p, padding_side="right": (row for row in right_pad_batch(s, p, padding_side)),
     "returned a generator (from `yield`, or from a `(... for ...)` expression)"),
    (lambda s, p, padding_side="right": list(right_pad_batch(s, p, padding_side)),
     "tensors, but it should return one tensor: stack the rows with torch.stack(...)."),
    (lambda s, p, padding_side="right":
     right_pad_batch(s, p, padding_side).as_subclass(LooseTensor),
     "returned a LooseTensor, a subclass of Tensor, but it should return a plain Tensor"),
]


@pytest.mark.parametrize("function, words", WRONG_KINDS,
                         ids=["numpy", "generator", "list", "subclass"])
def test_a_return_value_of_the_wrong_kind_gets_one_sentence(function, words):
    report = check("pad_batch", function)
    assert report.score == 0
    assert words in str(report), str(report)


def test_a_list_subclass_and_a_generator_of_ids_get_a_sentence():
    class AlwaysEqual(list):
        def __eq__(self, other):
            return True

    text = str(check("truncate_ids", lambda ids, max_length: AlwaysEqual([1])))
    assert "returned an AlwaysEqual, a subclass of list, but it should return a plain list" in text
    text = str(check("truncate_ids", lambda ids, max_length: (i for i in ids[:max_length])))
    assert "returned a generator" in text and "use list(...) if needed" in text


def test_something_not_callable_whose_repr_exits_gets_a_sentence():
    class Exits:
        def __repr__(self):
            sys.exit("no")

    report = check("pad_batch", Exits())
    assert 'check("pad_batch", pad_batch), but it got an object of type Exits.' in str(report)


def test_a_value_whose_own_code_misbehaves_is_reported():
    class Hostile:
        def __repr__(self):
            sys.exit("no")

        def __eq__(self, other):
            raise RuntimeError("no")

    report = check("truncate_ids", lambda ids, max_length: Hostile())
    assert report.score == 0 and "returned a Hostile" in str(report)
