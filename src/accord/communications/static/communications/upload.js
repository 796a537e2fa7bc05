// Shows the upload's progress on the mail import form (htmx sends the form; this only listens).
document.addEventListener("htmx:xhr:progress", function (event) {
  var form = event.target.closest ? event.target.closest("form[data-upload-progress]") : null;
  if (!form || !event.detail.lengthComputable) {
    return;
  }
  var bar = form.querySelector("progress");
  bar.hidden = false;
  bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
});
document.addEventListener("htmx:beforeRequest", function (event) {
  var form = event.target.closest ? event.target.closest("form[data-upload-progress]") : null;
  if (form) {
    var bar = form.querySelector("progress");
    bar.hidden = false;
    bar.value = 0;
  }
});
