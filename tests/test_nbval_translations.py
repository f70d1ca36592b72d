"""nbval of translated notebooks in their English notebook's run (tools/translation/nbval_translations.py).

A small book in a temporary folder: an English notebook with a cell that prints a translated
message and one that does not, and its Korean notebook. Real nbval runs it in a real kernel.
"""

import nbformat
import pytest

from course.provenance import HUB_LINE

CODE = ["from course.i18n import _\nprint(_(" + repr(HUB_LINE) + "))", "print(1 + 1)"]
KOREAN_LINE = "체크포인트를 Hugging Face Hub에서 불러옵니다."


def write_notebook(path, printed):
    cells = []
    for number, (source, text) in enumerate(zip(CODE, printed), start=1):
        cell = nbformat.v4.new_code_cell(source, execution_count=number)
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]
        cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


def run_book(pytester, korean):
    pytester.makefile(".yml", _toc="root: intro\n")
    (pytester.path / "ko").mkdir()
    (pytester.path / "ko" / "_config.yml").write_text("language: ko\n")
    write_notebook(pytester.path / "chapters" / "01.ipynb", [HUB_LINE, "2"])
    write_notebook(pytester.path / "ko" / "chapters" / "01.ipynb", korean)
    return pytester.runpytest_subprocess("-p", "tools.translation.nbval_translations", "--nbval",
                                         "--nbval-current-env", "-p", "no:cacheprovider", "-v", "chapters")


@pytest.fixture
def pytester(pytester, monkeypatch):
    from tools.translation import sources

    monkeypatch.setenv("PYTHONPATH", str(sources.ROOT))
    return pytester


def test_translated_cells_are_validated_after_their_english_cells(pytester):
    result = run_book(pytester, [KOREAN_LINE, "2"])
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["*Cell 0 PASSED*", "*Cell 0?ko? PASSED*", "*Cell 1 PASSED*", "*Cell 1?ko? PASSED*"])


def test_a_stale_translated_output_fails_whether_or_not_it_depends_on_the_language(pytester):
    result = run_book(pytester, [HUB_LINE, "3"])  # English where Korean is printed; a wrong number
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(["*Cell 0?ko? FAILED*", "*Cell 1?ko? FAILED*"])
