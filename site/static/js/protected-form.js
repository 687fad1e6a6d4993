/*
 * Residents' protected forms (home/antispam.py), our own code, no third party.
 *
 * 1. A form on a cached page (data-form-parts="<url>") carries nothing of one visitor: this
 *    script fetches the form's own one-time key and spam challenge from that no-store URL
 *    and puts them in the form. Two residents on the same cached page get two keys.
 * 2. The ALTCHA proof of work: find n such that SHA-256(salt + n) equals the challenge and
 *    put the proof in the form.
 * Progressive enhancement: without this script the form is still accepted (a form without a
 * key comes back once, filled in, with a key of its own; honeypot and rate limit guard it).
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

  function fetchParts(form) {
    var url = form.getAttribute("data-form-parts");
    var key = form.querySelector("input[name=form_key]");
    if (!url || !key || !window.fetch) {
      return Promise.resolve(null);
    }
    return fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (parts) {
        if (parts && parts.key) {
          key.value = parts.key;
          return parts.challenge || null;
        }
        return null;
      })
      .catch(function () { return null; });
  }

  function ownChallenge(form) {
    try {
      return Promise.resolve(JSON.parse(form.getAttribute("data-altcha-challenge")));
    } catch (e) {
      return Promise.resolve(null);
    }
  }

  function prove(form, challenge) {
    var input = form.querySelector("input[name=altcha]");
    if (!challenge || !input || !window.crypto || !crypto.subtle) {
      return Promise.resolve();
    }
    return solve(challenge).then(function (number) {
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
  }

  function setup(form) {
    var parts = form.hasAttribute("data-form-parts") ? fetchParts(form) : ownChallenge(form);
    var ready = parts.then(function (challenge) { return prove(form, challenge); });
    var done = false;
    ready.then(function () { done = true; });
    var submitting = false;
    form.addEventListener("submit", function (event) {
      if (done) {
        return;
      }
      // Wait for the key and the proof, then send once.
      event.preventDefault();
      if (submitting) {
        return;
      }
      submitting = true;
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.setAttribute("aria-disabled", "true");
      }
      ready.then(function () { form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-form-parts], form[data-altcha-challenge]").forEach(setup);
  });
})();
