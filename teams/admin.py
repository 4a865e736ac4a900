from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from kpis.models import RoleKPI

from . import resources
from .models import Capability, Duty, PlacementRule, Role, SizeThreshold, StaffingRule


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
class RoleAdmin(ImportExportModelAdmin):
    resource_classes = [resources.RoleResource]
    list_display = ["code", "name_zh", "name_en", "tier", "is_core", "default_parent", "order", "source"]
    list_filter = ["tier", "is_core", "source"]
    list_editable = ["order"]
    search_fields = ["code", "name_zh", "name_en", "summary_zh", "summary_en"]
    autocomplete_fields = ["default_parent"]
    inlines = [DutyInline, CapabilityInline, RoleKPIInline]
    list_select_related = ["default_parent"]


class RoleTextAdmin(ImportExportModelAdmin):
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


class RuleAdmin(ImportExportModelAdmin):
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
class SizeThresholdAdmin(ImportExportModelAdmin):
    resource_classes = [resources.SizeThresholdResource]
    list_display = ["tier", "min_employees"]
