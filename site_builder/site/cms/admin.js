/* 在线报送: what sctrack adds to Decap CMS (loaded after vendor/decap-cms.js and ajv).
 *
 * - Before saving, the report is checked against the report schema the site publishes
 *   (vendor/ajv2020.min.js) and the problems are worded with `sctrack validate`'s own
 *   templates (settings.wording, from validate/wording.py): every problem at once, next
 *   to its field and above the form; the save is refused while one remains. The warnings
 *   across periods (jump against 上期, annual against Q4) are shown once before saving.
 *   Figures are typed as text: `990` is saved as a number, `12.5万元` is refused (S003).
 * - The clerk's words: Decap's zh_Hans strings overridden (未填报, 已保存（待提交审核）,
 *   审核中), labels marked （至少填写一项）, units after the figure boxes, a header with
 *   project · period · deadline · days left, dates in Chinese.
 * - preSave: a saved report is what a person would have written: no empty strings
 *   (a cleared number is saved by Decap as ""), no empty objects, the lists the schema
 *   requires kept ([]), every key in the outline's order; the file then written by
 *   canonical.js in the repository's one layout (schema line, headings, scalar styles).
 * - A report whose file does not exist yet opens with its first lines (project, period,
 *   kind) instead of Decap's "加载内容失败"; the file is created by the pull request.
 * - No publishing from the form: the reviewers merge the pull request on the forge; no
 *   uploads or deletions either (Decap commits those straight to the main branch).
 */
