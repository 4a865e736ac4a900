"""Excel exports HR hands out: role specifications (岗位说明书) and KPI sheets (考核表), and the app's downloads.

``role_specs`` and ``kpi_sheets`` build the workbooks from plans loaded with ``TeamPlan.objects.with_team()``
(no query of their own); ``downloads`` turns them, and every other file, into a response; ``formulas`` explains
the scoring; ``styles`` and ``labels`` are shared by both workbooks.
"""
from .kpi_sheets import build_kpi_workbook
from .role_specs import build_role_spec_workbook

__all__ = ["build_kpi_workbook", "build_role_spec_workbook"]
