"""A review diff a city reviewer can read: `sctrack diff`.

For each changed file under `submissions/`, what changed in plain words under
the notice's headings (an item added or rewritten, a figure changed from X to
Y and by how much), not a YAML line diff. A report that existed at the base
revision was already confirmed, so its changed figures are corrections and
are flagged; deleted data is shown loudly. Those alerts are warnings (`Finding`s,
codes R1xx), so they print through the shared reporters as well.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.findings import Finding, at_path
from site_builder.load.periods import parse_period, parse_stem
from site_builder.load.text import normalise_space
from site_builder.load.tree import SUBMISSIONS
from site_builder.load.yamlsafe import parse_text
from site_builder.review.git import Change, changes, show
from site_builder.spec import catalogue, schema

EXCERPT = 60


@dataclass
class FileDiff:
    path: str
    title: str
    status: str  # added | modified | deleted | renamed
    confirmed_before: bool  # the file was on the base branch: changes are corrections
    lines: list[tuple[str, str]] = field(default_factory=list)  # (part heading, sentence)
    alerts: list[Finding] = field(default_factory=list)  # deletions and corrections, shown first

    def alert(self, code: str, message: str) -> None:
        self.alerts.append(at_path(self.path, code, message, warning=True))

    def deleted(self, heading: str, what: str, where: str = "") -> None:
        """Deleted data: a line under its heading, and a warning (with `where` added)."""
        self.lines.append((heading, f"删除了{what}。"))
        self.alert("R102", f"删除了{what}{where}")


def _excerpt(value: object) -> str:
    text = normalise_space(value)
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


# Characters that make Markdown or HTML in GitHub's and GitLab's job summaries: written as
# character references, so a title cannot open a comment (`<!--`), a link or emphasis.
_MARKDOWN_SPECIALS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>&|~!#"})
# Autolinks and @mentions are found in the text after references are decoded: a zero-width
# space breaks them without changing what a reader sees.
_AUTOLINKS = ((":/", ":\u200b/"), ("www.", "www\u200b."), ("@", "@\u200b"))


def inline_markdown(value: object) -> str:
    """Submitted text as inert Markdown on one line: no block, link, HTML, mention or autolink."""
    line = normalise_space(value).translate(_MARKDOWN_SPECIALS)
    for pattern, broken in _AUTOLINKS:
        line = line.replace(pattern, broken)
    return line


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _figure(value: object, unit: str) -> str:
    """A figure with its unit; anything that is not a number (the head may not be valid) quoted."""
    return f"{_number(value)}{unit}" if _is_number(value) else f"“{_excerpt(value)}”"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _mapping(value: object) -> dict[str, Any]:
    """A part, a figures block or a row as a dict; anything else (an invalid head) as empty."""
    return value if isinstance(value, dict) else {}


def _key(value: object) -> Hashable:
    """A title or target id usable as a dict key, whatever type the file gave it."""
    return value if isinstance(value, (str, int, float, bool)) or value is None else repr(value)


def _load(text: str | None, path: str) -> dict[str, Any] | None:
    return None if text is None else parse_text(text, path).data


def _title(path: str) -> str:
    parts = path.split("/")
    if len(parts) == 4 and parts[1] == "projects":
        period = parse_stem(parts[3].removesuffix(".yaml"))
        if period is not None:
            return f"{parts[2]} · {period.report_name}"
        return f"{parts[2]} · {parts[3]}"
    return path


def _changed(before: Mapping[Any, Any], after: Mapping[Any, Any]) -> Iterator[tuple[Any, Any, Any]]:
    """(key, old value, new value) for every key whose value differs, in first-seen order."""
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old != new:
            yield key, old, new


def _compare_report(diff: FileDiff, old: dict[str, Any], new: dict[str, Any]) -> None:
    """A report's changes, part by part in the outline's order, each by its part's comparer."""
    kind = new.get("kind") or old.get("kind")
    period = parse_period(str(new.get("period", "")))  # ASCII digits only, as in file names
    annual = period is not None and period.is_annual
    if annual and old.get("overall") != new.get("overall"):
        diff.lines.append(("年度工作总体情况", "改写了年度工作总体情况。"))
    for part in schema.report_parts(kind, annual):
        before, after = old.get(part.key), new.get(part.key)
        if before == after:
            continue
        compare = _PART_COMPARERS.get(part.key)
        if compare is not None:
            compare(diff, part.heading, before, after)
        else:
            _compare_section(diff, part, _mapping(before), _mapping(after))


