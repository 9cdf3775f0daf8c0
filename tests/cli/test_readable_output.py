"""What a person reads in the terminal: tables with names (codes behind --ids), long reasons
wrapped in their column with Chinese kept aligned, and help paragraphs as written."""

from __future__ import annotations

from site_builder.present.textable import aligned, width, wrapped

from conftest import invoke


def test_compliance_prints_names_and_codes_behind_ids(base_tree):
    named = invoke("compliance", "--root", str(base_tree), "--allow-unknown")
    assert named.returncode == 0, named.stderr
    lines = named.stdout.splitlines()
    assert lines[1].split()[:2] == ["项目", "报告期"]
    assert "测试区域项目  2020年第二季度" in named.stdout
    assert "alpha-region" not in named.stdout and "2020-Q2" not in named.stdout
    coded = invoke("compliance", "--root", str(base_tree), "--allow-unknown", "--ids")
    assert "alpha-region  2020-Q2" in coded.stdout and "测试区域项目" not in coded.stdout


def test_long_cells_wrap_in_their_column_and_chinese_stays_aligned():
    reason = (
        "省商务厅已于2021年9月10日取消其重点培育资格（示例晋商建函〔2021〕105号）："
        "项目单位因产品质量违法行为受到行政处罚，不再符合重点培育条件，"
        "根据通知第四部分第（五）项取消其省重点供应链项目培育资格。"
    )
    text = aligned(
        ["项目", "建议", "理由"],
        [["示例·中药材供应链溯源项目", "已取消资格", reason], ["beta", "建议预警", "短理由"]],
        wrap={2: 60},
    )
    lines = text.splitlines()
    assert max(width(line) for line in lines) <= width(lines[2].split("  ")[0]) + 2 + 12 + 2 + 60
    # The reason goes on over several lines, each starting in the reason's column.
    column = width(lines[0]) - width("理由")
    continued = [line for line in lines[3:] if line.startswith(" ")]
    assert len(continued) >= 3
    assert all(width(line) - width(line.lstrip()) == column for line in continued)
    assert "".join(line[len(line) - len(line.lstrip()) :] for line in continued) in reason
    assert not any(line.lstrip().startswith(("，", "。", "）")) for line in continued)


def test_a_wrapped_line_keeps_words_whole_and_brackets_with_what_they_open():
    """A handle or a code is not cut in two when it fits on a line; 〔 does not end a line
    and 、 does not start one; a word longer than the column is cut where it must be."""
    assert wrapped("@changzhi-bureau-demo、@jinzhong-port-demo", 24) == [
        "@changzhi-bureau-demo、",
        "@jinzhong-port-demo",
    ]
    assert wrapped("重点培育资格（示例晋商建函〔2021〕105号）", 28) == [
        "重点培育资格（示例晋商建函",
        "〔2021〕105号）",
    ]
    assert wrapped("a" * 30, 12) == ["a" * 12, "a" * 12, "a" * 6]


def test_help_keeps_chinese_paragraphs_and_says_the_reports_own_default():
    result = invoke("report", "--help")
    assert result.returncode == 0
    assert "默认今天" not in result.stdout
    assert "不给时为该期报告全部确认之时" in result.stdout
    # No line joined to the next with a space between Chinese sentences.
    description = result.stdout.split("选项：")[0]
    assert "。 " not in description and "， " not in description
    assert "\n  --format json 列出报告中的每个数字" in result.stdout
    other = invoke("compliance", "--help")
    assert "按哪一天计算。默认今天。" in other.stdout
