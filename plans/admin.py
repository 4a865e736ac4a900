from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .bulk.forms import BulkExportForm
from .bulk.views import start_page
from .models import PlanRole, TeamPlan


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
    """HR's desk: every plan, read-only; selected plans go to the bulk export page (built in the background)."""

    list_display = ["company_name", "owner", "industry", "phase", "size_tier", "placement", "updated_at"]
    # By date as a filter (today, past 7 days, this month, this year), not a date hierarchy: the hierarchy reads
    # every plan's date on each view (53 ms at 10,000 plans on SQLite), so the changelist grew with the plans.
    list_filter = ["phase", "industry", "size_tier", "placement", ("updated_at", admin.DateFieldListFilter)]
    search_fields = ["company_name", "owner__username"]
    list_select_related = ["owner"]
    inlines = [PlanRoleInline]
    actions = ["export_in_background"]

    def has_add_permission(self, request):
        return False  # plans are made by the wizard, which records the reasons

    def has_change_permission(self, request, obj=None):
        return False  # owners edit plans on the plan pages; the admin is HR's read-only desk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Export selected plans (in the background)…"), permissions=["view"])
    def export_in_background(self, request, queryset):
        """The bulk export page with these plans ticked: the person chooses the documents there."""
        form = BulkExportForm(user=request.user, initial={"plans": list(queryset)})
        return start_page(request, form, queryset.with_totals().order_by("company_name", "pk"))


def group_label(group):
    """A group's name in the admin's language; the stored name stays English, the one code matches on."""
    return gettext(group.name)


admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class TranslatedGroupAdmin(GroupAdmin):
    list_display = ["label"]

    @admin.display(description=_("name"), ordering="name")
    def label(self, group):
        return group_label(group)


@admin.register(User)
class TranslatedUserAdmin(UserAdmin):
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = group_label
        return field
