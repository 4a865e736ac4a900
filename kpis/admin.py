from django.contrib import admin

from teams.admin import LibraryAdmin

from . import resources
from .models import KPITemplate, RoleKPI


@admin.register(KPITemplate)
class KPITemplateAdmin(LibraryAdmin):
    resource_classes = [resources.KPITemplateResource]
    list_display = ["code", "name_zh", "name_en", "family", "unit", "direction", "frequency", "phases", "source"]
    list_filter = ["family", "direction", "frequency", "unit", "source"]
    search_fields = ["code", "name_zh", "name_en", "definition_zh", "definition_en"]


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
