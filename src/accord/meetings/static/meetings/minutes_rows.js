// Minutes rows: Enter in a row adds a row of the same kind, Ctrl+Enter saves.
(function () {
  "use strict";
  function addRow(form, kind) {
    var total = form.querySelector("input[name='" + kind + "-TOTAL_FORMS']");
    var template = form.querySelector("template[data-row-template='" + kind + "']");
    var rows = form.querySelector("[data-rows='" + kind + "']");
    if (!total || !template || !rows) { return null; }
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input:not([type=hidden]), select");
    if (first) { first.focus(); }
    return row;
  }
  document.querySelectorAll("form[data-minutes-rows]").forEach(function (form) {
    form.querySelectorAll("[data-add-row]").forEach(function (button) {
      button.addEventListener("click", function () { addRow(form, button.dataset.addRow); });
    });
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target.tagName === "BUTTON") { return; }
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        form.requestSubmit();
        return;
      }
      if (event.target.tagName === "TEXTAREA") { return; }
      var container = event.target.closest("[data-rows]");
      if (container) {
        event.preventDefault();
        addRow(form, container.dataset.rows);
      }
    });
  });
})();
