// Loads the ipywidgets manager when a widget output comes near the screen (see
// book/_ext/lazy_widgets.py): never on pages without widgets, and not while a widget is hidden.
(function () {
  var scripts = JSON.parse(document.currentScript.dataset.scripts);

  function loadFrom(index) {  // one after the other: each script needs the one before
    if (index === scripts.length) return;
    var script = document.createElement("script");
    script.src = scripts[index];
    script.onload = function () { loadFrom(index + 1); };
    document.head.append(script);
  }

  var views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  var observer = new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) {
      observer.disconnect();
      loadFrom(0);
    }
  }, {rootMargin: "400px 0px"});
  views.forEach(function (view) { observer.observe(view.parentElement); });
})();
