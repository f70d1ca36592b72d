"""Write each notebook's Colab badge cell and Colab-only install cell from `_config.yml`.

    python tools/notebooks/header.py           # update every notebook in place
    python tools/notebooks/header.py --check   # exit 1 if any notebook is out of date

The two cells are found by their tags (`colab-badge`, `colab-install`) and inserted at the top
when missing; the install cell never runs anywhere but in Google Colab.
"""

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_FOLDERS = ("chapters", "exercises", "solutions")
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"


def repository():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    return config["url"].rstrip("/"), config["branch"]


def colab_url(notebook_path):
    url, branch = repository()
    github_path = url.split("github.com/", 1)[1]
    relative = Path(notebook_path).resolve().relative_to(ROOT).as_posix()
    return f"https://colab.research.google.com/github/{github_path}/blob/{branch}/{relative}"


def badge_source(notebook_path):
    return f"[![Open In Colab]({BADGE_IMAGE})]({colab_url(notebook_path)})"


def install_source():
    """The install cell; its lines keep to 79 characters, so it does not scroll on the website."""
    url, branch = repository()
    return (
        "# Only in Google Colab: install the pinned packages and the course's helpers.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    repo, branch = "{url.split("github.com/", 1)[1]}", "{branch}"\n'
        '    raw = f"https://raw.githubusercontent.com/{repo}/{branch}"\n'
        '    package = f"git+https://github.com/{repo}@{branch}"\n'
        "    !pip install -q -r {raw}/requirements-colab.txt {package}"
    )


def header_cells(notebook_path):
    badge = nbformat.v4.new_markdown_cell(badge_source(notebook_path))
    badge.metadata["tags"] = ["colab-badge"]
    install = nbformat.v4.new_code_cell(install_source())
    install.metadata["tags"] = ["colab-install"]
    return [badge, install]


def _tagged(notebook, tag):
    return next((cell for cell in notebook.cells if tag in cell.metadata.get("tags", [])), None)


def update(notebook_path):
    """Bring one notebook's header cells up to date; return True if it changed."""
    notebook = nbformat.read(notebook_path, as_version=4)
    changed = False
    for wanted in reversed(header_cells(notebook_path)):
        tag = wanted.metadata["tags"][0]
        cell = _tagged(notebook, tag)
        if cell is None:
            notebook.cells.insert(0, wanted)
            changed = True
        elif cell.source != wanted.source:
            cell.source = wanted.source
            changed = True
    if changed:
        nbformat.write(notebook, notebook_path)
    return changed


def notebooks():
    return sorted(path for folder in NOTEBOOK_FOLDERS for path in (ROOT / folder).glob("*.ipynb"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    args = parser.parse_args()
    stale = []
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        expected = {cell.metadata["tags"][0]: cell.source for cell in header_cells(path)}
        if any((_tagged(notebook, tag) or {}).get("source") != source for tag, source in expected.items()):
            stale.append(path)
            if not args.check:
                update(path)
    for path in stale:
        print(("stale: " if args.check else "updated: ") + str(path.relative_to(ROOT)))
    sys.exit(1 if args.check and stale else 0)


if __name__ == "__main__":
    main()
