// Admin: a read-only field marked data-select-on-click selects its whole value when clicked,
// ready to copy (kept out of the page itself: the Content-Security-Policy runs no inline script).
document.addEventListener("click", function (event) {
  var field = event.target.closest && event.target.closest("[data-select-on-click]");
  if (field) { field.select(); }
});
