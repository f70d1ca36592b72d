"""Cut MyST markdown into translatable units and put it back together, translated or not.

A unit is a paragraph-like block (text, a list, a table, a quote, a glossary entry), a heading's
text, or a short piece of a line (a directive's title, an exercise line, a `<summary>`). Code
fences, math blocks, HTML comments and tag lines, directive options, targets and blank lines are
kept verbatim. Joining the units gives back the source byte for byte, so the identity
translation changes nothing, and a message id is the English text exactly as written.

A unit without a translation keeps its English text with a visible marker: a paragraph of its
own before a block (after a heading), or a note after a directive's title. Consecutive
untranslated blocks in the same directive (or outside any) share one marker.
"""

import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<title>.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
HEADING = re.compile(r"^(?P<prefix>#{1,6} +)(?P<text>.*?)(?P<suffix>\s*)$")
COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
EXERCISE = re.compile(r"^(?P<prefix><!-- EXERCISE: )(?P<text>.*)(?P<suffix> -->)$")
SUMMARY = re.compile(r"^(?P<prefix>\s*<summary>)(?P<text>.+)(?P<suffix></summary>\s*)$")
TAG_LINE = re.compile(r"^\s*</?\w+[^>]*>\s*$")
TARGET = re.compile(r"^\s*\(.+\)=\s*$")
# Directives whose body is code or data, not prose.
VERBATIM_BODIES = {"code-block", "code", "code-cell", "math", "raw", "eval-rst", "mermaid"}


@dataclass
class Unit:
    """Verbatim text, or translatable `text` between a verbatim `prefix` and `suffix`."""

    text: str
    kind: str = "verbatim"  # "verbatim", "block", "heading" or "inline"
    prefix: str = ""
    suffix: str = ""
    container: str = ""  # the directive the unit is in ("glossary", ...); "" at the top level
    visible: bool = True  # False for an EXERCISE line: a comment in its own notebook

    @property
    def translatable(self):
        return self.kind != "verbatim" and bool(self.text.strip())


def units(source, container=""):
    """The units of a markdown text, in order; their `prefix + text + suffix` join to `source`."""
    lines, found, index = source.split("\n"), [], 0
    while index < len(lines):
        if found:
            found.append(Unit("\n"))
        index = _read(lines, index, found, container)
    return found


def _read(lines, index, found, container):
    """Append the units of the line range starting at `lines[index]`; return the index after it."""
    line = lines[index]
    if FENCE.match(line):
        return _fenced(lines, index, found, container)
    if line.startswith("$$"):
        end = index if line.rstrip().endswith("$$") and line.strip() != "$$" else _line_ending(lines, index, "$$")
        found.append(Unit("\n".join(lines[index:end + 1])))
        return end + 1
    for pattern, kind, visible in ((EXERCISE, "inline", False), (SUMMARY, "inline", True),
                                   (HEADING, "heading", True)):
        match = pattern.match(line)
        if match:
            found.append(Unit(match["text"], kind, match["prefix"], match["suffix"], container, visible))
            return index + 1
    if not line.strip() or COMMENT.match(line) or TAG_LINE.match(line) or TARGET.match(line):
        found.append(Unit(line))
        return index + 1
    end = index + 1
    while end < len(lines) and lines[end].strip() and not _interrupts(lines[end]):
        end += 1
    found.append(Unit("\n".join(lines[index:end]), "block", container=container))
    return end


def _interrupts(line):
    """Whether a line ends the paragraph above it."""
    return any(pattern.match(line) for pattern in (FENCE, COMMENT, HEADING, TAG_LINE)) or line.startswith("$$")


def _line_ending(lines, index, end_mark):
    """The index of the first line after `index` that ends with `end_mark` (or the last line)."""
    end = index + 1
    while end < len(lines) - 1 and not lines[end].rstrip().endswith(end_mark):
        end += 1
    return min(end, len(lines) - 1)


def _fenced(lines, index, found, container):
    """A code fence (verbatim) or a directive: its title and prose body are translatable."""
    mark = FENCE.match(lines[index])["fence"]
    closing = re.compile(rf"^\s*{re.escape(mark[0])}{{{len(mark)},}}\s*$")
    end = index + 1
    while end < len(lines) and not closing.match(lines[end]):
        end += 1
    directive = DIRECTIVE.match(FENCE.match(lines[index])["info"].strip())
    if not directive or directive["name"] in VERBATIM_BODIES or end == len(lines):
        found.append(Unit("\n".join(lines[index:end + 1])))
        return end + 1
    opening, title = lines[index], directive["title"].rstrip()
    if title:
        start = opening.rindex(title)
        found.append(Unit(title, "inline", opening[:start], opening[start + len(title):], container))
    else:
        found.append(Unit(opening))
    body = index + 1
    while body < end and OPTION.match(lines[body]):
        found += [Unit("\n"), Unit(lines[body])]
        body += 1
    if body < end:
        found += [Unit("\n")] + units("\n".join(lines[body:end]), directive["name"])
    found += [Unit("\n"), Unit(lines[end])]
    return end + 1


def messages(source):
    """The English texts to translate in a markdown source, in order."""
    return [unit.text for unit in units(source) if unit.translatable]


def translate(source, lookup, marker):
    """The source with each translatable unit's text replaced by `lookup(text)`.

    `lookup` returns None for a unit without a current translation (missing or fuzzy): the unit
    then keeps its English text, and `marker` (inline markdown) says that it is not translated."""
    parts, marked = [], None  # marked: the container where the current untranslated run has its marker
    for unit in units(source):
        text = unit.text
        if unit.translatable:
            translation = lookup(text)
            if translation is not None:
                text, marked = translation, None
            elif unit.kind == "inline":
                text = f"{text} {marker}" if unit.visible else text
            elif marked != unit.container:
                text, marked = _marked(unit, marker), unit.container
        parts.append(unit.prefix + text + unit.suffix)
    return "".join(parts)


def _marked(unit, marker):
    """An untranslated block or heading's text with the marker paragraph where markdown allows."""
    if unit.kind == "heading":  # after the heading: before it, it would open the page
        return f"{unit.text}\n\n{marker}"
    if unit.container == "list-table":  # one bullet list only: the marker opens its first cell
        return re.sub(r"^(\s*\* - )", lambda match: match[1] + marker + " ", unit.text, count=1)
    if unit.container == "glossary":  # term lines, then the indented definition
        lines = unit.text.split("\n")
        first = next((number for number, line in enumerate(lines) if line[:1].isspace()), len(lines))
        indent = re.match(r"\s*", lines[first] if first < len(lines) else "  ").group()
        return "\n".join(lines[:first] + [indent + marker, ""] + lines[first:])
    return f"{marker}\n\n{unit.text}"
