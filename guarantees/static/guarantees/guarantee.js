/* Progressive enhancement only: a folded commitment opens when a link points at it, and every
   folded commitment opens for printing. Without this file the page works the same, one click
   more. */
(function () {
  "use strict";

  function openTarget() {
    if (!location.hash) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) {
      return;
    }
    var details = target.querySelector("details") || target.closest("details");
    if (details) {
      details.open = true;
    }
  }

  document.addEventListener("DOMContentLoaded", openTarget);
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.commitment__details").forEach(function (details) {
      details.open = true;
    });
  });
})();
