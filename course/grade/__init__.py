"""The instructors' batch grader: `python -m course.grade SUBMISSIONS... --out DIR`.

Each notebook runs in a fresh kernel in a sandbox of its own (`sandbox`), where the runner
(`runner`) executes its cells and calls its functions on the cases (`inside`); the grader judges
the plain outcomes outside (`scoring`), and the results become grades.csv, feedback pages and
results.json (`outputs`). Learner code never runs in the grading process.
"""
