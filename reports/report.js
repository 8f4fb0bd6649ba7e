/* The failure browser: filters, sorts and pages the items embedded as JSON.
 *
 * Safety: data only ever reaches the page through textContent, setAttribute on
 * data-* / title attributes, and hash-only hrefs built with URLSearchParams;
 * never through innerHTML.
 * State lives in the URL hash (#test=...&slice=k%3Dv&gold=...&pred=...&correct=wrong
 * &q=...&sort=conf-desc&page=2) so every view can be linked to.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 50;
  var LONG_TEXT = 400;
  var DIFF_TOKEN_LIMIT = 400;
  var KEYS = ["test", "slice", "gold", "pred", "correct", "outcome", "q", "sort", "page"];
  var DEFAULTS = { test: "", slice: "", gold: "", pred: "", correct: "wrong", outcome: "", q: "", sort: "conf-desc", page: "1" };

  function byId(id) { return document.getElementById(id); }
  function readJson(id) {
    var node = byId(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (error) { return null; }
  }

  var items = readJson("items-data") || [];
  var meta = readJson("report-meta") || { tests: [] };
  var tbody = byId("fb-rows");
  if (!tbody) { return; }
  var controls = {
    test: byId("fb-test"), slice: byId("fb-slice"), gold: byId("fb-gold"), pred: byId("fb-pred"),
    correct: byId("fb-correct"), outcome: byId("fb-outcome"), sort: byId("fb-sort"), q: byId("fb-q")
  };
  var status = byId("fb-status");
  var pageLabel = byId("fb-page");
  var prev = byId("fb-prev");
  var next = byId("fb-next");

  function str(value) { return value === null || value === undefined ? "" : String(value); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function fmt(value, digits) {
    if (typeof value !== "number" || !isFinite(value)) { return "—"; }
    return value.toFixed(digits === undefined ? 3 : digits);
  }
  function hashFor(state) {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) {
      var value = state[key] === undefined ? DEFAULTS[key] : str(state[key]);
      if (value !== DEFAULTS[key]) { params.set(key, value); }
    });
    return params.toString();
  }

  /* ---- indexes built once ---- */
  // At 100,000 items every filter must stay interactive: the per-item strings, the
  // confidences and the three sort orders are computed once, so a filter is one pass
  // over a pre-sorted order with no sorting and no string building.
  items = items.filter(isObject);
  var n = items.length;
  var testOf = new Array(n), goldOf = new Array(n), predOf = new Array(n), keyOf = new Array(n);
  var confidenceOf = new Float64Array(n);
  var byKey = new Map();
  var values = { test: new Set(), slice: new Set(), gold: new Set(), pred: new Set() };
  // The slices each test's items have: the slice menu lists the selected test's only.
  var slicesOf = new Map();
  items.forEach(function (item, i) {
    testOf[i] = str(item.test);
    goldOf[i] = str(item.gold);
    predOf[i] = str(item.predicted);
    keyOf[i] = testOf[i] + "\u0000" + str(item.id);
    var c = item.confidence;
    confidenceOf[i] = typeof c === "number" && isFinite(c) ? c : NaN;
    byKey.set(keyOf[i], item);
    values.test.add(testOf[i]);
    if (item.gold !== null && item.gold !== undefined) { values.gold.add(goldOf[i]); }
    if (item.predicted !== null && item.predicted !== undefined) { values.pred.add(predOf[i]); }
    if (isObject(item.tags)) {
      if (!slicesOf.has(testOf[i])) { slicesOf.set(testOf[i], new Set()); }
      var own = slicesOf.get(testOf[i]);
      Object.keys(item.tags).forEach(function (key) {
        var slice = key + "=" + str(item.tags[key]);
        values.slice.add(slice);
        own.add(slice);
      });
    }
  });
  var orders = {};
  function sortOrder(sort) {
    if (orders[sort]) { return orders[sort]; }
    var order = new Array(n);
    for (var i = 0; i < n; i++) { order[i] = i; }
    if (sort === "id") {
      order.sort(function (a, b) { return keyOf[a] < keyOf[b] ? -1 : keyOf[a] > keyOf[b] ? 1 : 0; });
    } else {
      // Confidence (missing last), ties by id: the id order's ranks make the tie-break numeric.
      var byIdOrder = sortOrder("id");
      var rank = new Int32Array(n);
      for (var r = 0; r < n; r++) { rank[byIdOrder[r]] = r; }
      var sign = sort === "conf-asc" ? 1 : -1;
      order.sort(function (a, b) {
        var x = confidenceOf[a], y = confidenceOf[b];
        var xMissing = x !== x, yMissing = y !== y;
        if (xMissing || yMissing) { return xMissing === yMissing ? rank[a] - rank[b] : xMissing ? 1 : -1; }
        return x === y ? rank[a] - rank[b] : sign * (x - y);
      });
    }
    orders[sort] = order;
    return order;
  }
  var haystacks = null;
  function haystack(index) {
    if (haystacks === null) { haystacks = new Array(items.length); }
    var text = haystacks[index];
    if (text === undefined) {
      var item = items[index];
      var parts = [str(item.id), str(item.parent_id), str(item.gold), str(item.predicted)];
      if (isObject(item.fields)) { Object.keys(item.fields).forEach(function (k) { parts.push(str(item.fields[k])); }); }
      if (isObject(item.tags)) { Object.keys(item.tags).forEach(function (k) { parts.push(k + "=" + str(item.tags[k])); }); }
      if (isObject(item.transform)) { parts.push(str(item.transform.name), str(item.transform.description)); }
      text = parts.join("\n").toLowerCase();
      haystacks[index] = text;
    }
    return text;
  }
  // The search text of every item, built in small steps while the page is idle, so the
  // first search does not pay for all of it.
  function warmHaystacks(start) {
    var end = Math.min(n, start + 2000);
    for (var i = start; i < end; i++) { haystack(i); }
    if (end < n) { window.setTimeout(function () { warmHaystacks(end); }, 0); }
  }

  function fillSelect(select, options) {
    options.forEach(function (value) {
      var option = el("option", null, value);
      option.value = value;
      select.appendChild(option);
    });
  }
  var testOrder = (meta.tests || []).map(function (t) { return str(t.name); });
  values.test.forEach(function (name) { if (testOrder.indexOf(name) < 0) { testOrder.push(name); } });
  fillSelect(controls.test, testOrder);
  var slicesShownFor = null;
  function slicesFor(test) {
    return Array.from(test === "" ? values.slice : (slicesOf.get(test) || [])).sort();
  }
  // The slice menu holds the selected test's slices (all of them for "all tests").
  function fillSlices(test) {
    if (slicesShownFor === test) { return; }
    slicesShownFor = test;
    while (controls.slice.options.length > 1) { controls.slice.remove(1); }
    fillSelect(controls.slice, slicesFor(test));
    controls.slice.options[0].textContent = test === "" ? "all slices" : "all slices of this test";
  }
  fillSelect(controls.gold, Array.from(values.gold).sort());
  fillSelect(controls.pred, Array.from(values.pred).sort());

  /* ---- state <-> hash <-> controls ---- */
  function readState() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var state = {};
    KEYS.forEach(function (key) { state[key] = params.has(key) ? params.get(key) : DEFAULTS[key]; });
    var page = parseInt(state.page, 10);
    state.page = isFinite(page) && page > 0 ? page : 1;
    return state;
  }
  function showState(state) {
    fillSlices(str(state.test));
    Object.keys(controls).forEach(function (key) {
      var control = controls[key];
      var value = str(state[key]);
      if (control.tagName === "SELECT" && value !== "") {
        var known = Array.prototype.some.call(control.options, function (o) { return o.value === value; });
        if (!known) {  // a linked value that no item has: keep it visible, not silently dropped
          var option = el("option", null, value + " (no items)");
          option.value = value;
          control.appendChild(option);
        }
      }
      if (control.value !== value) { control.value = value; }
    });
  }
  var fromControls = false;
  function go(changes) {
    fromControls = true;
    var state = readState();
    Object.keys(changes).forEach(function (key) { state[key] = changes[key]; });
    var hash = hashFor(state);
    if (hash === window.location.hash.replace(/^#/, "")) { fromControls = false; update(); } else { window.location.hash = hash; }
  }

  /* ---- filtering: one pass over the chosen order, which is already sorted ---- */
  function matching(state) {
    var slice = null;
    if (state.slice) {
      var at = state.slice.indexOf("=");
      slice = at < 0 ? [state.slice, null] : [state.slice.slice(0, at), state.slice.slice(at + 1)];
    }
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    var order = sortOrder(state.sort === "id" || state.sort === "conf-asc" ? state.sort : "conf-desc");
    var out = [];
    for (var o = 0; o < n; o++) {
      var i = order[o];
      var item = items[i];
      if (state.test && testOf[i] !== state.test) { continue; }
      if (state.gold && goldOf[i] !== state.gold) { continue; }
      if (state.pred && predOf[i] !== state.pred) { continue; }
      if (state.correct === "wrong" && item.correct !== false) { continue; }
      if (state.correct === "right" && item.correct !== true) { continue; }
      if (state.correct === "unscored" && item.correct !== null && item.correct !== undefined) { continue; }
      // An item without an outcome (a run written before outcomes) was scored or an infra error.
      if (state.outcome && str(item.outcome || (item.infra_error ? "infra_error" : "scored")) !== state.outcome) { continue; }
      if (slice) {
        if (!isObject(item.tags) || !Object.prototype.hasOwnProperty.call(item.tags, slice[0])) { continue; }
        if (slice[1] !== null && str(item.tags[slice[0]]) !== slice[1]) { continue; }
      }
      if (terms.length) {
        var text = haystack(i);
        var all = true;
        for (var t = 0; t < terms.length; t++) { if (text.indexOf(terms[t]) < 0) { all = false; break; } }
        if (!all) { continue; }
      }
      out.push(i);
    }
    return out;
  }

  /* ---- word diff of a variant against its parent (LCS over word tokens) ---- */
  function tokens(text) { return str(text).match(/\s+|\S+/g) || []; }
  function diff(original, perturbed) {
    var a = tokens(original), b = tokens(perturbed);
    if (a.length > DIFF_TOKEN_LIMIT || b.length > DIFF_TOKEN_LIMIT) { return null; }
    var n = a.length, m = b.length, i, j;
    var table = [];
    for (i = 0; i <= n; i++) { table.push(new Uint16Array(m + 1)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var left = [], right = [];
    function push(side, kind, text) {
      if (kind !== "same" && !/\S/.test(text)) { kind = "same"; }
      var last = side[side.length - 1];
      if (last && last[0] === kind) { last[1] += text; } else { side.push([kind, text]); }
    }
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { push(left, "same", a[i]); push(right, "same", b[j]); i++; j++; }
      else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) { push(right, "add", b[j]); j++; }
      else { push(left, "del", a[i]); i++; }
    }
    return { left: left, right: right };
  }
  function diffText(pieces, tag) {
    var span = el("span", "field-text");
    var whole = "";
    pieces.forEach(function (piece) {
      whole += piece[1];
      if (piece[0] === "same") { span.appendChild(document.createTextNode(piece[1])); }
      else { span.appendChild(el(tag, "diff-" + (piece[0] === "add" ? "added" : "removed"), piece[1])); }
    });
    if (whole.length <= LONG_TEXT) { return span; }
    // Folded like textBlock: a closed <details> is not laid out until opened.
    var details = el("details", "long-text");
    details.appendChild(el("summary", "field-text", whole.slice(0, LONG_TEXT) + "…"));
    details.appendChild(span);
    return details;
  }

  /* ---- rendering one page ---- */
  function textBlock(text) {
    var value = str(text);
    if (value.length <= LONG_TEXT) { return el("span", "field-text", value); }
    var details = el("details", "long-text");
    details.appendChild(el("summary", "field-text", value.slice(0, LONG_TEXT) + "…"));
    // The whole text enters the page only when opened: nothing to style or lay out before.
    details.addEventListener("toggle", function () {
      if (details.open && details.children.length === 1) { details.appendChild(el("span", "field-text", value)); }
    });
    return details;
  }
  function hashLink(text, state, title) {
    var link = el("a", null, text);
    link.setAttribute("href", "#" + hashFor(state));
    if (title) { link.setAttribute("title", title); }
    return link;
  }
  function itemCell(item) {
    var td = el("td", "item-id");
    td.appendChild(el("code", null, item.id));
    td.appendChild(el("div", "muted small", item.test));
    if (item.parent_id !== null && item.parent_id !== undefined) {
      var variant = el("div", "variant");
      variant.appendChild(document.createTextNode("variant of "));
      variant.appendChild(hashLink(str(item.parent_id), { test: str(item.test), q: str(item.parent_id), correct: "all" },
        "show the original and all its variants"));
      td.appendChild(variant);
    }
    if (isObject(item.transform)) {
      var transform = el("div", "transform");
      transform.appendChild(el("span", "badge", item.transform.name));
      if (item.transform.description) {
        // A description quotes the changed text, which may be as long as the item: fold it too.
        var description = textBlock(" " + str(item.transform.description));
        description.classList.add("transform-description");
        transform.appendChild(description);
      }
      td.appendChild(transform);
    }
    return td;
  }
  function inputCell(item) {
    var td = el("td", "input");
    var parent = item.parent_id !== null && item.parent_id !== undefined
      ? byKey.get(str(item.test) + "\u0000" + str(item.parent_id)) : null;
    var fields = isObject(item.fields) ? item.fields : {};
    Object.keys(fields).forEach(function (key) {
      var row = el("div", "field");
      row.appendChild(el("span", "field-name", key));
      var original = parent && isObject(parent.fields) ? parent.fields[key] : undefined;
      var pieces = original !== undefined && str(original) !== str(fields[key]) ? diff(original, fields[key]) : null;
      if (pieces) {
        row.appendChild(diffText(pieces.right, "ins"));
        var was = el("div", "field-original");
        was.appendChild(el("span", "field-name", "original"));
        was.appendChild(diffText(pieces.left, "del"));
        row.appendChild(was);
      } else {
        row.appendChild(textBlock(fields[key]));
      }
      td.appendChild(row);
    });
    // A prompted model's exact prompt (demonstrations included), folded.
    if (isObject(item.request) && item.request.prompt !== undefined && item.request.prompt !== null) {
      var prompt = el("details", "field prompt");
      prompt.appendChild(el("summary", "field-name", "prompt" + (item.request.template ? " (" + str(item.request.template) + ")" : "")));
      prompt.appendChild(textBlock(item.request.prompt));
      td.appendChild(prompt);
    }
    if (isObject(item.attribution)) { td.appendChild(attributionBlock(item.attribution)); }
    return td;
  }
  // Word attributions of an explained failure: each word is text, its shade a number.
  function attributionBlock(attribution) {
    var details = el("details", "attribution");
    var method = attribution.method === "integrated_gradients" ? "integrated gradients" : "occlusion";
    var members = Array.isArray(attribution.members) && attribution.members.length > 1 ? " = " + attribution.members.map(str).join(" + ") : "";
    details.appendChild(el("summary", null, "Which words drove \u201c" + str(attribution.label) + "\u201d" + members + " (" + method + ")"));
    var scale = Number(attribution.scale) || 0;
    var fields = isObject(attribution.fields) ? attribution.fields : {};
    var omitted = isObject(attribution.omitted) ? attribution.omitted : {};
    // Words left out of an explanation (smaller scores) stand as one gap mark each run.
    function gap(row, count) {
      var mark = el("span", "attr-gap muted", "\u2026");
      mark.setAttribute("title", count + (count === 1 ? " word" : " words") + " with smaller scores");
      row.appendChild(mark);
      row.appendChild(document.createTextNode(" "));
    }
    Object.keys(fields).forEach(function (key) {
      var row = el("div", "field");
      row.appendChild(el("span", "field-name", key));
      var expected = 0, gaps = 0;
      (Array.isArray(fields[key]) ? fields[key] : []).forEach(function (pair) {
        if (!Array.isArray(pair)) { return; }
        var position = pair.length > 2 && isFinite(Number(pair[2])) ? Number(pair[2]) : expected;
        if (position > expected) { gap(row, position - expected); gaps += position - expected; }
        expected = position + 1;
        var score = Number(pair[1]);
        var word = el("span", "attr-word", pair[0]);
        if (scale > 0 && isFinite(score)) {
          var alpha = Math.min(1, Math.abs(score) / scale) * 0.85;
          word.style.backgroundColor = (score > 0 ? "rgba(220, 38, 38, " : "rgba(37, 99, 235, ") + alpha.toFixed(3) + ")";
          word.setAttribute("title", (score > 0 ? "+" : "") + score.toFixed(3));
        }
        row.appendChild(word);
        row.appendChild(document.createTextNode(" "));
      });
      var rest = (Number(omitted[key]) || 0) - gaps;
      if (rest > 0) { gap(row, rest); }
      details.appendChild(row);
    });
    return details;
  }
  function probabilitiesCell(item) {
    var td = el("td", "probabilities");
    if (!isObject(item.probabilities)) { td.appendChild(el("span", "muted", "—")); return td; }
    var labels = Object.keys(item.probabilities).sort(function (a, b) {
      return (Number(item.probabilities[b]) || 0) - (Number(item.probabilities[a]) || 0);
    });
    labels.forEach(function (label) {
      var p = Number(item.probabilities[label]);
      var row = el("div", "prob" + (label === str(item.gold) ? " is-gold" : ""));
      row.appendChild(el("span", "prob-label", label));
      var track = el("span", "prob-track");
      var bar = el("span", "prob-bar");
      bar.style.width = (isFinite(p) ? Math.max(0, Math.min(1, p)) * 100 : 0).toFixed(1) + "%";
      track.appendChild(bar);
      row.appendChild(track);
      row.appendChild(el("span", "prob-value", fmt(p)));
      td.appendChild(row);
    });
    return td;
  }
  function tagsCell(item) {
    var td = el("td", "tags");
    if (!isObject(item.tags)) { return td; }
    Object.keys(item.tags).forEach(function (key) {
      var tag = key + "=" + str(item.tags[key]);
      var state = readState();
      state.slice = tag; state.page = 1;
      var link = hashLink(tag, state, "only this slice");
      link.className = "tag";
      td.appendChild(link);
    });
    return td;
  }
  function rowFor(item) {
    var verdict = item.correct === true ? "right" : item.correct === false ? "wrong" : "unscored";
    var tr = el("tr", "item-row " + verdict);
    tr.setAttribute("data-id", str(item.id));
    tr.setAttribute("data-test", str(item.test));
    tr.appendChild(itemCell(item));
    tr.appendChild(inputCell(item));
    tr.appendChild(el("td", "gold", item.gold === null || item.gold === undefined ? "—" : item.gold));
    var predicted = el("td", "predicted", item.predicted === null || item.predicted === undefined ? "—" : item.predicted);
    predicted.appendChild(el("div", "verdict small", verdict === "right" ? "correct" : verdict === "wrong" ? "incorrect" : "unscored"));
    if (item.outcome) {
      var outcome = el("div", "outcome small", item.outcome);
      if (item.outcome_detail) { outcome.setAttribute("title", str(item.outcome_detail)); }
      predicted.appendChild(outcome);
    }
    tr.appendChild(predicted);
    tr.appendChild(el("td", "num confidence", fmt(item.confidence)));
    tr.appendChild(probabilitiesCell(item));
    tr.appendChild(tagsCell(item));
    return tr;
  }

  function update() {
    var state = readState();
    showState(state);
    var found = matching(state);
    var pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
    var page = Math.min(state.page, pages);
    var start = (page - 1) * PAGE_SIZE;
    var shown = found.slice(start, start + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (index) { fragment.appendChild(rowFor(items[index])); });
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    tbody.appendChild(fragment);
    if (!shown.length) {
      var empty = el("tr", "empty");
      var cell = el("td", "muted", items.length ? "No items match these filters." : "No items in this run.");
      cell.setAttribute("colspan", "7");
      empty.appendChild(cell);
      tbody.appendChild(empty);
    }
    status.textContent = found.length
      ? "Showing " + (start + 1).toLocaleString("en") + "–" + (start + shown.length).toLocaleString("en") + " of " +
        found.length.toLocaleString("en") + " matching items (" + items.length.toLocaleString("en") + " in the run)"
      : "0 matching items (" + items.length.toLocaleString("en") + " in the run)";
    status.setAttribute("data-matched", String(found.length));
    status.setAttribute("data-page", String(page));
    status.setAttribute("data-pages", String(pages));
    status.setAttribute("data-shown", String(shown.length));
    pageLabel.textContent = "page " + page + " of " + pages;
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
  }

  /* ---- wiring ---- */
  Object.keys(controls).forEach(function (key) {
    var control = controls[key];
    if (key === "q") {
      var timer = null;
      control.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { go({ q: control.value, page: 1 }); }, 200);
      });
    } else {
      control.addEventListener("change", function () {
        var change = { page: 1 };
        change[key] = control.value;
        // A slice the newly chosen test does not have would match nothing: let it go.
        var slice = readState().slice;
        if (key === "test" && slice && slicesFor(control.value).indexOf(slice) < 0) { change.slice = ""; }
        go(change);
      });
    }
  });
  byId("fb-controls").addEventListener("submit", function (event) { event.preventDefault(); });
  byId("fb-reset").addEventListener("click", function () { go(DEFAULTS); });
  prev.addEventListener("click", function () { go({ page: readState().page - 1 }); });
  next.addEventListener("click", function () { go({ page: readState().page + 1 }); });
  window.addEventListener("hashchange", function () {
    update();
    // A filter link elsewhere in the report (not the controls) should bring the browser into view.
    if (!fromControls && window.location.hash.indexOf("=") >= 0) { byId("failures").scrollIntoView(); }
    fromControls = false;
  });
  update();
  window.setTimeout(function () { warmHaystacks(0); }, 0);
}());

/* Print: folded sections (<details>) print expanded, so the paper copy holds everything
 * the page can show; those opened for printing close again afterwards. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
