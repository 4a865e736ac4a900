"""团队成本 (team cost): one row per staffed role with live formulas, so HR can change a salary in Excel.

Per person, the employer's on-costs are each item's rate on the salary held within that item's
contribution base, written as ``rate × MEDIAN(floor, salary, ceiling)`` (MEDIAN of three is the clamp),
summed and rounded to whole yuan, exactly as the app computes them. Monthly cost = headcount × (salary +
on-costs); annual cost = headcount × (salary × months paid + on-costs × 12). The rates and bases sit on a
second sheet, frozen with the plan.
"""
from openpyxl import Workbook

from common.choices import CityTier, Phase
from teams.choices import OnCostItem

from .labels import choice, label
from .sheets import new_workbook, safe_sheet_title
from .styles import (
    BOLD,
    BOX,
    CENTER,
    INPUT_FILL,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOTAL_FILL,
    formula,
    header,
    print_setup,
    put,
    set_widths,
    wide_text,
)
from .team import teams

COLUMNS = ("role", "headcount", "monthly_salary", "months_per_year", "on_costs_per_person", "on_cost_rate",
           "monthly_cost", "annual_cost")
WIDTHS = (28, 9, 14, 10, 14, 11, 16, 18)
HEADER_ROW = 4
YUAN = "#,##0"


def build_team_cost_workbook(plan) -> Workbook:
    workbook = new_workbook(label("team_cost"))
    used = set()
    ws = workbook.create_sheet(safe_sheet_title(label("team_cost"), used))
    rates = workbook.create_sheet(safe_sheet_title(label("on_cost_rules"), used))
    _rates_sheet(rates, plan)
    _cost_sheet(ws, teams([plan])[0], plan, rates.title)
    return workbook


RATE_WIDTHS = (22, 10, 14, 14, 14)


def _rates_sheet(ws, plan):
    set_widths(ws, RATE_WIDTHS)
    put(ws, 1, 1, f"{label('on_cost_rules')} · {choice(CityTier, plan.city_tier)}", font=TITLE_FONT, align=None)
    header(ws, 3, [label(key) for key in ("item", "rate", "base_floor", "base_ceiling", "valid_from")])
    for row, rule in enumerate(plan.on_cost_rules, start=4):
        values = [choice(OnCostItem, rule["item"]), float(rule["rate"]), rule["base_floor"], rule["base_ceiling"],
                  rule["valid_from"]]
        for col, value in enumerate(values, start=1):
            put(ws, row, col, value, border=BOX, fill=INPUT_FILL if col in (2, 3, 4) else None,
                fmt=YUAN if col in (3, 4) else None)
    print_setup(ws, widths=RATE_WIDTHS, title_rows="3:3", freeze="A4")


def on_cost_formula(salary_cell, rates_title, count):
    """The employer's on-costs on one salary: each item's rate on the salary clamped to its base."""
    sheet = f"'{rates_title}'"
    terms = [f"{sheet}!B{row}/100*MEDIAN({sheet}!C{row},{salary_cell},{sheet}!D{row})"
             for row in range(4, 4 + count)]
    return f"=ROUND({'+'.join(terms) or '0'},0)"


def _cost_sheet(ws, team, plan, rates_title):
    set_widths(ws, WIDTHS)
    put(ws, 1, 1, label("team_cost"), font=TITLE_FONT, align=None)
    put(ws, 2, 1, " · ".join([plan.company_name, choice(Phase, plan.phase), choice(CityTier, plan.city_tier)]),
        font=SUBTITLE_FONT, align=None)
    wide_text(ws, 3, label("cost_explained"), len(COLUMNS))
    header(ws, HEADER_ROW, [label(key) for key in COLUMNS])
    roles = [role for role in team.staffed if role.salary is not None]
    first = HEADER_ROW + 1
    for row, role in enumerate(roles, start=first):
        _cost_row(ws, row, role, rates_title, len(plan.on_cost_rules))
    _total_row(ws, first + len(roles), first, first + len(roles) - 1, plan)
    print_setup(ws, widths=WIDTHS, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{first}")


def _cost_row(ws, row, role, rates_title, count):
    put(ws, row, 1, role.name, border=BOX)
    put(ws, row, 2, role.headcount, border=BOX, align=CENTER)
    put(ws, row, 3, role.salary, border=BOX, fill=INPUT_FILL, fmt=YUAN)
    put(ws, row, 4, float(role.months_per_year), border=BOX, align=CENTER)
    formula(ws, row, 5, on_cost_formula(f"C{row}", rates_title, count), fmt=YUAN)
    formula(ws, row, 6, f"=IF(C{row}>0,E{row}/C{row},0)", fmt="0.0%")
    formula(ws, row, 7, f"=B{row}*(C{row}+E{row})", fmt=YUAN)
    formula(ws, row, 8, f"=B{row}*ROUND(C{row}*D{row}+E{row}*12,0)", fmt=YUAN)


def _total_row(ws, row, first, last, plan):
    put(ws, row, 1, label("total"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    for col, letter in ((2, "B"), (7, "G"), (8, "H")):
        formula(ws, row, col, f"=SUM({letter}{first}:{letter}{last})" if last >= first else "=0", font=BOLD,
                fill=TOTAL_FILL, fmt=YUAN)
    if plan.monthly_budget is not None:
        put(ws, row + 1, 1, label("monthly_budget"), border=BOX)
        put(ws, row + 1, 7, plan.monthly_budget, border=BOX, fmt=YUAN)
        put(ws, row + 2, 1, label("under_budget"), border=BOX)
        formula(ws, row + 2, 7, f"=G{row + 1}-G{row}", fmt=YUAN)
