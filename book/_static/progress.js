// "Your progress": what this browser keeps of the reader's work, and nothing else; nothing is
// sent anywhere. A quiz keeps its answers under "course-book:quiz:<chapter>" (see
// course/quiz/quiz.js); an exercise page's "done" tick is kept under
// "course-book:exercises:<page>". This script keeps the ticks and fills in the progress page.
(function () {
  var QUIZ = "course-book:quiz:", EXERCISES = "course-book:exercises:";
  var kept = (function () {
    try { window.localStorage.getItem(QUIZ); return window.localStorage; } catch (error) { return null; }
  })();
  function read(key) {
    try { return JSON.parse(kept.getItem(key)); } catch (error) { return null; }
  }
  function quizStatus(place) {
    var answers = (read(QUIZ + place.dataset.chapter) || {}).answers || {};
    var ids = Object.keys(answers), total = place.dataset.total;
    if (!ids.length) return courseText("not started");
    var first = ids.filter(function (id) { return answers[id].first; }).length;
    return courseText("{answered} of {total} answered, {first} of {total} right at the first try",
                      {answered: ids.length, total: total, first: first});
  }
  function setUpTick(box) {
    var key = EXERCISES + box.dataset.page;
    box.checked = read(key) === true;
    box.addEventListener("change", function () {
      try {
        if (box.checked) kept.setItem(key, "true"); else kept.removeItem(key);
      } catch (error) { /* storage full or refused: the tick is not kept */ }
    });
    box.closest(".progress-tick").hidden = false;
  }
  if (!kept) {
    document.querySelectorAll(".progress-quiz, .progress-exercises").forEach(function (place) {
      place.textContent = courseText("(this browser keeps no records for this site)");
    });
    return;
  }
  document.querySelectorAll(".progress-tick input").forEach(setUpTick);
  document.querySelectorAll(".progress-quiz").forEach(function (place) {
    place.textContent = quizStatus(place);
  });
  document.querySelectorAll(".progress-exercises").forEach(function (place) {
    place.textContent = read(EXERCISES + place.dataset.page) === true ? courseText("done (ticked)") : courseText("not ticked yet");
  });
})();
