/*
 * The feedback form's notice "Du anmäler att vi inte har hållit ett löfte" (form_fields.html):
 * shown while "Klagomål" and one of the unit's promises are chosen, with that promise in
 * full. The server renders it right for a preselected promise; this keeps it in step when
 * the resident changes their choices. Our own code, no third party.
 */
(function () {
  "use strict";

  function watch(notice) {
    var form = notice.closest("form");
    var text = notice.querySelector("[data-broken-promise-text]");
    if (!form || !text) {
      return;
    }
    function update() {
      var kind = form.querySelector("input[name=kind]:checked");
      var chosen = form.querySelector("input[name=commitment]:checked");
      var broken = Boolean(kind && kind.value === "klagomal" && chosen && chosen.value);
      if (broken) {
        var label = chosen.closest("label");
        text.textContent = label ? label.textContent.trim() : "";
      }
      notice.hidden = !broken;
    }
    form.addEventListener("change", update);
  }

  document.querySelectorAll("[data-broken-promise-notice]").forEach(watch);
})();
