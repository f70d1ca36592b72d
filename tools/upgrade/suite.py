"""Run the test suite as `make test` does, and read which tests failed from its JUnit report."""

import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

CLAIM_TESTS = "tests/test_claims.py"  # the chapters' prose re-checked against the library


@dataclass
class Failure:
    test: str  # pytest's id: path::name
    message: str  # the first line of pytest's message

    @property
    def is_claim(self):
        return self.test.startswith(CLAIM_TESTS + "::")


def test_id(case):
    """pytest's id of a JUnit test case of an xunit1 report (which records each test's file)."""
    file = case.get("file", "")
    module = re.sub(r"\.py$", "", file).replace("/", ".")
    inner = case.get("classname", "")[len(module):].strip(".")
    return "::".join([file, *([inner.replace(".", "::")] if inner else []), case.get("name", "")])


def failures(junit_xml):
    """The failed and erroring tests of a JUnit report."""
    found = []
    for case in ElementTree.parse(junit_xml).iter("testcase"):
        problem = case.find("failure") if case.find("failure") is not None else case.find("error")
        if problem is not None:
            message = (problem.get("message") or problem.text or "").strip().splitlines()
            found.append(Failure(test_id(case),
                                 message[0][:200] if message else ""))
    return found


def run(root, junit_xml):
    """Run `make test` with a JUnit report; return (exit status, failures)."""
    Path(junit_xml).unlink(missing_ok=True)
    addopts = f"{os.environ.get('PYTEST_ADDOPTS', '')} --junitxml={junit_xml} -o junit_family=xunit1".strip()
    status = subprocess.run(["make", "--no-print-directory", "test"], cwd=root,
                            env={**os.environ, "PYTEST_ADDOPTS": addopts}).returncode
    return status, failures(junit_xml) if Path(junit_xml).is_file() else []
