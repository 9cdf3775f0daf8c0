"""Print findings as text lines, GitHub workflow annotations, JSON or GitLab Code Quality.

Every command that judges input (validate, import, check-scope, build, diff) prints
through these, whatever its findings point at: a file's line, a workbook's cell or a
path in git. The caller names what it judged (`unit`, a counted noun with its measure
word, such as "个文件" or "个工作簿") for the summary line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence

from site_builder.findings import CODES, FILES, Finding
from site_builder.validate.values import printable

Reporter = Callable[[Sequence[Finding], int, str], str]


def _summary(findings: Sequence[Finding], count: int, unit: str) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return f"检查了 {count} {unit}，没有发现问题。"
    return f"检查了 {count} {unit}：{errors} 个错误，{warnings} 个警告。" + (
        "请按上面的提示修改后重新提交。" if errors else ""
    )


def text(findings: Sequence[Finding], count: int, unit: str = FILES) -> str:
    """One line a finding, then the summary.

    `path:line:col: CODE message`, `book.xlsx 组织保障!C5: CODE message` or `path: CODE message`.
    """
    lines = [
        # One line each, whatever a file is named: a line break in a name could otherwise
        # start a line of its own (in GitHub Actions, `::error ...` is a workflow command).
        printable(f"{f.location}: {f.code} {'' if f.is_error else '警告：'}{f.message}")
        for f in findings
    ]
    lines.append(_summary(findings, count, unit))
    return "\n".join(lines)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding) -> str:
    level = "error" if f.is_error else "warning"
    title = _escape_property(f"{f.code} {CODES.get(f.code, '')}")
    if f.location.is_file_line:
        where = f"file={_escape_property(f.path)},line={f.line},col={f.col},"
        return f"::{level} {where}title={title}::{_escape_data(f.message)}"
    # GitHub can place an annotation on a file's line only: a cell or a whole path
    # goes into the message so that the reader still sees where.
    return f"::{level} title={title}::{_escape_data(f'{f.location}: {f.message}')}"


def github(findings: Sequence[Finding], count: int, unit: str = FILES) -> str:
    """Workflow commands that GitHub shows as annotations on the pull request's lines."""
    lines = [_annotation(f) for f in findings]
    lines.append(_summary(findings, count, unit))
    return "\n".join(lines)


def as_json(findings: Sequence[Finding], count: int, unit: str = FILES) -> str:
    """One object: ok, files (how many were judged), errors, warnings and every finding."""
    return json.dumps(
        {
            "ok": not any(f.is_error for f in findings),
            "files": count,
            "errors": sum(f.is_error for f in findings),
            "warnings": sum(not f.is_error for f in findings),
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "col": f.col,
                    "sheet": f.location.sheet,
                    "cell": f.location.cell,
                    "code": f.code,
                    "severity": f.severity,
                    "message": f.message,
                }
                for f in findings
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


# GitLab's Code Quality severities: an error blocks the merge, a warning is for a look.
_GITLAB_SEVERITY = {True: "critical", False: "minor"}


def gitlab(findings: Sequence[Finding], count: int, unit: str = FILES) -> str:
    """A GitLab Code Quality report (`artifacts:reports:codequality`) for the merge request's
    widget: one issue a finding, a stable fingerprint each (GitLab keeps one per fingerprint).

    `count` and `unit` have no place in the format; a file with no findings is `[]`.
    """
    issues = []
    for f in findings:
        where = f"{f.location}: " if not f.location.is_file_line else ""
        key = "\0".join([str(f.location), f.code, f.message])
        issues.append(
            {
                "description": f"{where}{f.message}",
                "check_name": f.code,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
                "severity": _GITLAB_SEVERITY[f.is_error],
                "location": {"path": f.path, "lines": {"begin": max(f.line, 1)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)


REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text,
    "github": github,
    "json": as_json,
    "gitlab": gitlab,
}
