from django.urls import path

from . import compare_views, history_views, review_views, views, wizard
from .bulk import views as bulk

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("compare/", compare_views.compare, name="compare"),
    path("compare.xlsx", compare_views.compare_xlsx, name="compare-xlsx"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("exports/", bulk.export_start, name="exports"),
    path("exports/<int:pk>/", bulk.export_progress, name="export"),
    path("exports/<int:pk>/download/", bulk.export_download, name="export-download"),
    path("exports/<int:pk>/restart/", bulk.export_restart, name="export-restart"),
    path("<int:pk>/duplicate/", views.plan_duplicate, name="duplicate"),
    path("<int:pk>/rename/", views.plan_rename, name="rename"),
    path("<int:pk>/delete/", views.plan_delete, name="delete"),
    path("<int:pk>/replan/", wizard.replan, name="replan"),
    path("<int:pk>/org-chart/", views.org_chart, name="org-chart"),
    path("<int:pk>/org-chart.svg", views.org_chart_svg, name="org-chart-svg"),
    path("<int:pk>/org-chart.pdf", views.org_chart_pdf, name="org-chart-pdf"),
    path("<int:pk>/org-chart.png", views.org_chart_png, name="org-chart-png"),
    path("<int:pk>/kpi-sheets/", views.kpi_sheets, name="kpi-sheets"),
    path("<int:pk>/kpi-sheets.pdf", views.kpi_sheets_pdf, name="kpi-sheets-pdf"),
    path("<int:pk>/role-specs.pdf", views.role_specs_pdf, name="role-specs-pdf"),
    path("<int:pk>/role-specs.docx", views.role_specs_docx, name="role-specs-docx"),
    path("<int:pk>/role-specs.xlsx", views.role_specs_xlsx, name="role-specs-xlsx"),
    path("<int:pk>/role-specs-hr.xlsx", views.role_specs_hr_xlsx, name="role-specs-hr-xlsx"),
    path("<int:pk>/kpi-sheets.xlsx", views.kpi_sheets_xlsx, name="kpi-sheets-xlsx"),
    path("<int:pk>/team-cost.xlsx", views.team_cost_xlsx, name="team-cost-xlsx"),
    path("<int:pk>/roles/add/", views.role_add, name="role-add"),
    path("<int:pk>/roles/<int:role_pk>/edit/", views.role_edit, name="role-edit"),
    path("<int:pk>/roles/<int:role_pk>/remove/", views.role_remove, name="role-remove"),
    path("<int:pk>/review/<slug:step>/", review_views.review_step, name="review"),
    path("<int:pk>/history/", history_views.plan_history, name="history"),
    path("<int:pk>/history/diff/", history_views.version_diff, name="version-diff"),
    path("<int:pk>/history/<int:number>/", history_views.version_detail, name="version"),
    path("<int:pk>/history/<int:number>/restore/", history_views.version_restore, name="version-restore"),
]

wizard_patterns = ([
    path("", wizard.step, name="start"),
    path("<int:pk>/<int:number>/", wizard.step, name="step"),
    path("<int:pk>/discard/", wizard.discard, name="discard"),
], "wizard")
