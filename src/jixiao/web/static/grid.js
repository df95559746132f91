// The grid editor (templates/grid.html): a project's whole indicator table in one editable table.
// Plain script, no build step. Rows, version, taxonomy and sentences come from the table's data
// attributes; the table is checked as typed (POST …/grid/check) and saved in one request (PUT …/grid).
(function () {
  "use strict";
  var table = document.getElementById("grid");
  if (!table) { return; }
  var body = table.tBodies[0];
  var projectId = table.dataset.project;
  var version = table.dataset.version;
  var taxonomy = JSON.parse(table.dataset.taxonomy);
  var T = JSON.parse(table.dataset.text);
  var COLUMNS = JSON.parse(table.dataset.columns);
  var statusBox = document.getElementById("grid-status");
  var projectBox = document.getElementById("grid-project-findings");
  var csrf = (JSON.parse(document.body.getAttribute("hx-headers") || "{}"))["X-CSRF-Token"] || "";
  var checkTimer = null;
  var checkSeq = 0;
  var dirty = false;

  function fmt(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return key in fields ? fields[key] : m; });
  }
  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.className = "grid-status" + (isError ? " error" : "");
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // --- taxonomy dropdowns -------------------------------------------------------------------
  var L1_BY_LABEL = {};
  taxonomy.level1.forEach(function (o) { L1_BY_LABEL[o.label] = o.key; L1_BY_LABEL[o.key] = o.key; });
  function level1Key(select) {
    var opt = select.options[select.selectedIndex];
    return opt ? (opt.dataset.key || L1_BY_LABEL[opt.value] || "") : "";
  }
  function addOption(select, value, label, key) {
    var opt = el("option", {value: value}, label);
    if (key) { opt.dataset.key = key; }
    select.appendChild(opt);
    return opt;
  }
  function choose(select, value, key) {
    // select ``value``; a value the choices lack is kept as written (an extra option)
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.selectedIndex = i; return; }
    }
    addOption(select, value, value, key).selected = true;
  }
  function fillLevel2(row, keep, keepKey) {
    var select = row.querySelector("select[name=level2]");
    var key = level1Key(row.querySelector("select[name=level1]"));
    select.textContent = "";
    addOption(select, "", T.none);
    (taxonomy.level2[key] || []).forEach(function (name) { addOption(select, name, name); });
    if (keep) { choose(select, keep, keepKey); }
  }

  // --- rows ---------------------------------------------------------------------------------
  function cellControl(key, data, n) {
    var label = fmt(T.row, {n: n}) + " " + T.columns[key];
    var control;
    if (key === "level1") {
      control = el("select", {name: key, "aria-label": label});
      addOption(control, "", T.none);
      taxonomy.level1.forEach(function (o) { addOption(control, o.label, o.label, o.key); });
      choose(control, data.level1 || "", data.level1_key);
    } else if (key === "level2") {
      control = el("select", {name: key, "aria-label": label});
    } else if (key === "operator") {
      control = el("select", {name: key, "aria-label": label});
      T.operators.forEach(function (o) { addOption(control, o.value, o.label); });
      choose(control, data.operator || "");
    } else {
      control = el("input", {name: key, type: "text", "aria-label": label, autocomplete: "off"});
      control.value = data[key] || "";
      control.setAttribute("value", control.value);  // as loaded (selectors and form resets see it)
    }
    return control;
  }
  function makeRow(data) {
    var tr = el("tr");
    if (data.id !== undefined && data.id !== null) { tr.dataset.id = data.id; }
    tr.appendChild(el("td", {"class": "idx"}));
    COLUMNS.forEach(function (key) {
      var td = el("td", {"class": "c-" + key});
      td.appendChild(cellControl(key, data, 0));
      tr.appendChild(td);
    });
    fillLevel2(tr, data.level2 || "", data.level2_key);
    var ops = el("td", {"class": "ops"});
    [["up", "↑"], ["down", "↓"], ["insert", "+"], ["delete", "×"]].forEach(function (b) {
      var button = el("button", {type: "button", "data-op": b[0], title: T[b[0]]}, b[1]);
      ops.appendChild(button);
    });
    tr.appendChild(ops);
    var review = el("td", {"class": "review", "aria-live": "polite"});
    review.appendChild(el("ul", {"class": "findings"}));
    tr.appendChild(review);
    showFindings(tr, data.findings || [], {});
    return tr;
  }
  function renumber() {
    Array.prototype.forEach.call(body.rows, function (tr, i) {
      var n = i + 1;
      tr.cells[0].textContent = n;
      COLUMNS.forEach(function (key) {
        tr.querySelector("[name=" + key + "]").setAttribute("aria-label", fmt(T.row, {n: n}) + " " + T.columns[key]);
      });
      tr.querySelectorAll("td.ops button").forEach(function (b) {
        b.setAttribute("aria-label", fmt(T.row, {n: n}) + " " + T[b.dataset.op]);
      });
    });
  }
  function rowData(tr) {
    var out = {id: tr.dataset.id ? Number(tr.dataset.id) : null};
    COLUMNS.forEach(function (key) { out[key] = tr.querySelector("[name=" + key + "]").value; });
    return out;
  }
  function allRows() { return Array.prototype.map.call(body.rows, rowData); }
  function isBlank(data) {
    return COLUMNS.every(function (key) { return !data[key]; });
  }
  function render(rows) {
    body.textContent = "";
    rows.forEach(function (data) { body.appendChild(makeRow(data)); });
    renumber();
  }

  // --- findings beside each row -------------------------------------------------------------
  function findingItem(f) {
    var li = el("li", {"class": "finding sev-" + f.severity});
    li.appendChild(el("span", {"class": "rule"}, f.rule_label));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", {"class": "sev"}, f.severity_label));
    li.appendChild(document.createTextNode(" " + f.message));
    if (f.expected) { li.appendChild(el("small", {}, " " + fmt(T.expected, {expected: f.expected}))); }
    return li;
  }
  function showFindings(tr, findings, errors) {
    var list = tr.querySelector("td.review ul");
    list.textContent = "";
    tr.classList.toggle("row-error", Object.keys(errors).length > 0);
    tr.querySelectorAll("td.field-error").forEach(function (td) { td.classList.remove("field-error"); });
    Object.keys(errors).forEach(function (field) {
      var control = tr.querySelector("[name=" + field + "]");
      if (control) { control.parentNode.classList.add("field-error"); }
      list.appendChild(el("li", {"class": "finding sev-error", "data-field": field},
                          T.columns[field] + "：" + errors[field]));
    });
    findings.forEach(function (f) { list.appendChild(findingItem(f)); });
  }
  function showProjectFindings(findings) {
    projectBox.textContent = "";
    findings.forEach(function (f) { projectBox.appendChild(findingItem(f)); });
  }

  // --- server calls -------------------------------------------------------------------------
  function send(method, url, payload) {
    return fetch(url, {method: method, credentials: "same-origin",
                       headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                       body: JSON.stringify(payload)})
      .then(function (r) { return r.json().then(function (data) { return {status: r.status, data: data}; }); });
  }
  function scheduleCheck() {
    dirty = true;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(function () { runCheck(); }, 400);
  }
  function runCheck(quiet) {
    var seq = ++checkSeq;
    var rows = allRows();
    var sent = rows.filter(function (d) { return !isBlank(d); });
    if (!quiet) { say(T.checking); }
    send("POST", "/api/v1/projects/" + projectId + "/grid/check", {rows: sent}).then(function (res) {
      if (seq !== checkSeq) { return; }
      if (res.status === 429) { say(T.too_fast); checkTimer = setTimeout(function () { runCheck(); }, 5000); return; }
      if (res.status !== 200) { say(res.data.error, true); return; }
      var errors = 0, warnings = 0, k = 0;
      Array.prototype.forEach.call(body.rows, function (tr, i) {
        if (isBlank(rows[i])) { showFindings(tr, [], {}); return; }
        var result = res.data.rows[k++];
        errors += Object.keys(result.errors).length;
        result.findings.forEach(function (f) { if (f.severity === "error") { errors++; } else if (f.severity === "warning") { warnings++; } });
        showFindings(tr, result.findings, result.errors);
      });
      showProjectFindings(res.data.project_findings);
      if (!quiet) { say(res.data.review_note || (fmt(T.checked, {errors: errors, warnings: warnings}) + (dirty ? " · " + T.unsaved : ""))); }
    }).catch(function () { if (seq === checkSeq) { say(T.network, true); } });
  }
  function save() {
    clearTimeout(checkTimer);
    checkSeq++;
    var rows = allRows().filter(function (d) { return !isBlank(d); });
    say(T.saving);
    send("PUT", "/api/v1/projects/" + projectId + "/grid", {version: version, rows: rows}).then(function (res) {
      if (res.status === 200) {
        version = res.data.version;
        table.dataset.version = version;
        dirty = false;
        render(res.data.rows.length ? res.data.rows : [{}]);
        showProjectFindings(res.data.project_findings);
        say(fmt(T.saved, res.data) + (res.data.review_note ? "；" + res.data.review_note : ""));
        return;
      }
      // refused: nothing was stored and the grid keeps every edit (the server's line says so)
      say(res.data.error || fmt(T.failed, {why: res.status}), true);
      // refresh the findings beside the rows, keeping the refusal on the status line
      if (res.status !== 422) { checkTimer = setTimeout(function () { runCheck(true); }, 400); }
      if (res.status === 422 && res.data.errors) {
        var byRow = {};
        res.data.errors.forEach(function (e) {
          if (typeof e.row === "number") { (byRow[e.row] = byRow[e.row] || {})[e.field] = e.message; }
        });
        var k = 0;
        Array.prototype.forEach.call(body.rows, function (tr) {
          if (isBlank(rowData(tr))) { return; }
          if (byRow[k]) { showFindings(tr, [], byRow[k]); }
          k++;
        });
      }
    }).catch(function () { say(T.network, true); });
  }

  // --- row operations -----------------------------------------------------------------------
  function focusCell(tr, col) {
    if (!tr) { return; }
    var key = COLUMNS[Math.max(0, Math.min(COLUMNS.length - 1, col))];
    var control = tr.querySelector("[name=" + key + "]");
    control.focus();
    if (control.select && control.tagName === "INPUT") { control.select(); }
  }
  function insertAfter(tr, data) {
    var row = makeRow(data || {});
    body.insertBefore(row, tr ? tr.nextSibling : null);
    renumber();
    return row;
  }
  function removeRow(tr, col) {
    var next = tr.nextElementSibling || tr.previousElementSibling;
    var n = tr.rowIndex;
    tr.remove();
    if (!body.rows.length) { next = insertAfter(null); }
    renumber();
    say(fmt(T.row_deleted, {n: n}));
    focusCell(next, col);
    scheduleCheck();
  }
  function moveRow(tr, step, col) {
    var other = step < 0 ? tr.previousElementSibling : tr.nextElementSibling;
    if (!other) { return; }
    body.insertBefore(tr, step < 0 ? other : other.nextSibling);
    renumber();
    say(fmt(T.row_moved, {n: tr.rowIndex}));
    focusCell(tr, col);
    scheduleCheck();
  }
  table.addEventListener("click", function (event) {
    var button = event.target.closest("td.ops button");
    if (!button) { return; }
    var tr = button.closest("tr");
    var op = button.dataset.op;
    if (op === "up") { moveRow(tr, -1, 0); } else if (op === "down") { moveRow(tr, 1, 0); }
    else if (op === "insert") { focusCell(insertAfter(tr), 0); } else if (op === "delete") { removeRow(tr, 0); }
  });

  // --- keyboard -----------------------------------------------------------------------------
  function position(control) {
    var tr = control.closest("tr");
    return {tr: tr, col: COLUMNS.indexOf(control.name)};
  }
  table.addEventListener("keydown", function (event) {
    var control = event.target;
    if (!control.name || COLUMNS.indexOf(control.name) < 0) { return; }
    var at = position(control);
    var isInput = control.tagName === "INPUT";
    var key = event.key;
    if (event.ctrlKey && key === "Enter") {
      event.preventDefault(); focusCell(insertAfter(at.tr), at.col); scheduleCheck(); return;
    }
    if (event.ctrlKey && key === "Delete") { event.preventDefault(); removeRow(at.tr, at.col); return; }
    if (event.altKey && (key === "ArrowUp" || key === "ArrowDown")) {
      event.preventDefault(); moveRow(at.tr, key === "ArrowUp" ? -1 : 1, at.col); return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (key === "ArrowUp" || key === "ArrowDown" || key === "Enter") {
      event.preventDefault();
      var target = key === "ArrowUp" ? at.tr.previousElementSibling : at.tr.nextElementSibling;
      if (!target && key === "Enter") { target = insertAfter(at.tr); }
      focusCell(target, at.col);
      return;
    }
    if (key === "ArrowLeft" || key === "ArrowRight") {
      var edge = !isInput || (key === "ArrowLeft" ? control.selectionStart === 0 && control.selectionEnd === 0
                                                   : control.selectionStart === control.value.length);
      if (!edge) { return; }
      event.preventDefault();
      focusCell(at.tr, at.col + (key === "ArrowLeft" ? -1 : 1));
    }
  });
  table.addEventListener("input", scheduleCheck);
  table.addEventListener("change", function (event) {
    if (event.target.name === "level1") { fillLevel2(event.target.closest("tr"), ""); }
    scheduleCheck();
  });

  // --- paste from a spreadsheet -------------------------------------------------------------
  var HEADERS = {level1: /一级/, level2: /二级/, name: /三级|指标名称|^指标$/, operator: /运算符|指标性质|符号/,
                 value: /指标值|目标值|^值$/, unit: /计量单位|^单位$/, weight: /分值|权重/, note: /说明|解释|备注/};
  var OPERATOR_TEXT = {">=": "≥", "≥": "≥", "≧": "≥", "不低于": "≥", "不少于": "≥", "<=": "≤", "≤": "≤",
                       "≦": "≤", "不高于": "≤", "不超过": "≤", "=": "=", "＝": "=", "等于": "=", ">": ">",
                       "＞": ">", "<": "<", "＜": "<", "定性": "定性", "": ""};
  function headerColumns(cells) {
    var mapped = cells.map(function (cell) {
      var text = cell.trim();
      if (!text) { return null; }
      // the value column first: "指标值说明" is a note, "指标值" a value
      if (HEADERS.note.test(text)) { return "note"; }
      return COLUMNS.filter(function (key) { return HEADERS[key].test(text); })[0] || null;
    });
    var hits = mapped.filter(function (m) { return m; }).length;
    return hits >= 2 && !cells.some(function (c) { return /\d/.test(c); }) ? mapped : null;
  }
  function putCell(tr, key, text) {
    var control = tr.querySelector("[name=" + key + "]");
    text = text.trim();
    if (key === "operator") {
      choose(control, text in OPERATOR_TEXT ? OPERATOR_TEXT[text] : text);
    } else if (control.tagName === "SELECT") {
      choose(control, text);
      if (key === "level1") { fillLevel2(tr, ""); }
    } else {
      control.value = text;
    }
  }
  function splitOperator(tr, mapping) {
    // a value pasted as "≥95%" with no operator column: the sign goes to the operator cell
    if (mapping.indexOf("operator") >= 0) { return; }
    var value = tr.querySelector("[name=value]");
    var m = /^\s*(>=|<=|≥|≤|≧|≦|＞|＜|>|<|=|＝|不低于|不少于|不高于|不超过)\s*(.*)$/.exec(value.value);
    if (m) { putCell(tr, "operator", m[1]); value.value = m[2]; }
  }
  table.addEventListener("paste", function (event) {
    var control = event.target;
    if (!control.name || COLUMNS.indexOf(control.name) < 0) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text/plain") || "";
    if (text.indexOf("\t") < 0 && text.replace(/\r?\n$/, "").indexOf("\n") < 0) { return; }  // one cell
    event.preventDefault();
    var lines = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n").map(function (l) { return l.split("\t"); });
    var at = position(control);
    var mapping = COLUMNS.slice(at.col, at.col + lines[0].length);
    var header = headerColumns(lines[0]);
    if (header) { mapping = header; lines.shift(); }
    var tr = at.tr;
    lines.forEach(function (cells, i) {
      if (i > 0) { tr = tr.nextElementSibling || insertAfter(tr); }
      cells.forEach(function (cell, j) { if (mapping[j]) { putCell(tr, mapping[j], cell); } });
      if (mapping.indexOf("level2") >= 0) {
        var l2 = cells[mapping.indexOf("level2")];
        if (l2 !== undefined) { putCell(tr, "level2", l2); }
      }
      if (mapping.indexOf("value") >= 0) { splitOperator(tr, mapping); }
    });
    say(fmt(T.pasted, {n: lines.length}) + (header ? T.header_skipped : ""));
    focusCell(tr, at.col);
    scheduleCheck();
  });

  document.getElementById("grid-add").addEventListener("click", function () {
    focusCell(insertAfter(body.rows[body.rows.length - 1] || null), 0);
  });
  document.getElementById("grid-save").addEventListener("click", save);

  var initial = JSON.parse(table.dataset.rows);
  render(initial.length ? initial : [{}]);
  showProjectFindings(JSON.parse(table.dataset.projectFindings));
})();
