// The report's few behaviours: one view at a time, the findings filters, the
// support edges of the graph, and rule explanations filled in when asked for.
// This runs in <head>, before the body is parsed, and listens on the document:
// on a corpus the file takes seconds to parse, and the views it has parsed so
// far (the summary, then the findings) work from the start.
(function () {
  "use strict";
  var root = document.documentElement;
  root.className = "js";

  function views() { return Array.prototype.slice.call(document.querySelectorAll("main > section.view")); }

  function show() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var view = target ? target.closest("section.view") : null;
    var all = views();
    if (!view) view = document.getElementById("summary");
    if (!view) return;
    all.forEach(function (v) { v.classList.toggle("current", v === view); });
    document.querySelectorAll("nav a").forEach(function (a) {
      if (a.getAttribute("href") === "#" + view.id) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    root.classList.add("ready");
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
  document.addEventListener("DOMContentLoaded", function () {
    show();
    filter();
  });

  function filter() {
    var form = document.getElementById("filters");
    if (!form) return;
    var severities = {};
    form.querySelectorAll("input[name=severity]").forEach(function (box) { severities[box.value] = box.checked; });
    var rule = form.elements.rule.value;
    var doc = form.elements.doc ? form.elements.doc.value : "";
    var findings = document.querySelectorAll("article.finding");
    var shown = 0;
    findings.forEach(function (f) {
      var ok = severities[f.dataset.severity] && (!rule || f.dataset.rule === rule) &&
        (!doc || (" " + f.dataset.docs + " ").indexOf(" " + doc + " ") >= 0);
      f.hidden = !ok;
      if (ok) shown += 1;
    });
    document.getElementById("shown").textContent = shown + " of " + findings.length + " shown";
    var none = document.getElementById("none-shown");
    if (none) none.hidden = shown > 0;
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.closest("#filters")) filter();
    if (target.id === "show-support") {
      document.querySelectorAll("svg.cc-graph").forEach(function (svg) {
        svg.classList.toggle("cc-show-support", target.checked);
      });
    }
  });

  document.addEventListener("click", function (event) {
    // A summary tile opens the findings of its severity alone.
    var tile = event.target.closest(".tile[data-severity]");
    var form = document.getElementById("filters");
    if (!tile || !form) return;
    form.querySelectorAll("input[name=severity]").forEach(function (box) {
      box.checked = box.value === tile.dataset.severity;
    });
    filter();
  });

  // "toggle" does not bubble: listen as it goes down.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.matches || !details.matches("details.why") || !details.open || details.dataset.filled) return;
    var rule = document.getElementById(details.dataset.explain);
    var explain = rule && rule.nextElementSibling && rule.nextElementSibling.querySelector(".explain");
    if (explain) {
      details.querySelector("p").textContent = explain.textContent;
      details.dataset.filled = "1";
    }
  }, true);
})();
