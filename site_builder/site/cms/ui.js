/* 在线报送: the clerk's words on Decap's page (used by check.js and admin.js).
 *
 * - words: Decap's zh_Hans strings where they mislead (已发布, 集合, 新建帖子, 审查中).
 * - decorate (on every change of the page): （至少填写一项） or nothing instead of (可选)
 *   on the labels the form marks; the unit (and 上期) after each figure's box; the header
 *   of the report being edited (project · period · deadline · days left, or 逾期N天);
 *   未填报 for a report whose file does not exist yet. Dates on the board: `dateFormat`.
 * - name (on every change, also of a class or a name): the controls Decap leaves without
 *   a name (a list item's collapse, drag handle and delete, icons only) or names in English
 *   (a section's or list's Collapse/Expand) get a Chinese one saying which list and item;
 *   the status menu's items belong to their menu.
 * - show: the problems of the last save, next to their fields and above the form.
 */
(function () {
  "use strict";

  var OPTIONAL = "(可选)";
  var AT_LEAST_ONE = "（至少填写一项）";
  var DECAP_TOGGLE = { Collapse: true, Expand: false }; // Decap's name: is it open?
  var DRAG_HELP = "按空格键拿起此项，用上下方向键移动，再按空格键放下；按 Esc 键取消。";
  var WORDS = {
    app: { header: { content: "报告", workflow: "审核进度", quickAdd: "填报" } },
    collection: {
      sidebar: { collections: "各市报告", allCollections: "全部报告" },
    },
    editor: {
      editorToolbar: {
        published: "已报送",
        changesSaved: "已保存（待提交审核）",
        draft: "已保存（待提交审核）",
        inReview: "审核中",
        ready: "审核通过（待合并）",
        backCollection: "返回%{collectionLabel}的报告列表",
        deleteUnpublishedEntry: "放弃这份报告的草稿",
        deleteUnpublishedChanges: "放弃未提交审核的修改",
      },
    },
    ui: { toast: { onFailToPersist: "未保存：%{details}" } },
    workflow: {
      workflow: {
        loading: "正在读取审核进度",
        workflowHeading: "审核进度",
        dateFormat: "M月D日",
        newPost: "填报",
        description: "%{smart_count} 份报告在审核中、%{readyCount} 份审核通过待合并",
      },
      workflowList: {
        draftHeader: "已保存（待提交审核）",
        inReviewHeader: "审核中",
        readyHeader: "审核通过（待合并）",
        currentEntries: "%{smart_count} 份报告",
      },
    },
  };

  function merge(base, extra) {
    var result = {};
    Object.keys(base).forEach(function (k) { result[k] = base[k]; });
    Object.keys(extra).forEach(function (k) {
      result[k] = typeof extra[k] === "object" && base[k] ? merge(base[k], extra[k]) : extra[k];
    });
    return result;
  }

  window.sctrackUi = function (SETTINGS, context) {
    var state = { problems: [], warnings: [], key: null };

    function currentPath() {
      var match = /#\/collections\/[^/]+\/entries\/([^/?]+)/.exec(location.hash);
      if (!match) return null;
      var name = decodeURIComponent(match[1]);
      return Object.keys(SETTINGS.reports).filter(function (p) {
        return SETTINGS.reports[p].name === name;
      })[0] || null;
    }

    function formKey(path) {
      var report = SETTINGS.reports[path];
      if (!report) return null;
      var kind = (SETTINGS.fresh[path].match(/\nkind: (\w+)/) || [])[1];
      return kind + "|" + (/^[0-9]{4}$/.test(report.period) ? "annual" : "quarterly");
    }

    function baseLabel(label) {
      var text = label.textContent.trim();
      return text.slice(-OPTIONAL.length) === OPTIONAL ? text.slice(0, -OPTIONAL.length).trim() : text;
    }

    function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
    function setAttr(node, name, value) { if (node.getAttribute(name) !== value) node.setAttribute(name, value); }

    function days(report) {
      var today = new Date();
      var now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
      var last = Date.parse(report.last_day + "T00:00:00Z");
      var left = Math.round((last - now) / 86400000);
      return left >= 0 ? "还剩" + left + "天" : "逾期" + -left + "天";
    }

    function header(root, path) {
      var pane = root.querySelector('[class*="-ControlPaneContainer"]');
      var old = root.querySelector(".sctrack-header");
      if (!pane || !path) { if (old) old.remove(); return; }
      var report = SETTINGS.reports[path];
      var text = report.project_name + " · " + report.period_label + " · 截止" + report.due + " · " + days(report);
      var box = old;
      if (!box || box.parentElement !== pane) {
        if (old) old.remove();
        box = document.createElement("div");
        box.className = "sctrack-header";
        box.innerHTML = '<p class="sctrack-title"></p><div class="sctrack-summary"></div>';
        pane.insertBefore(box, pane.firstChild);
      }
      setText(box.querySelector(".sctrack-title"), text);
      var summary = box.querySelector(".sctrack-summary");
      var key = JSON.stringify([state.problems, state.warnings]);
      if (summary.getAttribute("data-key") !== key) {
        summary.setAttribute("data-key", key);
        summary.innerHTML = "";
        if (state.problems.length) list(summary, "有 " + state.problems.length + " 处需要修改，改好后才能保存：", state.problems, "sctrack-error");
        if (state.warnings.length) list(summary, "请核对以下 " + state.warnings.length + " 处（确认无误可再次保存）：", state.warnings, "sctrack-warning");
      }
    }

    function list(parent, heading, items, kind) {
      var box = document.createElement("div");
      box.className = "sctrack-problems " + kind;
      var p = document.createElement("p");
      p.textContent = heading;
      box.appendChild(p);
      var ul = document.createElement("ul");
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item.message;
        ul.appendChild(li);
      });
      box.appendChild(ul);
      parent.appendChild(box);
    }

    // The label of `path` in the editor: each step's label searched inside the last one's
    // control; a list item's problems go to the list's label.
    function labelAt(root, labels, path) {
      var scope = root;
      var found = null;
      var dotted = "";
      path.forEach(function (step) {
        if (typeof step === "number") return;
        dotted = dotted ? dotted + "." + step : step;
        var wanted = labels[dotted];
        if (!wanted || !scope) return;
        var match = Array.prototype.filter.call(scope.querySelectorAll("label"), function (label) {
          var base = baseLabel(label);
          return base === wanted || base === wanted + AT_LEAST_ONE;
        })[0];
        if (match) { found = match; scope = match.closest('[class*="-ControlContainer"]'); }
      });
      return found;
    }

    function marks(root, path) {
      root.querySelectorAll("label").forEach(function (label) {
        var base = baseLabel(label);
        var mark = SETTINGS.marks[base];
        if (mark) {
          label.childNodes.forEach(function (node) {
            if (node.textContent.trim() === OPTIONAL) setText(node, mark === "one" ? AT_LEAST_ONE : "");
          });
        }
        var unit = SETTINGS.units[base];
        if (unit) {
          var code = Object.keys(SETTINGS.indicators).filter(function (c) {
            return SETTINGS.indicators[c].name === base;
          })[0];
          var last = path && context[path] && context[path].previous;
          var suffix = unit + (last && code in last ? "　上期 " + last[code] : "");
          var control = label.closest('[class*="-ControlContainer"]') || label.parentElement;
          setAttr(control, "data-sctrack-unit", suffix);
        }
      });
    }

    function fieldProblems(root, path) {
      var key = formKey(path);
      var labels = (key && SETTINGS.labels[key]) || {};
      var signature = JSON.stringify([path, state.problems, state.warnings]);
      var shownAll = root.querySelectorAll(".sctrack-field").length ===
        state.problems.length + state.warnings.length;
      if (state.key === signature && shownAll) return;
      state.key = signature;
      root.querySelectorAll(".sctrack-field").forEach(function (node) { node.remove(); });
      [[state.problems, "sctrack-error"], [state.warnings, "sctrack-warning"]].forEach(function (pair) {
        pair[0].forEach(function (item) {
          var label = labelAt(root, labels, item.path);
          if (!label) return;
          var note = document.createElement("p");
          note.className = "sctrack-field " + pair[1];
          note.textContent = item.message;
          // Below the label's bar (a narrow row of its own), above the box.
          var anchor = label.closest('[class*="-ControlTopbar"]') || label;
          anchor.parentNode.insertBefore(note, anchor.nextSibling);
        });
      });
    }

    function status(root, path) {
      if (!path || !(context[path] && context[path].fresh)) return;
      root.querySelectorAll("button, span, div, p").forEach(function (node) {
        if (node.childNodes.length === 1 && node.firstChild.nodeType === 3) {
          var text = node.firstChild.textContent;
          if (text === "已报送") setText(node.firstChild, "未填报");
          if (text === "状态: 已报送") setText(node.firstChild, "状态: 未填报");
        }
      });
    }

    // The label of the field a node is in, without （可选） or （至少填写一项）.
    function fieldName(node) {
      var control = node.closest('[class*="-ControlContainer"]');
      var label = control && control.querySelector('[class*="-ControlTopbar"] label');
      if (!label) return "";
      var base = baseLabel(label);
      return base.slice(-AT_LEAST_ONE.length) === AT_LEAST_ONE ? base.slice(0, -AT_LEAST_ONE.length) : base;
    }

    // A list item's bar: [collapse] drag handle [delete]; the buttons are told apart by their
    // place around the handle (they hold only an icon). Its summary line shows when collapsed.
    function nameListItem(item) {
      var bar = item.querySelector(':scope > [class*="ListItemTopBar"]');
      if (!bar) return;
      var items = Array.prototype.filter.call(item.parentElement.children, function (node) {
        return /-SortableListItem/.test(node.className);
      });
      var list = fieldName(item);
      var which = (list ? "“" + list + "”" : "") + "第" + (items.indexOf(item) + 1) + "项";
      var summary = item.querySelector(':scope > [class*="-NestedObjectLabel"]');
      var open = !summary || getComputedStyle(summary).display === "none";
      var handle = bar.querySelector('[aria-roledescription="sortable"]');
      var beforeHandle = true;
      Array.prototype.forEach.call(bar.children, function (node) {
        if (node === handle) {
          beforeHandle = false;
          setAttr(node, "aria-label", "拖动" + which + "以调整顺序");
        } else if (node.tagName === "BUTTON" && beforeHandle) {
          setAttr(node, "aria-label", (open ? "折叠" : "展开") + which);
          setAttr(node, "aria-expanded", String(open));
        } else if (node.tagName === "BUTTON") {
          setAttr(node, "aria-label", "删除" + which);
        }
      });
    }

    // Decap names a section's or list's toggle in English; React writes it again only when
    // it changes, so Decap's word says the state and is replaced each time.
    function nameToggle(button) {
      var open = DECAP_TOGGLE[button.getAttribute("aria-label")];
      if (open === undefined) return;
      var control = button.closest('[class*="-ControlContainer"]');
      var isList = control && control.getAttribute("aria-label") === "list field";
      var what = "“" + fieldName(button) + "”" + (isList ? "的各项" : "");
      setAttr(button, "aria-expanded", String(open));
      setAttr(button, "aria-label", (open ? "折叠" : "展开") + what);
    }

    function name(root) {
      root.querySelectorAll('[class*="-SortableListItem"]').forEach(nameListItem);
      root.querySelectorAll('[data-testid="expand-button"]').forEach(nameToggle);
      // The status menu's items sit in a <ul> between them and their menu: a list without
      // items that hides from a screen reader which menu they belong to.
      root.querySelectorAll('[role="menu"] > ul').forEach(function (list) {
        setAttr(list, "role", "none");
      });
      // Fixed English words React writes once: the account menu, and the drag handles' help
      // (dnd-kit's; what it announces while dragging stays English, written afresh each time).
      root.querySelectorAll('[aria-label="Account options dropdown"]').forEach(function (node) {
        setAttr(node, "aria-label", "账户选项");
      });
      root.querySelectorAll('[id^="DndDescribedBy-"]').forEach(function (node) {
        setText(node, DRAG_HELP);
      });
    }

    function decorate(root) {
      var path = currentPath();
      if (!path && (state.problems.length || state.warnings.length)) {
        state.problems = [];
        state.warnings = [];
      }
      marks(root, path);
      header(root, path);
      if (path) fieldProblems(root, path);
      status(root, path);
      name(root);
    }

    return {
      words: function (locale) { return merge(locale, WORDS); },
      decorate: decorate,
      name: name,
      show: function (problems, warnings) {
        state.problems = problems;
        state.warnings = warnings;
        state.key = null;
        decorate(document.body);
      },
    };
  };
})();
