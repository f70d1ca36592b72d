"""Where a notebook's stored outputs came from, read from the notebook file itself.

The set-up cell prints one of two lines (`MIRROR_LINE` offline, `HUB_LINE` online); the website
reads that printed line back to decide whether a page's outputs used the stand-in weights.
Light on purpose (no torch, no transformers): the website's Sphinx extension imports it.
A translated notebook prints the lines in its language; each language's line is recognised.
"""

from .i18n import N_, in_every_language

MIRROR_LINE = N_("Checkpoints load from the course's offline mirror: real tokenizers and configs, "
                 "stand-in weights (see 'About the outputs').")
HUB_LINE = N_("Checkpoints load from the Hugging Face Hub.")
VERSIONS_LINE = N_("Outputs made with {libraries} and Python {python}.")
MIRROR, HUB = "mirror", "hub"


def _printed_lines(notebook):
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                text = output.get("text", "")
                yield from ("".join(text) if isinstance(text, list) else text).splitlines()


def checkpoint_source(notebook):
    """`MIRROR` or `HUB` as the notebook's stored set-up output says, or None if it says neither."""
    mirror, hub = (set(in_every_language(line).values()) for line in (MIRROR_LINE, HUB_LINE))
    for line in _printed_lines(notebook):
        if line in mirror:
            return MIRROR
        if line in hub:
            return HUB
    return None



VERSIONS_KEY = "outputs_made_with"
LIBRARIES = {"transformers": "Transformers", "torch": "PyTorch"}


def record_versions(notebook):
    """Store in the notebook's metadata the library and Python versions its outputs come from."""
    from importlib import metadata
    from platform import python_version

    versions = {name: metadata.version(name) for name in LIBRARIES}
    notebook["metadata"][VERSIONS_KEY] = {**versions, "python": python_version()}


def versions_line(notebook, template=VERSIONS_LINE):
    """'Outputs made with Transformers x, PyTorch y and Python z.', or None if not recorded
    (`template`: `VERSIONS_LINE` in the page's language)."""
    versions = notebook["metadata"].get(VERSIONS_KEY)
    if not versions:
        return None
    parts = [f"{label} {versions[name]}" for name, label in LIBRARIES.items()]
    return template.format(libraries=", ".join(parts), python=versions["python"])
