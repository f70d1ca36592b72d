// Paper (the book's PDFs, made by tools/pdf/build.py, and the browser's own print): after each
// chapter's quiz comes its answer key, every question's answer and explanations, which print.css
// shows on paper only (with the quiz's controls hidden). Made when the page prints.
(function () {
  function answerKey(quiz) {
    var key = document.createElement("section");
    key.className = "print-answers";
    var title = document.createElement("p");
    title.className = "print-answers-title";
    title.textContent = courseText("Answers to the quiz");
    key.append(title);
    quiz.querySelectorAll(".cq-question").forEach(function (question, index) {
      var details = question.querySelector("details");
      if (!details) return;
      var answer = document.createElement("div");
      answer.className = "print-answer";
      var label = document.createElement("strong");
      label.textContent = "Question " + (index + 1) + ".";
      answer.append(label);
      Array.from(details.children).forEach(function (part) {
        if (part.tagName !== "SUMMARY") answer.append(part.cloneNode(true));
      });
      key.append(answer);
    });
    return key;
  }

  function prepareForPrint() {
    document.querySelectorAll(".course-quiz").forEach(function (quiz) {
      var next = quiz.nextElementSibling;
      if (!(next && next.classList.contains("print-answers"))) quiz.after(answerKey(quiz));
    });
  }

  window.addEventListener("beforeprint", prepareForPrint);
  window.coursePrepareForPrint = prepareForPrint;  // tools/pdf/build.py calls it before printing
})();
