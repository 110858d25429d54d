// Filters sit in a <details> so phones see photographs first; on wide screens they are a sidebar, always open.
(function () {
  var filters = document.querySelector("details.filters");
  if (!filters || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 64em)");
  function sync() { if (wide.matches) filters.open = true; }
  sync();
  wide.addEventListener("change", sync);
})();
