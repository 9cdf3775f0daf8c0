/* 统计查询: filter reports and figures from data/query.json; table, chart and CSV update in place.
   Plain JavaScript, no library or CDN (the site must work on an intranet). Data is inserted with
   textContent only, never as HTML. The filters and the page of the table live in the URL's query
   string (?city=太原市&period=2021-Q4&indicator=scf_volume&page=2), so a query can be shared,
   bookmarked and restored with the browser's back button. */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var FILTERS = [
    ["city", "城市"], ["tier", "层级"], ["kind", "类别"], ["industry", "行业"], ["period", "报告期"]
  ];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function periodKey(p) {
    var m = /^(\d{4})(?:-Q(\d))?$/.exec(p);
    return m ? Number(m[1]) * 10 + (m[2] ? Number(m[2]) : 5) : 0;
  }

  function unique(values, sorter) {
    var seen = {};
    var out = values.filter(function (v) { return seen[v] ? false : (seen[v] = true); });
    return out.sort(sorter || function (a, b) { return a.localeCompare(b, "zh-Hans-CN"); });
  }

  function median(values) {
    var s = values.slice().sort(function (a, b) { return a - b; });
    var mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  function fmt(n) {
    return Math.round(n * 100) / 100 + "";
  }

  function setup(root, data) {
    var periodOrder = (data.periods || []).map(function (pair) { return pair[0]; });
    var periodLabels = {};
    (data.periods || []).forEach(function (pair) { periodLabels[pair[0]] = pair[1]; });
    var cityOrder = data.cities || [];
    function periodText(p) { return periodLabels[p] || p; }
    var reports = data.reports.map(function (r) {
      var p = data.projects[r[0]];
      return { project: p, period: r[1], city: p.city, tier: p.tier, kind: p.kind, industry: p.industry };
    });
    var byReport = {};
    data.figures.forEach(function (f) {
      (byReport[f[0]] = byReport[f[0]] || []).push(f);
    });

    var form = el("form", { "class": "sc-query-filters", "aria-label": "筛选条件" });
    var selects = {};
    FILTERS.forEach(function (pair) {
      var sorter;
      if (pair[0] === "period") sorter = function (a, b) { return periodKey(b) - periodKey(a); };
      // Cities in the registry's order (administrative-division codes), not by pinyin.
      if (pair[0] === "city") sorter = function (a, b) { return cityRank(a) - cityRank(b); };
      var values = unique(reports.map(function (r) { return r[pair[0]]; }), sorter);
      var label = el("label", {}, pair[1] + " ");
      var select = el("select", { name: pair[0] });
      select.appendChild(el("option", { value: "" }, "全部"));
      values.forEach(function (v) {
        select.appendChild(el("option", { value: v }, pair[0] === "period" ? periodText(v) : v));
      });
      label.appendChild(select);
      form.appendChild(label);
      selects[pair[0]] = select;
    });
    function cityRank(name) {
      var i = cityOrder.indexOf(name);
      return i < 0 ? cityOrder.length : i;
    }
    var indicatorLabel = el("label", {}, "指标 ");
    var indicator = el("select", { name: "indicator" });
    indicator.appendChild(el("option", { value: "" }, "（只看报告）"));
    data.indicators.forEach(function (ind, i) {
      indicator.appendChild(el("option", { value: ind.code }, ind.name + "（" + ind.unit + "）"));
    });
    indicatorLabel.appendChild(indicator);
    form.appendChild(indicatorLabel);

    var summary = el("p", { "class": "sc-query-summary", "aria-live": "polite" });
    var chart = el("div", { "class": "sc-query-chart" });
    var download = el("button", { type: "button", "class": "md-button" }, "下载筛选结果（CSV）");
    // Material's own wrapping of a table: on a phone the table scrolls inside its box.
    var tableWrap = el("div", { "class": "md-typeset__scrollwrap" });
    var tableBox = el("div", { "class": "md-typeset__table" });
    tableWrap.appendChild(tableBox);
    var pager = el("nav", { "class": "sc-query-pages", "aria-label": "查询结果分页" });
    root.textContent = "";
    [form, summary, chart, download, tableWrap, pager].forEach(function (n) { root.appendChild(n); });

    var current = { headers: [], rows: [] };
    var sort = { column: -1, ascending: true };
    var page = 1;

    function indicatorIndex() {
      for (var i = 0; i < data.indicators.length; i++) {
        if (data.indicators[i].code === indicator.value) return i;
      }
      return -1;
    }

    // The URL's query string -> the form; values that are not among the options are ignored.
    function restore() {
      var params = new URLSearchParams(window.location.search);
      FILTERS.forEach(function (pair) { choose(selects[pair[0]], params.get(pair[0])); });
      choose(indicator, params.get("indicator"));
      var wanted = parseInt(params.get("page"), 10);
      page = wanted > 0 ? wanted : 1;
    }

    function choose(select, value) {
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    }

    // The form -> the URL, replacing the history entry (every change is not a new page).
    function remember() {
      window.history.replaceState(null, "", queryString(page) + window.location.hash);
    }

    function queryString(pageNumber) {
      var params = new URLSearchParams();
      FILTERS.forEach(function (pair) {
        if (selects[pair[0]].value) params.set(pair[0], selects[pair[0]].value);
      });
      if (indicator.value) params.set("indicator", indicator.value);
      if (pageNumber > 1) params.set("page", String(pageNumber));
      var text = params.toString();
      return text ? "?" + text : window.location.pathname;
    }

    function compute() {
      var chosen = {};
      FILTERS.forEach(function (pair) { chosen[pair[0]] = selects[pair[0]].value; });
      var matching = [];
      reports.forEach(function (r, i) {
        for (var key in chosen) { if (chosen[key] && r[key] !== chosen[key]) return; }
        matching.push([r, i]);
      });
      var chosenIndicator = indicatorIndex();
      var ind = chosenIndicator < 0 ? null : data.indicators[chosenIndicator];
      var headers = ["项目", "城市", "层级", "类别", "行业", "报告期"];
      var rows = [];
      var populations = [];  // each row's population: totals never add across them
      if (ind) {
        headers = headers.concat([ind.name, "单位"]);
        matching.forEach(function (m) {
          (byReport[m[1]] || []).forEach(function (f) {
            if (f[1] !== chosenIndicator) return;
            var r = m[0];
            rows.push(withProject([r.project.name, r.city, r.tier, r.kind, r.industry, periodText(r.period), f[2], ind.unit], r));
            populations.push(r.project.population);
          });
        });
      } else {
        matching.forEach(function (m) {
          var r = m[0];
          rows.push(withProject([r.project.name, r.city, r.tier, r.kind, r.industry, periodText(r.period)], r));
        });
      }
      var projects = unique(matching.map(function (m) { return m[0].project.id; }));
      summary.textContent = "符合条件的报告" + matching.length + "份，涉及" + projects.length + "个项目" +
        (ind ? "；其中填报了“" + ind.name + "”的" + rows.length + "份。" : "。");
      current = { headers: headers, rows: rows, indicator: ind, populations: populations };
      drawTable();
      drawChart();
      remember();
    }

    // A row keeps its project's id beside its cells (not a cell: the CSV has the same columns).
    function withProject(row, report) {
      row.project = report.project.id;
      return row;
    }

    // The columns as shown: the project, then the chosen indicator and its unit and the period,
    // then city, tier, kind and industry. A phone hides those four and the unit (the filters
    // and the indicator's name above say them).
    var SECONDARY = [1, 2, 3, 4, 7];
    function shownColumns() {
      return current.indicator ? [0, 6, 7, 5, 1, 2, 3, 4] : [0, 5, 1, 2, 3, 4];
    }

    function cellOf(row, i) {
      var v = row[i];
      var td = el("td", SECONDARY.indexOf(i) >= 0 ? { "class": "sc-query-secondary" } : {});
      if (i === 0 && row.project) {
        td.appendChild(el("a", { href: "../projects/" + encodeURIComponent(row.project) + "/" }, v));
      } else {
        td.textContent = typeof v === "number" ? fmt(v) : v;
      }
      return td;
    }

    function drawTable() {
      var rows = current.rows.slice();
      if (sort.column >= 0) {
        rows.sort(function (a, b) {
          var x = a[sort.column], y = b[sort.column];
          var r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-Hans-CN");
          return sort.ascending ? r : -r;
        });
      }
      var table = el("table");
      var head = el("thead");
      var tr = el("tr");
      shownColumns().forEach(function (i) {
        var h = current.headers[i];
        var kind = SECONDARY.indexOf(i) >= 0 ? "sc-sortable sc-query-secondary" : "sc-sortable";
        var th = el("th", { tabindex: "0", "class": kind }, h);
        if (i === sort.column) th.setAttribute("aria-sort", sort.ascending ? "ascending" : "descending");
        function toggle() {
          sort = { column: i, ascending: sort.column === i ? !sort.ascending : true };
          page = 1;
          drawTable();
          remember();
        }
        th.addEventListener("click", toggle);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
        tr.appendChild(th);
      });
      head.appendChild(tr);
      table.appendChild(head);
      var body = el("tbody");
      var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      page = Math.min(page, pages);
      rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach(function (row) {
        var line = el("tr");
        shownColumns().forEach(function (i) { line.appendChild(cellOf(row, i)); });
        body.appendChild(line);
      });
      table.appendChild(body);
      tableBox.textContent = "";
      tableBox.appendChild(table);
      drawPager(rows.length, pages);
    }

    // Page links: real links to the same query's other pages (open in a new tab, copy), which
    // a click turns into an in-place redraw.
    function drawPager(count, pages) {
      pager.textContent = "";
      if (pages <= 1) return;
      var first = (page - 1) * PAGE_SIZE + 1;
      var last = Math.min(count, page * PAGE_SIZE);
      pager.appendChild(el("span", { "class": "sc-query-range" },
        "第" + first + "–" + last + "行，共" + count + "行"));
      function go(number, text, current) {
        if (current) {
          pager.appendChild(el("span", { "class": "sc-query-page", "aria-current": "page" }, text));
          return;
        }
        var link = el("a", { href: queryString(number), "class": "sc-query-page", "data-page": String(number) }, text);
        link.addEventListener("click", function (e) {
          e.preventDefault();
          page = number;
          drawTable();
          remember();
          tableBox.scrollIntoView({ block: "start" });
        });
        pager.appendChild(link);
      }
      if (page > 1) go(page - 1, "上一页", false);
      for (var n = 1; n <= pages; n++) {
        if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
          go(n, String(n), n === page);
        } else if (Math.abs(n - page) === 3) {
          pager.appendChild(el("span", { "class": "sc-query-gap" }, "…"));
        }
      }
      if (page < pages) go(page + 1, "下一页", false);
    }

    function drawChart() {
      var ind = current.indicator;
      var groups = {};
      // 重点区域、金融机构和实体企业分别统计，不相加 (as the summary and the report): a selection
      // holding more than one population shows one bar per period and population.
      var mixed = unique(current.populations).length > 1;
      current.rows.forEach(function (row, i) {
        var key = ind ? row[5] + (mixed ? "·" + current.populations[i] : "") : row[1];
        (groups[key] = groups[key] || []).push(ind ? row[6] : 1);
      });
      var order = ind ? periodOrder : cityOrder;
      var keys = Object.keys(groups).sort(function (a, b) {
        var pa = a.split("·")[0], pb = b.split("·")[0];
        var x = order.indexOf(ind ? periodCode(pa) : a), y = order.indexOf(ind ? periodCode(pb) : b);
        return (x < 0 ? order.length : x) - (y < 0 ? order.length : y) || a.localeCompare(b, "zh-Hans-CN");
      });
      var values = keys.map(function (k) {
        var v = groups[k];
        if (!ind) return v.length;
        return ind.sum ? v.reduce(function (a, b) { return a + b; }, 0) : median(v);
      });
      var title = ind ? ind.name + (ind.sum ? "合计" : "中位数") + "（" + ind.unit + "，按报告期" +
        (mixed ? "；" + unique(current.populations).join("、") + "分别统计，不相加" : "") + "）" : "报告份数（按城市）";
      chart.textContent = "";
      chart.appendChild(el("p", { "class": "sc-query-chart-title" }, title));
      if (!keys.length) return;
      var max = Math.max.apply(null, values.map(Math.abs)) || 1;
      // As wide as its box (at most 560): the text keeps its 12 px on a phone, not scaled down.
      var barH = 22, labelW = 100, w = Math.min(560, Math.max(280, chart.clientWidth || 560));
      var h = keys.length * barH + 4;
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 " + w + " " + h);
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", title);
      keys.forEach(function (k, i) {
        var y = i * barH + 2;
        var len = Math.max(1, Math.abs(values[i]) / max * (w - labelW - 70));
        var label = document.createElementNS(svg.namespaceURI, "text");
        label.setAttribute("x", labelW - 6); label.setAttribute("y", y + 15); label.setAttribute("text-anchor", "end");
        label.textContent = k;
        var bar = document.createElementNS(svg.namespaceURI, "rect");
        bar.setAttribute("x", labelW); bar.setAttribute("y", y + 3); bar.setAttribute("height", barH - 8);
        bar.setAttribute("width", len); bar.setAttribute("class", "sc-query-bar");
        var value = document.createElementNS(svg.namespaceURI, "text");
        value.setAttribute("x", labelW + len + 4); value.setAttribute("y", y + 15);
        value.textContent = fmt(values[i]);
        svg.appendChild(label); svg.appendChild(bar); svg.appendChild(value);
      });
      chart.appendChild(svg);
    }

    // Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
    // leading apostrophe, as OWASP's CSV injection guidance says; numbers stay numbers.
    function csvCell(v) {
      var s = typeof v === "number" ? fmt(v) : String(v);
      if (typeof v !== "number" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }

    download.addEventListener("click", function () {
      var lines = [current.headers.map(csvCell).join(",")].concat(
        current.rows.map(function (r) { return r.map(csvCell).join(","); }));
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var link = el("a", { href: URL.createObjectURL(blob), download: "统计查询.csv" });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });

    function periodCode(text) {
      for (var code in periodLabels) { if (periodLabels[code] === text) return code; }
      return text;
    }

    function changed() { page = 1; compute(); }
    form.addEventListener("change", changed);
    window.addEventListener("popstate", function () { restore(); compute(); });
    restore();
    compute();
  }

  function start() {
    var root = document.getElementById("sc-query");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    fetch(root.getAttribute("data-source"))
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) { setup(root, data); })
      .catch(function () { root.textContent = "数据加载失败，请刷新页面重试。"; });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
