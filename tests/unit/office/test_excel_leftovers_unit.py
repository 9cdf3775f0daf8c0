"""What a clerk typed where the import reads no value: each is a finding naming the cell."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment

from site_builder.findings import WARNING, Location
from site_builder.office.excel import leftovers


def _locate(row: int, col: int) -> Location:
    return Location("填报表.xlsx", 1, row, col, "组织保障")


def test_an_added_sheet_a_comment_and_a_merge_over_two_items_are_named():
    ws = Workbook().active
    ws.title = "我的草稿"
    assert leftovers.added_sheet(ws, _locate) is None  # an empty sheet loses nothing
    ws["B3"] = "草稿内容"
    added = leftovers.added_sheet(ws, _locate)
    assert added.code == "E002" and added.severity == WARNING and "B3" in added.message
    assert [c.coordinate for c in leftovers.filled_cells(ws)] == ["B3"]

    ws["C4"].comment = Comment("请同事核对", "clerk")
    (note,) = leftovers.comments(ws, _locate)
    assert note.code == "E003" and (note.location.line, note.location.col) == (4, 3)

    ws.merge_cells("D5:D6")
    inputs = {(5, 4): "宣传情况", (6, 4): "按时报送"}
    (merge,) = leftovers.merges_across_items(ws, inputs, _locate)
    assert merge.code == "E004" and "宣传情况、按时报送" in merge.message


def test_text_typed_beside_the_form_is_a_stray_but_the_input_cells_are_not():
    ws = Workbook().active
    ws["B2"] = "填写的内容"  # an input cell
    ws["F2"] = "旁边的备注"  # typed beside the form, plain style
    found = list(leftovers.strays(ws, {(2, 2): "mechanism"}, {}, _locate))
    assert [(f.code, f.location.col) for f in found] == [("E003", 6)]
    assert "旁边的备注" in found[0].message
