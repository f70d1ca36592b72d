"""`make upgrade`'s parts on their own, offline and fast: pins, versions, changed outputs, the
JUnit report of a real pytest run, and the report's verdict. The whole command is shown at work
by `make upgrade-check` (a CI job: it installs three environments)."""

import shutil
from pathlib import Path

import nbformat
from packaging.version import Version

from tools.upgrade import outputs, pins, report, suite

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "chapters/02-models.ipynb"


def test_pins_are_rewritten_in_place_keeping_every_other_line(tmp_path):
    path = tmp_path / "requirements.in"
    shutil.copy(ROOT / "requirements.in", path)
    before = path.read_text()
    old = pins.read_pins(path)
    assert old["transformers"] and old["huggingface-hub"] and "torch" in old
    pins.write_pins(path, {"transformers": "5.99.0", "huggingface-hub": "2.99.0"})
    assert pins.read_pins(path) == {**old, "transformers": "5.99.0", "huggingface-hub": "2.99.0"}
    assert "huggingface_hub==2.99.0" in path.read_text()  # the name as it was spelled
    assert len(path.read_text().splitlines()) == len(before.splitlines())
    assert [line for line in path.read_text().splitlines() if line.startswith("#")] == [
        line for line in before.splitlines() if line.startswith("#")]


def test_the_newest_release_stays_in_its_major_line():
    versions = [Version(v) for v in ("4.57.6", "5.0.0", "5.20.0", "5.24.0", "5.25.0rc1", "6.0.0")]
    assert pins.newest_in_major_line(versions, "5.20.0") == "5.24.0"
    assert pins.newest_in_major_line(versions, "6.0.0") == "6.0.0"
    assert pins.newest_in_major_line(versions, "7.0.0") is None


def test_pytorch_comes_from_its_cpu_builds_only():
    versions = [Version(v) for v in ("2.15.0", "2.14.1", "2.13.0+cpu", "2.13.0", "2.12.0+cpu", "3.0.0+cpu")]
    assert pins.newest_in_major_line(versions, "2.12.0", local="cpu") == "2.13.0+cpu"
    assert pins.requirement("torch", "2.12.0", "2.13.0+cpu") == "torch==2.13.0+cpu"
    assert pins.requirement("torch", "2.12.0") == "torch==2.12.0"  # no CPU build on the index
    assert pins.requirement("tokenizers", "0.23.1") == "tokenizers>=0.23.1,==0.*"
    assert pins.public("2.13.0+cpu") == "2.13.0"


def test_changed_lists_upgrades_additions_and_removals():
    assert pins.changed({"a": "1", "b": "1", "c": "1"}, {"a": "1", "b": "2", "d": "1"}) == [
        ("b", "1", "2"), ("c", "1", None), ("d", None, "1")]


def test_a_changed_output_is_found_with_its_first_changed_line(tmp_path):
    notebook = nbformat.read(ROOT / CHAPTER, as_version=4)
    before = outputs.snapshot(ROOT / CHAPTER)
    position, _, text = next(cell for cell in before if cell[2].count("\n") > 1)
    first, rest = text.split("\n", 1)
    stream = {"output_type": "stream", "name": "stdout", "text": "changed\n" + rest}
    notebook.cells[position - 1].outputs = [nbformat.from_dict(stream)]
    nbformat.write(notebook, tmp_path / "changed.ipynb")
    (change,) = outputs.changes(CHAPTER, before, outputs.snapshot(tmp_path / "changed.ipynb"))
    assert change.cell == position and change.after == "changed" and change.more_lines == 0
    assert first.startswith(change.before.removesuffix("..."))
    assert outputs.changes(CHAPTER, before, before) == []


def test_failing_tests_are_named_from_a_real_junit_report(pytester):
    # A name no module of the suite has: a worker that ran tests/test_claims.py still holds that module.
    pytester.makepyfile(test_sample_of_a_suite="""
        def test_true():
            pass

        class TestDecoder:
            def test_cleanup(self):
                assert "a ." == "a."
    """)
    pytester.runpytest_inprocess("-p", "no:xdist", "-p", "no:nbval", "--junitxml=junit.xml",
                                 "-o", "junit_family=xunit1")
    (failure,) = suite.failures(pytester.path / "junit.xml")
    assert failure.test == "test_sample_of_a_suite.py::TestDecoder::test_cleanup"
    assert "assert 'a .' == 'a.'" in failure.message
    assert suite.Failure("tests/test_claims.py::test_x", "").is_claim


def test_the_report_ends_with_whether_to_merge():
    upgraded = [("transformers", "5.20.0", "5.24.0")]
    change = outputs.Change(CHAPTER, 7, "print(config)", '"transformers_version": "5.20.0"',
                            '"transformers_version": "5.24.0"', 0)
    text, ready = report.render(upgraded, [("hf-xet", "1.4.0", "1.4.2")], [change])
    assert ready and text.splitlines()[-1].startswith("**Ready to merge**")
    assert "| **transformers** | `5.20.0` | `5.24.0` |" in text and "cell 7" in text and "5.24.0\"`" in text
    claim = suite.Failure("tests/test_claims.py::test_decoder_cleanup", "AssertionError")
    text, ready = report.render(upgraded, [], [change], status=1, failures=[claim])
    assert not ready and "claim tests" in text and "test_decoder_cleanup" in text
    assert text.splitlines()[-1] == "**Not ready to merge**: the test suite fails."
    text, ready = report.render([], [])
    assert ready and text.splitlines()[-1].startswith("**Nothing to merge**")


def test_the_frozen_set_is_written_as_freeze_writes_it(tmp_path):
    every = {"torch": "2.13.0", "huggingface_hub": "2.4.0", "Babel": "2.17.0", "setuptools": "80.0", "pip": "25.0"}
    pins.write_frozen(tmp_path / "requirements.txt", every)
    assert (tmp_path / "requirements.txt").read_text().splitlines() == [
        pins.FROZEN_HEADER, "Babel==2.17.0", "huggingface_hub==2.4.0", "torch==2.13.0"]
    assert (ROOT / "requirements.txt").read_text().splitlines()[0] == pins.FROZEN_HEADER
    assert pins.requirement("tokenizers", "0.23.1", upgrade=False) == "tokenizers==0.23.1"
