"""Excel/CSV import and export of the KPI library; same all-or-nothing rules as ``teams.resources``."""
from django.db.models import Sum
from django.utils.translation import gettext as _

from teams.models import Role
from teams.resources import LibraryResource, code_field

from .models import KPITemplate, RoleKPI


class KPITemplateResource(LibraryResource):
    class Meta(LibraryResource.Meta):
        model = KPITemplate
        fields = ("code", "name_zh", "name_en", "family", "unit", "direction", "frequency", "phases",
                  "definition_zh", "definition_en", "formula_zh", "formula_en", "source")
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
        wrong = [f"{code} = {total}" for code, total in totals.order_by("role__code") if total != 100]
        if wrong:
            raise ValueError(_("KPI weights of each role must sum to 100: %(roles)s.") % {"roles": ", ".join(wrong)})
