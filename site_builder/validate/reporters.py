"""Print findings as text lines, GitHub workflow annotations or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from site_builder.validate.findings import CODES, Finding


def _summary(findings: list[Finding], files: int) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return f"检查了 {files} 个文件，没有发现问题。"
    return f"检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告。" + (
        "请按上面的提示修改后重新提交。" if errors else ""
    )


def text(findings: list[Finding], files: int) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.col}: {f.code} {'警告：' if not f.is_error else ''}{f.message}"
        for f in findings
    ]
    lines.append(_summary(findings, files))
    return "\n".join(lines)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], files: int) -> str:
    """Workflow commands that GitHub shows as annotations on the pull request's lines."""
    lines = []
    for f in findings:
        level = "error" if f.is_error else "warning"
        title = _escape_property(f"{f.code} {CODES.get(f.code, '')}")
        lines.append(
            f"::{level} file={_escape_property(f.path)},line={f.line},col={f.col},title={title}::{_escape_data(f.message)}"
        )
    lines.append(_summary(findings, files))
    return "\n".join(lines)


def as_json(findings: list[Finding], files: int) -> str:
    return json.dumps(
        {
            "ok": not any(f.is_error for f in findings),
            "files": files,
            "errors": sum(f.is_error for f in findings),
            "warnings": sum(not f.is_error for f in findings),
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "col": f.col,
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


REPORTER_BY_NAME: dict[str, Callable[[list[Finding], int], str]] = {
    "text": text,
    "github": github,
    "json": as_json,
}
