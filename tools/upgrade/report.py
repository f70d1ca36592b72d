"""The upgrade's report in Markdown: packages, changed outputs, failing tests, and the verdict."""

MOST_CELLS = 60  # listed one by one (a pull request's body holds 65,536 characters)


def _version(version):
    return f"`{version}`" if version else "(none)"


def _code(text):
    return f"`{text.replace('`', chr(39))}`" if text.strip() else "(nothing)"


def packages_section(top_level, others):
    lines = ["## Packages", ""]
    if not (top_level or others):
        return lines + ["Every pinned package is already at its newest release.", ""]
    lines += ["| package | old | new |", "|---|---|---|"]
    lines += [f"| **{name}** | {_version(old)} | {_version(new)} |" for name, old, new in top_level]
    lines += [f"| {name} | {_version(old)} | {_version(new)} |" for name, old, new in others]
    return lines + ["", "Bold: pinned in requirements.in; the others are their dependencies "
                    "(requirements.txt).", ""]


def outputs_section(changes, failed_notebooks):
    lines = ["## Stored outputs", ""]
    for notebook, reason in failed_notebooks:
        lines.append(f"- **{notebook} did not execute**: {reason}")
    if not changes:
        lines.append("No stored output changed." if not failed_notebooks else "")
    for change in changes[:MOST_CELLS]:
        more = f" (+{change.more_lines} more changed lines)" if change.more_lines > 0 else ""
        lines += [f"- {change.notebook}, cell {change.cell} ({_code(change.source)}){more}",
                  f"  - before: {_code(change.before)}", f"  - after: {_code(change.after)}"]
    if len(changes) > MOST_CELLS:
        lines.append(f"- ... and {len(changes) - MOST_CELLS} more cells (see the notebooks' diff).")
    return lines + [""]


def tests_section(status, failures):
    lines = ["## Test suite", ""]
    if status == 0:
        return lines + ["`make test` passed.", ""]
    lines.append(f"`make test` failed (exit status {status}); failing tests:" if failures
                 else f"`make test` failed (exit status {status}) before reporting any test.")
    claims = [failure for failure in failures if failure.is_claim]
    for failure in failures:
        if not failure.is_claim:
            lines.append(f"- `{failure.test}`: {failure.message}")
    if claims:
        lines += ["", "Claims of the chapters' prose that the new releases made false (claim tests):"]
        lines += [f"- `{failure.test}`: {failure.message}" for failure in claims]
    return lines + [""]


def verdict(resolution_error, failed_notebooks, status, upgraded=True, failed_step=None):
    """(the report's last line, False if the upgrade is not ready to merge)."""
    if resolution_error:
        return "**Not ready to merge**: pip could not resolve the upgraded pins.", False
    if failed_step:
        return f"**Not ready to merge**: `{failed_step}` failed.", False
    if not upgraded:
        return "**Nothing to merge**: every pin is at its newest release.", True
    if failed_notebooks:
        return f"**Not ready to merge**: {len(failed_notebooks)} notebook(s) failed to execute.", False
    if status != 0:
        return "**Not ready to merge**: the test suite fails.", False
    return "**Ready to merge**: every notebook executed and the test suite passes.", True


def render(top_level, others, changes=(), failed_notebooks=(), status=0, failures=(), resolution_error=None,
           failed_step=None):
    """(the whole report, whose last line is the verdict; False if it is not ready to merge)."""
    lines = ["# Upgrade report", ""]
    if resolution_error:
        lines += ["## Packages", "", "pip could not resolve the newest releases together:", "",
                  "```", resolution_error, "```", ""]
    else:
        lines += packages_section(top_level, others)
        if failed_step:
            lines += [f"`{failed_step}` failed: its output is in the log above the report.", ""]
        elif top_level or others:
            lines += outputs_section(changes, failed_notebooks) + tests_section(status, failures)
    last, ready = verdict(resolution_error, failed_notebooks, status, bool(top_level or others), failed_step)
    return "\n".join(lines + [last]) + "\n", ready
