"""The instructors' batch grader: `python -m course.grade SUBMISSIONS... --out DIR`.

Each notebook runs in its own fresh kernel (`kernel`), is graded there by a freshly imported
grader (`inside`), and the results become grades.csv, feedback pages and results.json (`outputs`).
Learner code never runs in the grading process.
"""
