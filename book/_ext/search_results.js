// The website's search (Sphinx's searchtools.js), tuned for a course book. Sphinx puts this file
// into _static/language_data.js (the `html_search_scorer` that search_results.py sets).
//
// Ranking: for the same words, chapters and the other pages come before the exercise pages,
// and those before the worked solutions. Sphinx scores a page between 2 and 16 for matching
// words (more for a glossary term), so these offsets keep the three kinds apart.
var PAGE_KIND_OFFSETS = {"exercises/": -20, "solutions/": -40};
var Scorer = {
  score: function (result) {  // result: [docname, title, anchor, description, score, filename]
    var offset = Object.keys(PAGE_KIND_OFFSETS).filter(function (folder) {
      return result[0].indexOf(folder) === 0;
    }).map(function (folder) { return PAGE_KIND_OFFSETS[folder]; });
    return result[4] + (offset[0] || 0);
  },
  // Sphinx's own weights (searchtools.js uses them only when no Scorer is defined)
  objNameMatch: 11, objPartialMatch: 6, objPrio: {0: 15, 1: 5, 2: -5}, objPrioDefault: 0,
  title: 15, partialTitle: 7, term: 5, partialTerm: 2,
};

// Excerpts: Sphinx shows the text around the first place any searched word appears in the
// page's whole main area, menus and page notes included. Here a result shows the passage of
// the page's article (a paragraph, list item or code block; a heading only if nothing else
// holds as many) that holds the most searched words, around the first of them. A glossary
// entry's result shows the entry.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Search === "undefined") return;  // a page without Sphinx's search
  var PASSAGES = "p, li, dt, dd, pre, th, td, h1, h2, h3, h4, h5, h6";
  var NOT_CONTENT = ".headerlink, script, style, .stand-in-marker, .outputs-versions, .stand-in-note";
  var LENGTH = 240;

  function searchedWords(keywords) {  // Sphinx's stems ("attent") and the words as typed
    var typed = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase();
    return Array.from(new Set(Array.from(keywords).concat(typed.split(/[^\p{L}\p{N}_]+/u))))
      .filter(function (word) { return word.length > 1; });
  }
  function innermost(scope) {
    return Array.from(scope.querySelectorAll(PASSAGES)).filter(function (passage) {
      return !passage.querySelector(PASSAGES);
    });
  }
  function bestPassage(scope, words) {
    if (scope.tagName === "DT" && scope.nextElementSibling) {  // a glossary entry
      return scope.textContent + ": " + scope.nextElementSibling.textContent;
    }
    var best = null, most = 0;
    innermost(scope).forEach(function (passage) {
      var text = passage.textContent.toLowerCase();
      var found = 2 * words.filter(function (word) { return text.indexOf(word) !== -1; }).length;
      if (found && /^H\d$/.test(passage.tagName)) found -= 1;  // a heading only names the passage
      if (found > most) { best = passage; most = found; }
    });
    return (best || innermost(scope)[0] || scope).textContent;
  }
  Search.makeSearchSummary = function (htmlText, keywords, anchor) {
    var page = new DOMParser().parseFromString(htmlText, "text/html");
    var article = page.querySelector("article") || page.querySelector('[role="main"]');
    if (!article) return null;
    var scope = article;
    try { scope = (anchor && article.querySelector(anchor)) || article; } catch (error) { /* odd id */ }
    scope.querySelectorAll(NOT_CONTENT).forEach(function (element) { element.remove(); });
    var words = searchedWords(keywords);
    var text = bestPassage(scope, words).replace(/\s+/g, " ").trim();
    var lower = text.toLowerCase();
    var places = words.map(function (word) { return lower.indexOf(word); })
      .filter(function (at) { return at !== -1; });
    var first = places.length ? Math.min.apply(null, places) : 0;
    var start = Math.max(0, Math.min(first - 60, text.length - LENGTH));
    var summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start > 0 ? "..." : "") + text.substr(start, LENGTH).trim() +
      (start + LENGTH < text.length ? "..." : "");
    return summary;
  };
});
