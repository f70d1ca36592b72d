// Checks the answers of every quiz on the page that is not set up yet (no kernel needed).
(function () {
  function parse(text) {
    var value = Number(String(text).trim().replace(/,/g, ""));
    return String(text).trim() === "" || isNaN(value) ? null : value;
  }
  function verdict(question) {
    var radios = question.querySelectorAll("input[type=radio]");
    if (radios.length) {
      var chosen = question.querySelector("input[type=radio]:checked");
      if (!chosen) return {message: "Choose one of the options first."};
      return {right: chosen.dataset.correct === "1", why: chosen.dataset.why};
    }
    var field = question.querySelector("input[type=text]");
    var value = parse(field.value);
    if (value === null) return {message: "Type a number, such as 12, first."};
    var right = Math.abs(value - Number(field.dataset.answer)) <= Number(field.dataset.tolerance);
    var mistakes = JSON.parse(field.dataset.mistakes);
    return {right: right, why: right ? field.dataset.why :
            (mistakes[String(value)] || "Count again, or open the answer below.")};
  }
  function setUp(quiz) {
    quiz.dataset.ready = "1";
    var solved = {};
    quiz.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = event.target, result = verdict(question);
      var feedback = question.querySelector(".cq-feedback");
      feedback.classList.remove("cq-right", "cq-wrong");
      if (result.message) { feedback.textContent = result.message; return; }
      feedback.classList.add(result.right ? "cq-right" : "cq-wrong");
      // the explanations are the course's own HTML (code spans), escaped by the package
      feedback.innerHTML = (result.right ? "\u2713 Correct. " : "\u2717 Not quite. ") + result.why;
      if (result.right) solved[question.id] = true;
      quiz.querySelector(".cq-score").textContent = "Answered correctly: " +
        Object.keys(solved).length + " of " + quiz.dataset.total + ".";
    });
  }
  document.querySelectorAll(".course-quiz:not([data-ready])").forEach(setUp);
})();
