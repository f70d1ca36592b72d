"""Test-suite set-up: build the offline mirror and point every notebook kernel at it.

Kernels start with `tools.notebooks.portable_outputs.OTHER_PROCESSOR`: PyTorch and MKL then compute as on
another processor than the one that stored the outputs (`make notebooks` runs plainly), and
nbval compares floats with the tolerance that plugin adds.

Set COURSE_HUB=online to run against the real Hugging Face Hub instead (needs network): then
the reference-figure test runs, and notebooks are only required to run top to bottom
(`--nbval-lax`), since their stored outputs are the offline mirror's.

Under `make test` (xdist, `--dist loadgroup`) every test file is one unit of work, its tests run
in order on one worker (a notebook's cells share one kernel); the accessibility audit is one
unit per language, and so is the page-weight test (an edition's pages are visited together, by
one browser). The first unit
that needs the built website builds it (tests/conftest.py, once per run, about 35 s); the
other worker meanwhile runs units that do not need it: the website's files are listed, and
only one of them starts before the long units that do not need the site. Units start longest
first (measured with `--durations`), so no worker is left with a long one at the end.
"""

import os

import pytest
from _pytest.reports import CollectReport

from course import mirror
from course.hub import AUTOMATED_RUN
from tools.translation.catalog import languages

pytest_plugins = ["pytester", "tools.notebooks.portable_outputs", "tools.translation.nbval_translations"]

ONLINE = os.environ.get("COURSE_HUB") == "online"
WEBSITE_FILES = ("tests/test_accessibility.py", "tests/test_glossary_links.py", "tests/test_live_tokenizer.py",
                 "tests/test_page_weight.py", "tests/test_pdfs.py", "tests/test_quiz_website.py",
                 "tests/test_simulated_hub.py", "tests/test_website.py",
                 "tests/test_website_translations.py")  # they use the `site` fixture
BY_LANGUAGE = ("tests/test_accessibility.py", "tests/test_page_weight.py")  # one unit per language
# The website's builder first; the long units that do not need the site while it builds; then
# the rest of the website (PDFs first: they are printed once the site is there), longest first.
LONGEST_FIRST = ("tests/test_accessibility.py", "tests/test_grading_chapters.py", "tests/test_mirror.py",
                 "tests/test_accessibility.py::ko", "tests/test_grade_batch.py", "tests/test_pdfs.py",
                 "tests/test_grading.py", "tests/test_colab_like.py", "tests/test_website.py",
                 "tests/test_page_weight.py", "tests/test_page_weight.py::ko")


def pytest_configure(config):
    from tools.notebooks.portable_outputs import OTHER_PROCESSOR  # imported as a plugin first (assert rewriting)

    os.environ["PYTHONHASHSEED"] = "0"  # fixed for kernels too: stable set ordering in outputs
    os.environ[AUTOMATED_RUN] = "1"  # kernels never use a Hub account (course.hub), even online
    if ONLINE:
        config.option.nbval_lax = True  # stored outputs come from the mirror's stand-in weights
    else:
        if not hasattr(config, "workerinput"):  # the xdist controller (or a plain run) builds it
            mirror.ensure(log=lambda line: None)
        os.environ.update(mirror.environment(mirror.default_dir()))
    os.environ.update(OTHER_PROCESSOR)  # read by kernels (and tools) started from now on


def pytest_collection_modifyitems(config, items):
    """Put the units of work (see the module's docstring) longest first; a file keeps its order."""
    unlisted = {_file(item) for item in items if "site" in getattr(item, "fixturenames", ())} - set(WEBSITE_FILES)
    if unlisted:
        message = (f"{', '.join(sorted(unlisted))} use the built website: add them to WEBSITE_FILES in "
                   "conftest.py, so that they start after the unit that builds it")
        if not hasattr(config, "workerinput"):
            raise pytest.UsageError(message)
        # A worker's UsageError reaches the user as xdist's bare INTERNALERROR: report a
        # collection error instead, which the controller shows with its message.
        for file in sorted(unlisted):
            config.hook.pytest_collectreport(report=CollectReport(file, "failed", message, []))
        items[:] = [item for item in items if _file(item) not in unlisted]
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    website = len(rank)  # the website's other files: after the units listed, before the short ones
    items.sort(key=lambda item: rank.get(unit_of(item.nodeid), website if _file(item) in WEBSITE_FILES else website + 1))


@pytest.hookimpl(optionalhook=True)  # xdist's hook: runs with `-p no:xdist` must not fail
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` with this file's units. (xdist 3.8's own groups nothing under pytest
    9.2: node ids no longer take the group suffix it appends, pytest-dev/pytest-xdist#1386.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Units(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return unit_of(nodeid)

    config.option.loadscopereorder = False  # keep the order above
    return Units(config, log)


def unit_of(nodeid):
    """A test's unit of work: its file, and in a BY_LANGUAGE file its language (`file::ko`) when
    its parameters name a translated page (`ko/...`) or language (`ko`); English is the file."""
    file = nodeid.split("::", 1)[0]
    if file in BY_LANGUAGE and "[" in nodeid:
        words = set(nodeid[nodeid.index("[") + 1:].rstrip("]").replace("/", "-").split("-"))
        language = next((language for language in languages() if language in words), None)
        return f"{file}::{language}" if language else file
    return file


def _file(item):
    return item.nodeid.split("::", 1)[0]


@pytest.fixture(scope="session")
def mirror_dir():
    """The built mirror's folder (offline runs only)."""
    if ONLINE:
        pytest.skip("COURSE_HUB=online: checkpoints come from the Hugging Face Hub, not the mirror")
    return mirror.default_dir()

