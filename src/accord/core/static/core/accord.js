// Small behaviours for every page (the Content Security Policy allows no inline scripts).
document.addEventListener("change", function (event) {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.requestSubmit();
  }
});
