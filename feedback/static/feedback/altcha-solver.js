/*
 * ALTCHA proof-of-work solver (our own, no third-party code): finds n such that
 * SHA-256(salt + n) equals the server's challenge and puts the proof in the form.
 * Progressive enhancement: without this script the form is still accepted (honeypot and
 * rate limit guard it then).
 */
(function () {
  "use strict";

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer))
      .map(function (b) { return b.toString(16).padStart(2, "0"); })
      .join("");
  }

  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var n = 0; n <= challenge.maxNumber; n++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) {
        return n;
      }
    }
    return null;
  }

  function setup(form) {
    var challenge;
    try {
      challenge = JSON.parse(form.getAttribute("data-altcha-challenge"));
    } catch (e) {
      return;
    }
    var input = form.querySelector("input[name=altcha]");
    if (!input || !window.crypto || !crypto.subtle) {
      return;
    }
    var solving = solve(challenge).then(function (number) {
      if (number !== null) {
        input.value = btoa(JSON.stringify({
          algorithm: challenge.algorithm,
          challenge: challenge.challenge,
          number: number,
          salt: challenge.salt,
          signature: challenge.signature
        }));
      }
    });
    var submitting = false;
    form.addEventListener("submit", function (event) {
      if (input.value) {
        return;
      }
      event.preventDefault();
      if (submitting) {
        return;
      }
      submitting = true;
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.setAttribute("aria-disabled", "true");
      }
      solving.then(function () { form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-altcha-challenge]").forEach(setup);
  });
})();
