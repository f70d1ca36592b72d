"""The float tolerance in nbval's comparison catches every real change and forgives float noise."""

from pathlib import Path

import nbformat
import pytest

from tools.notebooks.portable_outputs import snap_outputs, texts_agree

ROOT = Path(__file__).resolve().parents[1]
LOGITS = "tensor([[-4.7190,  4.4498],\n        [ 2.5681, -2.4328]], grad_fn=<AddmmBackward0>)"


@pytest.mark.parametrize("stored, new", [
    ("0.9919", "0.9920"),
    ("0.9919", "0.9919"),
    (LOGITS, "tensor([[-4.7191,  4.4497],\n        [ 2.5680, -2.4329]], grad_fn=<AddmmBackward0>)"),
    ("tensor([[-0.0000,  1.2500]])", "tensor([[ 0.0000,  1.2500]])"),  # sign of zero moves padding
    ("probabilities 1.2345e-05", "probabilities 1.2346e-05"),
    ("loss: 0.6931471805599453", "loss: 0.6931471805599461"),
    ("{'label': 'POSITIVE', 'score': 0.9998}", "{'label': 'POSITIVE', 'score': 0.9997}"),
])
def test_float_noise_passes(stored, new):
    assert texts_agree(stored, new)


@pytest.mark.parametrize("stored, new", [
    ("0.9919", "0.9950"),
    (LOGITS, "tensor([[-5.5754,  5.4102],\n        [ 1.8851, -1.6300]], grad_fn=<AddmmBackward0>)"),
    ("[101, 1045, 1005, 102]", "[101, 1045, 1006, 102]"),  # a changed id
    ("torch.Size([2, 16, 768])", "torch.Size([2, 17, 768])"),  # a changed shape
    ("{'label': 'POSITIVE', 'score': 0.9998}", "{'label': 'NEGATIVE', 'score': 0.9998}"),
    ("0.9919", "0.9919\n0.9919"),  # an extra line
    ("a\nb 0.5", "a b 0.5"),  # line structure
    ("108,310,272 parameters", "108,310,273 parameters"),  # an integer count
    ("transformers 5.24.0", "transformers 5.24.1"),
    ("layer.0.attention", "layer.1.attention"),
    ("score 2", "score 2.0001"),  # an integer printed as a float is a change of format
])
def test_real_changes_fail(stored, new):
    assert not texts_agree(stored, new)


def test_snap_puts_the_stored_text_in_place_of_agreeing_outputs_only():
    stored = [nbformat.v4.new_output("stream", name="stdout", text="p = 0.9919\n"),
              nbformat.v4.new_output("execute_result", data={"text/plain": "[101, 102]"})]
    new = [nbformat.v4.new_output("stream", name="stdout", text="p = 0.9920\n"),
           nbformat.v4.new_output("execute_result", data={"text/plain": "[101, 103]"})]
    snapped = snap_outputs(stored, new)
    assert snapped[0]["text"] == "p = 0.9919\n"
    assert snapped[1]["data"]["text/plain"] == "[101, 103]"
    assert new[0]["text"] == "p = 0.9920\n"  # the new outputs themselves are untouched


def _notebook(path, code, stored_text):
    cell = nbformat.v4.new_code_cell(code, execution_count=1, outputs=[
        nbformat.v4.new_output("stream", name="stdout", text=stored_text)])
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)


def test_nbval_uses_the_tolerance(pytester, monkeypatch):
    """Real nbval, real kernels: float noise passes, a real change still fails."""
    _notebook(pytester.path / "noise.ipynb", "print(0.9920)", "0.9919\n")
    _notebook(pytester.path / "change.ipynb", "print(0.9950)", "0.9919\n")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    result = pytester.runpytest_subprocess("--nbval", "--nbval-current-env", "-p", "tools.notebooks.portable_outputs",
                                           "-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*change*Cell 0 FAILED*", "*noise*Cell 0 PASSED*"])


def test_stream_chunks_are_stored_as_one_output():
    """However the kernel flushed the prints, the same prints are stored the same way."""
    stored = [nbformat.v4.new_output("stream", name="stdout", text="a 0.5\nb\n")]
    chunks = [nbformat.v4.new_output("stream", name="stdout", text="a 0.5"),
              nbformat.v4.new_output("stream", name="stdout", text="\nb\n"),
              nbformat.v4.new_output("stream", name="stderr", text="warning\n")]
    snapped = snap_outputs(stored, chunks)
    assert [(output["name"], output["text"]) for output in snapped] == [
        ("stdout", "a 0.5\nb\n"), ("stderr", "warning\n")]
