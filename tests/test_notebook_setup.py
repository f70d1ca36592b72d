"""The set-up cell in a real Jupyter kernel: offline mirror, missing mirror, missing checkpoint."""

import nbformat
import pytest
from nbclient import NotebookClient

from course.notebook import BUILD_COMMAND, missing_checkpoint_message


def run_cells(sources, env, tmp_path):
    """Execute code cells in a fresh kernel with `env`; return the executed notebook."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    client = NotebookClient(notebook, kernel_name="python3", timeout=120, allow_errors=True,
                            resources={"metadata": {"path": str(tmp_path)}})
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        client.execute()
    return notebook


def text_of(cell):
    parts = []
    for output in cell.outputs:
        parts += output.get("traceback", []) + [output.get("text", "")]
    return "\n".join(parts)


def test_setup_reports_the_offline_mirror(mirror_dir, tmp_path):
    notebook = run_cells(["import course\ncourse.setup()"],
                         {"HF_HOME": str(mirror_dir), "HF_HUB_OFFLINE": "1"}, tmp_path)
    assert "offline mirror" in text_of(notebook.cells[0])
    assert "stand-in weights" in text_of(notebook.cells[0])


def test_missing_mirror_names_the_one_command(tmp_path):
    notebook = run_cells(["import course\ncourse.setup()"],
                         {"HF_HOME": str(tmp_path / "nothing-here"), "HF_HUB_OFFLINE": "1"}, tmp_path)
    (error,) = notebook.cells[0].outputs
    assert error.output_type == "error" and error.ename == "CourseSetupError"
    assert len(error.traceback) == 1, "a message, not a traceback wall"
    assert BUILD_COMMAND in error.traceback[0]


def test_checkpoint_missing_from_the_mirror_gets_one_clear_message(mirror_dir, tmp_path):
    notebook = run_cells([
        "import course\ncourse.setup()",
        'from transformers import AutoTokenizer\nAutoTokenizer.from_pretrained("gpt2")',
        'AutoTokenizer.from_pretrained("bert-base-cased").vocab_size',
    ], {"HF_HOME": str(mirror_dir), "HF_HUB_OFFLINE": "1"}, tmp_path)
    shown = text_of(notebook.cells[1])
    assert missing_checkpoint_message("gpt2") in shown
    assert "Traceback" not in shown and "OSError" not in shown
    assert notebook.cells[2].outputs[0]["data"]["text/plain"] == "28996"


def test_other_errors_keep_their_traceback(mirror_dir, tmp_path):
    notebook = run_cells(["import course\ncourse.setup()", "open('/no/such/file')"],
                         {"HF_HOME": str(mirror_dir), "HF_HUB_OFFLINE": "1"}, tmp_path)
    assert "FileNotFoundError" in text_of(notebook.cells[1])
