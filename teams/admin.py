import logging

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm

from kpis.models import RoleKPI
from teams.engine import LEAD

from . import resources
from .models import Capability, Duty, PlacementRule, Role, SizeThreshold, StaffingRule

logger = logging.getLogger(__name__)
MAX_IMPORT_MB = 5


class LibraryImportForm(ImportForm):
    """The whole library is well under 1 MB: a bigger file is refused before it is read."""

    def clean_import_file(self):
        import_file = self.cleaned_data["import_file"]
        if import_file.size > MAX_IMPORT_MB * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(limit)s MB and was not imported.")
                                  % {"limit": MAX_IMPORT_MB}, code="too_big")
        return import_file


class LibraryAdmin(ImportExportModelAdmin):
    """Import/export for a library sheet, with the size limit on uploads."""

    import_form_class = LibraryImportForm

    def process_import(self, request, **kwargs):
        """A stale or forged confirm step (temporary file gone, unknown format) goes back to the upload, not a 500.

        The import itself runs in one transaction, so nothing is written when this happens.
        """
        try:
            return super().process_import(request, **kwargs)
        except (OSError, LookupError, ValueError):
            logger.warning("Import confirm step refused", exc_info=True)
            messages.error(request, _("This import can no longer be confirmed. Upload the file again."))
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")


class WeightsSumTo100(BaseInlineFormSet):
    def clean(self):
        super().clean()
        forms = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        total = sum(f.cleaned_data.get("weight") or 0 for f in forms)
        if forms and total != 100:
            raise ValidationError(_("KPI weights must sum to 100 (now %(total)s).") % {"total": total})


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0


class CapabilityInline(admin.TabularInline):
    model = Capability
    extra = 0


class RoleKPIInline(admin.TabularInline):
    model = RoleKPI
    formset = WeightsSumTo100
    autocomplete_fields = ["kpi"]
    extra = 0


@admin.register(Role)
class RoleAdmin(LibraryAdmin):
    resource_classes = [resources.RoleResource]
    list_display = ["code", "name_zh", "name_en", "tier", "is_core", "default_parent", "order", "source"]
    list_filter = ["tier", "is_core", "source"]
    list_editable = ["order"]
    search_fields = ["code", "name_zh", "name_en", "summary_zh", "summary_en"]
    autocomplete_fields = ["default_parent"]
    inlines = [DutyInline, CapabilityInline, RoleKPIInline]
    list_select_related = ["default_parent"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.code == LEAD)

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj and obj.code == LEAD else []  # the engine builds every team around the lead


class RoleTextAdmin(LibraryAdmin):
    list_display = ["role", "order", "text_zh", "source"]
    list_filter = ["role", "source"]
    search_fields = ["text_zh", "text_en", "role__code", "role__name_zh"]
    list_select_related = ["role"]
    autocomplete_fields = ["role"]


@admin.register(Duty)
class DutyAdmin(RoleTextAdmin):
    resource_classes = [resources.DutyResource]


@admin.register(Capability)
class CapabilityAdmin(RoleTextAdmin):
    resource_classes = [resources.CapabilityResource]


def rule_fieldsets(*outcome):
    """A rule reads as: when (conditions) → then (outcome) → why (rationale)."""
    return [
        (None, {"fields": ["code", "priority", "is_active"]}),
        (_("When"), {"fields": ["phases", "size_tiers", "industries", "strategic", "live_streaming",
                                "min_business_lines", "min_member_share"]}),
        (_("Then"), {"fields": list(outcome)}),
        (_("Why"), {"fields": ["rationale_zh", "rationale_en", "source"]}),
    ]


class RuleAdmin(LibraryAdmin):
    list_filter = ["is_active", "source"]
    search_fields = ["code", "rationale_zh", "rationale_en"]


@admin.register(StaffingRule)
class StaffingRuleAdmin(RuleAdmin):
    resource_classes = [resources.StaffingRuleResource]
    list_display = ["code", "role", "action", "requirement", "merged_into", "headcount_min", "headcount_max",
                    "priority", "phases", "industries", "is_active"]
    list_filter = ["action", "requirement", "role", *RuleAdmin.list_filter]
    list_select_related = ["role", "merged_into"]
    autocomplete_fields = ["role", "merged_into"]
    fieldsets = rule_fieldsets("role", "action", "requirement", "merged_into", "headcount_min", "headcount_max")


@admin.register(PlacementRule)
class PlacementRuleAdmin(RuleAdmin):
    resource_classes = [resources.PlacementRuleResource]
    list_display = ["code", "placement", "priority", "phases", "size_tiers", "industries", "strategic",
                    "min_member_share", "is_active"]
    list_filter = ["placement", *RuleAdmin.list_filter]
    fieldsets = rule_fieldsets("placement")


@admin.register(SizeThreshold)
class SizeThresholdAdmin(LibraryAdmin):
    resource_classes = [resources.SizeThresholdResource]
    list_display = ["tier", "min_employees"]
