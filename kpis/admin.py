from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from . import resources
from .models import KPITemplate, RoleKPI


@admin.register(KPITemplate)
class KPITemplateAdmin(ImportExportModelAdmin):
    resource_classes = [resources.KPITemplateResource]
    list_display = ["code", "name_zh", "name_en", "family", "unit", "direction", "frequency", "phases", "source"]
    list_filter = ["family", "direction", "frequency", "unit", "source"]
    search_fields = ["code", "name_zh", "name_en", "definition_zh", "definition_en"]


@admin.register(RoleKPI)
class RoleKPIAdmin(ImportExportModelAdmin):
    resource_classes = [resources.RoleKPIResource]
    list_display = ["role", "kpi", "weight", "order"]
    list_filter = ["role", "kpi__family"]
    search_fields = ["role__code", "kpi__code", "kpi__name_zh"]
    list_select_related = ["role", "kpi"]
    autocomplete_fields = ["role", "kpi"]
