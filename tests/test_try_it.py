"""Every "Try it" prompt of a chapter has its worked answer in the solutions notebook.

A chapter's prompts are the numbered list under its "## Try it" heading. The solutions notebook
quotes each one, in bold and with the same number ("**2. ...**"), in a markdown cell followed by
its worked answer (cells tagged `solution-only`); the exercise notebook, generated from it,
keeps the prompts and leaves out the answers. Prompts are matched by number and compared word
for word, so a prompt added, dropped, reordered or edited on one side only fails here.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
ITEM = re.compile(r"^(\d+)\. (.*)")
QUOTED = re.compile(r"^\*\*(\d+)\. (.*)\*\*$", re.S)


def words(text):
    """The text with runs of whitespace as single spaces."""
    return " ".join(text.split())


def chapter_prompts(path):
    """[(number, prompt)] of the numbered list under the chapter's "## Try it" heading."""
    cells = [cell.source for cell in nbformat.read(path, as_version=4).cells
             if cell.cell_type == "markdown" and "\n## Try it\n" in f"\n{cell.source}\n"]
    assert len(cells) == 1, f"{path.name}: {len(cells)} cells with a '## Try it' heading"
    prompts = []
    for line in cells[0].split("## Try it", 1)[1].strip().splitlines():
        item = ITEM.match(line)
        if item:
            prompts.append([int(item.group(1)), item.group(2)])
        elif line.startswith("   ") and prompts:
            prompts[-1][1] += " " + line.strip()
        else:
            break  # the list ends at the first line that is neither an item nor its continuation
    return [(number, words(text)) for number, text in prompts]


def quoted_prompts(path):
    """[(number, prompt, whether a worked answer follows)] of a solutions or exercise notebook."""
    cells = nbformat.read(path, as_version=4).cells
    found = []
    for index, cell in enumerate(cells):
        quoted = QUOTED.match(cell.source.strip()) if cell.cell_type == "markdown" else None
        if quoted:
            following = cells[index + 1] if index + 1 < len(cells) else None
            answered = following is not None and "solution-only" in following.metadata.get("tags", [])
            found.append((int(quoted.group(1)), words(quoted.group(2)), answered))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_prompt_is_quoted_and_answered_in_the_solutions(chapter):
    prompts = chapter_prompts(chapter)
    assert [number for number, _ in prompts] == list(range(1, len(prompts) + 1)), prompts
    quoted = quoted_prompts(ROOT / "solutions" / chapter.name)
    assert [(number, text) for number, text, _ in quoted] == prompts, (
        f"solutions/{chapter.name} must quote the chapter's {len(prompts)} Try-it prompts, in order")
    unanswered = [number for number, _, answered in quoted if not answered]
    assert not unanswered, f"solutions/{chapter.name}: no worked answer after prompt(s) {unanswered}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_exercise_notebooks_keep_the_prompts_without_the_answers(chapter):
    quoted = quoted_prompts(ROOT / "exercises" / chapter.name)
    assert [(number, text) for number, text, _ in quoted] == chapter_prompts(chapter)
    assert not any(answered for *_, answered in quoted)


def test_a_prompt_edited_on_one_side_only_is_noticed(tmp_path):
    chapter = CHAPTERS[0]
    notebook = nbformat.read(chapter, as_version=4)
    for cell in notebook.cells:
        if "## Try it" in cell.source:
            cell.source = cell.source.replace("\n2. ", "\n2. Also, ", 1)
    edited = tmp_path / chapter.name
    nbformat.write(notebook, edited)
    assert chapter_prompts(edited)[1][1].startswith("Also, ")
    assert chapter_prompts(edited) != [(number, text) for number, text, _ in
                                       quoted_prompts(ROOT / "solutions" / chapter.name)]
