"""Every Colab URL opens the right thing: the repository and branch of `_config.yml`, and a
file that exists at that path (badges and launch buttons: a notebook; install cells: the
requirements file and the package of that repository and branch).

This file checks the notebooks and Markdown sources; tests/test_website.py runs `links_in`
and `problems` over the built pages too, so the launch buttons are covered.
"""

import re
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COLAB = "https://colab.research.google.com/"
BADGE_IMAGE = COLAB + "assets/colab-badge.svg"
URL = re.compile(r"(?:git\+)?https://(?:colab\.research\.google\.com|raw\.githubusercontent\.com|github\.com)"
                 r"""/[^\s"'<>)\]\\]+""")
ASSIGNMENT = re.compile(r'^\s*(\w+(?:\s*,\s*\w+)*)\s*=\s*(f?".*)$', re.M)
PLACEHOLDER = re.compile(r"\{(\w+)\}")
SOURCES = sorted([*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/*.ipynb"),
                  *ROOT.glob("solutions/*.ipynb"), *ROOT.glob("book/*.md"), ROOT / "README.md",
                  *ROOT.glob("*/chapters/*.ipynb"), *ROOT.glob("*/exercises/*.ipynb"),  # translations
                  *ROOT.glob("*/solutions/*.ipynb"), *ROOT.glob("*/book/*.md")])


def configured():
    """(owner/name, branch) from `_config.yml`'s repository section."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    return config["url"].rstrip("/").split("github.com/", 1)[1], str(config["branch"])


def links_in(text):
    """The Colab-related URLs in a text: Colab pages, raw files and git installs of GitHub."""
    return [url for url in URL.findall(text) if url != BADGE_IMAGE
            and (url.startswith(COLAB) or "raw.githubusercontent.com" in url or url.startswith("git+"))]


def problems(url):
    """What is wrong with one Colab-related URL (an empty list if nothing)."""
    repo, branch = configured()
    colab = re.fullmatch(re.escape(COLAB) + r"github/([^/]+/[^/]+)/blob/([^/]+)/(.+\.ipynb)", url)
    raw = re.fullmatch(r"https://raw\.githubusercontent\.com/([^/]+/[^/]+)/([^/]+)(?:/(.+))?", url)
    install = re.fullmatch(r"git\+https://github\.com/([^/]+/[^/@]+)@(.+)", url)
    match = colab or raw or install
    if match is None:
        return [f"{url}: not a link to a notebook, file or package of a GitHub repository"]
    found = []
    if match.group(1) != repo or match.group(2) != branch:
        found.append(f"{url}: expected repository {repo}, branch {branch}")
    if (colab or raw) and match.group(3) and not (ROOT / match.group(3)).is_file():
        found.append(f"{url}: {match.group(3)} does not exist in this repository")
    return found


def expand(source):
    """A cell's source with `{name}` replaced by the strings its assignments give `name`
    (the install cell builds its URLs from `repo, branch = "...", "..."`)."""
    values = {}

    def fill(text):
        return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)

    for names, value in ASSIGNMENT.findall(source):
        for name, literal in zip(names.replace(" ", "").split(","), re.findall(r'"([^"]*)"', value)):
            values[name] = fill(literal)
    return fill(source)


def text_of(path):
    if path.suffix == ".ipynb":
        return "\n".join(expand(cell.source) for cell in nbformat.read(path, as_version=4).cells)
    return path.read_text()


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_colab_links_point_at_this_repository(path):
    found = [problem for url in links_in(text_of(path)) for problem in problems(url)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", [p for p in SOURCES if p.suffix == ".ipynb"],
                         ids=lambda path: str(path.relative_to(ROOT)))
def test_each_notebook_links_to_itself_and_installs_this_repository(path):
    repo, branch = configured()
    links = links_in(text_of(path))
    relative = path.relative_to(ROOT).as_posix()
    assert f"{COLAB}github/{repo}/blob/{branch}/{relative}" in links
    assert f"git+https://github.com/{repo}@{branch}" in links
    assert f"https://raw.githubusercontent.com/{repo}/{branch}/requirements-colab.txt" in links


def test_a_wrong_branch_or_missing_notebook_is_caught():
    repo, branch = configured()
    assert problems(f"{COLAB}github/{repo}/blob/{branch}/chapters/02-models.ipynb") == []
    assert problems(f"{COLAB}github/{repo}/blob/other-branch/chapters/02-models.ipynb")
    assert problems(f"{COLAB}github/{repo}/blob/{branch}/chapters/99-missing.ipynb")
    assert problems(f"git+https://github.com/someone/else@{branch}")


def test_urls_built_from_variables_are_expanded():
    source = ('repo, branch = "a/b", "dev"\n'
              'raw = f"https://raw.githubusercontent.com/{repo}/{branch}"\n'
              "!pip install -r {raw}/x.txt")
    assert "https://raw.githubusercontent.com/a/b/dev/x.txt" in links_in(expand(source))
