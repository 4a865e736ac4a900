"""The KPI sheet's score formulas: the only formulas a workbook holds.

One row per KPI, in the columns of ``KPI_COLUMNS``. HR types the actual value (and may adjust the target
and the band's three points); the employee and the manager type their own scores and comments beside the
computed one; the spreadsheet works out the rest:

* **attainment** — how much of the target was reached. "Higher is better": actual ÷ target.
  "Lower is better" (e.g. a complaint rate): target ÷ actual, so beating the target still gives more than
  100 %; an actual of 0 counts as reaching the exceeded threshold exactly (or 100 % if the target is 0 too).
  Blank unless both target and actual are numbers, and blank for a higher-is-better KPI whose target is 0.
* **score** — attainment in percent (rounded to 4 places, so 0.9 × 100 is not a hair below 90) on the KPI's
  scoring band, rounded to one decimal. The band has three points, each a percentage of the target set per KPI:
  ``threshold`` (scored from, 80 by default), ``met`` (100) and ``exceeded`` (the stretch cap, 120). Below the
  threshold 0 points; from it ``THRESHOLD_POINTS`` (60), rising linearly to ``MET_POINTS`` (100) at the met point
  and on to ``EXCEEDED_POINTS`` (120) at the cap, where it stays. With the defaults: 98 % → 60 + 18 ÷ 20 × 40 =
  96; 100 % → 100; 110 % → 110; 125 % → 120. A threshold at or above the met point leaves no rising part below
  it (0 until the met point). Blank while the attainment is blank.
* **result** — the score's tier in words: 超额达成 (Exceeded, 120), 达成 (Met, from 100), 未达成 (Not met, below).
* **weighted total** — Σ weight × score ÷ 100 over the sheet's KPIs (weights are percentages summing to
  100, so the total runs from 0 to 120); a KPI without a score adds nothing, and the total stays blank
  until some KPI has a score.
"""
from openpyxl.utils import get_column_letter

from .labels import label

KPI_COLUMNS = ("kpi", "definition", "unit", "frequency", "direction", "weight", "target", "threshold", "met",
               "exceeded", "actual", "attainment", "score", "result", "self_score", "manager_score", "comment")
COL = {key: get_column_letter(index) for index, key in enumerate(KPI_COLUMNS, start=1)}
EXCEEDED_POINTS, MET_POINTS, THRESHOLD_POINTS, NOT_MET_POINTS = 120, 100, 60, 0


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
    """The scoring band: 0 below the threshold, then linear 60 → 100 → 120 (capped); blank without attainment."""
    attainment, threshold, met, exceeded = _cells(row, "attainment", "threshold", "met", "exceeded")
    p = f"ROUND({attainment}*100,4)"
    rising = f"{THRESHOLD_POINTS}+({p}-{threshold})/({met}-{threshold})*{MET_POINTS - THRESHOLD_POINTS}"
    stretch = f"{MET_POINTS}+({p}-{met})/({exceeded}-{met})*{EXCEEDED_POINTS - MET_POINTS}"
    band = (f"IF({p}>={exceeded},{EXCEEDED_POINTS},IF({p}>={met},{stretch},"
            f"IF({p}>={threshold},{rising},{NOT_MET_POINTS})))")
    return f'=IF(ISNUMBER({attainment}),ROUND({band},1),"")'


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


def total_formula(first, last, key="score") -> str:
    """Σ weight × score ÷ 100 over the ``key`` column (computed, self or manager score); blank until one is set."""
    weights, scores = _range("weight", first, last), _range(key, first, last)
    return f'=IF(COUNT({scores})=0,"",SUMPRODUCT({weights},{scores})/100)'
