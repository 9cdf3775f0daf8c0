/* 在线报送: the report judged by CI's own rules, in the clerk's words (used by admin.js).
 *
 * The schema is the one the site publishes, checked by ajv (vendor/ajv2020.min.js); each
 * problem is worded from `sctrack validate`'s templates (settings.wording, exported from
 * site_builder/validate/wording.py): only the choice of template is made here, the words
 * are never written twice. Nothing here keeps a figure beyond the page: the last period's
 * figures are read from the backend once the clerk is logged in.
 */
(function () {
  "use strict";

  window.sctrackCheck = function (SETTINGS) {
    var W = SETTINGS.wording;
    var ajv = new window.ajv2020({ allErrors: true, strict: false, verbose: true });
    var validators = {};
    var context = {}; // report path -> {fresh, previous: {code: value}, q4: {...}}
    var warned = { key: null };
    var NUMBER = /^[-+]?((0|[1-9]\d*)(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/; // 012: S003's advice

    function say(key, values) {
      return W.templates[key].replace(/\{(\w+)\}/g, function (_, name) {
        return values && name in values ? String(values[name]) : "";
      });
    }

    // Python's "%g" (and "%.Ng"), as validate writes figures.
    function g(value, digits) {
      var p = digits || 6;
      if (value === 0) return "0";
      var exponent = Math.floor(Math.log10(Math.abs(value)));
      if (exponent < -4 || exponent >= p) {
        var text = value.toExponential(p - 1).replace(/\.?0+e/, "e");
        return text.replace(/e([-+])(\d)$/, "e$10$2");
      }
      return String(Number(value.toPrecision(p)));
    }

    function schemaOf(data) {
      return SETTINGS.schemas[/^[0-9]{4}$/.test(String(data.period || "")) ? "annual" : "quarterly"];
    }

    function branches(node, value) {
      var found = [node];
      (node.allOf || []).forEach(function (part) {
        if (part.if) {
          var branch = ajv.validate(part.if, value === undefined ? {} : value) ? part.then : part.else;
          if (branch) found = found.concat(branches(branch, value));
        } else {
          found = found.concat(branches(part, value));
        }
      });
      return found;
    }

    // The subschema at `path` of `data` (the kind's if/then resolved), as validate's
    // `subschema_at` finds it; {} when there is none.
    function subschema(root, data, path) {
      var node = root;
      var value = data;
      for (var i = 0; i < path.length; i++) {
        var key = path[i];
        var next = null;
        // The kind's branch comes after the generic property: the last one found wins.
        branches(node, value).forEach(function (candidate) {
          var found = typeof key === "number" ? candidate.items : (candidate.properties || {})[key];
          if (found && typeof found === "object") next = found;
        });
        if (!next || typeof next !== "object") return {};
        node = next;
        value = value == null ? undefined : value[key];
      }
      return node;
    }

    // Figures typed as text: a plain number becomes a number; anything else stays text,
    // for the schema check to refuse with validate's advice.
    function coerce(data) {
      var root = schemaOf(data);
      function walk(value, path) {
        if (Array.isArray(value)) return value.map(function (v, i) { return walk(v, path.concat([i])); });
        if (value !== null && typeof value === "object") {
          var result = {};
          Object.keys(value).forEach(function (k) { result[k] = walk(value[k], path.concat([k])); });
          return result;
        }
        if (typeof value === "string" && NUMBER.test(value.trim())) {
          var type = subschema(root, data, path).type;
          if (type === "number" || type === "integer") return Number(value.trim());
        }
        return value;
      }
      return walk(data, []);
    }

    function title(schema) {
      return schema && schema.title ? "“" + schema.title + "”" : "这一项";
    }
    function shown(value) {
      var text = String(value);
      return text.length <= W.shown_chars ? text : text.slice(0, W.shown_chars) + "…";
    }
    function place(root, data, path) {
      if (!path.length) return "文件顶层";
      var last = path[path.length - 1];
      if (typeof last === "number") return place(root, data, path.slice(0, -1)) + "第 " + (last + 1) + " 项";
      var name = subschema(root, data, path).title;
      return name ? "“" + name + "”（" + last + "）" : "“" + last + "”";
    }

    function unitHint(number, written, unit) {
      var shownUnit = written;
      if ((written === "万" || written === "亿") && /元$/.test(unit)) written += /美元$/.test(unit) ? "美元" : "元";
      if (!unit) return say("unit_none", { shown: shownUnit, number: number });
      if (written === unit) return say("unit_same", { unit: unit, shown: shownUnit, number: number });
      var advice = say("unit_advice", { written: written, unit: unit });
      if (written in W.scales && unit in W.scales) {
        if (/美元$/.test(written) === /美元$/.test(unit)) {
          var figure = g(Number(number) * W.scales[written] / W.scales[unit], W.figure_digits);
          return say("unit_converted", { advice: advice, number: number, written: written, figure: figure, unit: unit });
        }
        var currency = /美元$/.test(unit) ? "美元" : "人民币";
        return say("unit_currency", { advice: advice, currency: currency, shown: shownUnit });
      }
      return say("unit_other", { advice: advice, shown: shownUnit });
    }

    function numberHint(value, schema) {
      var unit = schema["x-unit"] || "";
      var stripped = value.trim();
      var normal = stripped.normalize("NFKC");
      var prefix = "";
      if (normal !== stripped && /[\uff10-\uff19]/.test(stripped)) {
        if (NUMBER.test(normal)) return say("fullwidth_digits", { raw: stripped, normal: normal });
        prefix = say("fullwidth_prefix");
      }
      if (NUMBER.test(normal)) return say("quoted_number", { normal: normal });
      var quotes = W.quotes.split("");
      var inner = normal;
      while (inner && quotes.indexOf(inner[0]) >= 0) inner = inner.slice(1);
      while (inner && quotes.indexOf(inner[inner.length - 1]) >= 0) inner = inner.slice(0, -1);
      if (inner !== normal && NUMBER.test(inner)) return say("quotes_around", { inner: inner });
      if (normal.indexOf(",") >= 0) return prefix + say("thousands");
      var units = W.units.map(function (u) { return u.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"); });
      var written = new RegExp("^([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(" + units.join("|") + ")$").exec(normal);
      if (written) return prefix + unitHint(written[1], written[2], unit);
      var digits = normal.replace(/^[-+]+/, "");
      if (digits[0] === "0" && /\d/.test(digits[1] || "")) return prefix + say("leading_zero");
      if (W.no_data.indexOf(normal) >= 0) return say("no_data");
      if (W.units.some(function (u) { return normal.indexOf(u) >= 0; })) {
        return prefix + (unit ? say("unit_fixed", { unit: unit }) : say("no_unit"));
      }
      return prefix + say("digits_only");
    }

    function range(schema) {
      var low = schema.minimum, lowX = schema.exclusiveMinimum, high = schema.maximum;
      var text;
      if (low !== undefined && high !== undefined) text = say("range_between", { low: g(low), high: g(high) });
      else if (lowX !== undefined && high !== undefined) text = say("range_above_up_to", { low: g(lowX), high: g(high) });
      else if (lowX !== undefined) text = say("range_above", { low: g(lowX) });
      else if (low !== undefined) text = say("range_from", { low: g(low) });
      else text = say("range_up_to", { high: g(high) });
      return text + (schema["x-unit"] ? say("range_unit", { unit: schema["x-unit"] }) : "");
    }

    function pathOf(error) {
      return error.instancePath.split("/").slice(1).map(function (step) {
        var text = step.replace(/~1/g, "/").replace(/~0/g, "~");
        return /^[0-9]+$/.test(text) ? Number(text) : text;
      });
    }

    // One ajv error as validate words it: [{path, message}] (nothing for `if`, whose
    // `then` errors come on their own).
    function describe(error, root, data) {
      var path = pathOf(error);
      var schema = error.parentSchema || {};
      var p = error.params;
      function one(message) { return [{ path: path, code: "", message: message }]; }
      switch (error.keyword) {
        case "if": return [];
        case "required": {
          var key = p.missingProperty;
          var sub = subschema(root, data, path.concat([key]));
          var what = sub.title ? "“" + sub.title + "”（" + key + "）" : "“" + key + "”";
          return [{ path: path.concat([key]), message: say("required", { place: place(root, data, path), what: what }) }];
        }
        case "type": {
          var expected = Array.isArray(p.type) ? p.type[0] : String(p.type).split(",")[0];
          if ((expected === "number" || expected === "integer") && typeof error.data === "string") {
            return one(say("number_expected", {
              title: title(schema), expected: W.type_names[expected], shown: shown(error.data),
              hint: numberHint(error.data, schema),
            }));
          }
          return one(say("other", { title: title(schema), validator: "type" }));
        }
        case "enum": {
          var labels = schema["x-enum-labels"] || {};
          var choices = schema.enum.map(function (code) {
            return code in labels ? code + "（" + labels[code] + "）" : String(code);
          }).join("、");
          return one(say("enum", { title: title(schema), shown: shown(error.data), hint: "", choices: choices }));
        }
        case "pattern": {
          var explanation = schema["x-pattern-message"] || "格式不对";
          if (explanation === "不能为空") return one(say("not_empty", { title: title(schema) }));
          return one(say("pattern", { title: title(schema), explanation: explanation, shown: shown(error.data) }));
        }
        case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
          return one(say("range", { title: title(schema), shown: error.data, range: range(schema) }));
        case "minLength": return one(say("not_empty", { title: title(schema) }));
        case "maxLength": return one(say("too_long", { title: title(schema), length: error.data.length, limit: p.limit }));
        case "minProperties": return one(say("min_properties", { title: title(schema) }));
        case "minItems": return one(say("min_items", { title: title(schema), limit: p.limit }));
        case "maxItems": return one(say("max_items", { title: title(schema), count: error.data.length, limit: p.limit }));
        case "uniqueItems": return one(say("unique_items", { title: title(schema) }));
        case "const": return one(say("const", { title: title(schema), value: p.allowedValue }));
        default: return one(say("other", { title: title(schema), validator: error.keyword }));
      }
    }

    function problems(data) {
      var root = schemaOf(data);
      var name = root.$id;
      if (!validators[name]) validators[name] = ajv.compile(root);
      if (validators[name](data)) return [];
      var seen = {};
      var found = [];
      validators[name].errors.forEach(function (error) {
        describe(error, root, data).forEach(function (item) {
          var key = item.path.join("/") + "|" + item.message;
          if (!seen[key]) { seen[key] = true; found.push(item); }
        });
      });
      return found;
    }

    function figuresOf(data) {
      var result = [];
      Object.keys(data).forEach(function (key) {
        var section = data[key];
        if (section && typeof section === "object" && section.figures && typeof section.figures === "object") {
          Object.keys(section.figures).forEach(function (code) {
            if (typeof section.figures[code] === "number") result.push([key, code, section.figures[code]]);
          });
        }
      });
      return result;
    }

    // The warnings validate gives across periods (X012, X016, X019), against the last
    // period's and Q4's figures read from the backend.
    function warnings(path, data) {
      var report = SETTINGS.reports[path] || {};
      var known = context[path] || {};
      var found = [];
      figuresOf(data).forEach(function (item) {
        var indicator = SETTINGS.indicators[item[1]];
        var value = item[2];
        var where = [item[0], "figures", item[1]];
        var old = (known.previous || {})[item[1]];
        if (indicator && old !== undefined && old !== 0 && value !== 0) {
          var ratio = Math.abs(value / old);
          if (indicator.level && (ratio > W.jump_factor || ratio < 1 / W.jump_factor)) {
            found.push({ path: where, message: say("jump", {
              name: indicator.name, period: report.previous_period, old: g(old), value: g(value),
              unit: indicator.unit, factor: W.jump_factor,
            }) });
          } else if (indicator.flow && report.same_year && value < old) {
            found.push({ path: where, message: say("falling_total", {
              name: indicator.name, period: report.previous_period, old: g(old),
            }) });
          }
        }
        var q4 = (known.q4 || {})[item[1]];
        if (indicator && indicator.flow && q4 !== undefined &&
            Math.abs(value - q4) > W.annual_tolerance * Math.max(Math.abs(value), Math.abs(q4))) {
          found.push({ path: where, message: say("annual_below_q4", {
            name: indicator.name, value: g(value), unit: indicator.unit, q4: g(q4),
            tolerance: Math.round(W.annual_tolerance * 100) + "%",
          }) });
        }
      });
      return found;
    }

    // A report file's figures, read line by line: `  code: 12.5` under a section's figures.
    function readFigures(text) {
      var figures = {};
      String(text || "").split("\n").forEach(function (line) {
        var match = /^\s+([a-z_0-9]+):\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*(#.*)?$/.exec(line);
        if (match && SETTINGS.indicators[match[1]]) figures[match[1]] = Number(match[2]);
      });
      return figures;
    }

    function readContext(path, getEntry) {
      var report = SETTINGS.reports[path];
      if (!report || context[path] && context[path].read) return;
      var known = (context[path] = context[path] || {});
      known.read = true;
      [["previous", report.previous], ["q4", report.q4]].forEach(function (pair) {
        if (!pair[1]) return;
        getEntry(pair[1]).then(
          function (entry) { if (entry && entry.data != null) known[pair[0]] = readFigures(entry.data); },
          function () { return null; }
        );
      });
    }

    function setFresh(path, fresh) {
      (context[path] = context[path] || {}).fresh = fresh;
    }

    var ui = window.sctrackUi(SETTINGS, context);

    // Refuse the save while a schema problem remains; show the warnings once before saving.
    function gate(path, data) {
      var found = problems(data);
      var warned_ = warnings(path, data);
      ui.show(found, warned_, data);
      if (found.length) {
        // A string, not an Error: Decap's notice shows it as it is (no "Error: ").
        throw "有 " + found.length + " 处需要修改，见表单中标红的说明。";
      }
      var key = JSON.stringify(data);
      if (warned_.length && warned.key !== key) {
        warned.key = key;
        throw "请核对 " + warned_.length + " 处提示；确认无误后再次点击“保存”。";
      }
    }

    return {
      coerce: coerce,
      problems: problems,
      warnings: warnings,
      gate: gate,
      readContext: readContext,
      setFresh: setFresh,
      words: ui.words,
      decorate: ui.decorate,
      name: ui.name,
    };
  };
})();
