/* Progressive enhancement only: a folded commitment or outcome opens when a link points at it,
   everything folded opens for printing, and "Så gick det" (folded for a phone) opens on a wide
   screen. Without this file the page works the same, one click more. */
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
    // The fold itself (a commitment or an outcome), or the one the target sits in; not the
    // first of many in a section the contents link to.
    var details = target.querySelector(":scope > details") || target.closest("details");
    if (details) {
      details.open = true;
    }
  }

  function openResultsOnWideScreens() {
    if (!window.matchMedia("(min-width: 48rem)").matches) {
      return;
    }
    document.querySelectorAll("details.follow-up__details").forEach(function (details) {
      details.open = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    openResultsOnWideScreens();
    openTarget();
  });
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.commitment__details, details.follow-up__details").forEach(function (details) {
      details.open = true;
    });
  });
})();
