// Playbook lists: add, remove and reorder rows; Enter in a row adds a row below it (a row is
// one line of text: Shift+Enter is not a line break either).
(function () {
  "use strict";
  function renumber(list) {
    var label = list.dataset.rowLabel || "";
    list.querySelectorAll(":scope > li").forEach(function (row, index) {
      var input = row.querySelector("textarea");
      if (input && label) { input.setAttribute("aria-label", label.replace("__n__", String(index + 1))); }
    });
  }
  function addRow(form, name, after) {
    var list = form.querySelector("[data-rows='" + name + "']");
    var template = form.querySelector("template[data-row-template='" + name + "']");
    if (!list || !template) { return null; }
    var holder = document.createElement("ul");
    holder.innerHTML = template.innerHTML.trim();
    var row = holder.firstElementChild;
    if (after && after.parentNode === list) { list.insertBefore(row, after.nextElementSibling); }
    else { list.appendChild(row); }
    renumber(list);
    row.querySelector("textarea").focus();
    return row;
  }
  document.querySelectorAll("form[data-playbook-rows]").forEach(function (form) {
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !form.contains(button)) { return; }
      if (button.dataset.addRow) { addRow(form, button.dataset.addRow, null); return; }
      var row = button.closest("[data-rows] > li");
      if (!row) { return; }
      var list = row.parentNode;
      if (button.hasAttribute("data-row-remove")) {
        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber(list);
        var focus = next ? next.querySelector("textarea") : list.parentNode.querySelector("[data-add-row]");
        if (focus) { focus.focus(); }
        return;
      }
      if (button.dataset.rowMove === "up" && row.previousElementSibling) {
        list.insertBefore(row, row.previousElementSibling);
      } else if (button.dataset.rowMove === "down" && row.nextElementSibling) {
        list.insertBefore(row.nextElementSibling, row);
      } else { return; }
      renumber(list);
      button.focus();
    });
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target.tagName !== "TEXTAREA") { return; }
      var list = event.target.closest("[data-rows]");
      if (!list) { return; }
      event.preventDefault();
      addRow(form, list.dataset.rows, event.target.closest("[data-rows] > li"));
    });
  });
})();
