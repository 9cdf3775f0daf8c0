/* 实践经验: filter the one list of cases by theme, city and industry. Without this script
   the filters stay hidden and every case is listed. Plain script, no library or CDN. */
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector(".sc-case-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var items = Array.prototype.slice.call(document.querySelectorAll(".sc-case-item"));
    var count = form.querySelector(".sc-case-count");

    function apply() {
      var tag = form.elements.tag.value;
      var city = form.elements.city.value;
      var industry = form.elements.industry.value;
      var shown = 0;
      items.forEach(function (item) {
        var match =
          (!tag || (" " + item.dataset.tags + " ").indexOf(" " + tag + " ") >= 0) &&
          (!city || item.dataset.city === city) &&
          (!industry || item.dataset.industry === industry);
        item.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = "显示 " + shown + " 篇，共 " + items.length + " 篇";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // Material's instant navigation swaps pages without a reload: run on each page.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
