/*
 * The admin's area editor (articles/area_editor): the rows of the areas' form drawn on the page
 * image. Drag on the page to draw an area for the chosen article; drag an area to move it, a
 * corner to resize it; Tab to an area, arrows move it, Shift+arrows resize it (Ctrl: small steps),
 * Delete removes it. Every change is written into the form's numbers, which stay the truth: the
 * page works without this script, and one save sends every row.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-area-editor]");
  var frame = root && root.querySelector("[data-frame]");
  if (!frame) { return; }
  var form = root.querySelector("#area-form");
  var rows = root.querySelector("[data-rows]");
  var template = root.querySelector("template[data-empty-row]");
  var total = form.querySelector('input[name="areas-TOTAL_FORMS"]');
  var picker = root.querySelector("[data-article-picker]");
  var tools = root.querySelector("[data-tools]");
  var status = root.querySelector("[data-status]");
  var addButton = root.querySelector("[data-add-area]");
  var deleteButton = root.querySelector("[data-delete-area]");
  // Nothing to draw for on a page without articles; nothing to save for a reader of editions.
  var editable = !!form.querySelector("[type=submit]") && picker.options.length > 0;
  var MIN = 1; // percent: the smallest area drawn by hand
  var selected = null;

  var articles = {};
  Array.prototype.forEach.call(picker.options, function (option) {
    var text = option.textContent;
    articles[option.value] = {
      colour: option.getAttribute("data-colour"),
      position: text.slice(0, text.indexOf(".")),
      headline: option.getAttribute("data-headline") || text
    };
  });

  var staticAreas = root.querySelector("[data-static-areas]");
  if (staticAreas) { staticAreas.remove(); }
  if (editable) { tools.hidden = false; }
  frame.classList.add("is-live");
  if (editable) { frame.classList.add("is-editable"); }

  // --- the form's rows ------------------------------------------------------------------------

  function field(row, name) { return row.querySelector('[data-edge="' + name + '"]'); }
  function deleteBox(row) { return row.querySelector('input[name$="-DELETE"]'); }
  function round(value) { return Math.round(value * 10) / 10; }
  function clamp(value, low, high) { return Math.min(Math.max(value, low), high); }

  function valuesOf(row) {
    return {
      left: parseFloat(field(row, "left").value),
      top: parseFloat(field(row, "top").value),
      width: parseFloat(field(row, "width").value),
      height: parseFloat(field(row, "height").value)
    };
  }

  function isShown(row) {
    var v = valuesOf(row);
    var deleted = deleteBox(row) && deleteBox(row).checked;
    return !deleted && articles[field(row, "article").value] &&
      [v.left, v.top, v.width, v.height].every(isFinite) && v.width > 0 && v.height > 0;
  }

  function write(row, v) {
    ["left", "top", "width", "height"].forEach(function (name) {
      field(row, name).value = String(round(v[name]));
    });
    render(row);
  }

  function allRows() { return Array.prototype.slice.call(rows.querySelectorAll("tr[data-row]")); }

  function blankRow() {
    return allRows().filter(function (row) {
      var id = row.querySelector('input[name$="-id"]');
      return !(id && id.value) && !field(row, "article").value &&
        ["left", "top", "width", "height"].every(function (name) { return !field(row, name).value; });
    })[0];
  }

  function newRow(article, v) {
    var row = blankRow();
    if (!row) {
      row = document.createElement("tr");
      row.setAttribute("data-row", "");
      row.innerHTML = template.innerHTML.replace(/__prefix__/g, total.value);
      rows.appendChild(row);
      total.value = String(parseInt(total.value, 10) + 1);
    }
    field(row, "article").value = article;
    write(row, v);
    return row;
  }

  // --- the areas on the page ------------------------------------------------------------------

  function boxFor(row) {
    if (row.areaBox) { return row.areaBox; }
    var box = document.createElement("div");
    box.className = "area-box";
    box.tabIndex = 0;
    box.setAttribute("role", "button");
    box.setAttribute("aria-describedby", "area-keys");
    box.areaRow = row;
    var label = document.createElement("span");
    label.className = "area-box__label";
    box.appendChild(label);
    if (editable) {
      ["nw", "ne", "sw", "se"].forEach(function (corner) {
        var handle = document.createElement("span");
        handle.className = "area-box__handle area-box__handle--" + corner;
        handle.setAttribute("data-handle", corner);
        box.appendChild(handle);
      });
    }
    box.addEventListener("focus", function () { select(row); });
    frame.appendChild(box);
    row.areaBox = box;
    return box;
  }

  function render(row) {
    if (!isShown(row)) {
      if (row.areaBox) { row.areaBox.remove(); row.areaBox = null; }
      row.classList.toggle("is-deleted", !!(deleteBox(row) && deleteBox(row).checked));
      if (selected === row) { select(null); }
      return;
    }
    row.classList.remove("is-deleted");
    var v = valuesOf(row);
    var article = articles[field(row, "article").value];
    var box = boxFor(row);
    box.style.left = v.left + "%";
    box.style.top = v.top + "%";
    box.style.width = v.width + "%";
    box.style.height = v.height + "%";
    box.className = "area-box area-colour-" + article.colour + (selected === row ? " is-selected" : "");
    box.setAttribute("data-article", field(row, "article").value);
    // Typed past an edge: shown as such (and refused on saving), never quietly moved.
    var off = v.left < 0 || v.top < 0 || v.left + v.width > 100.000001 || v.top + v.height > 100.000001;
    box.classList.toggle("is-off-page", off);
    row.classList.toggle("is-off-page", off);
    box.firstChild.textContent = article.position + " " + article.headline;
    box.setAttribute("aria-label", article.position + ". " + article.headline + " (" +
      [v.left, v.top, v.width, v.height].map(round).join(", ") + ")");
  }

  function select(row) {
    if (selected && selected !== row) {
      selected.classList.remove("is-selected");
      if (selected.areaBox) { selected.areaBox.classList.remove("is-selected"); }
    }
    selected = row;
    if (deleteButton) { deleteButton.disabled = !row; }
    if (!row) { return; }
    row.classList.add("is-selected");
    if (row.areaBox) { row.areaBox.classList.add("is-selected"); }
    picker.value = field(row, "article").value;
  }

  function say(text) { if (status) { status.textContent = text; } }
  function message(name) { return root.getAttribute("data-msg-" + name) || ""; }

  function remove(row) {
    var box = deleteBox(row);
    if (box) { box.checked = true; } else { write(row, { left: NaN, top: NaN, width: NaN, height: NaN }); }
    render(row);
    select(null);
    say(message("deleted"));
    check();
  }

  // --- what the editor should know: overlaps, articles without an area ------------------------

  function overlaps(a, b) {
    return Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left) > 1e-6 &&
      Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top) > 1e-6;
  }

  function check() {
    var shown = allRows().filter(isShown);
    var pairs = {};
    var over = new Set();
    shown.forEach(function (row, i) {
      shown.slice(i + 1).forEach(function (other) {
        var a = field(row, "article").value, b = field(other, "article").value;
        if (a !== b && overlaps(valuesOf(row), valuesOf(other))) {
          over.add(row); over.add(other);
          var key = [a, b].sort(function (x, y) {
            return parseInt(articles[x].position, 10) - parseInt(articles[y].position, 10);
          });
          pairs[key.join(",")] = key;
        }
      });
    });
    allRows().forEach(function (row) {
      if (row.areaBox) { row.areaBox.classList.toggle("is-overlapping", over.has(row)); }
    });
    fill(root.querySelector("[data-overlaps]"), Object.keys(pairs).map(function (key) {
      var pair = pairs[key];
      return message("overlap").replace("__ONE__", articles[pair[0]].headline)
        .replace("__OTHER__", articles[pair[1]].headline);
    }));
    var mapped = new Set(shown.map(function (row) { return field(row, "article").value; }));
    fill(root.querySelector("[data-without-area]"), Object.keys(articles).filter(function (pk) {
      return !mapped.has(pk);
    }).sort(function (x, y) {
      return parseInt(articles[x].position, 10) - parseInt(articles[y].position, 10);
    }).map(function (pk) { return articles[pk].position + ". " + articles[pk].headline; }));
  }

  function fill(notice, lines) {
    if (!notice) { return; }
    var list = notice.querySelector("ul");
    list.textContent = "";
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    notice.hidden = !lines.length;
  }

  allRows().forEach(render);
  check();

  // The numbers typed in the table move the areas.
  rows.addEventListener("input", function (event) {
    var row = event.target.closest("tr[data-row]");
    if (row) { render(row); check(); }
  });
  rows.addEventListener("change", function (event) {
    var row = event.target.closest("tr[data-row]");
    if (row) { render(row); check(); }
  });

  if (!editable) { return; }

  // --- drawing, moving and resizing with a mouse, a pen or a finger ----------------------------

  var drag = null;

  function point(event) {
    var rect = frame.getBoundingClientRect();
    return {
      x: clamp((event.clientX - rect.left) / rect.width * 100, 0, 100),
      y: clamp((event.clientY - rect.top) / rect.height * 100, 0, 100)
    };
  }

  frame.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { return; }
    var box = event.target.closest(".area-box");
    var start = point(event);
    if (box && box.areaRow) {
      var handle = event.target.getAttribute("data-handle");
      drag = { mode: handle || "move", row: box.areaRow, start: start, from: valuesOf(box.areaRow) };
      select(box.areaRow);
      box.focus({ preventScroll: true });
    } else {
      var sketch = document.createElement("div");
      sketch.className = "area-box is-drawing area-colour-" + articles[picker.value].colour;
      frame.appendChild(sketch);
      drag = { mode: "draw", start: start, sketch: sketch };
    }
    frame.setPointerCapture(event.pointerId);
    event.preventDefault();
  });

  frame.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var now = point(event);
    var dx = now.x - drag.start.x, dy = now.y - drag.start.y;
    if (drag.mode === "draw") {
      drag.rect = {
        left: Math.min(drag.start.x, now.x), top: Math.min(drag.start.y, now.y),
        width: Math.abs(dx), height: Math.abs(dy)
      };
      ["left", "top", "width", "height"].forEach(function (name) {
        drag.sketch.style[name] = drag.rect[name] + "%";
      });
      return;
    }
    var f = drag.from, v = { left: f.left, top: f.top, width: f.width, height: f.height };
    if (drag.mode === "move") {
      v.left = clamp(f.left + dx, 0, 100 - f.width);
      v.top = clamp(f.top + dy, 0, 100 - f.height);
    } else {
      if (drag.mode.indexOf("w") >= 0) {
        v.left = clamp(f.left + dx, 0, f.left + f.width - MIN);
        v.width = f.left + f.width - v.left;
      } else {
        v.width = clamp(f.width + dx, MIN, 100 - f.left);
      }
      if (drag.mode.indexOf("n") >= 0) {
        v.top = clamp(f.top + dy, 0, f.top + f.height - MIN);
        v.height = f.top + f.height - v.top;
      } else {
        v.height = clamp(f.height + dy, MIN, 100 - f.top);
      }
    }
    drag.moved = true;
    write(drag.row, v);
  });

  function stop() {
    if (!drag) { return; }
    var done = drag;
    drag = null;
    if (done.mode === "draw") {
      done.sketch.remove();
      var r = done.rect;
      if (r && r.width >= MIN && r.height >= MIN) {
        var row = newRow(picker.value, r);
        select(row);
        row.areaBox.focus({ preventScroll: true });
        say(message("added"));
      }
    }
    check();
  }
  frame.addEventListener("pointerup", stop);
  frame.addEventListener("pointercancel", stop);

  // --- the keyboard ---------------------------------------------------------------------------

  frame.addEventListener("keydown", function (event) {
    var box = event.target.closest(".area-box");
    if (!box || !box.areaRow) { return; }
    var row = box.areaRow;
    if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      remove(row);
      return;
    }
    var step = event.ctrlKey || event.altKey ? 0.1 : 1;
    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    var move = moves[event.key];
    if (!move) { return; }
    event.preventDefault();
    var v = valuesOf(row);
    if (event.shiftKey) {
      v.width = clamp(v.width + move[0], MIN, 100 - v.left);
      v.height = clamp(v.height + move[1], MIN, 100 - v.top);
    } else {
      v.left = clamp(v.left + move[0], 0, 100 - v.width);
      v.top = clamp(v.top + move[1], 0, 100 - v.height);
    }
    write(row, v);
    check();
  });

  // --- the tools ------------------------------------------------------------------------------

  picker.addEventListener("change", function () {
    if (selected) {
      field(selected, "article").value = picker.value;
      render(selected);
      check();
    }
  });

  addButton.addEventListener("click", function () {
    // A new area in the middle of the page, to move and size with the keyboard or the mouse.
    var row = newRow(picker.value, { left: 40, top: 45, width: 20, height: 10 });
    select(row);
    row.areaBox.focus();
    say(message("added"));
    check();
  });

  deleteButton.addEventListener("click", function () {
    if (selected) { remove(selected); }
  });
})();
