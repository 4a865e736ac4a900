"""Excel/CSV import and export of the KPI library; all-or-nothing like every library sheet."""
from common.resources import LibraryResource

from .models import KPITemplate


class KPITemplateResource(LibraryResource):
    class Meta(LibraryResource.Meta):
        model = KPITemplate
        fields = ("code", "name_zh", "name_en", "family", "unit", "direction", "frequency", "phases",
                  "definition_zh", "definition_en", "formula_zh", "formula_en", "source")
        import_id_fields = ("code",)
