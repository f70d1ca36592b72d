"""Learner values as plain data (course.grading.plain): what crosses from a sandboxed kernel to
the grader comes back as the same value, or as a stand-in that the comparisons read alike, and
malformed data is refused."""

import json

import numpy
import pytest
import torch

from course.grading.checks import return_type_problem, same_long_tensor
from course.grading.plain import MAX_ITEMS, NotPlain, from_plain, to_plain


def through_json(value):
    return from_plain(json.loads(json.dumps(to_plain(value))))


@pytest.mark.parametrize("value", [
    None, True, 3, -2**70, 2.5, float("inf"), "text", [1, [2, (3, "x")]], (), {"a": [1], 2: None},
    {"[PAD]": 0, "##s": 1, 2.5: None}, [1, "a", None, True], (1.5, 2),
    torch.tensor([[1, 2], [3, 4]]), torch.zeros(0, 3), torch.tensor(1.5, dtype=torch.float64),
    torch.tensor([True, False]), torch.tensor([0.5], dtype=torch.bfloat16)])
def test_plain_values_come_back_equal(value):
    back = through_json(value)
    assert type(back) is type(value)
    if isinstance(value, torch.Tensor):
        assert back.dtype == value.dtype and torch.equal(back, value)
    else:
        assert back == value


def test_other_kinds_come_back_as_stand_ins_the_comparisons_read_alike():
    class Loose(torch.Tensor):
        pass

    class Mine(list):
        pass

    for value in [numpy.arange(3), torch.tensor([1]).as_subclass(Loose), Mine([1]),
                  (item for item in [1]), numpy.float64(0.5)]:
        wanted = list if isinstance(value, list) else torch.Tensor
        assert (return_type_problem(through_json(value), wanted, "x")
                == return_type_problem(value, wanted, "x"))
    assert repr(through_json(object())).startswith("<object object at")


@pytest.mark.parametrize("data", [
    {"tensor": {"dtype": "int64", "shape": [2, 2], "values": [1, 2, 3]}},
    {"tensor": {"dtype": "complex64", "shape": [1], "values": [1]}},
    {"tensor": {"dtype": "int64", "shape": [1], "values": ["1"]}},
    {"pickle": "gASV"}, {"list": "abc"}, {"dict": [[[1], 2]]}, [1, 2],
    {"list": [], "type": {"name": "x", "module": "y", "attributes": ["__class__"]}}])
def test_malformed_data_is_refused(data):
    with pytest.raises(NotPlain):
        from_plain(data)


def test_a_vocabulary_is_sent_as_pairs_and_its_subclass_item_by_item():
    class Word(str):
        pass

    assert to_plain({"hug": 1, "##s": 2}) == {"dict": [["hug", 1], ["##s", 2]]}
    assert to_plain({Word("hug"): 1})["dict"][0][0]["type"]["name"] == "Word"


def test_an_enormous_value_is_refused_on_both_sides():
    with pytest.raises(NotPlain):
        to_plain(list(range(MAX_ITEMS + 1)))
    with pytest.raises(NotPlain):
        to_plain(dict.fromkeys(range(MAX_ITEMS // 2 + 1), 0))
    with pytest.raises(NotPlain):
        from_plain({"tensor": {"dtype": "int8", "shape": [MAX_ITEMS + 1],
                               "values": [0] * (MAX_ITEMS + 1)}})
    deep = []
    for _ in range(100):
        deep = [deep]
    with pytest.raises(NotPlain):
        to_plain(deep)


def test_a_decoded_tensor_is_judged_as_the_original():
    expected = torch.tensor([[1, 0]])
    assert same_long_tensor(through_json(torch.tensor([[1, 0]])), expected) is None
    assert "dtype" in same_long_tensor(through_json(torch.tensor([[1.0, 0.0]])), expected)
