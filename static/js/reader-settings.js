/*
 * The reader's text size and contrast, remembered on this device (see reader.js), set before the
 * page is drawn so that it does not jump; and a mark that scripts run, so that the room of the
 * tools reader.js shows is kept from the start. Loaded in <head>, without defer; nothing else here.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  // reader.js will show the page's tools: their room is kept from the start (no layout shift).
  root.setAttribute("data-js", "");
  try {
    var size = parseInt(window.localStorage.getItem("reader-font-size") || "0", 10);
    if (size >= -1 && size <= 4 && size !== 0) { root.setAttribute("data-font-size", String(size)); }
    var contrast = window.localStorage.getItem("reader-contrast");
    var asked = !contrast && window.matchMedia && window.matchMedia("(prefers-contrast: more)").matches;
    if (contrast === "high" || asked) { root.setAttribute("data-contrast", "high"); }
  } catch (e) { /* storage blocked: the standard page */ }
})();
