"""`make upgrade`: the pinned packages moved to their newest releases, and a report of what that did.

    python -m tools.upgrade [--report upgrade-report.md]

Modules: `pins` (requirements files, the package index), `outputs` (stored notebook outputs
before and after), `suite` (the test suite's failures), `report` (the Markdown), `__main__`
(the steps in order), `demo` (the check that an older pin arrives at the newest release).
"""
