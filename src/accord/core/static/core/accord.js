// Small behaviours for every page (the Content Security Policy allows no inline scripts).
document.addEventListener("change", function (event) {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.requestSubmit();
  }
});

// A deferred panel of the project page arrives after the page: when the address names an element
// inside it (#reports after a report was sent), scroll to that element once it is there.
document.addEventListener("htmx:load", function (event) {
  const loaded = event.detail && event.detail.elt;
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || !loaded || loaded === document.body || typeof loaded.querySelector !== "function") {
    return;
  }
  const target = loaded.id === id ? loaded : loaded.querySelector("#" + CSS.escape(id));
  if (target) {
    target.scrollIntoView();
  }
});
