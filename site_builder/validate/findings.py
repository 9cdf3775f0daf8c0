"""Findings: what the loader and the validator say about a file.

A finding is a value, never an exception: the loader and the validator
return them, and only the reporter and the CLI print them. Every code is
stable (scripts and the guides refer to it) and listed in `CODES` with a
short Chinese title; the message says what is wrong and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based; 1 when a whole file is concerned
    col: int  # 1-based
    code: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


# code -> short title. L: reading the file, S: the schema, X: rules across files.
CODES = {
    "L001": "符号链接",
    "L002": "文件过大",
    "L003": "二进制文件",
    "L004": "GBK/GB18030 编码",
    "L005": "不是 UTF-8 编码",
    "L006": "空文件",
    "L007": "Tab 缩进",
    "L008": "嵌套过深",
    "L009": "YAML 语法错误",
    "L010": "重复的键",
    "L011": "锚点或别名",
    "L012": "顶层不是键值对",
    "L013": "多个文档",
    "L014": "不支持的键",
    "L015": "不支持的 YAML 标签",
    "L016": "无法读取",
    "S001": "缺少必填项",
    "S002": "不认识的字段",
    "S003": "类型不对",
    "S004": "应加引号的文本",
    "S005": "不在可选值中",
    "S006": "格式不对",
    "S007": "日期不对",
    "S008": "超出范围",
    "S009": "内容为空或过长",
    "S010": "列表不符合要求",
    "S011": "此类项目不填此项",
    "S012": "不是有效数值",
    "S099": "其他结构问题",
    "X001": "文件夹名与项目编号不一致",
    "X002": "不认识的文件",
    "X003": "报告期与文件名不一致",
    "X004": "早于纳入跟进",
    "X005": "晚于取消资格",
    "X006": "报告期尚未结束",
    "X007": "城市不存在",
    "X008": "不适用于本项目",
    "X009": "项目编号与文件夹不一致",
    "X010": "缺少立项信息",
    "X011": "项目类别不一致",
    "X012": "数值变化超过十倍",
    "X013": "目标编号重复或不存在",
    "X014": "项目不存在",
    "X015": "编号重复",
    "X016": "累计值下降",
    "X017": "日期顺序不对",
    "X018": "缺少必需的文件",
    "X019": "年度数与四季度累计不一致",
}


def at(
    path: str, code: str, message: str, line: int = 1, col: int = 1, *, warning: bool = False
) -> Finding:
    """Build a finding; `code` must be one of CODES."""
    assert code in CODES, code
    return Finding(path, line, col, code, message, WARNING if warning else ERROR)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
