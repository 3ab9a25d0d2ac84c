/*
 * Small improvements on top of pages that work without JavaScript:
 * - the text size control on article pages (remembered on this device);
 * - the edition calendar changes month in place instead of loading a new page;
 * - the filters open by themselves on wide screens.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var KEY = "reader-font-size";

  function storedSize() {
    try { return parseInt(window.localStorage.getItem(KEY) || "0", 10) || 0; } catch (e) { return 0; }
  }

  function applySize(size) {
    size = Math.max(-1, Math.min(2, size));
    if (size) { root.setAttribute("data-font-size", String(size)); } else { root.removeAttribute("data-font-size"); }
    try { window.localStorage.setItem(KEY, String(size)); } catch (e) { /* private mode */ }
    document.querySelectorAll("[data-font-step]").forEach(function (button) {
      var step = parseInt(button.getAttribute("data-font-step"), 10);
      // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
      var limit = (step < 0 && size === -1) || (step > 0 && size === 2);
      if (limit) { button.setAttribute("aria-disabled", "true"); } else { button.removeAttribute("aria-disabled"); }
    });
    return size;
  }

  var tools = document.querySelector("[data-reading-tools]");
  if (tools) {
    var size = applySize(storedSize());
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      if (button.hasAttribute("data-print")) { window.print(); return; }
      if (button.getAttribute("aria-disabled") === "true") { return; }
      var step = parseInt(button.getAttribute("data-font-step"), 10);
      size = applySize(step === 0 ? 0 : size + step);
    });
  } else if (storedSize()) {
    root.setAttribute("data-font-size", String(storedSize()));
  }

  // Calendar: fetch the month page the arrow points to and swap in its calendar.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-calendar-step]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || !window.fetch) { return; }
    var calendar = link.closest("[data-calendar]");
    if (!calendar) { return; }
    event.preventDefault();
    calendar.classList.add("is-loading");
    fetch(link.href, { headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-calendar]");
        if (!fresh) { throw new Error("no calendar"); }
        calendar.replaceWith(fresh);
        var step = fresh.querySelector(link.querySelector("[aria-hidden]").textContent === "‹" ? ".calendar__step:first-child" : ".calendar__step:last-child");
        (step && step.tagName === "A" ? step : fresh.querySelector(".calendar__title a")).focus();
      })
      .catch(function () { window.location.href = link.href; });
  });

  // Edition page: an article's card and its area on the printed page light up together.
  var edition = document.querySelector(".edition");
  if (edition && edition.querySelector(".page-map__area")) {
    var link = function (event, on) {
      var item = event.target.closest && event.target.closest("[data-article]");
      if (!item) { return; }
      edition.querySelectorAll('[data-article="' + item.getAttribute("data-article") + '"]').forEach(function (el) {
        if (el !== item) { el.classList.toggle("is-linked", on); }
      });
    };
    ["mouseover", "focusin"].forEach(function (type) { edition.addEventListener(type, function (e) { link(e, true); }); });
    ["mouseout", "focusout"].forEach(function (type) { edition.addEventListener(type, function (e) { link(e, false); }); });
  }

  // Edition page: a button that outlines every area on the printed page (touch screens show them
  // anyway: there is no hover to find them by).
  document.querySelectorAll("[data-show-areas]").forEach(function (button) {
    var map = button.closest(".page-map");
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      map.classList.toggle("is-showing-areas", on);
    });
  });

  // Leave empty fields out of the address, so a search reads /search/?q=… and nothing more.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && !field.value) { field.disabled = true; }
      });
      window.setTimeout(function () {
        Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
      }, 0);
    });
  });

  // Filters: open on wide screens, where there is room for them.
  if (window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details[data-filters]").forEach(function (details) { details.open = true; });
  }
})();
