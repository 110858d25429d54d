// The community chooser (gallery/community_chooser.py): typing narrows the checkboxes; Enter ticks the
// first one shown and clears the search instead of submitting the form. Delegated from the document,
// so choosers the multiple uploader adds later work too.
(function () {
  "use strict";

  function options(chooser) {
    return Array.prototype.slice.call(chooser.querySelectorAll("input[type=checkbox]")).map(function (box) {
      var row = box.closest("div") || box.parentElement;
      return { box: box, row: row, name: (box.parentElement.textContent || "").trim().toLowerCase() };
    });
  }

  function filter(chooser, text) {
    var wanted = text.trim().toLowerCase();
    var shown = [];
    options(chooser).forEach(function (option) {
      var visible = !wanted || option.name.indexOf(wanted) !== -1;
      option.row.hidden = !visible;
      if (visible) shown.push(option);
    });
    var none = chooser.querySelector("[data-community-none]");
    if (none) none.hidden = shown.length > 0;
    return shown;
  }

  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("[data-community-search]")) return;
    filter(event.target.closest("[data-community-chooser]"), event.target.value);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches || !event.target.matches("[data-community-search]")) return;
    event.preventDefault();
    var chooser = event.target.closest("[data-community-chooser]");
    var shown = filter(chooser, event.target.value).filter(function (option) { return !option.box.checked; });
    if (event.target.value.trim() && shown.length) {
      shown[0].box.checked = true;
      shown[0].box.dispatchEvent(new Event("change", { bubbles: true }));
      event.target.value = "";
      filter(chooser, "");
    }
  });
})();
