from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .exports.downloads import export_filename, workbook_response
from .exports.kpi_sheets import build_kpi_workbook
from .exports.role_specs import build_role_spec_workbook
from .models import PlanRole, TeamPlan

# A workbook is built inside the request: measured 0.11-0.13 s of CPU a 10-role plan (about three times that
# for a 30-role plan, and wall time doubles or triples on a busy 2-core server). 30 plans stay inside the
# worker timeout (30 s) even then, where 200 plans did not. Bigger exports wait for the background export job.
MAX_BULK_EXPORT = 30
ERR_TOO_MANY = _("At most %(limit)s plans can be exported at once; %(count)s are selected. "
                 "Narrow the list with the filters or the search and export it in parts.")


class PlanRoleInline(admin.TabularInline):
    model = PlanRole
    fk_name = "plan"
    fields = ["code", "name_zh", "tier", "requirement", "headcount", "reports_to", "merged_into"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reports_to", "merged_into")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TeamPlan)
class TeamPlanAdmin(admin.ModelAdmin):
    """HR's desk: every plan, read-only, with the workbooks as bulk actions."""

    list_display = ["company_name", "owner", "industry", "phase", "size_tier", "placement", "updated_at"]
    list_filter = ["phase", "industry", "size_tier", "placement"]
    search_fields = ["company_name", "owner__username"]
    list_select_related = ["owner"]
    date_hierarchy = "updated_at"
    inlines = [PlanRoleInline]
    actions = ["export_role_specs", "export_kpi_sheets"]

    def has_add_permission(self, request):
        return False  # plans are made by the wizard, which records the reasons

    def has_change_permission(self, request, obj=None):
        return False  # owners edit plans on the plan pages; the admin is HR's read-only desk

    def has_delete_permission(self, request, obj=None):
        return False

    def _export(self, request, queryset, build, kind):
        """The workbook of the selected plans, or — over ``MAX_BULK_EXPORT`` — back to the list with the limit."""
        count = queryset.count()
        if count > MAX_BULK_EXPORT:
            self.message_user(request, ERR_TOO_MANY % {"limit": MAX_BULK_EXPORT, "count": count}, messages.ERROR)
            return None
        plans = list(queryset.with_team().order_by("company_name", "pk"))
        return workbook_response(build(plans), export_filename(plans, kind))

    @admin.action(description=_("Export role specs (.xlsx)"), permissions=["view"])
    def export_role_specs(self, request, queryset):
        return self._export(request, queryset, build_role_spec_workbook, "role_specs")

    @admin.action(description=_("Export KPI sheets (.xlsx)"), permissions=["view"])
    def export_kpi_sheets(self, request, queryset):
        return self._export(request, queryset, build_kpi_workbook, "kpi_sheets")
