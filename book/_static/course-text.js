// The website's own texts in the page's language: courseText(english, {name: value}).
// A translated book gives every page its translations as window.courseMessages (English ->
// translation; book/_ext/course_languages.py); `make translations` extracts the courseText("...")
// texts. `{name}` placeholders are filled from `values`.
window.courseText = function (text, values) {
  var messages = window.courseMessages || {};
  return (messages[text] || text).replace(/\{(\w+)\}/g, function (match, name) {
    return values && name in values ? String(values[name]) : match;
  });
};
