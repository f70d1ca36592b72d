"""The translation catalogs: one gettext PO file per language, `locales/<language>.po`.

Babel does the gettext work: `Catalog.update` merges the freshly extracted English into a
catalog, and a message whose English changed keeps its old translation marked fuzzy (with the
previous English, `#| msgid`, to compare). Only translated, non-fuzzy messages are used.
"""

import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, unescape, write_po

from . import sources

ROOT = sources.ROOT
LOCALES = ROOT / "locales"
PROJECT = "How Transformers works inside"
RUNTIME_SOURCES = ("course/", "book/")  # messages shown at run time: the course package's, the website's
HEADER = ("# The {language} translation of the course book \"How Transformers works inside\".\n"
          "# Open it with any PO editor (Poedit, Weblate, Crowdin); `make translations` merges the\n"
          "# English into it. Messages marked fuzzy had their English changed since they were translated.\n#")
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)  # no date churn in the generated files
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')  # a PO string's quoted parts
RUNTIME_CATALOG = Path("course", "locales", "{language}", "LC_MESSAGES", "course.mo")


def path_of(language, root=ROOT):
    return root / "locales" / f"{language}.po"


def languages(root=ROOT):
    """The languages that have a catalog."""
    return sorted(path.stem for path in (root / "locales").glob("*.po"))


def read(language, root=ROOT):
    with open(path_of(language, root), "rb") as file:
        catalog = read_po(file, locale=language)
    for message in messages(catalog):  # Babel reads `#| msgid` (the previous English) as comments
        previous = [comment[2:] for comment in message.user_comments if comment.startswith("| ")]
        if previous:
            message.user_comments = [comment for comment in message.user_comments if not comment.startswith("| ")]
            message.previous_id = [previous_english(previous)]
    return catalog


def previous_english(lines):
    """The previous English of a fuzzy message from its `#| msgid "..." "..."` comment lines.

    Babel writes them wrapped at spaces like a comment, also inside the quoted strings, so
    the lines are joined with the space that the wrapping took, and the strings read in order."""
    text = " ".join(lines).removeprefix("msgid ")
    return "".join(unescape(f'"{part}"') for part in QUOTED.findall(text))


def write(catalog, language, root=ROOT):
    path_of(language, root).parent.mkdir(parents=True, exist_ok=True)
    with open(path_of(language, root), "wb") as file:
        write_po(file, catalog, width=0, include_lineno=False, ignore_obsolete=True, include_previous=True)


def template(root=ROOT):
    """A catalog of every English message (no translations), in reading order."""
    catalog = Catalog(project=PROJECT, fuzzy=False, creation_date=FIXED_DATE)
    for text, location in sources.messages(root):
        catalog.add(text, locations=[(location.as_posix(), None)])
    return catalog


def update(language, root=ROOT):
    """Merge the current English into `language`'s catalog (created if new); return the catalog."""
    if path_of(language, root).exists():
        catalog = read(language, root)
    else:
        catalog = Catalog(locale=language, project=PROJECT, fuzzy=False, creation_date=FIXED_DATE,
                          revision_date=FIXED_DATE, header_comment=HEADER.format(language=language),
                          copyright_holder="The course team", last_translator="", language_team="")
    previous = {message.id: message.previous_id for message in messages(catalog) if message.previous_id}
    catalog.update(template(root), update_creation_date=False)
    for message in messages(catalog):  # Babel forgets the previous English of a still fuzzy message
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]
    write(catalog, language, root)
    return catalog


def messages(catalog):
    return [message for message in catalog if message.id]


def is_current(message):
    return bool(message.string) and not message.fuzzy


def coverage(catalog):
    """How many messages are translated, fuzzy (English changed since) and missing."""
    counts = Counter("fuzzy" if message.fuzzy else "translated" if message.string else "missing"
                     for message in messages(catalog))
    return {kind: counts[kind] for kind in ("translated", "fuzzy", "missing")}


def lookup(catalog):
    """A function: English text -> its current translation, or None (missing or fuzzy)."""
    current = {message.id: message.string for message in messages(catalog) if is_current(message)}
    return current.get


def compile_runtime(catalog, language, root=ROOT):
    """Write the course package's own messages, translated, as its gettext `.mo` file."""
    runtime = Catalog(locale=language, project=PROJECT, fuzzy=False, creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE)
    for message in messages(catalog):
        if is_current(message) and any(path.startswith(RUNTIME_SOURCES) for path, _ in message.locations):
            runtime.add(message.id, message.string)
    path = root / str(RUNTIME_CATALOG).format(language=language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:
        write_mo(file, runtime)
    return path