(function () {
  "use strict";
  var SETTINGS = JSON.parse(document.getElementById("sctrack-cms").textContent);
  var check = window.sctrackCheck(SETTINGS);
  var NO_PUBLISH =
    "网页表单不能直接发布：保存后请把状态改为“审核中”，由审核人员在代码托管平台审核合并。";
  var NOT_TIDIED = "保存失败：表单内容未经整理，请刷新页面后重试。";
  var NO_DIRECT = "网页表单不能上传或删除文件：报告只能通过审核合并进入主分支。";
  var PUBLISH_WORDS = [
    "发布", "立即发布", "发布修改", "发布新内容", "发布，然后新建内容", "发布，然后复制内容",
    "撤销发布", "删除已发布的内容", "点击以预览", "查看预览", "查看发布", "媒体",
  ];

  function isBlank(value) {
    return (
      value === null || value === undefined ||
      (typeof value === "string" && value.trim() === "")
    );
  }

  // Plain JS in, plain JS out: drop blanks, order keys as the outline; undefined = drop.
  function tidy(value, path, order, keep) {
    if (isBlank(value)) return undefined;
    if (Array.isArray(value)) {
      var items = value
        .map(function (item) { return tidy(item, path + "[]", order, []); })
        .filter(function (item) { return item !== undefined; });
      return items.length || keep.indexOf(path) >= 0 ? items : undefined;
    }
    if (typeof value === "object") {
      var known = order[path] || [];
      var keys = known.filter(function (k) { return k in value; }).concat(
        Object.keys(value).filter(function (k) { return known.indexOf(k) < 0; })
      );
      var result = {};
      var any = false;
      keys.forEach(function (key) {
        var child = tidy(value[key], path ? path + "." + key : key, order, keep);
        if (child !== undefined) { result[key] = child; any = true; }
      });
      return any ? result : undefined;
    }
    return value;
  }

  // Back to Immutable, as ordered maps, from empty ones of the entry's own library.
  function rebuild(value, emptyMap, emptyList) {
    if (Array.isArray(value)) {
      return emptyList.concat(value.map(function (v) { return rebuild(v, emptyMap, emptyList); }));
    }
    if (value !== null && typeof value === "object") {
      return Object.keys(value).reduce(function (map, key) {
        return map.set(key, rebuild(value[key], emptyMap, emptyList));
      }, emptyMap);
    }
    return value;
  }

  function formKey(data) {
    var annual = /^[0-9]{4}$/.test(String(data.period || ""));
    return data.kind + "|" + (annual ? "annual" : "quarterly");
  }

  function tidyEntry(entry) {
    var data = entry.get("data");
    var plain = check.coerce(data.toJS());
    var key = formKey(plain);
    var keep = SETTINGS.required_lists[key] || [];
    var result = tidy(plain, "", SETTINGS.order[key] || {}, keep) || {};
    keep.forEach(function (name) { if (!(name in result)) result[name] = []; });
    var emptyMap = data.clear().toOrderedMap();
    return { plain: result, data: rebuild(result, emptyMap, emptyMap.toList()) };
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var tidied = tidyEntry(event.entry);
      check.gate(event.entry.get("path"), tidied.plain);
      return tidied.data;
    },
  });
  // The data the file is written from (persistEntry below), after the tidy above.
  var saving = {};
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) { saving[event.entry.get("path")] = event.entry.get("data").toJS(); },
  });
  ["prePublish", "preUnpublish"].forEach(function (name) {
    CMS.registerEventListener({ name: name, handler: function () { throw new Error(NO_PUBLISH); } });
  });

  ["github", "gitlab", "proxy"].forEach(function (name) {
    var backend = CMS.getBackend(name);
    if (!backend) return;
    var init = backend.init;
    backend.init = function () {
      var implementation = init.apply(null, arguments);
      var getEntry = implementation.getEntry.bind(implementation);
      // A missing file is an error on GitHub and GitLab, and `data: null` from decap-server.
      implementation.getEntry = function (path) {
        var isNew = Object.prototype.hasOwnProperty.call(SETTINGS.fresh, path);
        var first = { file: { path: path, id: null }, data: SETTINGS.fresh[path] };
        check.readContext(path, getEntry);
        return getEntry(path).then(
          function (entry) {
            var missing = isNew && (!entry || entry.data == null);
            check.setFresh(path, missing);
            return missing ? first : entry;
          },
          function (error) { if (isNew) { check.setFresh(path, true); return first; } throw error; }
        );
      };
      // Decap drops comments and folds text: the file is written instead by canonical.js in
      // the repository's one layout (the bytes `sctrack new` and `import` write), keeping
      // the comment lines that open the file on the main branch.
      var persistEntry = implementation.persistEntry.bind(implementation);
      implementation.persistEntry = function (entry, options) {
        return Promise.all((entry.dataFiles || []).map(function (file) {
          var data = saving[file.path];
          if (!data) return Promise.reject(new Error(NOT_TIDIED));
          return getEntry(file.path).then(
            function (old) { return (old && old.data) || ""; },
            function () { return ""; }
          ).then(function (raw) {
            var preamble = SctrackCanonical.preambleOf(raw, SETTINGS.layout);
            file.raw = SctrackCanonical.dump(data, SETTINGS.layout, formKey(data), preamble);
          });
        })).then(function () { return persistEntry(entry, options); });
      };
      // Uploads and deletions would be commits straight on the main branch: refused.
      ["persistMedia", "deleteFile", "deleteFiles"].forEach(function (method) {
        implementation[method] = function () { return Promise.reject(new Error(NO_DIRECT)); };
      });
      return implementation;
    };
  });

  function hidePublishing(root) {
    root.querySelectorAll("a, button, [role=menuitem], [role=button]").forEach(function (node) {
      if (PUBLISH_WORDS.indexOf(node.textContent.trim()) >= 0) node.style.display = "none";
    });
  }
  CMS.registerLocale("zh_Hans", check.words(CMS.getLocale("zh_Hans")));
  // Nodes added: everything again. A class or a name changed only (a list item collapsed,
  // Decap's Collapse/Expand written again): the controls' names, which say that state.
  new MutationObserver(function (changes) {
    if (changes.some(function (change) { return change.type === "childList"; })) {
      hidePublishing(document.body);
      check.decorate(document.body);
    } else {
      check.name(document.body);
    }
  }).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["class", "aria-label"],
  });

  CMS.init();
})();
