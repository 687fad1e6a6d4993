/* "Närmast mig": sorts the area's list of units by distance from the browser's position.

   Computed here, on the device: this file sends nothing anywhere (no fetch, no form, no change
   of address), so the position never leaves the browser. Without script, or without a
   position, the district choice and the address form above do the same job on the server.
   The texts come from the page (data-* attributes), translated like the rest of it. */
(function () {
  "use strict";

  var EARTH_RADIUS_KM = 6371;

  function radians(degrees) {
    return (degrees * Math.PI) / 180;
  }

  // The same haversine formula as guarantees/places.py, so both sort alike.
  function distanceKm(lat1, lon1, lat2, lon2) {
    var dLat = radians(lat2 - lat1);
    var dLon = radians(lon2 - lon1);
    var h =
      Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function formatDistance(km) {
    var lang = document.documentElement.lang || "sv";
    if (km < 1) {
      return Math.max(10, Math.round(km * 100) * 10) + " m";
    }
    if (km < 10) {
      return km.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " km";
    }
    return Math.round(km).toLocaleString(lang) + " km";
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function start(root) {
    var part = root.querySelector("[data-near-me-part]");
    var button = root.querySelector("[data-near-me-button]");
    var status = root.querySelector("[data-near-me-status]");
    var list = document.querySelector("[data-unit-list]");
    if (!part || !button || !status || !list || list.hasAttribute("data-paged")) {
      // A paged list holds one page of the units: sorting it would hide nearer ones on other
      // pages. The address form above sorts every unit on the server instead.
      return;
    }
    part.hidden = false;
    var busy = false;

    function say(text) {
      status.textContent = text;
    }

    function done() {
      busy = false;
      button.removeAttribute("aria-busy");
    }

    function sort(position) {
      done();
      var here = position.coords;
      var items = Array.prototype.slice.call(list.querySelectorAll(":scope > li"));
      var measured = [];
      var unplaced = [];
      items.forEach(function (item) {
        var lat = parseFloat(item.getAttribute("data-lat"));
        var lon = parseFloat(item.getAttribute("data-long"));
        if (isFinite(lat) && isFinite(lon)) {
          measured.push({ item: item, km: distanceKm(here.latitude, here.longitude, lat, lon) });
        } else {
          unplaced.push(item);
        }
      });
      if (!measured.length) {
        say(root.getAttribute("data-no-positions"));
        return;
      }
      measured.sort(function (a, b) {
        return a.km - b.km;
      });
      measured.forEach(function (entry) {
        var slot = entry.item.querySelector("[data-distance]");
        if (slot) {
          slot.textContent = fill(root.getAttribute("data-crow"), { distance: formatDistance(entry.km) });
          slot.hidden = false;
        }
        list.appendChild(entry.item);
      });
      unplaced.forEach(function (item) {
        list.appendChild(item);
      });
      list.setAttribute("data-sorted-by", "distance");
      var nearest = measured[0];
      say(
        fill(root.getAttribute("data-sorted"), {
          name: nearest.item.getAttribute("data-name"),
          distance: formatDistance(nearest.km),
        })
      );
    }

    function fail(error) {
      done();
      var denied = error && error.code === 1;
      say(root.getAttribute(denied ? "data-denied" : "data-unavailable"));
      // Back to the district choice, the way that needs no position.
      var district = document.getElementById("id_stadsdel");
      if (district) {
        district.focus();
      }
    }

    button.addEventListener("click", function () {
      if (busy) {
        return;
      }
      if (!navigator.geolocation) {
        fail(null);
        return;
      }
      busy = true;
      button.setAttribute("aria-busy", "true");
      say(root.getAttribute("data-asking"));
      navigator.geolocation.getCurrentPosition(sort, fail, {
        enableHighAccuracy: false,
        timeout: 20000,
        maximumAge: 300000,
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!("geolocation" in navigator) || !window.isSecureContext) {
      return; // the button stays hidden: the district choice and the address form remain
    }
    document.querySelectorAll("[data-near-me]").forEach(start);
  });
})();
