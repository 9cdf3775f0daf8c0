"""What a figure written the wrong way is told: the mistake named, the number to write given."""

from __future__ import annotations

import pytest

from site_builder.load.yamlsafe import parse_text
from site_builder.validate.run import check_schema

from conftest import FIXTURES

REPORT = "submissions/projects/alpha-region/2021-Q2.yaml"
TEXT = (FIXTURES / "base" / REPORT).read_text(encoding="utf-8")


def _message(old: str, new: str) -> str:
    assert old in TEXT
    parsed = parse_text(TEXT.replace(old, new, 1), REPORT)
    findings = check_schema("quarterly-report", parsed.data, parsed.positions, REPORT)
    assert len(findings) == 1, findings
    return findings[0].message


FINANCING_COST = "financing_cost: 5.9"  # unit %
SCF_VOLUME = "scf_volume: 7.2"  # unit 亿元
IMPORT_EXPORT = "    import_export: 4.4"  # 亿元; outbound_investment beside it is 万美元


@pytest.mark.parametrize(
    "old, new, says",
    [
        (
            FINANCING_COST,
            'financing_cost: "5.9"',
            "数字不要加引号（加了引号就成了文本），请去掉引号，写成 5.9",
        ),
        (FINANCING_COST, "financing_cost: '5.9'", "写成 5.9"),
        (FINANCING_COST, "financing_cost: “5.9”", "数字不要加引号，请去掉两边的引号，写成 5.9"),
        (FINANCING_COST, "financing_cost: ５.９", "全角数字“５.９”"),
        (FINANCING_COST, "financing_cost: ５．９", "写成 5.9"),
        (FINANCING_COST, "financing_cost: 5.9%", "单位已固定为%，请去掉“%”，只写数字 5.9"),
        (FINANCING_COST, "financing_cost: ５.９％", "数字要用半角"),
        (SCF_VOLUME, "scf_volume: 7.2亿元", "单位已固定为亿元，请去掉“亿元”，只写数字 7.2"),
        (
            SCF_VOLUME,
            "scf_volume: 620万元",
            "万元，而本项的单位是亿元：请先换算成亿元再写数字：620万元即 0.062亿元，写成 0.062",
        ),
        (SCF_VOLUME, "scf_volume: 620万美元", "按汇率折算成人民币，不要只删掉“万美元”"),
        (SCF_VOLUME, "scf_volume: 1,200", "千分位逗号"),
        (SCF_VOLUME, "scf_volume: 无", "删除这一行"),
        (SCF_VOLUME, "scf_volume: 约7亿", "不要写单位"),
        (
            IMPORT_EXPORT,
            f"{IMPORT_EXPORT}\n    outbound_investment: 620万元",
            "这里写的单位是万元，而本项的单位是万美元：请先换算成万美元再写数字（按汇率折算成美元",
        ),
        (IMPORT_EXPORT, f"{IMPORT_EXPORT}\n    outbound_investment: 620万", "单位已固定为万美元"),
    ],
)
def test_figure_messages(old, new, says):
    message = _message(old, new)
    assert says in message, message
    assert "只写阿拉伯数字" not in message  # the generic advice only where nothing better is known
