"""Excel/CSV import and export of the role library, its rules and its cost figures.

Imports are all-or-nothing: a file with any bad row — a missing column, an unknown code, a bad
number, an invalid choice, a code given twice — is refused whole, with the row and column named.
"""
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from common.resources import LibraryResource, code_field
from common.weights import WEIGHT_TOTAL
from kpis.models import KPITemplate

from .models import (
    Capability,
    Duty,
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


class SizeThresholdResource(LibraryResource):
    class Meta(LibraryResource.Meta):
        model = SizeThreshold
        fields = ("tier", "min_employees")
        import_id_fields = ("tier",)


class RoleResource(LibraryResource):
    """Roles may come in any order: a default manager listed further down the file is set once its row is in."""

    default_parent = code_field("default_parent", Role)
    budget_merge_into = code_field("budget_merge_into", Role)

    def before_import(self, dataset, **kwargs):
        self.later_parents = {}  # role code -> (default manager's code, row number)
        super().before_import(dataset, **kwargs)
        self.codes_in_file = {str(code).strip() for code in dataset["code"]}

    def before_import_row(self, row, **kwargs):
        parent = str(row.get("default_parent") or "").strip()
        if parent in self.codes_in_file and not Role.objects.filter(code=parent).exists():
            self.later_parents[str(row["code"]).strip()] = (parent, self.sheet_row(kwargs["row_number"]))
            row["default_parent"] = ""

    def after_import(self, dataset, result, **kwargs):
        if result.has_errors() or result.has_validation_errors():
            return  # refused whole anyway
        for code, (parent, number) in self.later_parents.items():
            role = Role.objects.get(code=code)
            role.default_parent = Role.objects.get(code=parent)
            try:
                role.full_clean()
            except ValidationError as error:
                messages = error.message_dict.get("default_parent", error.messages)
                raise ValueError(_("Row %(row)s, default_parent: %(error)s") % {
                    "row": number, "error": " ".join(messages)}) from None
            role.save(update_fields=["default_parent"])

    class Meta(LibraryResource.Meta):
        model = Role
        fields = ("code", "name_zh", "name_en", "tier", "is_core", "default_parent", "budget_merge_into", "leads_tier",
                  "order",
                  "summary_zh", "summary_en", "source")
        import_id_fields = ("code",)
        use_bulk = False  # a role may name, as its budget merge target, a role a few rows up the same file


class RoleTextResource(LibraryResource):
    role = code_field("role", Role)

    class Meta(LibraryResource.Meta):
        fields = ("role", "order", "text_zh", "text_en", "source")
        import_id_fields = ("role", "order")


class DutyResource(RoleTextResource):
    class Meta(RoleTextResource.Meta):
        model = Duty


class CapabilityResource(RoleTextResource):
    class Meta(RoleTextResource.Meta):
        model = Capability


class QualificationResource(RoleTextResource):
    class Meta(RoleTextResource.Meta):
        model = Qualification
        fields = ("role", "order", "kind", "text_zh", "text_en", "source", "note_zh", "note_en")


RULE_FIELDS = ("code", "priority", "phases", "size_tiers", "industries", "strategic", "live_streaming",
               "min_business_lines", "min_member_share", "min_stores", "has_mall", "max_sku_count",
               "rationale_zh", "rationale_en", "source", "is_active")


class StaffingRuleResource(LibraryResource):
    role = code_field("role", Role)
    merged_into = code_field("merged_into", Role)

    class Meta(LibraryResource.Meta):
        model = StaffingRule
        fields = (*RULE_FIELDS, "role", "action", "requirement", "merged_into", "headcount_min", "headcount_max")
        import_id_fields = ("code",)


class SizingRuleResource(LibraryResource):
    role = code_field("role", Role)

    class Meta(LibraryResource.Meta):
        model = SizingRule
        fields = ("code", "role", "driver", "per_person_low", "per_person_high", "headcount_min", "headcount_max",
                  "span_of_control", "phases", "rationale_zh", "rationale_en", "source", "is_active")
        import_id_fields = ("code",)


class PlacementRuleResource(LibraryResource):
    class Meta(LibraryResource.Meta):
        model = PlacementRule
        fields = (*RULE_FIELDS, "placement")
        import_id_fields = ("code",)


class RoleKPIResource(LibraryResource):
    role = code_field("role", Role)
    kpi = code_field("kpi", KPITemplate)

    class Meta(LibraryResource.Meta):
        model = RoleKPI
        fields = ("role", "kpi", "weight", "order")
        import_id_fields = ("role", "kpi")

    def after_import(self, dataset, result, **kwargs):
        """A role's default weights must still add up to 100 once the file is in."""
        codes = {str(code).strip() for code in dataset["role"]} if len(dataset) else set()
        totals = RoleKPI.objects.filter(role__code__in=codes).values_list("role__code").annotate(total=Sum("weight"))
        wrong = [f"{code} = {total}" for code, total in totals.order_by("role__code") if total != WEIGHT_TOTAL]
        if wrong:
            raise ValueError(_("KPI weights of each role must sum to 100: %(roles)s.") % {"roles": ", ".join(wrong)})


class SalaryBandResource(LibraryResource):
    role = code_field("role", Role)

    class Meta(LibraryResource.Meta):
        model = SalaryBand
        fields = ("role", "city_tier", "year", "p25", "p50", "p75", "months_per_year", "note_zh", "note_en", "source")
        import_id_fields = ("role", "city_tier", "year")


class OnCostRuleResource(LibraryResource):
    class Meta(LibraryResource.Meta):
        model = OnCostRule
        fields = ("city_tier", "item", "rate", "base_floor", "base_ceiling", "valid_from", "note_zh", "note_en",
                  "source")
        import_id_fields = ("city_tier", "item", "valid_from")
