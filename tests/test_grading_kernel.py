"""The grader inside a real Jupyter kernel: a learner's exception and endless loop give a
message pointing at the learner's cell, and the notebook carries on."""

import nbformat
import pytest
from nbclient import NotebookClient

IMPORTS = "import time\nimport torch\nfrom course.grading import check"

BROKEN = '''\
def pad_batch(sequences, pad_token_id, padding_side="right"):
    longest = max(len(s) for s in sequences)
    rows = [list(s) + [pad_token_id] * (longest - len(s)) for s in sequences]
    return torch.tensor(rows) / undefined_name'''

ENDLESS = '''\
def pad_batch(sequences, pad_token_id, padding_side="right"):
    rows = []
    while len(rows) < len(sequences):
        pass
    return rows'''

CHECK = 'check("pad_batch", pad_batch)'


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    sources = [IMPORTS, BROKEN, CHECK, ENDLESS, CHECK, 'time.sleep(0.5)\nprint("still alive")']
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    folder = tmp_path_factory.mktemp("kernel")
    NotebookClient(notebook, kernel_name="python3", timeout=60,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return notebook.cells


def report_of(cell):
    (output,) = cell.outputs
    assert output.output_type == "execute_result"
    return output.data["text/plain"], output.data["text/html"]


def test_an_exception_shows_the_learners_cell_and_line(executed):
    text, page = report_of(executed[2])
    assert text.startswith("pad_batch: incorrect.")
    assert ("your function raised NameError: name 'undefined_name' is not defined in Cell In[2], "
            "line 4: return torch.tensor(rows) / undefined_name") in text
    assert "Traceback" not in text and "site-packages" not in text
    assert "Cell In[2], line 4" in page and page.startswith("<div style=")


def test_an_endless_loop_is_stopped_after_a_few_seconds(executed):
    text, _ = report_of(executed[4])
    assert "still running after 3 seconds of computing, so it was stopped" in text
    assert "It was stopped in Cell In[4], line 3: while len(rows) < len(sequences):" in text


def test_the_kernel_carries_on_without_a_stray_alarm(executed):
    (output,) = executed[5].outputs
    assert output.text == "still alive\n"
