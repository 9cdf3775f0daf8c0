/* 在线报送: a report's data written as the repository keeps it, in the browser.
 *
 * The same bytes as site_builder/load/yamlwrite.py `dump` (what `sctrack new` and
 * `sctrack import` write): block style, keys in the layout's order, the section headings
 * as comment lines, text plain / double-quoted / block literal by the scalar rules.
 * The rules and layouts are not written here: they come from Python as JSON
 * (`report_layout.layouts_json`, in the page's settings). Runs in the page (as
 * `SctrackCanonical`) and under Node (tests/site/test_canonical_layout.py).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SctrackCanonical = factory();
})(this, function () {
  "use strict";

  function hex(code, width) {
    var text = code.toString(16).toUpperCase();
    while (text.length < width) text = "0" + text;
    return text;
  }

  function Rules(rules) {
    var whole = function (name) { return new RegExp("^(?:" + rules[name] + ")$", "u"); };
    this.indent = rules.indent;
    this.exactIntegers = rules.exact_integers;
    this.notText = whole("not_text");
    this.plain = whole("plain");
    this.literal = whole("literal");
    this.asItself = whole("quoted_as_itself");
    this.escapes = rules.escapes;
  }

  Rules.prototype.quoted = function (text) {
    var self = this;
    return '"' + Array.from(text).map(function (char) {
      if (self.asItself.test(char)) return char;
      if (Object.prototype.hasOwnProperty.call(self.escapes, char)) return self.escapes[char];
      var code = char.codePointAt(0);
      if (code < 0x100) return "\\x" + hex(code, 2);
      return code < 0x10000 ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
    }).join("") + '"';
  };

  Rules.prototype.isPlain = function (text) {
    return this.plain.test(text) && !this.notText.test(text);
  };

  Rules.prototype.number = function (value) {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    if (value === 0) return "0";
    var whole = Number.isInteger(value) && Math.abs(value) >= this.exactIntegers;
    return whole ? value.toExponential() : String(value);
  };

  // [text after `key:`, lines of a block literal]
  Rules.prototype.scalar = function (value) {
    if (value === null || value === undefined) return ["", []];
    if (typeof value === "boolean") return [value ? "true" : "false", []];
    if (typeof value === "number") return [this.number(value), []];
    if (Array.isArray(value)) return ["[]", []];
    if (typeof value === "object") return ["{}", []];
    var text = String(value);
    if (text.indexOf("\n") < 0) return [this.isPlain(text) ? text : this.quoted(text), []];
    if (!this.literal.test(text)) return [this.quoted(text), []];
    var ends = text.charAt(text.length - 1) === "\n";
    return [ends ? "|" : "|-", (ends ? text.slice(0, -1) : text).split("\n")];
  };

  Rules.prototype.key = function (key) {
    var text = String(key);
    return this.isPlain(text) ? text : this.quoted(text);
  };

  function spaces(count) { return new Array(count + 1).join(" "); }

  function Writer(rules, layout) {
    this.rules = rules;
    this.layout = layout;
  }

  Writer.prototype.entry = function (head, value, path, indent) {
    var pad = spaces(indent);
    var step = this.rules.indent;
    if (Array.isArray(value) && value.length) {
      return [pad + head].concat(this.sequence(value, path + "[]", indent + step));
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value) &&
        Object.keys(value).length) {
      return [pad + head].concat(this.mapping(value, path, indent + step));
    }
    var parts = this.rules.scalar(value);
    var inner = spaces(indent + step);
    return [parts[0] ? pad + head + " " + parts[0] : pad + head].concat(
      parts[1].map(function (line) { return line ? inner + line : ""; })
    );
  };

  Writer.prototype.mapping = function (data, path, indent) {
    var known = this.layout.order[path] || [];
    var keys = known.filter(function (k) { return Object.prototype.hasOwnProperty.call(data, k); })
      .concat(Object.keys(data).filter(function (k) { return known.indexOf(k) < 0; }));
    var lines = [];
    var self = this;
    keys.forEach(function (key) {
      if (indent === 0 && Object.prototype.hasOwnProperty.call(self.layout.headings, key)) {
        lines.push("", "# " + self.layout.headings[key]);
      }
      var child = path ? path + "." + key : key;
      lines = lines.concat(self.entry(self.rules.key(key) + ":", data[key], child, indent));
    });
    return lines;
  };

  Writer.prototype.sequence = function (items, path, indent) {
    var lines = [];
    var self = this;
    var step = this.rules.indent;
    items.forEach(function (item) {
      var inner = self.entry("-", item, path, indent);
      if (inner.length > 1 && inner[0].trim() === "-" && item !== null && typeof item === "object") {
        // `- key: value`: the item's first line moves up onto the dash
        inner = [spaces(indent) + "- " + inner[1].slice(indent + step)].concat(inner.slice(2));
      }
      lines = lines.concat(inner);
    });
    return lines;
  };

  /* The file's text: the layout's first line, the preamble (comment lines kept from the
   * file), then the data. `settings` is layouts_json(); `key` names the layout. */
  function dump(data, settings, key, preamble) {
    var layout = settings.reports[key];
    if (!layout) throw new Error("没有这类报告的版式：" + key);
    var writer = new Writer(new Rules(settings.scalars), layout);
    var lines = [layout.first_line].concat(preamble || [], writer.mapping(data, "", 0));
    return lines.join("\n") + "\n";
  }

  /* The comment lines that open a file, but its schema line (yamlwrite's preamble_of). */
  function preambleOf(text, settings) {
    var whole = function (name) {
      return new RegExp("^(?:" + settings.scalars[name] + ")$", "u");
    };
    var comment = whole("comment_line");
    var schemaLine = whole("schema_line");
    var lines = [];
    var all = String(text || "").split("\n");
    for (var i = 0; i < all.length && comment.test(all[i]); i += 1) {
      if (!schemaLine.test(all[i])) lines.push(all[i]);
    }
    return lines;
  }

  return { dump: dump, preambleOf: preambleOf };
});
