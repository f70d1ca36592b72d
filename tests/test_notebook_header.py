"""Every notebook starts with the Colab badge and the Colab-only install cell from _config.yml."""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]

from tools.notebooks.header import colab_url, install_source, notebooks, repository  # noqa: E402

NOTEBOOKS = notebooks()


def test_the_book_has_all_its_notebooks():
    names = {path.relative_to(ROOT).as_posix() for path in NOTEBOOKS}
    assert {f"chapters/0{n}-" for n in range(1, 6)} <= {name[:12] for name in names}
    chapters = {name.split("/")[1] for name in names if name.startswith("chapters/")}
    assert {f"{folder}/{chapter}" for folder in ("exercises", "solutions")
            for chapter in chapters} <= names


def test_headers_match_config():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "notebooks" / "header.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_first_cells_are_badge_install_title_setup(path):
    cells = nbformat.read(path, as_version=4).cells
    assert colab_url(path) in cells[0].source
    assert cells[1].source == install_source() and not cells[1].outputs
    assert cells[2].cell_type == "markdown" and cells[2].source.startswith("# ")
    assert cells[3].source.strip() == "import course\n\ncourse.setup()"


def test_install_cell_does_nothing_outside_colab():
    source = install_source()
    assert 'if "google.colab" in sys.modules:' in source
    assert all(line.startswith("    ") for line in source.splitlines() if "pip install" in line)


def test_install_cell_in_colab_installs_the_requirements_and_the_course(monkeypatch):
    """Run in IPython as if in Colab: the shell command it issues names both, and no line of
    the cell is longer than 79 characters (the website shows it without scrolling)."""
    import types

    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    commands = []
    monkeypatch.setattr(shell, "system", lambda command: commands.append(shell.var_expand(command, depth=1)))
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    assert shell.run_cell(install_source()).success
    url, branch = repository()
    raw = url.replace("https://github.com/", "https://raw.githubusercontent.com/")
    assert commands == [f"pip install -q -r {raw}/{branch}/requirements-colab.txt git+{url}@{branch}"]
    assert max(len(line) for line in install_source().splitlines()) <= 79
