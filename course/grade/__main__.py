"""`python -m course.grade SUBMISSIONS... --out DIR` (see course.grade.cli)."""

from .cli import main

main()
