// Checks the answers of every quiz on the page that is not set up yet (no kernel needed),
// counts what was right at the first try, and keeps the reader's answers in this browser's
// local storage, under "course-book:quiz:<chapter>" (the website's progress page reads it).
// A translated quiz carries its texts as data-messages (English -> its language; course/quiz/render.py).
(function () {
  var PREFIX = "course-book:quiz:";
  var translated = document.querySelector(".course-quiz[data-messages]");
  var MESSAGES = translated ? JSON.parse(translated.dataset.messages) : {};
  function t(text, values) {  // a text in the quiz's language, its {name} placeholders filled
    return (MESSAGES[text] || text).replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? String(values[name]) : match;
    });
  }
  var kept = (function () {  // null where the browser keeps nothing (e.g. a sandboxed frame)
    try { window.localStorage.getItem(PREFIX); return window.localStorage; } catch (error) { return null; }
  })();
  function load(key) {
    try { return JSON.parse(kept.getItem(key)) || {}; } catch (error) { return {}; }
  }
  function save(key, answers) {
    if (!kept) return;
    try {
      if (Object.keys(answers).length) kept.setItem(key, JSON.stringify({answers: answers}));
      else kept.removeItem(key);
    } catch (error) { /* storage full or refused: the answers stay on the page only */ }
  }
  function parse(text) {
    var value = Number(String(text).trim().replace(/,/g, ""));
    return String(text).trim() === "" || isNaN(value) ? null : value;
  }
  function options(question) {
    return Array.prototype.slice.call(question.querySelectorAll(".cq-option input"));
  }
  function answerOf(question) {
    var inputs = options(question);
    if (!inputs.length) return question.querySelector("input[type=text]").value;
    return inputs.filter(function (input) { return input.checked; })
      .map(function (input) { return input.value; });
  }
  function restore(question, answer) {
    var inputs = options(question);
    if (!inputs.length) question.querySelector("input[type=text]").value = answer;
    inputs.forEach(function (input) { input.checked = answer.indexOf(input.value) !== -1; });
  }
  function choiceVerdict(inputs) {
    var several = inputs[0].type === "checkbox";
    var chosen = inputs.filter(function (input) { return input.checked; });
    if (!chosen.length) {
      return {message: several ? t("Choose one or more options first.") : t("Choose one of the options first.")};
    }
    var wrong = chosen.filter(function (input) { return input.dataset.correct !== "1"; });
    var missed = inputs.filter(function (input) { return input.dataset.correct === "1" && !input.checked; });
    var why = function (input) { return input.dataset.why; };
    if (!wrong.length && !missed.length) return {right: true, why: chosen.map(why).join(" ")};
    var reasons = wrong.map(why);
    if (several && missed.length) {
      reasons.push(missed.length === 1 ? t("One more option is right.")
        : t("{count} more options are right.", {count: missed.length}));
    }
    return {right: false, why: reasons.join(" ")};
  }
  function verdict(question) {
    var inputs = options(question);
    if (inputs.length) return choiceVerdict(inputs);
    var field = question.querySelector("input[type=text]");
    var value = parse(field.value);
    if (value === null) return {message: t("Type a number, such as 12, first.")};
    var right = Math.abs(value - Number(field.dataset.answer)) <= Number(field.dataset.tolerance);
    var mistakes = JSON.parse(field.dataset.mistakes);
    return {right: right, why: right ? field.dataset.why :
            (mistakes[String(value)] || t("Count again, or open the answer below."))};
  }
  function show(question) {
    var result = verdict(question), feedback = question.querySelector(".cq-feedback");
    feedback.classList.remove("cq-right", "cq-wrong");
    if (result.message) { feedback.textContent = result.message; return result; }
    feedback.classList.add(result.right ? "cq-right" : "cq-wrong");
    // the explanations are the course's own HTML (code spans), escaped by the package
    feedback.innerHTML = (result.right ? "\u2713 " + t("Correct.") : "\u2717 " + t("Not quite.")) + " " + result.why;
    return result;
  }
  function setUp(quiz) {
    quiz.dataset.ready = "1";
    var key = PREFIX + quiz.dataset.chapter, total = quiz.dataset.total;
    var answers = kept ? load(key).answers || {} : {};
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".cq-question"));
    var score = quiz.querySelector(".cq-score"), restart = quiz.querySelector(".cq-restart");
    function count(field) {
      return Object.keys(answers).filter(function (id) { return answers[id][field]; }).length;
    }
    function update() {
      var answered = Object.keys(answers).length;
      restart.hidden = !answered;
      score.textContent = answered ? t("{first} of {total} right at the first try, {right} of {total} after retrying.",
                                       {first: count("first"), right: count("right"), total: total}) : "";
      save(key, answers);
    }
    questions.forEach(function (question) {
      var saved = answers[question.dataset.question];
      if (!saved) return;
      restore(question, saved.answer);
      saved.right = show(question).right === true;
    });
    if (kept) {
      quiz.querySelector(".cq-intro").textContent += " " + t("This browser keeps your answers, and sends them nowhere.");
    }
    quiz.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = event.target, result = show(question);
      if (result.message) return;
      var id = question.dataset.question, saved = answers[id];
      answers[id] = {answer: answerOf(question), first: saved ? saved.first : result.right,
                     right: result.right};
      update();
    });
    restart.addEventListener("click", function () {
      answers = {};
      questions.forEach(function (question) {
        question.reset();
        var feedback = question.querySelector(".cq-feedback");
        feedback.textContent = "";
        feedback.classList.remove("cq-right", "cq-wrong");
      });
      update();
      questions[0].querySelector("input").focus();  // the button is hidden now
    });
    update();
  }
  document.querySelectorAll(".course-quiz:not([data-ready])").forEach(setUp);
})();
