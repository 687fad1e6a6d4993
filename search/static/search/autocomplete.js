/* Suggestions for the header search box, following the WAI-ARIA APG combobox pattern
   (list autocomplete, listbox popup). Progressive enhancement: without this file the
   form simply submits to /sok/. */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 150;

  function init(input) {
    var form = input.form;
    var listbox = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    listbox.id = input.id + "-listbox";
    listbox.className = "suggestions";
    listbox.setAttribute("role", "listbox");
    // The words come from the page, in its language (includes/header.html).
    var label = input.getAttribute("data-suggestions-label");
    var statusText = input.getAttribute("data-suggestions-status") || "";
    if (label) {
      listbox.setAttribute("aria-label", label);
    }
    listbox.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(listbox);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function setActive(index) {
      options.forEach(function (option, i) {
        option.el.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].el.id);
        options[index].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(items) {
      listbox.textContent = "";
      options = items.map(function (item, i) {
        var li = document.createElement("li");
        var type = document.createElement("span");
        li.id = listbox.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.appendChild(document.createTextNode(item.title));
        if (item.type) {
          type.className = "suggestions__type";
          type.textContent = item.type;
          li.appendChild(type);
        }
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input
        });
        li.addEventListener("click", function () {
          window.location.assign(item.url);
        });
        listbox.appendChild(li);
        return { el: li, item: item };
      });
      active = -1;
      status.textContent = items.length
        ? statusText.replace("{n}", String(items.length))
        : "";
      if (items.length) {
        open();
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) {
        open();
        return;
      }
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        render([]);
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      fetch("/sok/forslag/?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(data.suggestions || []);
          }
        })
        .catch(function () {
          /* aborted or offline: the form still works */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) {
            open();
          }
          if (options.length) {
            setActive(active + 1 >= options.length ? 0 : active + 1);
          }
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) {
            open();
          }
          if (options.length) {
            setActive(active <= 0 ? options.length - 1 : active - 1);
          }
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            window.location.assign(options[active].item.url);
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = "";
            render([]);
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("site-search-q");
    if (input && input.form && window.fetch) {
      init(input);
    }
  });
})();
