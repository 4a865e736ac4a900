"""What the workbook tests share: the plans they export and ways to read the files back."""
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from plans.exports.downloads import workbook_bytes
from plans.exports.formulas import COL
from plans.exports.kpi_sheets import KPI_HEADER_ROW
from plans.exports.labels import label
from plans.models import TeamPlan

NASTY_NAME = "[华东]:区域*集团?/品牌\\旗舰店'有限公司'——私域团队设计示例超长名称一二三四五六七八九十"
CJK = re.compile(r"[\u4e00-\u9fff]")
KPI_FIRST_ROW = KPI_HEADER_ROW + 1
A4 = 9  # paperSize code in the file


def loaded(plan):
    return TeamPlan.objects.with_team().get(pk=plan.pk)


def reopen(workbook):
    return load_workbook(BytesIO(workbook_bytes(workbook)))


def texts(ws):
    return [cell.value for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]


def column(ws, letter, first, last):
    return [ws[f"{letter}{row}"].value for row in range(first, last + 1)]


def kpi_rows(ws):
    """Row numbers of the KPI lines on a KPI sheet (those with a score formula, the weighted total aside)."""
    score = COL["score"]
    rows = [row for row in range(KPI_FIRST_ROW, ws.max_row + 1)
            if ws[f"{score}{row}"].data_type == "f" and ws[f"A{row}"].value != label("weighted_total")]
    assert rows == list(range(KPI_FIRST_ROW, KPI_FIRST_ROW + len(rows)))
    return rows


@pytest.fixture
def plan(make_plan, manager):
    """Launch phase, small retail: data analysis is merged into the lead, so the lead carries absorbed duties."""
    return loaded(make_plan(manager))


@pytest.fixture
def growth_plan(make_plan, manager):
    return loaded(make_plan(manager, company_name="成长品牌", employees=500, industry="ecommerce", phase="growth"))
