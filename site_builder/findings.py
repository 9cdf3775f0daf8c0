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
FILES = "个文件"  # what a summary line counts unless its caller judged something else


def column_letters(col: int) -> str:
    """1 -> A, 27 -> AA: a spreadsheet column's name (openpyxl is not imported for this)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding points: a file's line and column, a workbook's sheet and cell, or a path.

    Fields are ordered so that sorting findings sorts them as a reader expects: by file,
    then by sheet (in the workbook's order), then by line (row) and column.
    """

    path: str  # relative to the repository root with forward slashes, or a workbook's name
    sheet_index: int = 0  # the sheet's position in its workbook, for ordering only
    line: int = 1  # 1-based line, or row of `sheet`; 0 when the whole path is meant
    col: int = 1  # 1-based column
    sheet: str = ""  # a workbook sheet's name: then line/col are the cell's row and column
    rank: int = 0  # orders findings at one place (missing keys in the outline's order)

    @property
    def is_file_line(self) -> bool:
        """True for a text file's line (not a workbook cell, not a whole path)."""
        return not self.sheet and self.line > 0

    @property
    def cell(self) -> str:
        """`组织保障!C5` for a workbook location, "" otherwise."""
        if not self.sheet:
            return ""
        return f"{self.sheet}!{column_letters(self.col)}{self.line}"

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.path} {self.cell}"
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the input, with where it is and a stable code from CODES."""

    location: Location
    code: str
    message: str
    severity: str = ERROR

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def col(self) -> int:
        return self.location.col

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


# code -> short title. L: reading the file, S: the schema, X: rules across files,
# E: what a filled Excel workbook holds beyond its values (`sctrack import`),
# R0xx: what a pull request's author may not change (check-scope),
# R1xx: what a reviewer must look at twice (the review diff).
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
    "L017": "“#”后的文字被当作注释",
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
    "S013": "含有控制字符",
    "S014": "隐藏标记重复",
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
    "X012": "数值变化过大",
    "X013": "目标编号重复或不存在",
    "X014": "项目不存在",
    "X015": "编号重复",
    "X016": "累计值下降",
    "X017": "日期顺序不对",
    "X018": "缺少必需的文件",
    "X019": "年度数与四季度累计不一致",
    "X020": "统一社会信用代码校验不通过",
    "X021": "同一企业在同一层级有多个项目",
    "E001": "数字已按规范读入",
    "E002": "填报表以外的工作表",
    "E003": "填写区以外的内容",
    "E004": "合并单元格跨多项",
    "R001": "符号链接",
    "R002": "子模块",
    "R003": "无法识别的改动",
    "R004": "名称只有大小写不同",
    "R005": "登记信息只能由省商务厅修改",
    "R006": "工作流和审核规则只能由省级维护人员修改",
    "R007": "报送文件不在项目文件夹中",
    "R008": "程序、文档和配置只能由省级维护人员修改",
    "R009": "项目在目标分支上不存在",
    "R010": "不是该项目的报送人",
    "R011": "立项信息只能由省商务厅修改",
    "R012": "不是按报告期命名的报告",
    "R013": "删除已报送的报告",
    "R014": "提交人没有对应的账号",
    "R015": "提交不在平台给出的提交或推送记录中",
    "R016": "来自派生项目的合并请求",
    "R101": "更正已确认的数据",
    "R102": "删除了内容",
    "R103": "删除了整个文件",
}


def at(
    path: str, code: str, message: str, line: int = 1, col: int = 1, *, warning: bool = False
) -> Finding:
    """Build a finding; `code` must be one of CODES."""
    assert code in CODES, code
    return Finding(Location(path, line=line, col=col), code, message, WARNING if warning else ERROR)


def at_path(path: str, code: str, message: str, *, warning: bool = False) -> Finding:
    """A finding about a whole path (a file changed in git), with no line to point at."""
    assert code in CODES, code
    return Finding(Location(path, line=0, col=0), code, message, WARNING if warning else ERROR)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
