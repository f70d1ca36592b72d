// Loaded between require.js and the ipywidgets manager (see nb_ipywidgets_js in _config.yml).
(function () {
  // 1. The manager's modules find the icon fonts it ships through their require.js module
  //    paths ("@jupyter-widgets/controls", "@jupyter-widgets/html-manager/dist/..."), which are
  //    relative to the page by default: point both at the site's copy, next to embed-amd.js.
  var manager = new URL("vendor/html-manager", new URL(".", document.currentScript.src)).href;
  require.config({
    paths: {"@jupyter-widgets": manager, "@jupyter-widgets/html-manager/dist": manager},
  });

  // 2. ipywidgets 8 typesets widget labels through MathJax 2's API, MathJax.Hub.Queue(...)
  //    (jupyter-widgets/ipywidgets#3829), while Sphinx loads MathJax 3, which has no Hub: on a
  //    page with both maths and widgets every widget threw a TypeError. Give the MathJax global,
  //    whatever object it holds, a small Hub whose Queue asks MathJax 3 to typeset the element.
  var hub = {
    Queue: function (command) {
      if (window.MathJax && window.MathJax.typesetPromise) {
        window.MathJax.typesetPromise([command[2]]);
      }
    },
  };
  function withHub(mathjax) {
    if (mathjax && typeof mathjax === "object" && !("Hub" in mathjax)) {
      Object.defineProperty(mathjax, "Hub", {value: hub, enumerable: false});  // not a config key
    }
    return mathjax;
  }
  var current = withHub(window.MathJax);
  if (current === undefined) {
    return;  // no maths on this page, so ipywidgets does not look for MathJax
  }
  Object.defineProperty(window, "MathJax", {  // MathJax 3 replaces its config object when it loads
    configurable: true,
    get: function () { return current; },
    set: function (value) { current = withHub(value); },
  });
})();

// 3. The handle of an ipywidgets slider (role "slider", drawn by noUiSlider) has no accessible
//    name, so a screen reader announces "slider, 8" without saying what it sets. Name each
//    handle after its widget's visible label (the `description`, e.g. "max_length") once the
//    manager has drawn it.
(function () {
  function nameSliders(root) {
    root.querySelectorAll(".widget-slider .noUi-handle[role=slider]:not([aria-label])")
      .forEach(function (handle) {
        var label = handle.closest(".widget-slider").querySelector(".widget-label");
        if (label && label.textContent.trim()) {
          handle.setAttribute("aria-label", label.textContent.trim());
        }
      });
  }
  new MutationObserver(function () { nameSliders(document); })
    .observe(document.documentElement, {childList: true, subtree: true});
})();
