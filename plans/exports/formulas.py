"""The KPI sheet's score formulas: the only formulas a workbook holds.

One row per KPI, in the columns of ``KPI_COLUMNS``. HR types the actual value (and may adjust the target
and the two thresholds); the spreadsheet works out the rest:

* **attainment** — how much of the target was reached. "Higher is better": actual ÷ target.
  "Lower is better" (e.g. a complaint rate): target ÷ actual, so beating the target still gives more than
  100 %; an actual of 0 counts as reaching the exceeded threshold exactly (or 100 % if the target is 0 too).
  Blank unless both target and actual are numbers, and blank for a higher-is-better KPI whose target is 0.
* **score** — attainment in percent (rounded to 4 places, so 0.9 × 100 is not a hair below 90) against the
  KPI's thresholds: from the exceeded threshold 120 points, from the met threshold 100 points, below it 0.
  Blank while the attainment is blank.
* **result** — the score's tier in words: 超额达成 (Exceeded, 120), 达成 (Met, 100), 未达成 (Not met, 0).
* **weighted total** — Σ weight × score ÷ 100 over the sheet's KPIs (weights are percentages summing to
  100, so the total runs from 0 to 120); a KPI without a score adds nothing, and the total stays blank
  until some KPI has a score.
"""
from openpyxl.utils import get_column_letter

from .labels import label

KPI_COLUMNS = ("kpi", "definition", "unit", "frequency", "direction", "weight", "target", "met", "exceeded",
               "actual", "attainment", "score", "result")
COL = {key: get_column_letter(index) for index, key in enumerate(KPI_COLUMNS, start=1)}
EXCEEDED_POINTS, MET_POINTS, NOT_MET_POINTS = 120, 100, 0


def _cells(row, *keys):
    return (f"{COL[key]}{row}" for key in keys)


def _quoted(text):
    """A string literal inside a formula."""
    return '"' + text.replace('"', '""') + '"'


def attainment_formula(row, *, lower=False) -> str:
    """Actual ÷ target (target ÷ actual when lower is better); blank unless both are numbers."""
    target, actual, exceeded = _cells(row, "target", "actual", "exceeded")
    if lower:
        ratio = f"IF({actual}<=0,IF({target}<=0,1,{exceeded}/100),{target}/{actual})"
    else:
        ratio = f'IF({target}<=0,"",{actual}/{target})'
    return f'=IF(AND(ISNUMBER({target}),ISNUMBER({actual})),{ratio},"")'


def score_formula(row) -> str:
    """120 from the exceeded threshold, 100 from the met threshold, else 0; blank without attainment."""
    attainment, met, exceeded = _cells(row, "attainment", "met", "exceeded")
    percent = f"ROUND({attainment}*100,4)"
    return (f"=IF(ISNUMBER({attainment}),IF({percent}>={exceeded},{EXCEEDED_POINTS},"
            f'IF({percent}>={met},{MET_POINTS},{NOT_MET_POINTS})),"")')


def result_formula(row) -> str:
    """The score's tier, in the active language."""
    (score,) = _cells(row, "score")
    exceeded, met, not_met = (_quoted(label(key)) for key in ("tier_exceeded", "tier_met", "tier_not_met"))
    return (f"=IF(ISNUMBER({score}),IF({score}>={EXCEEDED_POINTS},{exceeded},"
            f'IF({score}>={MET_POINTS},{met},{not_met})),"")')


def _range(key, first, last):
    return f"{COL[key]}{first}:{COL[key]}{last}"


def weight_sum_formula(first, last) -> str:
    """The sheet's weights added up (100 when the role's KPIs are complete)."""
    return f"=SUM({_range('weight', first, last)})"


def total_formula(first, last) -> str:
    """Σ weight × score ÷ 100; blank until some KPI has a score."""
    weights, scores = _range("weight", first, last), _range("score", first, last)
    return f'=IF(COUNT({scores})=0,"",SUMPRODUCT({weights},{scores})/100)'
