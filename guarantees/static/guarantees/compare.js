// The comparison's tables scroll sideways in their own region. When one is wider than the
// region, the line above it is shown and the edge with more columns is shaded (compare.css);
// both follow scrolling and resizing. Without script the region still scrolls by hand and
// by keyboard, and nothing claims that columns are hidden.
(function () {
  "use strict";

  function update(region) {
    var frame = region.parentElement;
    var section = region.closest(".compare-section");
    var hint = section && section.querySelector(".compare-more");
    var hidden = region.scrollWidth - region.clientWidth;
    var scrolled = Math.abs(region.scrollLeft); // negative in a right-to-left page
    var overflowing = hidden > 1;
    var unit = region.querySelector("tbody .compare__unit");
    frame.style.setProperty("--unit-column", (unit ? unit.offsetWidth : 0) + "px");
    frame.toggleAttribute("data-more-end", overflowing && scrolled < hidden - 1);
    frame.toggleAttribute("data-more-start", overflowing && scrolled > 1);
    if (hint) {
      hint.hidden = !overflowing;
    }
  }

  document.querySelectorAll(".compare-scroll").forEach(function (region) {
    update(region);
    region.addEventListener("scroll", function () {
      update(region);
    }, { passive: true });
    if ("ResizeObserver" in window) {
      new ResizeObserver(function () {
        update(region);
      }).observe(region);
    }
  });
})();
