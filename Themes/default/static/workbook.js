// workbook: progressive enhancement only. Every page is complete without it.
"use strict";

// Sortable tables: <table data-sortable> with <th data-sort="text|number">.
// A cell's data-value, when present, is what it sorts by.
(function () {
  function cellValue(row, index, kind) {
    var cell = row.children[index];
    if (!cell) return kind === "number" ? 0 : "";
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    return kind === "number" ? parseFloat(raw) || 0 : raw.toLowerCase();
  }

  function sortBy(table, index, kind, button) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = button.getAttribute("data-direction") !== "ascending";
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
      if (x < y) return ascending ? -1 : 1;
      if (x > y) return ascending ? 1 : -1;
      return 0;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    table.querySelectorAll("button[data-direction]").forEach(function (b) { b.removeAttribute("data-direction"); });
    button.setAttribute("data-direction", ascending ? "ascending" : "descending");
    button.parentElement.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, kind, button); });
    });
  });
})();

// Rubric scoring, drill countdowns, checklist ticks and offline search.
// Every control below is created here, so none of it exists with JavaScript off.
// No inline styles: state is shown through classes and attributes only.
(function () {
  // ---- Helpers ------------------------------------------------------------

  var idCounter = 0;
  function uniqueId(prefix) {
    idCounter += 1;
    var id = "wb-" + prefix + "-" + idCounter;
    while (document.getElementById(id)) { idCounter += 1; id = "wb-" + prefix + "-" + idCounter; }
    return id;
  }

  // el("button", {type: "button", class: "x", text: "Label"}, [children])
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function setAttr(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }

  function intAttr(node, name) {
    if (!node || !node.hasAttribute(name)) return null;
    var value = parseInt(node.getAttribute(name), 10);
    return isNaN(value) ? null : value;
  }

  function toArray(list) { return Array.prototype.slice.call(list); }

  // localStorage can be missing or throw (file://, private modes, disabled
  // storage). Fall back to memory so the page still works for this visit.
  var storage = (function () {
    var backend = null;
    var memory = {};
    try {
      backend = window.localStorage;
      backend.setItem("workbook:probe", "1");
      backend.removeItem("workbook:probe");
    } catch (error) {
      backend = null;
    }
    function has(key) { return Object.prototype.hasOwnProperty.call(memory, key); }
    return {
      get: function (key) {
        if (has(key)) return memory[key];
        if (!backend) return null;
        try { return backend.getItem(key); } catch (error) { return null; }
      },
      set: function (key, value) {
        value = String(value);
        if (backend) {
          try { backend.setItem(key, value); delete memory[key]; return; } catch (error) { /* fall through */ }
        }
        memory[key] = value;
      },
      remove: function (key) {
        delete memory[key];
        if (!backend) return;
        try { backend.removeItem(key); } catch (error) { /* nothing to do */ }
      }
    };
  })();

  function readJSON(key) {
    var raw = storage.get(key);
    if (raw === null) return null;
    try {
      var value = JSON.parse(raw);
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (error) {
      return null;
    }
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  // Copies text; falls back to selecting it in the (visible, readonly) textarea.
  function copyText(text, textarea, report) {
    textarea.value = text;
    textarea.hidden = false;
    function fallback() {
      textarea.focus();
      textarea.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      report(copied ? "copied" : "selected");
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function" && window.isSecureContext) {
      var promise;
      try { promise = navigator.clipboard.writeText(text); } catch (error) { fallback(); return; }
      promise.then(function () { report("copied"); }, fallback);
    } else {
      fallback();
    }
  }

  // ---- 1. Rubric scoring ----------------------------------------------------
  //
  // Roots: [data-block="rubric"] (chapters, print.html) and article.scorecard[data-rubric].
  // State: localStorage "workbook:rubric:<id>" = JSON {"Dimension": score}, shared by
  // every page showing the same rubric. Live values: .rubric-live-status carries
  // data-live-total, data-live-band ("A-B") and data-live-gate (pass|fail|none|incomplete).

  var rubricControllers = {};

  function rubricIdOf(root) {
    if (root.hasAttribute("data-rubric")) return root.getAttribute("data-rubric");
    var id = root.id;
    if (!id) return "";
    // print.html prefixes every id with its chapter: "02-evidence--evidence-calibration".
    var chapter = root.parentElement ? root.parentElement.closest(".print-chapter[id]") : null;
    if (chapter && id.indexOf(chapter.id + "--") === 0) id = id.slice(chapter.id.length + 2);
    return id;
  }

  function yamlKey(name) {
    if (/[:{},#]/.test(name) || /^["']/.test(name)) {
      return "\"" + name.replace(/\\/g, "\\\\").replace(/"/g, "\\\"") + "\"";
    }
    return name;
  }

  function setupRubric(root) {
    var isScorecard = root.classList.contains("scorecard");
    var rubricId = rubricIdOf(root);
    if (!rubricId) return;
    var key = "workbook:rubric:" + rubricId;
    var optionSelector = isScorecard ? "li.box" : "td[data-value]";
    var title = root.querySelector(".block-title, .sheet-title");
    var rubricTitle = title ? title.textContent.trim() : rubricId;

    var holder = root.hasAttribute("data-max-total") ? root : root.querySelector("[data-max-total]");
    var passHolder = root.hasAttribute("data-pass-mark") ? root : root.querySelector("[data-pass-mark]");
    var passMark = intAttr(passHolder, "data-pass-mark");

    // Anchor labels from the header, "3 - Credible", for the buttons' names.
    var anchorLabels = {};
    toArray(root.querySelectorAll("thead th[data-value]")).forEach(function (th) {
      anchorLabels[th.getAttribute("data-value")] = th.textContent.trim();
    });

    var dimensions = toArray(root.querySelectorAll("tr[data-dimension]")).map(function (row) {
      var name = row.getAttribute("data-dimension");
      var options = toArray(row.querySelectorAll(optionSelector)).map(function (cell) {
        var value = isScorecard ? parseInt(cell.textContent, 10) : intAttr(cell, "data-value");
        // A scorecard's li.is-marked boxes are the build's latest self-score.
        var recorded = isScorecard && cell.classList.contains("is-marked");
        if (recorded) cell.classList.add("is-recorded");
        return { value: value, cell: cell, button: null, recorded: recorded };
      }).filter(function (option) { return option.value !== null && !isNaN(option.value); });
      return { name: name, row: row, minimum: intAttr(row, "data-minimum"), options: options, select: null };
    }).filter(function (dimension) { return dimension.options.length > 0; });
    if (dimensions.length === 0) return;

    var maxTotal = intAttr(holder, "data-max-total");
    if (maxTotal === null) {
      maxTotal = dimensions.reduce(function (sum, d) { return sum + d.options[d.options.length - 1].value; }, 0);
    }
    var hasGate = passMark !== null || dimensions.some(function (d) { return d.minimum !== null; });

    var bands = toArray(root.querySelectorAll("[data-range][data-min][data-max]")).map(function (node) {
      var text = node.querySelector("dd");
      return {
        range: node.getAttribute("data-range"),
        min: intAttr(node, "data-min"),
        max: intAttr(node, "data-max"),
        text: text ? text.textContent.replace(/\s+/g, " ").trim() : "",
        node: node
      };
    });

    var scores = {};

    // -- Controls: a button in every descriptor cell or score box.
    dimensions.forEach(function (dimension) {
      dimension.options.forEach(function (option) {
        var label = dimension.name + ": " + (anchorLabels[String(option.value)] || String(option.value)) +
          (option.recorded ? " (your recorded score)" : "");
        var button;
        if (isScorecard) {
          // The box's own content (its number) moves into the button.
          button = el("button", { type: "button", class: "box-button", "aria-pressed": "false", "aria-label": label });
          while (option.cell.firstChild) button.appendChild(option.cell.firstChild);
          option.cell.appendChild(button);
        } else {
          button = el("button", { type: "button", class: "cell-pick", "aria-pressed": "false", "aria-label": label }, [
            el("span", { class: "cell-pick-mark", "aria-hidden": "true" }),
            el("span", { class: "cell-pick-value", text: String(option.value) })
          ]);
          option.cell.insertBefore(button, option.cell.firstChild);
        }
        option.button = button;
      });
    });

    // Chapter rubrics: a Score column with every value of the scale, so scores
    // between the described anchors (a 4 between 3 and 5) can be set and shown.
    if (!isScorecard) {
      var headRow = root.querySelector("thead tr");
      if (headRow) headRow.appendChild(el("th", { scope: "col", class: "rubric-score-col", text: "Score" }));
      dimensions.forEach(function (dimension) {
        var low = dimension.options[0].value;
        var high = dimension.options[dimension.options.length - 1].value;
        var select = el("select", { class: "rubric-score-select", "aria-label": "Score for " + dimension.name }, [
          el("option", { value: "", text: "—" })
        ]);
        for (var value = low; value <= high; value += 1) select.appendChild(el("option", { value: String(value), text: String(value) }));
        select.addEventListener("change", function () {
          var chosen = select.value === "" ? null : parseInt(select.value, 10);
          setScore(dimension, chosen, false);
        });
        dimension.select = select;
        dimension.low = low;
        dimension.high = high;
        dimension.row.appendChild(el("td", { class: "rubric-score-cell" }, [select]));
      });
    } else {
      dimensions.forEach(function (dimension) {
        var values = dimension.options.map(function (o) { return o.value; });
        dimension.low = Math.min.apply(null, values);
        dimension.high = Math.max.apply(null, values);
      });
    }

    // -- The live panel: status (total, band, gate) and tools.
    var totalOut = el("strong", { class: "live-total", text: "—" });
    var bandOut = el("span", { class: "live-band", text: "—" });
    var gateOut = el("strong", { class: "live-gate" });
    var gateDetail = el("span", { class: "live-gate-detail" });
    var reasonsList = el("ul", { class: "live-reasons" });
    var statusChildren = [
      el("p", { class: "live-item" }, [el("span", { class: "live-label", text: "Total" }), " ", totalOut, " ", el("span", { class: "of-max", text: "of " + maxTotal })]),
      el("p", { class: "live-item live-item-band" }, [el("span", { class: "live-label", text: "Band" }), " ", bandOut])
    ];
    if (hasGate) statusChildren.push(el("p", { class: "live-item" }, [el("span", { class: "live-label", text: "Gate" }), " ", gateOut, " ", gateDetail]));
    var status = el("div", {
      class: "rubric-live-status", role: "status", "aria-live": "polite", "aria-atomic": "true",
      "data-live-total": "", "data-live-band": "", "data-live-gate": hasGate ? "incomplete" : "none"
    }, statusChildren);
    status.appendChild(reasonsList);

    var copyButton = el("button", { type: "button", class: "tool-button", text: "Copy as scores.yaml entry" });
    var clearButton = el("button", { type: "button", class: "tool-button", text: "Clear" });
    var message = el("p", { class: "tool-message", role: "status", "aria-live": "polite" });
    var yamlId = uniqueId("yaml");
    var textarea = el("textarea", { id: yamlId, class: "rubric-yaml", readonly: true, rows: "3", spellcheck: "false", hidden: true, "aria-label": "scores.yaml entry for " + rubricTitle });
    var panel = el("div", { class: "rubric-live" }, [
      el("p", { class: "rubric-live-title", text: isScorecard ? "Your score (click the boxes)" : "Your score (click a cell, or pick a score)" }),
      status,
      el("div", { class: "rubric-tools" }, [copyButton, " ", clearButton]),
      message,
      textarea
    ]);

    var summary = root.querySelector(".score-summary");
    var table = root.querySelector("table");
    if (isScorecard && summary) summary.insertBefore(panel, summary.firstChild);
    else if (table) {
      var wrap = table.closest(".table-wrap") || table;
      wrap.parentNode.insertBefore(panel, wrap.nextSibling);
    } else root.appendChild(panel);

    root.classList.add("is-scoring");

    // -- State.
    function initialScores() {
      var stored = readJSON(key);
      var result = {};
      if (stored) {
        dimensions.forEach(function (d) {
          var value = stored[d.name];
          if (typeof value === "string" && /^-?\d+$/.test(value)) value = parseInt(value, 10);
          if (typeof value === "number" && value % 1 === 0 && value >= d.low && value <= d.high) result[d.name] = value;
        });
        return result;
      }
      if (isScorecard) {
        dimensions.forEach(function (d) {
          d.options.forEach(function (o) { if (o.recorded) result[d.name] = o.value; });
        });
      }
      return result;
    }

    function save() {
      if (Object.keys(scores).length === 0) storage.remove(key);
      else {
        var ordered = {};
        dimensions.forEach(function (d) { if (d.name in scores) ordered[d.name] = scores[d.name]; });
        storage.set(key, JSON.stringify(ordered));
      }
    }

    function evaluate() {
      var scored = dimensions.filter(function (d) { return d.name in scores; });
      var total = scored.reduce(function (sum, d) { return sum + scores[d.name]; }, 0);
      var band = null;
      if (scored.length > 0) {
        bands.forEach(function (b) { if (band === null && b.min !== null && b.max !== null && total >= b.min && total <= b.max) band = b; });
      }
      var gate = "none";
      var reasons = [];
      if (hasGate) {
        if (scored.length < dimensions.length) gate = "incomplete";
        else {
          if (passMark !== null && total < passMark) reasons.push("total " + total + " is below the pass mark " + passMark);
          dimensions.forEach(function (d) {
            if (d.minimum !== null && scores[d.name] < d.minimum) reasons.push(d.name + " scored " + scores[d.name] + ", below the minimum " + d.minimum);
          });
          gate = reasons.length ? "fail" : "pass";
        }
      }
      return { scored: scored.length, total: total, band: band, gate: gate, reasons: reasons };
    }

    function render() {
      dimensions.forEach(function (d) {
        var value = d.name in scores ? scores[d.name] : null;
        var below = null, above = null;
        d.options.forEach(function (o) {
          if (o.value < value) below = o;
          if (o.value > value && above === null) above = o;
        });
        var exact = d.options.some(function (o) { return o.value === value; });
        d.options.forEach(function (o) {
          var selected = o.value === value;
          o.cell.classList.toggle("is-selected", selected);
          if (isScorecard) {
            // On a scorecard the current choice is what is marked (li.is-marked),
            // with the same hidden "(marked)" the build writes.
            o.cell.classList.toggle("is-marked", selected);
            var note = o.button.querySelector(".visually-hidden");
            if (selected && !note) o.button.appendChild(el("span", { class: "visually-hidden", text: " (marked)" }));
            if (!selected && note) o.button.removeChild(note);
          }
          o.cell.classList.toggle("is-between", value !== null && !exact && (o === below || o === above));
          setAttr(o.button, "aria-pressed", selected ? "true" : "false");
        });
        d.row.classList.toggle("is-scored", value !== null);
        if (d.select) d.select.value = value === null ? "" : String(value);
      });

      var result = evaluate();
      root.classList.toggle("has-selection", result.scored > 0);
      setAttr(status, "data-live-total", result.scored > 0 ? String(result.total) : "");
      setAttr(status, "data-live-band", result.band ? result.band.range : "");
      setAttr(status, "data-live-gate", result.gate);
      setText(totalOut, result.scored > 0 ? String(result.total) : "—");
      var bandText = result.band ? result.band.range + ": " + result.band.text : "—";
      if (bandOut.textContent !== bandText) {
        while (bandOut.firstChild) bandOut.removeChild(bandOut.firstChild);
        if (result.band) {
          bandOut.appendChild(el("span", { class: "live-band-range", text: result.band.range }));
          bandOut.appendChild(el("span", { class: "live-band-text", text: ": " + result.band.text }));
        } else bandOut.textContent = "—";
      }
      bands.forEach(function (b) { b.node.classList.toggle("is-current", b === result.band); });

      gateOut.className = "live-gate gate-" + result.gate;
      setText(gateOut, result.gate);
      setText(gateDetail, result.gate === "incomplete"
        ? "(" + result.scored + " of " + dimensions.length + " dimensions scored)"
        : "");
      while (reasonsList.firstChild) reasonsList.removeChild(reasonsList.firstChild);
      result.reasons.forEach(function (reason) { reasonsList.appendChild(el("li", { text: reason })); });
      reasonsList.hidden = result.reasons.length === 0;
    }

    function setScore(dimension, value, toggle) {
      if (toggle && scores[dimension.name] === value) value = null;
      if (value === null) delete scores[dimension.name];
      else scores[dimension.name] = value;
      save();
      render();
      setText(message, "");
      textarea.hidden = true;
      broadcast();
    }

    function broadcast() {
      (rubricControllers[rubricId] || []).forEach(function (controller) {
        if (controller !== api) controller.reload();
      });
    }

    function yaml() {
      var parts = dimensions.filter(function (d) { return d.name in scores; }).map(function (d) {
        return yamlKey(d.name) + ": " + scores[d.name];
      });
      return "- rubric: " + rubricId + "\n  date: " + today() + "\n  scores: {" + parts.join(", ") + "}";
    }

    // Keyboard focus on a score box rings the whole box (see style.css).
    if (isScorecard) {
      root.addEventListener("focusin", function (event) {
        var button = event.target;
        if (!(button instanceof Element) || !button.classList.contains("box-button")) return;
        var ring = false;
        try { ring = button.matches(":focus-visible"); } catch (error) { ring = false; }
        button.classList.toggle("has-ring", ring);
        button.parentNode.classList.toggle("has-focus-ring", ring);
      });
      root.addEventListener("focusout", function (event) {
        var button = event.target;
        if (!(button instanceof Element) || !button.classList.contains("box-button")) return;
        button.classList.remove("has-ring");
        button.parentNode.classList.remove("has-focus-ring");
      });
    }

    root.addEventListener("click", function (event) {
      var target = event.target;
      if (!(target instanceof Element)) return;
      if (target.closest("a, input, select, textarea, label")) return;
      var cell = target.closest(optionSelector);
      if (!cell || !root.contains(cell)) return;
      dimensions.some(function (d) {
        return d.options.some(function (o) {
          if (o.cell !== cell) return false;
          setScore(d, o.value, true);
          return true;
        });
      });
    });

    copyButton.addEventListener("click", function () {
      var missing = dimensions.length - evaluate().scored;
      copyText(yaml(), textarea, function (outcome) {
        var text = outcome === "copied" ? "Copied to the clipboard." : "Press Ctrl+C (or ⌘C) to copy the selected entry.";
        if (missing > 0) text += " Not every dimension is scored yet (" + missing + " missing); scores.yaml needs them all.";
        setText(message, text);
      });
    });

    clearButton.addEventListener("click", function () {
      scores = {};
      storage.remove(key);
      render();
      textarea.hidden = true;
      setText(message, "Cleared.");
      broadcast();
    });

    var api = {
      reload: function () { scores = initialScores(); render(); }
    };
    (rubricControllers[rubricId] = rubricControllers[rubricId] || []).push(api);
    scores = initialScores();
    render();

    // Another tab or window changed the same rubric.
    window.addEventListener("storage", function (event) {
      if (event.key === key || event.key === null) api.reload();
    });
  }

  toArray(document.querySelectorAll('[data-block="rubric"], article.scorecard[data-rubric]')).forEach(setupRubric);

  // ---- 2. Drill countdown ----------------------------------------------------
  //
  // Every [data-block="drill"][data-seconds] gets Start / Pause / Reset and a
  // role="timer" display counting down. At zero: .drill-timer.is-finished, the
  // drill root gets .is-time-up, and "Time is up" is announced.

  function formatTime(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return h > 0 ? h + ":" + two(m) + ":" + two(s) : two(m) + ":" + two(s);
  }

  function spokenTime(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var parts = [];
    if (h) parts.push(h + (h === 1 ? " hour" : " hours"));
    if (m) parts.push(m + (m === 1 ? " minute" : " minutes"));
    if (s || parts.length === 0) parts.push(s + (s === 1 ? " second" : " seconds"));
    return parts.join(" ");
  }

  function setupDrill(root) {
    var total = Math.round(parseFloat(root.getAttribute("data-seconds")) * 1000);
    if (!(total > 0)) return;
    var title = root.querySelector(".block-title");
    var name = title ? title.textContent.trim() : "drill";

    var display = el("span", { class: "timer-display", role: "timer", "aria-atomic": "true", "aria-label": "Time left" });
    var progress = el("progress", { class: "timer-progress", max: String(total), value: String(total), "aria-hidden": "true" });
    var start = el("button", { type: "button", class: "tool-button timer-start", text: "Start" });
    var pause = el("button", { type: "button", class: "tool-button timer-pause", text: "Pause" });
    var reset = el("button", { type: "button", class: "tool-button timer-reset", text: "Reset" });
    var announce = el("span", { class: "timer-status", role: "status", "aria-live": "polite" });
    var box = el("div", { class: "drill-timer", role: "group", "aria-label": "Countdown for " + name }, [
      display, progress, el("span", { class: "timer-buttons" }, [start, " ", pause, " ", reset]), announce
    ]);
    var header = root.querySelector(".block-header");
    if (header && header.parentNode === root) header.appendChild(box);
    else root.insertBefore(box, root.firstChild);

    var remaining = total;
    var endsAt = 0;
    var interval = null;
    var state = "idle";

    function seconds() { return Math.max(0, Math.ceil(remaining / 1000)); }

    function render() {
      var left = seconds();
      setText(display, formatTime(left));
      setAttr(display, "aria-label", "Time left: " + spokenTime(left));
      setAttr(progress, "value", String(Math.max(0, Math.round(remaining))));
      box.classList.toggle("is-running", state === "running");
      box.classList.toggle("is-paused", state === "paused");
      box.classList.toggle("is-finished", state === "finished");
      root.classList.toggle("is-time-up", state === "finished");
      var focused = document.activeElement;
      start.disabled = state === "running" || state === "finished";
      pause.disabled = state !== "running";
      reset.disabled = state === "idle";
      // Keep keyboard focus on a usable button when the focused one turns off.
      if (focused && focused.disabled && box.contains(focused)) {
        (state === "running" ? pause : (start.disabled ? reset : start)).focus();
      }
    }

    function tick() {
      remaining = endsAt - Date.now();
      if (remaining <= 0) {
        remaining = 0;
        window.clearInterval(interval);
        interval = null;
        state = "finished";
        setText(announce, "Time is up");
      }
      render();
    }

    start.addEventListener("click", function () {
      if (state === "running" || remaining <= 0) return;
      endsAt = Date.now() + remaining;
      state = "running";
      setText(announce, "");
      interval = window.setInterval(tick, 250);
      render();
    });
    pause.addEventListener("click", function () {
      if (state !== "running") return;
      window.clearInterval(interval);
      interval = null;
      remaining = Math.max(0, endsAt - Date.now());
      state = "paused";
      setText(announce, "Paused with " + spokenTime(seconds()) + " left");
      render();
    });
    reset.addEventListener("click", function () {
      if (interval !== null) window.clearInterval(interval);
      interval = null;
      remaining = total;
      state = "idle";
      setText(announce, "");
      render();
    });
    render();
  }

  toArray(document.querySelectorAll('[data-block="drill"][data-seconds]')).forEach(setupDrill);

  // ---- 3. Checklists ---------------------------------------------------------
  //
  // localStorage "workbook:checklist:<location.pathname>#<checkbox id>" = "true"
  // while ticked; removed when unticked.

  toArray(document.querySelectorAll('[data-block="checklist"]')).forEach(function (list) {
    var boxes = toArray(list.querySelectorAll('input[type="checkbox"]')).filter(function (box) {
      return box.id && box.closest('[data-block="checklist"]') === list;
    });
    if (boxes.length === 0) return;
    function keyOf(box) { return "workbook:checklist:" + location.pathname + "#" + box.id; }

    var count = el("span", { class: "checklist-count" });
    var clear = el("button", { type: "button", class: "tool-button", text: "Untick all" });
    var tools = el("p", { class: "checklist-tools" }, [count, " ", clear]);
    list.appendChild(tools);

    function render() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      setText(count, done + " of " + boxes.length + " done");
      clear.disabled = done === 0;
      list.classList.toggle("is-complete", done === boxes.length);
    }

    boxes.forEach(function (box) {
      var stored = storage.get(keyOf(box));
      if (stored !== null) box.checked = stored === "true" || stored === "1";
      box.addEventListener("change", function () {
        if (box.checked) storage.set(keyOf(box), "true");
        else storage.remove(keyOf(box));
        render();
      });
    });
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; storage.remove(keyOf(box)); });
      render();
      boxes[0].focus();
    });
    render();
  });

  // ---- 4. Search -------------------------------------------------------------
  //
  // search-index.js defines window.WORKBOOK_SEARCH = {entries: [{title, page,
  // url, text}]}, urls relative to the site root; body[data-root] is the way
  // from this page to the root. A workbook's index can be megabytes, so a page
  // loads it only when search is about to be used (the button is pointed at or
  // focused, or search opens), as a script: that works from file:// too.

  var siteRoot = document.body.getAttribute("data-root");
  if (siteRoot === null) return;
  var MAX_RESULTS = 20;
  var index = null;
  var indexState = "absent";  // absent, loading, loaded, failed
  var whenLoaded = [];

  function loadIndex(then) {
    if (then) whenLoaded.push(then);
    if (indexState === "loading" || indexState === "failed") return;
    if (indexState === "loaded") { flushLoaded(); return; }
    indexState = "loading";
    var script = document.createElement("script");
    script.src = siteRoot + "search-index.js";
    script.addEventListener("load", function () {
      var data = window.WORKBOOK_SEARCH;
      if (data && Array.isArray(data.entries)) {
        index = data;
        indexState = "loaded";
      } else {
        indexState = "failed";
      }
      flushLoaded();
    });
    script.addEventListener("error", function () { indexState = "failed"; flushLoaded(); });
    document.head.appendChild(script);
  }

  function flushLoaded() {
    var waiting = whenLoaded;
    whenLoaded = [];
    waiting.forEach(function (then) { then(); });
  }

  // Lowercase, accents removed, with a map from every folded character back
  // to its position in the original string (for snippets and highlights).
  function fold(text) {
    var folded = "";
    var map = [];
    for (var i = 0; i < text.length;) {
      var code = text.charCodeAt(i);
      var piece, width = 1;
      if (code < 128) {
        piece = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text.charAt(i);
      } else {
        var point = text.codePointAt(i);
        var ch = String.fromCodePoint(point);
        width = ch.length;
        piece = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      }
      for (var k = 0; k < piece.length; k += 1) map.push(i);
      folded += piece;
      i += width;
    }
    map.push(text.length);
    return { text: folded, map: map };
  }

  function foldQuery(text) { return fold(text).text; }

  var prepared = null;
  function prepare() {
    if (prepared) return prepared;
    prepared = index.entries.map(function (entry, position) {
      var title = String(entry.title || ""), page = String(entry.page || ""), text = String(entry.text || "");
      return {
        position: position,
        title: title, page: page, text: text, url: String(entry.url || ""),
        fTitle: fold(title), fPage: fold(page), fText: fold(text)
      };
    });
    return prepared;
  }

  function search(query) {
    var words = foldQuery(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return { words: words, results: [], total: 0 };
    var results = [];
    prepare().forEach(function (entry) {
      var inTitle = 0, inPage = 0, titleStarts = 0;
      for (var i = 0; i < words.length; i += 1) {
        var word = words[i];
        var t = entry.fTitle.text.indexOf(word);
        var p = entry.fPage.text.indexOf(word);
        if (t < 0 && p < 0 && entry.fText.text.indexOf(word) < 0) return;
        if (t >= 0) { inTitle += 1; if (t === 0 || /[^a-z0-9]/.test(entry.fTitle.text.charAt(t - 1))) titleStarts += 1; }
        if (p >= 0) inPage += 1;
      }
      results.push({ entry: entry, inTitle: inTitle, titleStarts: titleStarts, inPage: inPage });
    });
    results.sort(function (a, b) {
      return (b.inTitle - a.inTitle) || (b.titleStarts - a.titleStarts) || (b.inPage - a.inPage) || (a.entry.position - b.entry.position);
    });
    return { words: words, results: results.slice(0, MAX_RESULTS), total: results.length };
  }

  // Ranges [start, end) in the original text where any word matches.
  function matchRanges(folded, words, from, to) {
    var ranges = [];
    words.forEach(function (word) {
      var at = folded.text.indexOf(word, from);
      while (at >= 0 && at < to) {
        ranges.push([folded.map[at], folded.map[Math.min(at + word.length, folded.map.length - 1)]]);
        at = folded.text.indexOf(word, at + word.length);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  function highlighted(text, folded, words, start, end) {
    var fragment = document.createDocumentFragment();
    var fStart = 0, fEnd = folded.text.length;
    while (fStart < folded.text.length && folded.map[fStart] < start) fStart += 1;
    while (fEnd > 0 && folded.map[fEnd - 1] >= end) fEnd -= 1;
    var cursor = start;
    matchRanges(folded, words, fStart, fEnd).forEach(function (range) {
      var a = Math.max(range[0], start), b = Math.min(range[1], end);
      if (a >= b || a < cursor) return;
      if (a > cursor) fragment.appendChild(document.createTextNode(text.slice(cursor, a)));
      fragment.appendChild(el("mark", { text: text.slice(a, b) }));
      cursor = b;
    });
    if (cursor < end) fragment.appendChild(document.createTextNode(text.slice(cursor, end)));
    return fragment;
  }

  function snippet(entry, words) {
    var text = entry.text, folded = entry.fText;
    var first = -1;
    words.forEach(function (word) {
      var at = folded.text.indexOf(word);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var center = first >= 0 ? folded.map[first] : 0;
    var start = Math.max(0, center - 50);
    var end = Math.min(text.length, start + 160);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < center) start = space + 1;
    }
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > center) end = back;
    }
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("…"));
    fragment.appendChild(highlighted(text, folded, words, start, end));
    if (end < text.length) fragment.appendChild(document.createTextNode("…"));
    return fragment;
  }

  function resultURL(url) {
    return /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(url) ? url : siteRoot + url;
  }

  // -- The dialog.
  var titleId = uniqueId("search-title");
  var listId = uniqueId("search-results");
  var hintId = uniqueId("search-hint");
  var input = el("input", {
    type: "search", class: "search-input", role: "combobox", "aria-expanded": "false",
    "aria-controls": listId, "aria-autocomplete": "list", "aria-labelledby": titleId,
    "aria-describedby": hintId, autocomplete: "off", spellcheck: "false", placeholder: "Search the workbook"
  });
  var closeButton = el("button", { type: "button", class: "search-close", "aria-label": "Close search" }, [
    el("span", { "aria-hidden": "true", text: "×" })
  ]);
  var resultsList = el("ul", { id: listId, class: "search-results", role: "listbox", "aria-label": "Results" });
  var countOut = el("p", { class: "search-count", role: "status", "aria-live": "polite" });
  var dialog = el("dialog", { class: "search-dialog", "aria-labelledby": titleId }, [
    el("div", { class: "search-panel" }, [
      el("div", { class: "search-head" }, [
        el("h2", { id: titleId, class: "search-title", text: "Search" }),
        closeButton
      ]),
      input,
      el("p", { id: hintId, class: "search-hint", text: "Every word must match. ↑ ↓ to move, Enter to open, Esc to close." }),
      countOut,
      resultsList
    ])
  ]);
  document.body.appendChild(dialog);

  var openButton = el("button", {
    type: "button", class: "search-button", "aria-haspopup": "dialog", "aria-keyshortcuts": "/ s"
  }, [el("span", { class: "search-button-label", text: "Search" }), " ", el("kbd", { class: "search-button-key", "aria-hidden": "true", text: "/" })]);
  var header = document.querySelector(".site-header");
  if (header) {
    header.appendChild(openButton);
    header.classList.add("has-search");
  }

  var options = [];
  var active = -1;
  var returnFocus = null;

  function setActive(position) {
    if (options.length === 0) position = -1;
    else position = (position + options.length) % options.length;
    options.forEach(function (option, i) { setAttr(option, "aria-selected", i === position ? "true" : "false"); });
    active = position;
    if (position >= 0) {
      input.setAttribute("aria-activedescendant", options[position].id);
      if (typeof options[position].scrollIntoView === "function") options[position].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function runSearch() {
    var query = input.value;
    if (indexState !== "loaded") {
      if (indexState === "failed") setText(countOut, "The search index could not be loaded.");
      else if (query.trim()) setText(countOut, "Loading the search index…");
      loadIndex(runSearch);
      return;
    }
    var found = search(query);
    while (resultsList.firstChild) resultsList.removeChild(resultsList.firstChild);
    options = found.results.map(function (result) {
      var entry = result.entry;
      var path = el("span", { class: "result-path" });
      if (entry.page && entry.page !== entry.title) {
        path.appendChild(el("span", { class: "result-page" }, [highlighted(entry.page, entry.fPage, found.words, 0, entry.page.length)]));
        path.appendChild(el("span", { class: "result-sep", text: " › " }));
      }
      path.appendChild(el("span", { class: "result-title" }, [highlighted(entry.title || entry.page, entry.title ? entry.fTitle : entry.fPage, found.words, 0, (entry.title || entry.page).length)]));
      var link = el("a", { href: resultURL(entry.url), tabindex: "-1", class: "result-link" }, [
        path, el("span", { class: "result-snippet" }, [snippet(entry, found.words)])
      ]);
      var option = el("li", { id: uniqueId("result"), role: "option", "aria-selected": "false", class: "search-result" }, [link]);
      resultsList.appendChild(option);
      return option;
    });
    var hasResults = options.length > 0;
    setAttr(input, "aria-expanded", hasResults ? "true" : "false");
    resultsList.hidden = !hasResults;
    if (found.words.length === 0) setText(countOut, "");
    else if (found.total === 0) setText(countOut, "No results for “" + query.trim() + "”.");
    else if (found.total > options.length) setText(countOut, "Showing the first " + options.length + " of " + found.total + " results.");
    else setText(countOut, found.total === 1 ? "1 result." : found.total + " results.");
    setActive(hasResults ? 0 : -1);
  }

  function openDialog() {
    if (dialog.open) return;
    returnFocus = document.activeElement;
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
    input.focus();
    input.select();
    if (input.value) runSearch();
    else loadIndex();
  }

  function closeDialog(restoreFocus) {
    if (!dialog.open) return;
    if (typeof dialog.close === "function") dialog.close();
    else dialog.removeAttribute("open");
    if (restoreFocus !== false && returnFocus && typeof returnFocus.focus === "function" && document.contains(returnFocus)) {
      returnFocus.focus();
    }
  }

  function openResult(option) {
    var link = option ? option.querySelector("a") : null;
    if (!link) return;
    var target = new URL(link.href, location.href);
    var here = new URL(location.href);
    closeDialog(false);
    if (target.origin === here.origin && target.pathname === here.pathname && target.search === here.search && target.hash) {
      // The same page: jump and move focus to the section.
      var id = decodeURIComponent(target.hash.slice(1));
      location.hash = target.hash;
      var section = document.getElementById(id);
      if (section) {
        if (!section.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(section.tagName)) section.setAttribute("tabindex", "-1");
        section.focus();
      }
    } else {
      location.href = link.href;
    }
  }

  openButton.addEventListener("click", openDialog);
  openButton.addEventListener("pointerenter", function () { loadIndex(); });
  openButton.addEventListener("focus", function () { loadIndex(); });
  closeButton.addEventListener("click", function () { closeDialog(); });
  input.addEventListener("input", runSearch);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
    else if (event.key === "Home" && event.ctrlKey) { event.preventDefault(); setActive(0); }
    else if (event.key === "End" && event.ctrlKey) { event.preventDefault(); setActive(options.length - 1); }
    else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) openResult(options[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeDialog();
    }
  });
  resultsList.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    openResult(link.closest("li"));
  });
  resultsList.addEventListener("mousemove", function (event) {
    var option = event.target instanceof Element ? event.target.closest("li[role=option]") : null;
    var position = options.indexOf(option);
    if (position >= 0 && position !== active) setActive(position);
  });
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    closeDialog();
  });
  // A click on the backdrop (outside the panel) closes the dialog.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) closeDialog();
  });

  function inTextField(node) {
    if (!node || !(node instanceof Element)) return false;
    if (node.isContentEditable) return true;
    var tag = node.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag !== "INPUT") return false;
    return !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/i.test(node.type);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.key !== "/" && event.key !== "s") return;
    if (dialog.open || inTextField(document.activeElement)) return;
    if (document.querySelector("dialog[open]")) return;
    event.preventDefault();
    openDialog();
  });
})();
