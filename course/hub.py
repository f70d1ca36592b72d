"""Whether a notebook cell may use the learner's Hugging Face Hub account here, and why not.

    from course.hub import hub_ready
    if hub_ready():            # the Hub answers and an access token is available
        model.push_to_hub("my-model")

Cells that log in, push, or load from the learner's own namespace run only where they can: in
Colab, or on any machine that reaches the Hub. Elsewhere `hub_ready` prints one line saying the
cell was skipped and why, and that line is the cell's stored output. The book's own runs (its
tests, `make notebooks`, the website's workflow) set `COURSE_AUTOMATED_RUN=1`: they never touch
an account, even where a token is present, and print the same line whether or not the Hub
answers, so every such run stores the same output.
"""

import os

from .notebook import hub_reachable

AUTOMATED_RUN = "COURSE_AUTOMATED_RUN"
AUTOMATED, UNREACHABLE, NO_TOKEN = "automated run", "Hub unreachable", "no token"
IN_COLAB = "Open this notebook in Colab to run this cell."
SKIPPED = {
    AUTOMATED: "Skipped: the book's automated runs (tests, stored outputs, website builds) never use "
               "a Hub account. " + IN_COLAB,
    UNREACHABLE: "Skipped: the Hugging Face Hub cannot be reached from here. " + IN_COLAB,
    NO_TOKEN: "Skipped: no access token yet. Run the notebook_login() cell above, then this cell again.",
}


def why_not(token=True):
    """Why this session cannot use the Hub (with an access token if `token`): AUTOMATED,
    UNREACHABLE or NO_TOKEN; None if it can."""
    if os.environ.get(AUTOMATED_RUN) == "1":
        return AUTOMATED
    if os.environ.get("HF_HUB_OFFLINE") == "1" or not hub_reachable():
        return UNREACHABLE
    if token:
        from huggingface_hub import get_token

        if get_token() is None:
            return NO_TOKEN
    return None


def hub_ready(token=True):
    """True if the cell can use the Hub; otherwise print why it is skipped, and what to do."""
    reason = why_not(token)
    if reason:
        print(SKIPPED[reason])
    return reason is None
