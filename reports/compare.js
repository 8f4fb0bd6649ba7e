// Item browser for compare.html: reads the embedded JSON, builds rows with textContent only.
(function () {
  "use strict";
  var source = document.getElementById("compare-items");
  var items = source ? JSON.parse(source.textContent || "[]") : [];
  var LIMIT = 500;
  var controls = {
    status: document.getElementById("filter-status"),
    test: document.getElementById("filter-test"),
    slice: document.getElementById("filter-slice"),
    transform: document.getElementById("filter-transform"),
    text: document.getElementById("filter-text"),
  };
  var body = document.querySelector("#item-table tbody");
  var count = document.getElementById("item-count");

  function text(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return value;
    return JSON.stringify(value);
  }

  function fillOptions(select, values) {
    values.sort().forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
  }

  function unique(pick) {
    var seen = {};
    items.forEach(function (item) {
      [].concat(pick(item)).forEach(function (value) { seen[value] = true; });
    });
    return Object.keys(seen);
  }

  fillOptions(controls.test, unique(function (item) { return item.test; }));
  fillOptions(controls.slice, unique(function (item) { return item.slices; }));
  fillOptions(controls.transform, unique(function (item) { return item.transform; }));

  function haystack(item) {
    var parts = [item.id, item.parent_id, item.gold, item.base_predicted, item.candidate_predicted,
      item.transform, item.transform_description];
    Object.keys(item.fields || {}).forEach(function (key) { parts.push(text(item.fields[key])); });
    return parts.map(text).join("\n").toLowerCase();
  }
  items.forEach(function (item) { item._haystack = haystack(item); });

  var LONG_TEXT = 400;
  // A long text folds: a closed <details> is not laid out, so a 100,000-character item
  // costs nothing until someone opens it.
  function textBlock(value) {
    var span = document.createElement("span");
    span.className = "field-text";
    if (value.length <= LONG_TEXT) { span.textContent = value; return span; }
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.className = "field-text";
    summary.textContent = value.slice(0, LONG_TEXT) + "…";
    details.appendChild(summary);
    // The whole text enters the page only when opened: nothing to style or lay out before.
    details.addEventListener("toggle", function () {
      if (details.open && !span.parentNode) { span.textContent = value; details.appendChild(span); }
    });
    return details;
  }

  function cell(row, value, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    td.textContent = text(value);
    row.appendChild(td);
    return td;
  }

  function render() {
    var status = controls.status.value, test = controls.test.value;
    var slice = controls.slice.value, transform = controls.transform.value;
    var query = controls.text.value.trim().toLowerCase();
    var shown = items.filter(function (item) {
      return (!status || item.status === status) && (!test || item.test === test) &&
        (!slice || item.slices.indexOf(slice) >= 0) &&
        (!transform || item.transform === transform) &&
        (!query || item._haystack.indexOf(query) >= 0);
    });
    while (body.firstChild) body.removeChild(body.firstChild);
    shown.slice(0, LIMIT).forEach(function (item) {
      var row = document.createElement("tr");
      row.className = "item-" + item.status;
      cell(row, item.status, item.status);
      cell(row, item.test);
      cell(row, item.id);
      var transformCell = cell(row, item.transform);
      if (item.transform_description) transformCell.title = item.transform_description.slice(0, LONG_TEXT);
      var input = document.createElement("td");
      Object.keys(item.fields || {}).forEach(function (key) {
        var line = document.createElement("span");
        line.className = "field";
        var name = document.createElement("span");
        name.className = "field-name";
        name.textContent = key;
        line.appendChild(name);
        line.appendChild(textBlock(text(item.fields[key])));
        input.appendChild(line);
      });
      row.appendChild(input);
      cell(row, item.gold);
      cell(row, item.base_predicted);
      cell(row, item.candidate_predicted);
      cell(row, item.slices.join(", "));
      body.appendChild(row);
    });
    count.textContent = "showing " + Math.min(shown.length, LIMIT) + " of " + shown.length +
      " matching items (" + items.length + " flipped in all)";
  }

  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener(key === "text" ? "input" : "change", render);
  });
  // No inline handler (the CSP forbids them): Enter in the search box must not submit.
  var form = document.getElementById("item-filters");
  if (form) form.addEventListener("submit", function (event) { event.preventDefault(); });
  render();
})();