def _compare_problems(diff: FileDiff, heading: str, before: Any, after: Any) -> None:
    diff.lines.append((heading, f"问题及建议由 {_count(before)} 条变为 {_count(after)} 条。"))


def _compare_next_steps(diff: FileDiff, heading: str, before: Any, after: Any) -> None:
    diff.lines.append((heading, f"改为：{_excerpt(after)}" if after else "删除了下一步工作计划。"))


def _compare_section(
    diff: FileDiff, part: schema.Part, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """A part of items and figures: each item added, deleted or rewritten, then the figures."""
    heading = part.heading
    for key, sub in part.items:
        if before.get(key) == after.get(key):
            continue
        title = sub["title"]
        if key not in after:
            diff.deleted(heading, f"“{title}”", f"（{heading}）")
        elif key not in before:
            diff.lines.append((heading, f"新增“{title}”：{_excerpt(after[key])}"))
        else:
            diff.lines.append((heading, f"改写了“{title}”：{_excerpt(after[key])}"))
    _compare_figures(
        diff, heading, part, _mapping(before.get("figures")), _mapping(after.get("figures"))
    )


def _compare_figures(
    diff: FileDiff, heading: str, part: schema.Part, before: dict[str, Any], after: dict[str, Any]
) -> None:
    for code, old, new in _changed(before, after):
        sub = part.figures.get(code, {})
        name = sub.get("title", code)
        unit = sub.get("x-unit", "")
        if new is None:
            diff.deleted(heading, f"指标“{name}”（原为 {_figure(old, unit)}）")
        elif old is None:
            diff.lines.append((heading, f"新增指标“{name}”：{_figure(new, unit)}。"))
        else:
            if not (_is_number(old) and _is_number(new)):
                change = ""  # the validator names a figure that is not a number; say only what
            elif unit == "%":  # a rate moves by percentage points, not by a percentage of itself
                change = f"，{'上升' if new > old else '下降'} {abs(new - old):.2f} 个百分点"
            elif old:
                change = (
                    f"，{'增加' if new > old else '减少'} {abs(new - old) / abs(old) * 100:.1f}%"
                )
            else:
                change = ""
            sentence = f"“{name}”由 {_figure(old, unit)} 改为 {_figure(new, unit)}{change}。"
            diff.lines.append((heading, sentence))
            if diff.confirmed_before:
                diff.alert("R101", f"更正已确认的数据：{sentence}")


def _compare_targets(diff: FileDiff, heading: str, before: Any, after: Any) -> None:
    before, after = _mapping(before), _mapping(after)
    old, new = _rows(before.get("progress"), "target"), _rows(after.get("progress"), "target")
    for target, a, b in _changed(old, new):
        if b is None:
            diff.lines.append((heading, f"删除了目标 {target} 的进展。"))
        elif a is None or a.get("status") != b.get("status"):
            diff.lines.append((heading, f"目标 {target} 的状态：{_status(a)} → {_status(b)}。"))
        else:
            diff.lines.append((heading, f"改写了目标 {target} 的进展说明。"))
    if before.get("summary") != after.get("summary"):
        diff.lines.append((heading, "改写了目标完成情况概述。"))


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else 0


def _status(row: dict[str, Any] | None) -> str:
    status = row.get("status") if row else None
    if status is None:
        return "（无）"
    return catalogue.label("target_status", status) if isinstance(status, str) else _excerpt(status)


def _rows(value: object, key: str) -> dict[Hashable, Any]:
    """The dict rows of a list by their `key` (a target id, a case title); anything else: none."""
    rows = value if isinstance(value, list) else []
    return {_key(row.get(key)): row for row in rows if isinstance(row, dict)}


def _compare_cases(diff: FileDiff, heading: str, before: Any, after: Any) -> None:
    old, new = _rows(before, "title"), _rows(after, "title")
    for title, a, b in _changed(old, new):
        if b is None:
            diff.deleted(heading, f"案例“{title}”")
        elif a is None:
            public = "申请公开发布" if b.get("public") else "不公开"
            diff.lines.append((heading, f"新增案例“{title}”（{public}）。"))
        elif bool(a.get("public")) != bool(b.get("public")):
            diff.lines.append(
                (heading, f"案例“{title}”改为{'申请公开发布' if b.get('public') else '不公开'}。")
            )
        else:
            diff.lines.append((heading, f"修改了案例“{title}”的内容。"))


# Parts compared by their own rule; every other part is a section of items and figures.
_PART_COMPARERS: dict[str, Callable[[FileDiff, str, Any, Any], None]] = {
    "problems": _compare_problems,
    "next_steps": _compare_next_steps,
    "cases": _compare_cases,
    "targets": _compare_targets,
}


def _compare_generic(
    diff: FileDiff, old: dict[str, Any], new: dict[str, Any], prefix: str = ""
) -> None:
    """Project registrations and the registry: changed keys, in plain words."""
    for key, a, b in _changed(old, new):
        label = f"{prefix}{key}"
        if isinstance(a, dict) and isinstance(b, dict):
            _compare_generic(diff, a, b, f"{label}.")
        elif b is None:
            diff.deleted("", f" {label}")
        elif a is None:
            diff.lines.append(("", f"新增 {label}：{_excerpt(b)}"))
        else:
            diff.lines.append(("", f"{label}：{_excerpt(a)} → {_excerpt(b)}"))


def review(root: Path, base: str, head: str) -> list[FileDiff]:
    """What changed under submissions/ from `base` to `head`, file by file, in plain words."""
    return [
        _file_diff(root, base, head, change)
        for change in changes(root, base, head)
        if change.path.startswith(f"{SUBMISSIONS}/")
        or (change.old_path or change.path).startswith(f"{SUBMISSIONS}/")
    ]


def _file_diff(root: Path, base: str, head: str, change: Change) -> FileDiff:
    old_path = change.old_path or change.path
    old_text = None if change.status == "A" else show(root, base, old_path)
    new_text = None if change.status == "D" else show(root, head, change.path)
    status = {"A": "added", "D": "deleted", "R": "renamed"}.get(change.status, "modified")
    diff = FileDiff(change.path, _title(change.path), status, confirmed_before=old_text is not None)
    if change.status == "R":
        diff.lines.append(("", f"由 {change.old_path} 改名而来。"))
    _describe(diff, old_path, _load(old_text, old_path), _load(new_text, change.path))
    return diff


def _describe(
    diff: FileDiff, old_path: str, old: dict[str, Any] | None, new: dict[str, Any] | None
) -> None:
    """The change of one file by what it is: deleted, unreadable, new, a report or other data."""
    is_report = bool(parse_stem(Path(diff.path).stem))
    if new is None and old is not None:
        diff.alert(
            "R103",
            "删除了整个文件（已确认的报告将从站点消失）"
            if parse_stem(Path(old_path).stem)
            else "删除了整个文件",
        )
    elif new is None:
        diff.lines.append(("", "文件无法读取，请查看校验结果。"))
    elif old is None:
        diff.lines.append(("", "新提交的文件。"))
        if is_report and isinstance(new.get("kind"), str):
            _compare_report(diff, {}, new)
    elif is_report and isinstance(new.get("kind"), str):
        _compare_report(diff, old, new)
    else:
        _compare_generic(diff, old, new)


STATUS_WORDS = {"added": "新增", "modified": "修改", "deleted": "删除", "renamed": "改名"}


def to_markdown(diffs: list[FileDiff]) -> str:
    if not diffs:
        return "## 报送数据改动\n\n本次没有改动 submissions/ 下的文件。\n"
    lines = ["## 报送数据改动", ""]
    for diff in diffs:
        title, path = inline_markdown(diff.title), inline_markdown(diff.path)
        lines += [f"### {STATUS_WORDS[diff.status]}：{title}", "", f"<code>{path}</code>", ""]
        for alert in diff.alerts:
            lines.append(f"> **⚠ {inline_markdown(alert.message)}**")
        if diff.alerts:
            lines.append("")
        current = None
        for heading, sentence in diff.lines:
            if heading and heading != current:
                lines += ["", f"**{inline_markdown(heading)}**", ""]
                current = heading
            lines.append(f"- {inline_markdown(sentence)}")
        lines.append("")
    return "\n".join(lines)


def to_text(diffs: list[FileDiff]) -> str:
    if not diffs:
        return "本次没有改动 submissions/ 下的文件。"
    lines = []
    for diff in diffs:
        lines.append(f"【{STATUS_WORDS[diff.status]}】{diff.title}（{diff.path}）")
        lines += [f"  ！！{alert.message}" for alert in diff.alerts]
        lines += [
            f"  {heading + '：' if heading else ''}{sentence}" for heading, sentence in diff.lines
        ]
    return "\n".join(lines)


def alerts(diffs: list[FileDiff]) -> list[Finding]:
    """Every file's alerts, for the findings reporters (`--format json|github`)."""
    return [alert for diff in diffs for alert in diff.alerts]
