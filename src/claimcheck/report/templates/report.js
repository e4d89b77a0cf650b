// The report's few behaviours: one view at a time, the findings filters, the
// support edges of the graph, and rule explanations filled in when asked for.
(function () {
  "use strict";
  var root = document.documentElement;
  var views = Array.prototype.slice.call(document.querySelectorAll("main > section.view"));
  var tabs = Array.prototype.slice.call(document.querySelectorAll("nav a"));

  function show() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var view = target ? target.closest("section.view") : null;
    if (!view) view = views[0];
    views.forEach(function (v) { v.classList.toggle("current", v === view); });
    tabs.forEach(function (a) {
      if (a.getAttribute("href") === "#" + view.id) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    if (target && target !== view) {
      // Twice: the pages are laid out only when on screen (content-visibility),
      // so the first scroll lands on an estimate and the second on the answer.
      target.scrollIntoView();
      requestAnimationFrame(function () { target.scrollIntoView(); });
    } else {
      window.scrollTo(0, 0);
    }
  }
  window.addEventListener("hashchange", show);
  show();
  root.classList.add("ready");

  var form = document.getElementById("filters");
  if (form) {
    var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
    var output = document.getElementById("shown");
    var none = document.getElementById("none-shown");
    var apply = function () {
      var severities = {};
      form.querySelectorAll("input[name=severity]").forEach(function (box) { severities[box.value] = box.checked; });
      var rule = form.elements.rule.value;
      var doc = form.elements.doc ? form.elements.doc.value : "";
      var shown = 0;
      findings.forEach(function (f) {
        var ok = severities[f.dataset.severity] && (!rule || f.dataset.rule === rule) &&
          (!doc || (" " + f.dataset.docs + " ").indexOf(" " + doc + " ") >= 0);
        f.hidden = !ok;
        if (ok) shown += 1;
      });
      output.textContent = shown + " of " + findings.length + " shown";
      none.hidden = shown > 0;
    };
    form.addEventListener("change", apply);
    // A summary tile opens the findings of its severity alone.
    document.querySelectorAll(".tile[data-severity]").forEach(function (tile) {
      tile.addEventListener("click", function () {
        form.querySelectorAll("input[name=severity]").forEach(function (box) {
          box.checked = box.value === tile.dataset.severity;
        });
        apply();
      });
    });
    apply();
  }

  var support = document.getElementById("show-support");
  if (support) {
    support.addEventListener("change", function () {
      document.querySelectorAll("svg.cc-graph").forEach(function (svg) {
        svg.classList.toggle("cc-show-support", support.checked);
      });
    });
  }

  document.querySelectorAll("details.why").forEach(function (details) {
    details.addEventListener("toggle", function () {
      var rule = document.getElementById(details.dataset.explain);
      if (!details.open || details.dataset.filled || !rule) return;
      var explain = rule.nextElementSibling.querySelector(".explain");
      if (explain) {
        details.querySelector("p").textContent = explain.textContent;
        details.dataset.filled = "1";
      }
    });
  });
})();
