// newstrace: the page's only script. Following a link to an anchor (a timeline mark to its evidence, a statement
// link) moves keyboard focus there too, so screen readers and the Tab key continue from the evidence.
(function () {
  "use strict";
  function focusTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && el.hasAttribute("tabindex")) {
      el.focus({ preventScroll: false });
    }
  }
  window.addEventListener("hashchange", focusTarget);
  document.addEventListener("DOMContentLoaded", focusTarget);
})();
