"""`sctrack new`: the next report's skeleton, written from the schema.

Written by the one report writer (`load/report_layout.py`): every part of the
notice's outline under its Chinese heading, each item with its description as
a comment and an empty value to fill in; the
project's targets are carried forward with their last status; last period's
figures are shown as comments, never as values (a copied figure would be
confirmed as this period's).
"""

from __future__ import annotations

from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Project, Report
from site_builder.load.report_layout import report_text
from site_builder.load.text import normalise_space
from site_builder.spec import catalogue, schema

# The commented-out example of a case, in the layout every writer gives a case.
CASE_EXAMPLE = [
    "cases:",
    "  - title: 案例标题",
    "    summary: 一两句话的摘要",
    "    body: |",
    "      ### 背景",
    "      ……",
    "    tags:",
    "      - business_model",
    "    public: false",
]


def _previous(corpus: Corpus, project: Project, period: Period) -> Report | None:
    earlier = [
        r
        for r in corpus.reports_of(project.id)
        if r.period < period and r.period.is_annual == period.is_annual
    ]
    return max(earlier, key=lambda r: r.period) if earlier else None


def skeleton(corpus: Corpus, project: Project, period: Period, due: str) -> str:
    """The skeleton in the canonical layout, with help comments and empty values to fill."""
    previous = _previous(corpus, project, period)
    last_figures = previous.figures() if previous else {}
    # Through normalise_space like every comment that quotes data: a line break in a name
    # would otherwise end the comment and start a key of its own.
    preamble = (
        "# "
        + normalise_space(f"{project.name} {period.report_name}，请于 {due} 前提交并经审核确认。"),
        "# 逐项填写冒号后面的内容；没有进展的项目可以整行删除。文字较长时在冒号后写 | 并换行缩进。",
        "# 数据只写数字，不写单位；流量指标（金额、数量）填本年累计值；没有的数据删除这一行，不要填 0。",
        "# "
        + normalise_space(
            f"注释中的“上期”是 {previous.period.label if previous else '上一期'}报告的数字，只供参考。"
        ),
    )
    data: dict = {"project": project.id, "period": str(period), "kind": project.kind}
    notes: dict[tuple, list[str]] = {}
    if period.is_annual:
        overall = schema.load(schema.report_schema_name(True))["properties"]["overall"]
        data["overall"] = None
        notes[("overall",)] = [normalise_space(overall["description"])]
    for part in schema.report_parts(project.kind, period.is_annual):
        description = normalise_space(part.schema.get("description", ""))
        if part.key == "targets":
            data["targets"] = _targets(project, previous, notes, description)
        elif part.key == "problems":
            themes = "、".join(f"{k}（{v}）" for k, v in catalogue.labels("problem_theme").items())
            data["problems"] = [{"theme": "other", "problem": None, "suggestion": None}]
            notes[("problems",)] = [description, f"theme 可选：{themes}"]
        elif part.key == "next_steps":
            data["next_steps"] = None
            notes[("next_steps",)] = [description]
        elif part.key == "cases":
            tags = "、".join(f"{k}（{v}）" for k, v in catalogue.labels("case_tag").items())
            notes[("cases",)] = [
                description,
                "有案例时去掉下面各行开头的“# ”并填写；tags 可选：" + tags,
                *CASE_EXAMPLE,
            ]
        else:
            data[part.key] = _section(part, project, last_figures, notes)
    return report_text(data, period.is_annual, notes, preamble)


def _section(
    part: schema.Part, project: Project, last_figures: dict, notes: dict[tuple, list[str]]
) -> dict:
    section: dict = {}
    for number, (key, sub) in enumerate(part.items, start=1):
        applies = sub.get("x-applies-to")
        if applies and project.enterprise_type not in applies:
            continue
        section[key] = None
        notes[(part.key, key)] = [
            normalise_space(f"{number}. {sub['title']}：{sub['description']}")
        ]
    figures: dict = {}
    for code in part.figures:
        indicator = catalogue.indicators()[code]
        if not indicator.applies(project.kind, project.enterprise_type):
            continue
        note = f"{indicator.name}（{indicator.unit}）" + (
            "，本年累计" if indicator.measure == "flow" else ""
        )
        if code in last_figures:
            note += f"；上期 {last_figures[code]:g}"
        figures[code] = None
        notes[(part.key, "figures", code)] = [normalise_space(note)]
    if figures:
        section["figures"] = figures
    return section


def _targets(
    project: Project, previous: Report | None, notes: dict[tuple, list[str]], description: str
) -> dict:
    last = {}
    if previous:
        for row in previous.data.get("targets", {}).get("progress", []):
            last[row["target"]] = row
    statuses = "、".join(f"{k}（{v}）" for k, v in catalogue.labels("target_status").items())
    notes[("targets", "summary")] = [description]
    notes[("targets", "progress")] = [f"status 可选：{statuses}"]
    progress = []
    for number, target in enumerate(project.targets):
        progress.append(
            {
                "target": target.id,
                "status": last.get(target.id, {}).get("status", "in_progress"),
                "note": None,
            }
        )
        notes[("targets", "progress", number)] = [
            normalise_space(f"{target.id} {target.wording()}")
        ]
        if last.get(target.id, {}).get("note"):
            notes[("targets", "progress", number, "note")] = [
                normalise_space(f"上期说明：{last[target.id]['note']}")
            ]
    return {"summary": None, "progress": progress}
