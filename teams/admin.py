"""The library admin: roles with their duties, capabilities and KPIs inline, the rules and the cost figures."""
from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from common.admin import LibraryAdmin
from common.weights import check_weights

from . import resources
from .engine import LEAD
from .models import (
    Capability,
    Duty,
    LibraryRevision,
    OnCostRule,
    PlacementRule,
    Qualification,
    Role,
    RoleKPI,
    SalaryBand,
    SizeThreshold,
    SizingRule,
    StaffingRule,
)


class WeightsSumTo100(BaseInlineFormSet):
    def clean(self):
        super().clean()
        forms = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        check_weights(f.cleaned_data.get("weight") or 0 for f in forms)


class RoleTextInline(admin.TabularInline):
    """A duty or capability is one line: a one-line input that takes the width of the page, not a textarea."""

    fields = ["order", "text_zh", "text_en", "source"]
    formfield_overrides = {models.TextField: {"widget": forms.TextInput(attrs={"class": "vTextField role-line"})}}
    extra = 0


class DutyInline(RoleTextInline):
    model = Duty


class CapabilityInline(RoleTextInline):
    model = Capability


class QualificationInline(admin.TabularInline):
    """A requirement is one line too, and so is the note on how a derived one was inferred."""

    model = Qualification
    fields = ["order", "kind", "text_zh", "text_en", "source", "note_zh", "note_en"]
    formfield_overrides = RoleTextInline.formfield_overrides
    extra = 0


class RoleKPIInline(admin.TabularInline):
    model = RoleKPI
    formset = WeightsSumTo100
    autocomplete_fields = ["kpi"]
    fields = ["kpi", "weight", "order"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("role", "kpi")  # the row captions name both


@admin.register(Role)
class RoleAdmin(LibraryAdmin):
    resource_classes = [resources.RoleResource]
    list_display = ["code", "name_zh", "name_en", "tier", "is_core", "default_parent", "order", "is_active", "source"]
    list_filter = ["is_active", "tier", "is_core", "source"]
    actions = ["retire", "reinstate"]
    list_editable = ["order"]
    search_fields = ["code", "name_zh", "name_en", "summary_zh", "summary_en"]
    autocomplete_fields = ["default_parent", "budget_merge_into"]
    inlines = [DutyInline, CapabilityInline, QualificationInline, RoleKPIInline]
    change_form_template = "admin/teams/role/change_form.html"  # the running KPI weight total
    list_select_related = ["default_parent"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.code == LEAD)

    @admin.action(description=_("Retire: no longer recommended or offered for new plans"), permissions=["change"])
    def retire(self, request, queryset):
        with transaction.atomic():  # a bulk update sends no model signals: bump the revision here
            count = queryset.exclude(code=LEAD).update(is_active=False)
            LibraryRevision.bump()
        self.message_user(request, _("%(count)s role(s) retired; plans that have them keep them.") % {"count": count})

    @admin.action(description=_("Put back in use"), permissions=["change"])
    def reinstate(self, request, queryset):
        with transaction.atomic():
            count = queryset.update(is_active=True)
            LibraryRevision.bump()
        self.message_user(request, _("%(count)s role(s) back in use.") % {"count": count})

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


@admin.register(Qualification)
class QualificationAdmin(RoleTextAdmin):
    resource_classes = [resources.QualificationResource]
    list_display = ["role", "order", "kind", "text_zh", "source"]
    list_filter = ["kind", *RoleTextAdmin.list_filter]


def rule_fieldsets(*outcome):
    """A rule reads as: when (conditions) → then (outcome) → why (rationale)."""
    return [
        (None, {"fields": ["code", "priority", "is_active"]}),
        (_("When"), {"fields": ["phases", "size_tiers", "industries", "strategic", "live_streaming",
                                "min_business_lines", "min_member_share", "min_stores", "has_mall", "max_sku_count"]}),
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


@admin.register(SizingRule)
class SizingRuleAdmin(RuleAdmin):
    resource_classes = [resources.SizingRuleResource]
    list_display = ["code", "role", "driver", "per_person_low", "per_person_high", "headcount_min", "headcount_max",
                    "span_of_control", "phases", "is_active"]
    list_filter = ["driver", "role", *RuleAdmin.list_filter]
    list_select_related = ["role"]
    autocomplete_fields = ["role"]
    fieldsets = [
        (None, {"fields": ["code", "role", "is_active"]}),
        (_("Workload"), {"fields": ["driver", "per_person_low", "per_person_high", "phases"]}),
        (_("Headcount"), {"fields": ["headcount_min", "headcount_max", "span_of_control"]}),
        (_("Why"), {"fields": ["rationale_zh", "rationale_en", "source"]}),
    ]


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


@admin.register(RoleKPI)
class RoleKPIAdmin(LibraryAdmin):
    resource_classes = [resources.RoleKPIResource]
    list_display = ["role", "kpi", "weight", "order"]
    list_filter = ["role", "kpi__family"]
    search_fields = ["role__code", "kpi__code", "kpi__name_zh"]
    list_select_related = ["role", "kpi"]

    def has_add_permission(self, request):
        return False  # weights are edited per role (the role page checks they sum to 100) or by import

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["role", "kpi", "weight", "order"]


@admin.register(SalaryBand)
class SalaryBandAdmin(LibraryAdmin):
    resource_classes = [resources.SalaryBandResource]
    list_display = ["role", "city_tier", "year", "p25", "p50", "p75", "months_per_year", "source"]
    list_filter = ["city_tier", "year", "role", "source"]
    search_fields = ["role__code", "role__name_zh", "role__name_en", "note_zh", "note_en"]
    list_select_related = ["role"]
    autocomplete_fields = ["role"]
    fieldsets = [
        (None, {"fields": ["role", "city_tier", "year"]}),
        (_("Monthly base salary (yuan)"), {"fields": ["p25", "p50", "p75", "months_per_year"]}),
        (_("Where it comes from"), {"fields": ["note_zh", "note_en", "source"]}),
    ]


@admin.register(OnCostRule)
class OnCostRuleAdmin(LibraryAdmin):
    resource_classes = [resources.OnCostRuleResource]
    list_display = ["city_tier", "item", "rate", "base_floor", "base_ceiling", "valid_from", "source"]
    list_filter = ["city_tier", "item", "valid_from", "source"]
    search_fields = ["note_zh", "note_en"]
    date_hierarchy = "valid_from"
    fieldsets = [
        (None, {"fields": ["city_tier", "item", "valid_from"]}),
        (_("Employer contribution"), {"fields": ["rate", "base_floor", "base_ceiling"]}),
        (_("Where it comes from"), {"fields": ["note_zh", "note_en", "source"]}),
    ]
