from django.contrib import admin

from common.admin import LibraryAdmin

from . import resources
from .models import KPITemplate


@admin.register(KPITemplate)
class KPITemplateAdmin(LibraryAdmin):
    resource_classes = [resources.KPITemplateResource]
    list_display = ["code", "name_zh", "name_en", "family", "unit", "direction", "frequency", "phases", "source"]
    list_filter = ["family", "direction", "frequency", "unit", "source"]
    search_fields = ["code", "name_zh", "name_en", "definition_zh", "definition_en"]
