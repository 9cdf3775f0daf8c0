"""字段说明: the field reference page, generated from the schemas' titles and descriptions."""

from __future__ import annotations

from markupsafe import Markup

from site_builder.findings import CODES
from site_builder.present.markdown import Page, table
from site_builder.present.markup import text
from site_builder.spec import catalogue, schema

TYPE_NAMES = {
    "string": "文本",
    "number": "数字",
    "integer": "整数",
    "boolean": "true/false",
    "array": "列表",
    "object": "分项",
}


def _type(node: dict) -> str:
    if "enum" in node:
        labels = node.get("x-enum-labels", {})
        return "可选值：" + "、".join(
            f"{code}（{labels.get(code, code)}）" for code in node["enum"]
        )
    if node.get("format") == "date":
        return "日期 YYYY-MM-DD"
    kind = node.get("type", "")
    name = TYPE_NAMES.get(kind, kind)
    if "x-unit" in node:
        name += f"，单位：{node['x-unit']}"
    return name


def _visibility(node: dict) -> str:
    return "仅授权用户" if node.get("x-visibility") == "internal" else "可公开"


def _rows(node: dict, prefix: str, required: set[str]) -> list[list]:
    rows = []
    for key, sub in node.get("properties", {}).items():
        if not isinstance(sub, dict):
            continue
        path = f"{prefix}{key}"
        rows.append(
            [
                Markup(f"`{path}`"),
                sub.get("title", ""),
                _type(sub),
                "是" if key in required else "",
                _visibility(sub),
                sub.get("description", ""),
            ]
        )
        if sub.get("type") == "object" and "properties" in sub:
            rows += _rows(sub, path + ".", set(sub.get("required", [])))
        items = sub.get("items")
        if isinstance(items, dict) and "properties" in items:
            rows += _rows(items, path + "[].", set(items.get("required", [])))
    return rows


HEADERS = ["字段", "中文名", "类型", "必填", "公开范围", "说明"]


def _schema_section(name: str, heading: str) -> list[str]:
    node = schema.load(name)
    lines = [f"## {heading}", "", text(node["description"]), ""]
    lines += [table(HEADERS, _rows(node, "", set(node.get("required", [])))), ""]
    return lines


def _report_section(kind: str, heading: str) -> list[str]:
    lines = [f"### {heading}", ""]
    for part in schema.report_parts(kind, annual=False):
        lines += [f"#### {text(part.heading)}", "", text(part.schema.get("description", "")), ""]
        sub = part.schema
        if sub.get("type") == "array":
            rows = _rows(sub["items"], f"{part.key}[].", set(sub["items"].get("required", [])))
        elif sub.get("type") == "object":
            rows = _rows(sub, f"{part.key}.", set(sub.get("required", [])))
        else:
            rows = [
                [
                    Markup(f"`{part.key}`"),
                    sub.get("title", ""),
                    _type(sub),
                    "是",
                    _visibility(sub),
                    sub.get("description", ""),
                ]
            ]
        lines += [table(HEADERS, rows), ""]
    return lines


def fields_page() -> Page:
    lines = [
        "# 字段说明",
        "",
        "本页由数据结构定义（JSON Schema）自动生成，与校验程序使用的是同一份定义。"
        "“公开范围”为“仅授权用户”的字段不会出现在公开站点上。",
        "",
    ]
    lines += _schema_section("project", "立项信息 project.yaml")
    report = schema.load("quarterly-report")
    lines += [
        "## 季度进展报告与年度工作总结",
        "",
        text(report["description"]),
        "",
        '每份报告都有 `project`（项目编号）、`period`（报告期：季报如 2021-Q3，年度总结如 "2021"）和 '
        "`kind`（region 区域项目 / enterprise 企业项目）三项；年度总结另有必填的 `overall`（年度工作总体情况）。",
        "",
    ]
    lines += _report_section("region", "区域项目（通知第二部分）")
    lines += _report_section("enterprise", "企业项目（通知第三部分）")
    lines += [
        "## 指标目录",
        "",
        "报告中 `figures` 可填写的指标。流量指标填本年累计值，比率指标填本期值。",
        "",
    ]
    rows = []
    for ind in catalogue.indicators().values():
        applies = "、".join(
            "区域项目" if a == "region" else catalogue.label("enterprise_type", a)
            for a in ind.applies_to
        )
        rows.append(
            [
                Markup(f"`{ind.code}`"),
                ind.name,
                ind.unit,
                "越高越好" if ind.better == "higher" else "越低越好",
                {"flow": "本年累计", "ratio": "本期比率", "count": "期末数量"}[ind.measure],
                applies,
                ind.description,
            ]
        )
    lines += [table(["代码", "指标", "单位", "方向", "口径", "适用于", "说明"], rows), ""]
    for name, heading in (
        ("cities", "城市与审核团队 registry/cities.yaml"),
        ("policy", "报送与调整规则 registry/policy.yaml"),
        ("adjustments", "动态调整决定 registry/adjustments.yaml"),
    ):
        lines += _schema_section(name, heading)
    lines += [
        "## 校验提示代码",
        "",
        "每条提示都带一个稳定的代码：L 开头为文件读取问题，S 开头为字段结构问题，X 开头为跨文件规则（sctrack validate）；R0 开头为修改范围检查（sctrack check-scope），R1 开头为审核改动说明中的更正和删除（sctrack diff）。",
        "",
    ]
    lines += [table(["代码", "含义"], [[code, title] for code, title in CODES.items()]), ""]
    return Page(
        "reference/fields.md", "\n".join(str(line) for line in lines), {"title": "字段说明"}
    )
