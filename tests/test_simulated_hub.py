"""Online execution, tested without a hub: a simulated hub serves the mirror's files.

`tools/online/execute.py` runs chapter 1 with HF_ENDPOINT pointed at `tools/online/simulated_hub.py`
and a fresh HF_HOME: the set-up cell takes its online branch, `from_pretrained` downloads over
HTTP, the notebook records "online", the check of weight-independent outputs against the stored
ones runs, and a page built from the result carries no stand-in marker. The simulated hub's
numbers equal the mirror's, so this proves the machinery; the real numbers come from the Pages
workflow. Only chapter 1 runs (about 25 s): it loads a tokenizer and a model and has both
`stand-in` cells and weight-independent ones, which is all the machinery meets; every chapter
would take minutes. It runs with every Hugging Face offline variable exported and HF_HOME set,
as a learner following the README may have them: the tool must clear what it does not own.
"""

import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course import i18n
from course.mirror.layout import OFFLINE_VARIABLES
from course.notebook import hub_address
from course.provenance import HUB, HUB_LINE, MIRROR_LINE, checkpoint_source

ROOT = Path(__file__).resolve().parents[1]

from tools.online import execute as execute_online  # noqa: E402
from tools.online.simulated_hub import SimulatedHub  # noqa: E402

CHAPTER = "chapters/01-behind-the-pipeline.ipynb"


@pytest.fixture(scope="module")
def online_run(mirror_dir, tmp_path_factory):
    """Chapter 1 copied into a folder and executed online; (status, hub, notebook path, report)."""
    folder = tmp_path_factory.mktemp("online")
    path = folder / CHAPTER
    path.parent.mkdir()
    shutil.copy(ROOT / CHAPTER, path)
    with SimulatedHub(mirror_dir) as hub, pytest.MonkeyPatch.context() as patch:
        for name in OFFLINE_VARIABLES:
            patch.setenv(name, "1")
        patch.setenv("HF_HOME", str(mirror_dir))
        patch.setenv("HF_ENDPOINT", hub.endpoint)
        patch.setenv("GITHUB_STEP_SUMMARY", str(folder / "summary.md"))
        status = execute_online.run([path])
    return status, hub, path, (folder / "summary.md").read_text()


def test_the_set_up_cell_checks_the_hub_that_hf_endpoint_names(monkeypatch):
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert hub_address() == ("huggingface.co", 443)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:8123")
    assert hub_address() == ("127.0.0.1", 8123)


def test_the_notebook_ran_online_and_records_it(online_run):
    status, hub, path, summary = online_run
    assert status == 0, summary
    assert checkpoint_source(nbformat.read(path, as_version=4)) == HUB
    downloads = {path for method, path in hub.requests if method == "GET" and "/resolve/" in path}
    assert any(path.endswith("/model.safetensors") for path in downloads), downloads


def test_weight_independent_outputs_were_compared_and_equal(online_run):
    summary = online_run[3]
    assert "weight-independent cells equal the stored ones" in summary
    assert int(summary.split("the outputs of ")[1].split()[0]) > 0


def test_a_changed_weight_independent_output_is_reported(online_run):
    stored = nbformat.read(ROOT / CHAPTER, as_version=4)
    executed = nbformat.read(online_run[2], as_version=4)
    assert execute_online.differences(stored, executed)[1] == []
    index = next(i for i, cell in enumerate(executed.cells)
                 if execute_online.compared(cell) and any(o.output_type == "stream" for o in cell.outputs))
    stream = next(o for o in executed.cells[index].outputs if o.output_type == "stream")
    stream.text = stream.text.replace("1", "7") + "changed\n"
    assert execute_online.differences(stored, executed)[1][0].startswith(f"cell {index}:")


def test_the_offline_variables_are_those_huggingface_hub_reads():
    from huggingface_hub import constants

    line = next(line for line in inspect.getsource(constants).splitlines() if line.startswith("HF_HUB_OFFLINE ="))
    assert set(re.findall(r'environ\.get\("(\w+)"\)', line)) == set(OFFLINE_VARIABLES), line


def test_every_offline_variable_is_cleared_for_the_kernels(monkeypatch, tmp_path):
    for name in OFFLINE_VARIABLES:
        monkeypatch.setenv(name, "1")
    env = execute_online.online_environment(tmp_path)
    assert not set(OFFLINE_VARIABLES) & set(env) and env["HF_HOME"] == str(tmp_path)


def test_an_unreachable_hub_keeps_the_stored_outputs(tmp_path, monkeypatch, capsys):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import course\ncourse.setup()")])
    path = tmp_path / "setup.ipynb"
    nbformat.write(notebook, path)
    before = path.read_text()
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on the discard port
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert execute_online.run([path]) == 0
    assert "keeps the offline mirror's outputs" in capsys.readouterr().out
    assert path.read_text() == before


def test_a_page_built_from_online_outputs_has_no_stand_in_marker(online_run, tmp_path, site):
    status, _, path, _ = online_run
    assert status == 0
    cells = nbformat.read(path, as_version=4).cells
    assert any("stand-in" in cell.metadata.get("tags", []) for cell in cells)
    book = tmp_path / "book-root"
    shutil.copytree(ROOT / "book", book / "book")
    shutil.copy(ROOT / "_config.yml", book)
    (book / "chapters").mkdir()
    shutil.copy(path, book / CHAPTER)
    (book / "_toc.yml").write_text(f"format: jb-book\nroot: {CHAPTER[:-6]}\n"
                                   "chapters:\n  - file: book/about-the-outputs\n")
    (book / "_build").mkdir()
    (book / "_build" / "web-assets").symlink_to(ROOT / "_build" / "web-assets")  # `site` fetched them
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", "."], cwd=book, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (book / "_build" / "html" / CHAPTER).with_suffix(".html").read_text()
    assert "tag_stand-in" in html and "stand-in-badge" not in html and "stand-in-note" not in html
    assert "outputs-versions" in html


def test_the_translated_notebooks_run_online_with_the_english_ones():
    paths = execute_online.book_notebooks()
    assert ROOT / CHAPTER in paths and ROOT / "ko" / CHAPTER in paths


@pytest.mark.parametrize("language", i18n.languages())
def test_the_mirror_set_up_line_reads_as_the_hub_one_in_every_language(language):
    mirror, hub = (i18n.translation(line, language) for line in (MIRROR_LINE, HUB_LINE))
    assert mirror != hub and execute_online.online_line(f"{mirror}\n") == f"{hub}\n"
