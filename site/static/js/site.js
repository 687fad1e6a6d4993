/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // The label or legend a field's question is in, to scroll into view with the field.
  function questionOf(input) {
    var fieldset = input.closest("fieldset");
    var group = fieldset && fieldset.querySelectorAll('input[name="' + input.name + '"]');
    if (group && group.length > 1 && fieldset.querySelector("legend")) {
      return fieldset.querySelector("legend");
    }
    return document.querySelector('label[for="' + input.id + '"]') || input;
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to an error summary so that screen readers announce it at once.
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    // A link in the summary focuses its field (the first radio of a group) and shows the
    // question above it, as GOV.UK's error summary does; without this file the link still
    // scrolls to the field.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!input) {
        return;
      }
      event.preventDefault();
      questionOf(input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  });
})();
