// fzlint page: reads the JSON data and builds the page with text nodes only (report text is
// never parsed as HTML). State in the URL hash (#severity=error&rule=…&numbers=1&q=…&report=3
// or &view=all), dismiss/confirm in localStorage.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("fzlint-data").textContent);
  var RULES = {};
  DATA.rules.forEach(function (r) { RULES[r.id] = r; });
  var RANK = { info: 1, warning: 2, error: 3 };
  var SEV_ZH = { error: "错误", warning: "警告", info: "提示" };
  var STORE = "fzlint-review:" + location.pathname;
  var PAGE_ROWS = 500;
  var MAX_SHEETS = 300;
  var state = loadState();
  var sort = { key: null, dir: 1 };
  var rowLimit = PAGE_ROWS;
  var current = -1;

  // Each finding gets the id a baseline would give it: path key, rule, fingerprint, occurrence.
  DATA.reports.forEach(function (r, ri) {
    var seen = {};
    r.index = ri;
    r.findings.forEach(function (f, fi) {
      var k = JSON.stringify([r.key, f.rule, f.fingerprint]);
      seen[k] = (seen[k] || 0) + 1;
      f.id = JSON.stringify([r.key, f.rule, f.fingerprint, seen[k]]);
      f.index = fi;
    });
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function loadState() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }
  function saveState() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage off: kept for this visit */ }
  }
  function ruleName(id) { return RULES[id] ? RULES[id].name : id; }

  // ---- filters, in the hash ----
  function readHash() {
    var p = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      var k = decodeURIComponent(i < 0 ? kv : kv.slice(0, i));
      p[k] = i < 0 ? "1" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
    });
    return p;
  }
  var params = readHash();
  var F = {
    severity: document.getElementById("f-severity"),
    rule: document.getElementById("f-rule"),
    numbers: document.getElementById("f-numbers"),
    q: document.getElementById("f-q"),
    dismissed: document.getElementById("f-dismissed")
  };
  var ruleCounts = {};
  DATA.reports.forEach(function (r) { r.findings.forEach(function (f) { ruleCounts[f.rule] = (ruleCounts[f.rule] || 0) + 1; }); });
  Object.keys(ruleCounts).sort(function (a, b) { return ruleName(a).localeCompare(ruleName(b), "zh"); }).forEach(function (id) {
    var o = el("option", null, ruleName(id) + "(" + id + ")· " + ruleCounts[id]);
    o.value = id;
    F.rule.appendChild(o);
  });
  F.severity.value = RANK[params.severity] ? params.severity : "";
  F.rule.value = ruleCounts[params.rule] ? params.rule : "";
  F.numbers.checked = params.numbers === "1";
  F.q.value = params.q || "";
  F.dismissed.checked = params.dismissed === "1";
  var viewAll = params.view === "all";
  var selected = params.report !== undefined ? parseInt(params.report, 10) : -1;

  function writeHash() {
    var parts = [];
    if (F.severity.value) parts.push("severity=" + F.severity.value);
    if (F.rule.value) parts.push("rule=" + encodeURIComponent(F.rule.value));
    if (F.numbers.checked) parts.push("numbers=1");
    if (F.q.value) parts.push("q=" + encodeURIComponent(F.q.value));
    if (F.dismissed.checked) parts.push("dismissed=1");
    if (viewAll) parts.push("view=all");
    else if (selected >= 0) parts.push("report=" + selected);
    try { history.replaceState(null, "", "#" + parts.join("&")); } catch (e) { /* file: pages may refuse */ }
  }

  function findingFilterOn() { return !!(F.severity.value || F.rule.value || F.numbers.checked); }
  function keep(f) {
    if (F.severity.value && RANK[f.severity] < RANK[F.severity.value]) return false;
    if (F.rule.value && f.rule !== F.rule.value) return false;
    if (F.numbers.checked && !(RULES[f.rule] && RULES[f.rule].numeric)) return false;
    if (!F.dismissed.checked && state[f.id] === "dismissed") return false;
    return true;
  }
  function matchesQuery(r, shown) {
    var q = F.q.value.trim().toLowerCase();
    if (!q) return true;
    if ((r.title || "").toLowerCase().indexOf(q) >= 0 || r.path.toLowerCase().indexOf(q) >= 0) return true;
    return shown.some(function (f) {
      return f.message.toLowerCase().indexOf(q) >= 0 || ruleName(f.rule).toLowerCase().indexOf(q) >= 0 || f.rule.indexOf(q) >= 0;
    });
  }
  function visibleReports() {
    var out = [];
    DATA.reports.forEach(function (r) {
      var shown = r.findings.filter(keep);
      if (findingFilterOn() && shown.length === 0) return;
      if (!matchesQuery(r, shown)) return;
      out.push({ r: r, shown: shown });
    });
    return out;
  }
  function counts(shown) {
    var c = { error: 0, warning: 0, info: 0 };
    shown.forEach(function (f) { c[f.severity]++; });
    return c;
  }
  function deadline(r) {
    var dated = r.findings.some(function (f) { return f.kind === "date"; });
    if (dated) return r.published ? { text: "逾期", cls: "late", rank: 3 } : { text: "无日期", cls: "late", rank: 2 };
    return r.published ? { text: "按期", cls: "ok", rank: 0 } : { text: "—", cls: "nodate", rank: 1 };
  }
  function sortValue(v, key) {
    var r = v.r;
    switch (key) {
      case "title": return r.title || r.path;
      case "year": return r.year || 0;
      case "published": return r.published || "";
      case "deadline": return deadline(r).rank;
      case "e": return counts(v.shown).error;
      case "w": return counts(v.shown).warning;
      case "i": return counts(v.shown).info;
    }
    return r.index;
  }

  // ---- overview ----
  function renderOverview(list) {
    var tbody = document.querySelector("#reports tbody");
    tbody.textContent = "";
    if (sort.key) {
      list = list.slice().sort(function (a, b) {
        var x = sortValue(a, sort.key), y = sortValue(b, sort.key);
        var c = typeof x === "string" ? x.localeCompare(y, "zh") : x - y;
        return c * sort.dir || a.r.index - b.r.index;
      });
    }
    list.slice(0, rowLimit).forEach(function (v) {
      var r = v.r, c = counts(v.shown);
      var tr = el("tr", "report" + (r.index === selected ? " selected" : ""));
      tr.dataset.report = r.index;
      var t = el("td", "title", r.title || r.path);
      t.title = r.path;
      tr.appendChild(t);
      tr.appendChild(el("td", "n", r.year || ""));
      tr.appendChild(el("td", "date", r.published || ""));
      var d = deadline(r);
      tr.appendChild(el("td", d.cls, d.text));
      tr.appendChild(el("td", "n" + (c.error ? " e" : ""), c.error));
      tr.appendChild(el("td", "n" + (c.warning ? " w" : ""), c.warning));
      tr.appendChild(el("td", "n" + (c.info ? " i" : ""), c.info));
      var names = [];
      v.shown.forEach(function (f) { var n = ruleName(f.rule); if (names.indexOf(n) < 0) names.push(n); });
      tr.appendChild(el("td", "rules-cell", names.join("、")));
      tr.addEventListener("click", function () { selected = r.index; viewAll = false; update(); });
      tbody.appendChild(tr);
    });
    var more = document.getElementById("more-rows");
    more.textContent = "";
    if (list.length > rowLimit) {
      var b = el("button", null, "再显示 " + Math.min(PAGE_ROWS, list.length - rowLimit) + " 份(共 " + list.length + " 份)");
      b.type = "button";
      b.addEventListener("click", function () { rowLimit += PAGE_ROWS; renderOverview(list); });
      more.appendChild(b);
    }
    var ths = document.querySelectorAll("#reports th[data-sort]");
    Array.prototype.forEach.call(ths, function (th) {
      th.className = th.className.replace(/ ?sorted-(asc|desc)/g, "");
      if (th.dataset.sort === sort.key) th.className += sort.dir > 0 ? " sorted-asc" : " sorted-desc";
    });
  }
  function renderUnreadable() {
    var box = document.getElementById("unreadable");
    box.textContent = "";
    if (!DATA.errors.length) return;
    box.appendChild(el("h2", null, "无法读取的文件(" + DATA.errors.length + ")"));
    var table = el("table", "unreadable");
    DATA.errors.forEach(function (e) {
      var tr = el("tr", "unreadable-file");
      tr.appendChild(el("td", null, e.path));
      tr.appendChild(el("td", null, e.message));
      table.appendChild(tr);
    });
    box.appendChild(table);
  }

  // ---- one report: its windows with marks, and a card per finding ----
  function windowView(r, wi, shown) {
    var w = r.windows[wi];
    var box = el("div", "window");
    box.appendChild(el("span", "ln", "第 " + w.line + " 行"));
    var marks = [];
    shown.forEach(function (f) {
      if (f.at && f.at[0] === wi) marks.push({ s: f.at[1], e: f.at[2], cls: f.severity, f: f, primary: true, label: f.label });
      f.related.forEach(function (rel) {
        if (rel.at && rel.at[0] === wi) marks.push({ s: rel.at[1], e: rel.at[2], cls: "rel", f: f, primary: false, label: rel.label });
      });
    });
    var text = w.text;
    var points = [0, text.length];
    marks.forEach(function (m) { points.push(m.s, m.e); });
    points = points.filter(function (p, i, a) { return a.indexOf(p) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i < points.length; i++) {
      var a = points[i];
      marks.forEach(function (m) {
        if (m.s === a && m.e === a) box.appendChild(markEl(m, "‸"));
      });
      if (i + 1 >= points.length) break;
      var b = points[i + 1];
      var piece = text.slice(a, b);
      var cover = marks.filter(function (m) { return m.s <= a && m.e >= b && m.s < m.e; });
      if (!cover.length) { box.appendChild(document.createTextNode(piece)); continue; }
      cover.sort(function (x, y) { return (y.primary - x.primary) || (RANK[y.cls] || 0) - (RANK[x.cls] || 0); });
      var e = markEl(cover[0], piece);
      e.title = cover.map(function (m) { return (m.primary ? ruleName(m.f.rule) + ":" : "") + m.label; }).join("\n");
      box.appendChild(e);
    }
    return box;
  }
  function markEl(m, text) {
    var e = el("mark", m.cls + (state[m.f.id] === "dismissed" ? " dismissed" : ""), text);
    e.dataset.f = m.f.id;
    e.title = m.label;
    e.addEventListener("click", function () { focusFinding(m.f.id); });
    return e;
  }
  function sentenceOf(r, f) {
    if (!f.at) return "";
    var t = r.windows[f.at[0]].text, s = f.at[1], e = f.at[2];
    var from = s, to = e, stops = "。!?;!?;\n";
    while (from > 0 && s - from < 80 && stops.indexOf(t.charAt(from - 1)) < 0) from--;
    while (to < t.length && to - e < 80 && stops.indexOf(t.charAt(to - 1)) < 0) to++;
    return (from > 0 && stops.indexOf(t.charAt(from - 1)) < 0 ? "…" : "") + t.slice(from, to) + (to < t.length && stops.indexOf(t.charAt(to - 1)) < 0 ? "…" : "");
  }
  function card(r, f) {
    var li = el("li", "card " + f.severity + (state[f.id] ? " " + state[f.id] : ""));
    li.dataset.f = f.id;
    li.tabIndex = -1;
    var head = el("div");
    head.appendChild(el("span", "sev " + f.severity, SEV_ZH[f.severity]));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", "msg", f.message));
    li.appendChild(head);
    var where = "第 " + f.line + " 行第 " + f.column + " 列" + (f.page ? ",第 " + f.page + " 页" : "");
    li.appendChild(el("div", "meta", "规则:" + ruleName(f.rule) + "(" + f.rule + ")· " + where));
    var q = sentenceOf(r, f);
    if (q) li.appendChild(el("div", "quote", "原文:" + q));
    if (f.label) li.appendChild(el("div", "meta", "标注:" + f.label));
    if (f.related.length) {
      var ul = el("ul", "numbers");
      f.related.forEach(function (rel) { ul.appendChild(el("li", null, rel.label)); });
      li.appendChild(ul);
    }
    if (f.help) li.appendChild(el("div", "help-text", "修改建议:" + f.help));
    if (f.url) li.appendChild(el("div", "basis", "依据:" + f.url));
    var bar = el("div", "state");
    [["confirmed", "确认"], ["dismissed", "忽略"]].forEach(function (p) {
      var b = el("button", "mark-" + p[0], state[f.id] === p[0] ? "撤销" + p[1] : p[1]);
      b.type = "button";
      b.addEventListener("click", function () {
        if (state[f.id] === p[0]) delete state[f.id]; else state[f.id] = p[0];
        saveState();
        update();
      });
      bar.appendChild(b);
    });
    li.appendChild(bar);
    li.addEventListener("click", function (ev) { if (ev.target.tagName !== "BUTTON") focusFinding(f.id, true); });
    return li;
  }
  function sheet(v) {
    var r = v.r;
    var s = el("article", "report-sheet");
    s.dataset.report = r.index;
    s.appendChild(el("h2", null, r.title || r.path));
    s.appendChild(el("div", "path", r.path));
    var facts = [];
    if (r.year) facts.push(r.year + " 年度");
    if (r.published) facts.push("发布或落款日期 " + r.published);
    var c = counts(v.shown);
    facts.push("错误 " + c.error + ",警告 " + c.warning + ",提示 " + c.info);
    s.appendChild(el("p", "facts", facts.join(";")));
    var wins = {};
    v.shown.forEach(function (f) {
      if (f.at) wins[f.at[0]] = true;
      f.related.forEach(function (rel) { if (rel.at) wins[rel.at[0]] = true; });
    });
    Object.keys(wins).map(Number).sort(function (a, b) { return a - b; }).forEach(function (wi) { s.appendChild(windowView(r, wi, v.shown)); });
    var ol = el("ol", "cards");
    v.shown.forEach(function (f) { ol.appendChild(card(r, f)); });
    s.appendChild(ol);
    if (!v.shown.length) s.appendChild(el("p", null, "没有发现问题。"));
    return s;
  }
  function renderDetail(list) {
    var d = document.getElementById("detail");
    d.textContent = "";
    var sheets = viewAll ? list : list.filter(function (v) { return v.r.index === selected; });
    if (!viewAll && !sheets.length) {
      var first = list.filter(function (v) { return v.shown.length; })[0] || list[0];
      if (first) { selected = first.r.index; sheets = [first]; }
    }
    if (sheets.length > MAX_SHEETS) {
      d.appendChild(el("p", "warn", "共 " + sheets.length + " 份报告,这里只显示前 " + MAX_SHEETS + " 份;请用筛选缩小范围。"));
      sheets = sheets.slice(0, MAX_SHEETS);
    }
    sheets.forEach(function (v) { d.appendChild(sheet(v)); });
  }
  function renderTotals(list) {
    var p = document.getElementById("totals");
    var all = 0, shown = 0;
    DATA.reports.forEach(function (r) { all += r.findings.length; });
    list.forEach(function (v) { shown += v.shown.length; });
    var c = { error: 0, warning: 0, info: 0 };
    list.forEach(function (v) { var k = counts(v.shown); c.error += k.error; c.warning += k.warning; c.info += k.info; });
    p.dataset.reports = DATA.reports.length;
    p.dataset.failed = DATA.errors.length;
    p.dataset.findings = all;
    p.dataset.shownReports = list.length;
    p.dataset.shownFindings = shown;
    p.textContent = "共检查 " + (DATA.reports.length + DATA.errors.length) + " 个文件:" + DATA.reports.length + " 份报告,"
      + DATA.errors.length + " 个无法读取;问题 " + all + " 处。当前显示 " + list.length + " 份报告、" + shown
      + " 处问题(错误 " + c.error + ",警告 " + c.warning + ",提示 " + c.info + ")。";
  }

  // ---- keyboard: next / previous finding ----
  function cards() { return Array.prototype.slice.call(document.querySelectorAll("#detail .card")); }
  function focusFinding(id, noScroll) {
    var list = cards();
    current = list.findIndex(function (c) { return c.dataset.f === id; });
    showCurrent(list, noScroll);
  }
  function showCurrent(list, noScroll) {
    Array.prototype.forEach.call(document.querySelectorAll(".current"), function (e) { e.classList.remove("current"); });
    var c = list[current];
    if (!c) return;
    c.classList.add("current");
    var sheetEl = c.closest(".report-sheet");
    var first = null;
    Array.prototype.forEach.call(sheetEl.querySelectorAll("mark"), function (m) {
      if (m.dataset.f === c.dataset.f) { m.classList.add("current"); first = first || m; }
    });
    if (!noScroll) (first || c).scrollIntoView({ block: "center" });
    c.focus({ preventScroll: true });
  }
  document.addEventListener("keydown", function (ev) {
    var t = ev.target.tagName;
    if (t === "INPUT" || t === "SELECT" || t === "TEXTAREA" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var list = cards();
    if (!list.length) return;
    if (ev.key === "j" || ev.key === "n") current = Math.min(list.length - 1, current + 1);
    else if (ev.key === "k" || ev.key === "p") current = Math.max(0, current - 1);
    else return;
    ev.preventDefault();
    showCurrent(list);
  });

  // ---- baseline export ----
  document.getElementById("export").addEventListener("click", function () {
    var counts = {};
    DATA.reports.forEach(function (r) {
      r.findings.forEach(function (f) {
        if (state[f.id] !== "dismissed") return;
        var k = JSON.stringify([r.key, f.rule, f.fingerprint]);
        counts[k] = (counts[k] || 0) + 1;
      });
    });
    var entries = Object.keys(counts).sort().map(function (k) {
      var a = JSON.parse(k);
      return { path: a[0], rule: a[1], fingerprint: a[2], count: counts[k] };
    });
    var text = JSON.stringify({ version: 1, entries: entries }, null, 2) + "\n";
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    a.download = "fzlint-baseline.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    var out = document.getElementById("baseline-out");
    if (!out) {
      out = el("textarea");
      out.id = "baseline-out";
      out.readOnly = true;
      document.getElementById("filters").appendChild(out);
    }
    out.value = text;
  });

  // ---- wiring ----
  function update() {
    var list = visibleReports();
    renderTotals(list);
    renderOverview(list);
    renderDetail(list);
    writeHash();
    current = -1;
  }
  [F.severity, F.rule, F.numbers, F.dismissed].forEach(function (e) { e.addEventListener("change", function () { rowLimit = PAGE_ROWS; update(); }); });
  F.q.addEventListener("input", function () { rowLimit = PAGE_ROWS; update(); });
  Array.prototype.forEach.call(document.querySelectorAll("#reports th[data-sort]"), function (th) {
    th.addEventListener("click", function () {
      var k = th.dataset.sort;
      sort = { key: k, dir: sort.key === k ? -sort.dir : (k === "title" || k === "published" ? 1 : -1) };
      renderOverview(visibleReports());
    });
  });
  renderUnreadable();
  update();
  // How long the page took to be ready, from the start of navigation (ms): for measuring.
  document.body.dataset.ms = String(Math.round(performance.now()));
  document.body.dataset.ready = "1";
})();
