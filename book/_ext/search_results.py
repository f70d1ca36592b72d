"""Search results: chapters rank above exercises and solutions, and excerpts show the passage
that matched. Both live in `search_results.js`, which Sphinx puts into the search's
`language_data.js` as its `html_search_scorer` (a Scorer object, read by searchtools.js).
"""

from pathlib import Path

SCORER = Path(__file__).with_name("search_results.js")


def use_scorer(app, config):
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app):
    app.connect("config-inited", use_scorer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
