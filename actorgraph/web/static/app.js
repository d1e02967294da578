// actorgraph web: small helpers (no inline script; loaded with the page's nonce).
(function () {
  "use strict";
  document.querySelectorAll(".swatch[data-color]").forEach(function (el) {
    el.style.background = el.getAttribute("data-color");
  });
  var focus = document.querySelector("article.text[data-focus]");
  if (focus) {
    var mark = document.getElementById(focus.getAttribute("data-focus"));
    if (mark) { mark.classList.add("focus"); mark.scrollIntoView({ block: "center" }); }
  }
  var panel = document.getElementById("ingest-panel");
  if (panel && panel.getAttribute("data-running") === "1") {
    var status = document.getElementById("ingest-status");
    var timer = setInterval(function () {
      fetch("/ingest.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
        if (s.running) { status.textContent = "running: " + s.articles + " articles " + (s.label || ""); }
        else { clearInterval(timer); status.textContent = "done: " + (s.summary || s.error || ""); }
      }).catch(function () { clearInterval(timer); });
    }, 1500);
  }
})();
