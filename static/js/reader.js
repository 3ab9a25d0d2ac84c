/*
 * Small improvements on top of pages that work without JavaScript:
 * - text size and high contrast on every page (remembered on this device; 适老化);
 * - on article pages, reading the article aloud (the browser's Chinese voice) and printing;
 * - copying a feed's address;
 * - the edition calendar changes month in place instead of loading a new page;
 * - the filters open by themselves on wide screens.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var SIZE_KEY = "reader-font-size";
  var CONTRAST_KEY = "reader-contrast";
  var MIN_SIZE = -1;
  var MAX_SIZE = 4;

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  function mark(button, attribute, on) {
    if (on) { button.setAttribute(attribute, "true"); } else { button.removeAttribute(attribute); }
  }

  // Text size (reader-settings.js set the stored one before the page was drawn).
  function applySize(size) {
    size = Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
    if (size) { root.setAttribute("data-font-size", String(size)); } else { root.removeAttribute("data-font-size"); }
    store(SIZE_KEY, String(size));
    document.querySelectorAll("[data-font-step]").forEach(function (button) {
      var step = button.getAttribute("data-font-step");
      if (step === "0" || step === "max") {
        button.setAttribute("aria-pressed", String(step === "0" ? size === 0 : size === MAX_SIZE));
        return;
      }
      // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
      var limit = (step < 0 && size === MIN_SIZE) || (step > 0 && size === MAX_SIZE);
      mark(button, "aria-disabled", limit);
    });
    return size;
  }

  function applyContrast(high, remember) {
    if (high) { root.setAttribute("data-contrast", "high"); } else { root.removeAttribute("data-contrast"); }
    if (remember) { store(CONTRAST_KEY, high ? "high" : "normal"); }
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(high));
    });
  }

  var bar = document.querySelector("[data-reader-bar]");
  if (bar) {
    var size = applySize(parseInt(stored(SIZE_KEY) || "0", 10) || 0);
    var contrast = stored(CONTRAST_KEY);
    applyContrast(contrast ? contrast === "high" : root.getAttribute("data-contrast") === "high");
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || button.getAttribute("aria-disabled") === "true") { return; }
      if (button.hasAttribute("data-contrast-toggle")) {
        applyContrast(root.getAttribute("data-contrast") !== "high", true);
        return;
      }
      var step = button.getAttribute("data-font-step");
      if (step === null) { return; }
      size = applySize(step === "max" ? MAX_SIZE : step === "0" ? 0 : size + parseInt(step, 10));
    });
  }

  // Article tools: print, and reading the article aloud in Chinese (shown only where the browser
  // has a Chinese voice).
  var tools = document.querySelector("[data-reading-tools]");
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button && button.hasAttribute("data-print")) { window.print(); }
    });
    readAloud(tools.querySelector("[data-read-aloud]"));
  }

  function chineseVoice(synth) {
    var voices = synth.getVoices() || [];
    function find(pattern) {
      for (var i = 0; i < voices.length; i++) { if (pattern.test(voices[i].lang || "")) { return voices[i]; } }
      return null;
    }
    return find(/^zh[-_]CN\b/i) || find(/^(cmn|zh)[-_]Hans/i) || find(/^cmn\b/i) || find(/^zh\b/i);
  }

  // The article's text in pieces of a few sentences: one long utterance stops midway in some
  // browsers, and a piece at a time lets pause and stop answer at once.
  function piecesOf(article) {
    var parts = [];
    article.querySelectorAll(".story__kicker, .story__title, .story__subtitle, [data-story-body] p, [data-story-body] h2, [data-story-body] h3, [data-story-body] h4, [data-story-body] li").forEach(function (el) {
      var text = (el.textContent || "").replace(/\s+/g, " ").trim();
      while (text.length > 160) {
        var cut = -1;
        ["。", "！", "？", "；", "，"].forEach(function (mark) {
          var at = text.lastIndexOf(mark, 160);
          if (at > cut) { cut = at; }
        });
        cut = cut > 20 ? cut + 1 : 160;
        parts.push(text.slice(0, cut));
        text = text.slice(cut).trim();
      }
      if (text) { parts.push(text); }
    });
    return parts;
  }

  function readAloud(controls) {
    var synth = window.speechSynthesis;
    var article = document.querySelector("article.story");
    if (!controls || !synth || !window.SpeechSynthesisUtterance || !article) { return; }
    var start = controls.querySelector('[data-speech="start"]');
    var pause = controls.querySelector('[data-speech="pause"]');
    var stop = controls.querySelector('[data-speech="stop"]');
    var state = "idle";  // idle, speaking, paused
    var run = 0;  // a stopped reading's last "end" must not reset a new one

    function show(newState) {
      state = newState;
      start.setAttribute("aria-pressed", String(state !== "idle"));
      mark(pause, "aria-disabled", state === "idle");
      mark(stop, "aria-disabled", state === "idle");
      pause.textContent = pause.getAttribute(state === "paused" ? "data-resume-label" : "data-pause-label");
      root.toggleAttribute("data-speaking", state !== "idle");
    }

    function offer() {
      var voice = chineseVoice(synth);
      controls.hidden = !voice;
      return voice;
    }

    if (!offer() && "onvoiceschanged" in synth) {
      synth.addEventListener("voiceschanged", offer);
    }

    start.addEventListener("click", function () {
      var voice = offer();
      if (!voice) { return; }
      if (state === "paused") { synth.resume(); show("speaking"); return; }
      if (state === "speaking") { return; }
      synth.cancel();
      run += 1;
      var mine = run;
      var pieces = piecesOf(article);
      pieces.forEach(function (text, index) {
        var utterance = new window.SpeechSynthesisUtterance(text);
        utterance.lang = voice.lang;
        utterance.voice = voice;
        if (index === pieces.length - 1) {
          utterance.addEventListener("end", function () { if (run === mine) { show("idle"); } });
        }
        synth.speak(utterance);
      });
      show(pieces.length ? "speaking" : "idle");
    });
    pause.addEventListener("click", function () {
      if (state === "speaking") { synth.pause(); show("paused"); } else if (state === "paused") { synth.resume(); show("speaking"); }
    });
    stop.addEventListener("click", function () {
      if (state === "idle") { return; }
      run += 1;
      synth.cancel();
      show("idle");
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
    show("idle");
  }

  // Feeds page: copy a feed's address.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = button.parentNode.querySelector("[data-copy-source]");
    var label = button.querySelector("[data-copy-label]");
    if (!source || !label || !navigator.clipboard) { return; }
    var original = label.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        label.textContent = button.getAttribute("data-copied");
        window.setTimeout(function () { label.textContent = original; }, 2000);
      }, function () { source.select(); });
    });
  });
  document.querySelectorAll("[data-copy-source]").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });

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
