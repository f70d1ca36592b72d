"""The book in several languages: language switch, search that understands Korean, live labels.

Each translated book (`ko/`, built into `_build/html/ko/` by `python -m tools.translation.build`)
is the English book generated in another language (see book/translating.md). This extension,
loaded by both, adds:

- A language switch in every page's header: a link to the same page in each other language
  (`hreflang`, and the language's own name, e.g. "한국어").
- Korean search: Sphinx has no Korean search language and would index "토크나이저는" (tokenizer +
  the topic particle) as one word, which a search for "토크나이저" never finds. `KoreanSearch`
  strips a trailing particle from Hangul words, in the index and in the query alike; other words
  get the English stemmer, so English terms on Korean pages are found too.
- The website's own texts in the book's language. The extensions mark theirs `N_("...")` and
  show them with `translated` or `sentence` (the course package's compiled catalog holds them);
  the scripts call `courseText("...")` (`_static/course-text.js`), and a translated book's
  configuration carries their translations (`course_messages`), given to every page as
  `window.courseMessages`.
- The style of the "not yet translated" marker (`_static/translations.css`).
"""

import json
import re
from pathlib import Path

from babel import Locale
from docutils import nodes
from sphinx.search.en import SearchEnglish, js_porter_stemmer

from course.i18n import translation

ENGLISH = "en"
# Particles (josa) and the plural suffix that attach to Korean nouns, longest first.
PARTICLES = sorted("""은 는 이 가 을 를 의 에 로 와 과 도 만 나 란 들 께 으로 에서 에게 께서 부터 까지 처럼 보다 이나
    이란 이라 라는 라고 하고 만큼 마다 조차 에는 에도 와는 과는 로는 으로는 에서는 에서도 으로서 으로써 에게서 이라는
    이라고 들은 들이 들을 들의 들에 들과 들도 들로""".split(), key=len, reverse=True)
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def strip_particle(word):
    """A Hangul word without its trailing particle; at least one syllable stays."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle):
            return word[:-len(particle)]
    return word


JS_KOREAN_STEMMER = js_porter_stemmer.replace("var Stemmer = function", "var PorterStemmer = function") + """
var Stemmer = function() {
  const porter = new PorterStemmer();
  const particles = %s;
  this.stemWord = function(word) {
    if (!/[\\uac00-\\ud7a3]/.test(word)) return porter.stemWord(word);
    for (const particle of particles) {
      if (word.endsWith(particle) && word.length > particle.length) return word.slice(0, -particle.length);
    }
    return word;
  };
};
""" % json.dumps(PARTICLES, ensure_ascii=False)


class KoreanSearch(SearchEnglish):
    """Sphinx search for Korean pages: particles stripped from Hangul words, English stemmed."""

    lang = "ko"
    language_name = "Korean"
    js_stemmer_code = JS_KOREAN_STEMMER

    def stem(self, word):
        return strip_particle(word) if HANGUL.search(word) else super().stem(word)


def book_languages(app):
    """The current book's language, and every language of the book (English first)."""
    current = app.config.language or ENGLISH
    root = Path(app.confdir) if current == ENGLISH else Path(app.confdir).parent
    return current, [ENGLISH] + sorted(path.stem for path in (root / "locales").glob("*.po"))


def language_name(code):
    name = Locale.parse(code).get_display_name(code)
    return name[:1].upper() + name[1:]


def translated(config, message):
    """A message of the website's own (marked `N_`) in the book's language."""
    return translation(message, config.language or ENGLISH)


def sentence(config, message, **parts):
    """Nodes for `message` translated, each `{name}` in it replaced by the node `parts[name]`
    (such as a link): a whole sentence for the translator, never one glued from fragments."""
    children = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", translated(config, message))):
        if index % 2:
            children.append(parts[piece])
        elif piece:
            children.append(nodes.Text(piece))
    return children


def add_language_switch(app, pagename, templatename, context, doctree):
    """Give the page template the links to this page in the other languages."""
    current, languages = book_languages(app)
    up = "../" * pagename.count("/") + ("" if current == ENGLISH else "../")
    context["course_languages"] = [
        {"code": code, "name": language_name(code),
         "url": up + ("" if code == ENGLISH else f"{code}/") + f"{pagename}.html"}
        for code in languages if code != current]


def add_script_texts(app):
    """The scripts' texts: `courseText`, and in a translated book their translations."""
    messages = app.config.course_messages
    if messages:
        app.add_js_file(None, body="window.courseMessages = " + json.dumps(messages, ensure_ascii=False) + ";",
                        priority=200)
    app.add_js_file("course-text.js", priority=201)


def add_header_switch(app, config):
    """Put the language switch at the end of the page header, before the theme's buttons."""
    options = config.html_theme_options
    options.setdefault("article_header_end", ["language-switch.html", "article-header-buttons.html"])


def setup(app):
    app.add_config_value("course_messages", {}, "html")
    app.add_config_value("course_english_root", "", "env")  # "../" in a translated book
    app.add_search_language(KoreanSearch)
    app.add_css_file("translations.css")
    app.connect("config-inited", add_header_switch)
    app.connect("builder-inited", add_script_texts)
    app.connect("html-page-context", add_language_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

