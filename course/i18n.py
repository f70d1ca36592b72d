"""The course's messages in the notebook's language (gettext, from the standard library).

A translated notebook declares its language in its set-up cell, `course.setup(language="ko")`
(the translation tools write that cell; the learner sets nothing). From then on `_(message)`
returns the message in that language, read from `course/locales/<language>/LC_MESSAGES/course.mo`,
which `make translations` compiles from the book's catalog `locales/<language>.po`. A message
that has no current translation keeps its English text and says so: "... [not yet translated]",
the bracket in the notebook's language.

Messages are marked in the code as `_("...")`, or as `N_("...")` where the text is defined once
and translated where it is shown; `{name}` placeholders are filled in after translating.
"""

import contextlib
import gettext
from functools import cache
from pathlib import Path

ENGLISH = "en"
DOMAIN = "course"
LOCALES = Path(__file__).with_name("locales")


def N_(message):  # noqa: N802 - the gettext convention
    """Mark `message` for the catalog without translating it here."""
    return message


MARKER = N_("not yet translated")
_language = ENGLISH
_lookups = 0  # messages looked up so far (the translated notebooks' nbval counts them)


def languages():
    """English and every language the course package has a catalog for."""
    return [ENGLISH] + sorted(path.parent.parent.name for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def set_language(language):
    """Speak `language` from now on; a language without a catalog is a ValueError."""
    global _language
    if language not in languages():
        raise ValueError(f"The course has no messages in {language!r}: choose one of "
                         f"{', '.join(map(repr, languages()))}.")
    _language = language


def current_language():
    return _language


def _(message):
    """`message` in the current language (English text with a marker if not translated)."""
    global _lookups
    _lookups += 1
    return translation(message, _language)


def plural(count, one, other, **values):
    """The message for `count` things, translated and filled in: `one` if count is 1, else `other`.

    Mark both with `N_`: they are two whole messages, as English needs two forms (Korean needs
    one, so its translator writes the same sentence twice)."""
    return _(one if count == 1 else other).format(count=count, **values)


@contextlib.contextmanager
def speaking(language):
    """Speak `language` inside the block (e.g. one submission's feedback), then the previous one."""
    previous = _language
    set_language(language)
    try:
        yield
    finally:
        set_language(previous)


def lookups():
    """How many messages `_()` has looked up in this process."""
    return _lookups


def translation(message, language):
    """`message` in `language`: its catalog's translation, or the English text marked."""
    if language == ENGLISH:
        return message
    return _catalog(language).gettext(message)


def in_every_language(message):
    """`message` as each language with a catalog shows it."""
    return {language: translation(message, language) for language in languages()}


class _NotYetTranslated(gettext.NullTranslations):
    """The fallback of a catalog: the English text, marked as not yet translated."""

    def __init__(self, marker):
        super().__init__()
        self.marker = marker

    def gettext(self, message):
        return f"{message} [{self.marker}]"


@cache
def _catalog(language):
    catalog = gettext.translation(DOMAIN, LOCALES, languages=[language])
    catalog.add_fallback(_NotYetTranslated(catalog.gettext(MARKER)))  # the marker itself, translated
    return catalog
