"""Where the book's English text lives, and how it is extracted as messages.

- Notebooks (`chapters/`, `exercises/`, `solutions/`): markdown cells, and the figure captions
  and alternative texts of code cells (`mystnb` metadata). Code cells stay English.
- Pages: every markdown page of `_toc.yml`.
- `_toc.yml` part captions; `_config.yml`'s title, logo text and footer.
- Python code of the `course` package, of these tools and of the website's extensions
  (`book/_ext`): `_("...")` and `N_("...")` calls.
- The website's scripts and the quizzes' (`JAVASCRIPT_SOURCES`): `t("...")` and `courseText("...")` calls.
"""

from pathlib import Path

import nbformat
import yaml
from babel.messages.extract import extract_from_file

from . import markdown

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_FOLDERS = ("chapters", "exercises", "solutions")
HEADER_TAGS = {"colab-badge", "colab-install"}  # rebuilt for each notebook's own path
PYTHON_SOURCES = ("course", "tools/translation", "book/_ext")
JAVASCRIPT_SOURCES = ("book/_static/live/page.js", "course/quiz/quiz.js", "book/_static/progress.js",
                      "book/_static/print.js")
KEYWORDS = {"_": None, "N_": None, "t": None, "courseText": None}
# (path in _config.yml, what it is) for the configuration texts a reader sees
CONFIG_TEXTS = (("title",), ("html", "extra_footer"), ("sphinx", "config", "html_theme_options", "logo", "text"))


def notebooks(root=ROOT):
    """The English notebooks, relative to `root`."""
    return sorted(path.relative_to(root) for folder in NOTEBOOK_FOLDERS
                  for path in (root / folder).glob("*.ipynb"))


def toc(root=ROOT):
    return yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))


def pages(root=ROOT):
    """The markdown pages of `_toc.yml`, relative to `root`."""
    contents = toc(root)
    files = [contents["root"]] + [entry["file"] for part in contents["parts"] for entry in part["chapters"]]
    return [Path(f"{name}.md") for name in files if (root / f"{name}.md").is_file()]


def figure_texts(cell):
    """(key path, text) of a code cell's figure caption and alternative text."""
    options = cell.metadata.get("mystnb", {})
    for keys in (("figure", "caption"), ("image", "alt")):
        text = options.get(keys[0], {}).get(keys[1])
        if text:
            yield keys, text


def config_value(config, keys):
    for key in keys:
        config = config.get(key, {}) if isinstance(config, dict) else {}
    return config if isinstance(config, str) else None


def messages(root=ROOT):
    """Every English message as (text, location file), in the order a reader meets them."""
    for path in notebooks(root):
        for cell in nbformat.read(root / path, as_version=4).cells:
            if HEADER_TAGS & set(cell.metadata.get("tags", [])):
                continue
            if cell.cell_type == "markdown":
                yield from ((text, path) for text in markdown.messages(cell.source))
            for _, text in figure_texts(cell):
                yield text, path
    for path in pages(root):
        yield from ((text, path) for text in markdown.messages((root / path).read_text(encoding="utf-8")))
    yield from ((part["caption"], Path("_toc.yml")) for part in toc(root)["parts"] if part.get("caption"))
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    for keys in CONFIG_TEXTS:
        if config_value(config, keys):
            yield config_value(config, keys), Path("_config.yml")
    for folder in PYTHON_SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            yield from _code_messages("python", path, root)
    for name in JAVASCRIPT_SOURCES:
        yield from _code_messages("javascript", root / name, root)


def _code_messages(method, path, root):
    for _, text, _, _ in extract_from_file(method, path, keywords=KEYWORDS):
        if text:
            yield text, path.relative_to(root)
