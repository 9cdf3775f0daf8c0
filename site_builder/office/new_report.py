"""`sctrack new`: the next report's skeleton, written from the schema.

Every part of the notice's outline appears under its Chinese heading, each
item with its description as a comment and an empty value to fill in; the
project's targets are carried forward with their last status; last period's
figures are shown as comments, never as values (a copied figure would be
confirmed as this period's).
"""

from __future__ import annotations

import yaml

from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Project, Report
from site_builder.load.text import normalise_space
from site_builder.load.tree import schema_comment
from site_builder.spec import catalogue, schema


def _comment(text: str, indent: int) -> str:
    return f"{' ' * indent}# {normalise_space(text)}"


def _scalar(value) -> str:
    return (
        yaml.safe_dump(value, allow_unicode=True, default_flow_style=True)
        .strip()
        .removesuffix("...")
        .strip()
    )


def _previous(corpus: Corpus, project: Project, period: Period) -> Report | None:
    earlier = [
        r
        for r in corpus.reports_of(project.id)
        if r.period < period and r.period.is_annual == period.is_annual
    ]
    return max(earlier, key=lambda r: r.period) if earlier else None


def skeleton(corpus: Corpus, project: Project, period: Period, due: str) -> str:
    name = schema.report_schema_name(period.is_annual)
    previous = _previous(corpus, project, period)
    last_figures = previous.figures() if previous else {}
    kind_word = "工作总结" if period.is_annual else "进展报告"
    lines = [
        schema_comment(name),
        # Through _comment like every line that quotes data: a line break in a name would
        # otherwise end the comment and start a key of its own.
        _comment(f"{project.name} {period.label}{kind_word}，请于 {due} 前提交并经审核确认。", 0),
        "# 逐项填写冒号后面的内容；没有进展的项目可以整行删除。文字较长时在冒号后写 >- 并换行缩进。",
        "# 数据只写数字，不写单位；流量指标（金额、数量）填本年累计值；没有的数据删除这一行，不要填 0。",
        _comment(
            f"注释中的“上期”是 {previous.period.label if previous else '上一期'}报告的数字，只供参考。",
            0,
        ),
        f"project: {project.id}",
        f"period: {_scalar(str(period))}",
        f"kind: {project.kind}",
    ]
    if period.is_annual:
        overall = schema.load(name)["properties"]["overall"]
        lines += ["", "# 年度工作总体情况", _comment(overall["description"], 0), "overall:"]
    for part in schema.report_parts(project.kind, period.is_annual):
        lines += ["", f"# {part.heading}"]
        if part.key == "targets":
            lines += _targets(part, project, previous)
        elif part.key == "problems":
            themes = "、".join(f"{k}（{v}）" for k, v in catalogue.labels("problem_theme").items())
            lines += [
                _comment(part.schema["description"], 0),
                f"# theme 可选：{themes}",
                "problems:",
                "  - theme: other",
                "    problem:",
                "    suggestion:",
            ]
        elif part.key == "next_steps":
            lines += [_comment(part.schema["description"], 0), "next_steps:"]
        elif part.key == "cases":
            tags = "、".join(f"{k}（{v}）" for k, v in catalogue.labels("case_tag").items())
            lines += [
                _comment(part.schema["description"], 0),
                "# 有案例时去掉下面各行开头的“# ”并填写；tags 可选：" + tags,
                "# cases:",
                "#   - title: 案例标题",
                "#     summary: 一两句话的摘要",
                "#     body: |",
                "#       ### 背景",
                "#       ……",
                "#     tags: [business_model]",
                "#     public: false",
            ]
        else:
            lines.append(f"{part.key}:")
            for number, (key, sub) in enumerate(part.items, start=1):
                applies = sub.get("x-applies-to")
                if applies and project.enterprise_type not in applies:
                    continue
                lines += [
                    _comment(f"{number}. {sub['title']}：{sub['description']}", 2),
                    f"  {key}:",
                ]
            figures = [
                (code, sub)
                for code, sub in part.figures.items()
                if catalogue.indicators()[code].applies(project.kind, project.enterprise_type)
            ]
            if figures:
                lines.append("  figures:")
                for code, _schema in figures:
                    indicator = catalogue.indicators()[code]
                    note = f"{indicator.name}（{indicator.unit}）" + (
                        "，本年累计" if indicator.measure == "flow" else ""
                    )
                    if code in last_figures:
                        note += f"；上期 {last_figures[code]:g}"
                    lines += [_comment(note, 4), f"    {code}:"]
    return "\n".join(lines) + "\n"


def _targets(part: schema.Part, project: Project, previous: Report | None) -> list[str]:
    last = {}
    if previous:
        for row in previous.data.get("targets", {}).get("progress", []):
            last[row["target"]] = row
    statuses = "、".join(f"{k}（{v}）" for k, v in catalogue.labels("target_status").items())
    lines = [
        "targets:",
        _comment(part.schema["description"], 2),
        "  summary:",
        f"  # status 可选：{statuses}",
        "  progress:",
    ]
    for target in project.targets:
        what = target.wording()
        status = last.get(target.id, {}).get("status", "in_progress")
        lines += [
            _comment(f"{target.id} {what}", 4),
            f"    - target: {target.id}",
            f"      status: {status}",
        ]
        if last.get(target.id, {}).get("note"):
            lines.append(_comment(f"上期说明：{last[target.id]['note']}", 6))
        lines.append("      note:")
    return lines
