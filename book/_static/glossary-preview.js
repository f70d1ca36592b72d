// Escape hides the glossary preview that hovering or focusing a glossary link shows
// (sphinx-tippy's tippy.js has no key to dismiss it; WCAG 1.4.13 asks for one).
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape" && window.tippy) window.tippy.hideAll({duration: 0});
});
