"""Widget code only where a widget is shown, and only when it is.

MyST-NB puts the ipywidgets manager (require.js and the 3.6 MB `embed-amd.js`) in the <head> of
every page whose notebook stores widget state, where it holds back the page's first paint for
seconds on a phone link, even where no widget ends up on screen (chapter 5's live playground
hides the stored widget). So `_config.yml` gives MyST-NB no widget scripts
(`nb_ipywidgets_js: {}`: it still writes the widget state into the page), and a page with a
widget output loads the small `_static/widgets-loader.js` instead, deferred. That script loads
WIDGET_SCRIPTS, in order, when a widget output comes near the screen, and never while it is
hidden.
"""

import json

from docutils import nodes

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Local copies (tools/website/web_assets.py fetches the vendor files); loaded in this order.
WIDGET_SCRIPTS = ("vendor/requirejs/require.js",
                  "widgets-setup.js",  # see the comments in book/_static/widgets-setup.js
                  "vendor/html-manager/embed-amd.js")
LOADER = "widgets-loader.js"


def has_widget_output(doctree):
    return doctree is not None and any(WIDGET_VIEW in node.astext()
                                       for node in doctree.findall(nodes.raw))


def add_widgets_loader(app, pagename, templatename, context, doctree):
    """On a page with a widget output, the loader, told where the widget scripts are."""
    if has_widget_output(doctree):
        scripts = [context["pathto"]("_static/" + path, 1) for path in WIDGET_SCRIPTS]
        app.add_js_file(LOADER, loading_method="defer", **{"data-scripts": json.dumps(scripts)})


def setup(app):
    app.connect("html-page-context", add_widgets_loader)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
