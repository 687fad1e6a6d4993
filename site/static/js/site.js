/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // Move focus to an error summary so that screen readers announce it at once.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();
