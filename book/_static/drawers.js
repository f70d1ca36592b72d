// On narrow screens the theme shows the navigation and the page's "Contents" in drawers
// (<dialog> elements) that only the backdrop or Escape closed. A tapped link closes its drawer
// too, so the reader sees the section it leads to.
document.addEventListener("click", function (event) {
  var link = event.target.closest("dialog[open] a[href]");
  if (link) {
    setTimeout(function () { link.closest("dialog").close(); });  // after the link is followed
  }
});
