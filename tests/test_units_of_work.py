"""`make test`'s scheduling (conftest.py): each test file runs on one worker, the accessibility
audit on one worker per language, the unit that builds the website first; a file that uses the
website without being listed gets a clear error, also from a worker."""

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = ["tests/test_provenance.py", "tests/test_upgrade.py", "tests/test_workflows.py"]  # fast ones
AUDIT = "tests/test_accessibility.py"


@pytest.fixture(scope="module")
def units(request):
    """The repository's conftest.py (a plugin of this session)."""
    return next(plugin for plugin in request.config.pluginmanager.get_plugins()
                if getattr(plugin, "__file__", None) == str(ROOT / "conftest.py"))


def test_each_file_is_a_unit_and_the_audit_one_per_language(units):
    assert units.unit_of("tests/test_website.py::test_every_image_loads[book/intro]") == "tests/test_website.py"
    assert units.unit_of(f"{AUDIT}::test_axe_finds_no_serious_or_critical_violation[book/intro.html-dark]") == AUDIT
    assert units.unit_of(f"{AUDIT}::test_axe_finds_no_serious_or_critical_violation[ko/book/intro.html-dark]") \
        == f"{AUDIT}::ko"
    assert units.unit_of(f"{AUDIT}::test_no_page_scrolls_sideways_on_a_phone[360-ko]") == f"{AUDIT}::ko"
    assert units.unit_of(f"{AUDIT}::test_no_page_scrolls_sideways_on_a_phone[360-en]") == AUDIT


def test_the_website_builder_starts_first_and_the_listed_units_exist(units):
    assert units.LONGEST_FIRST[0] in units.WEBSITE_FILES and units.LONGEST_FIRST[1] not in units.WEBSITE_FILES
    assert all((ROOT / path.split("::")[0]).is_file() for path in units.WEBSITE_FILES + units.LONGEST_FIRST)


def test_each_file_runs_on_one_worker():
    result = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", *FILES],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    workers = defaultdict(set)
    for worker, file in re.findall(r"^\[(gw\d)\] .*?(?:PASSED|FAILED|SKIPPED) (tests/\S+?\.py)::", result.stdout, re.M):
        workers[file].add(worker)
    assert sorted(workers) == FILES and all(len(ran_on) == 1 for ran_on in workers.values()), dict(workers)
    assert len(set().union(*workers.values())) == 2, "both workers had work"


def test_an_unlisted_file_using_the_website_is_named_by_the_workers(tmp_path):
    """Not xdist's bare INTERNALERROR: the error names the file and says what to do."""
    (tmp_path / "test_unlisted.py").write_text(
        "import pytest\n\n@pytest.fixture\ndef site():\n    pass\n\ndef test_page(site):\n    pass\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-p", "conftest",
                             "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode != 0 and "INTERNALERROR" not in result.stdout + result.stderr, result.stdout[-3000:]
    assert "test_unlisted.py use the built website: add them to WEBSITE_FILES" in result.stdout, result.stdout[-3000:]
