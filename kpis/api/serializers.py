"""The KPI library as the API shows it (read-only)."""
from rest_framework import serializers

from common.fields import split_codes

from ..models import KPITemplate


class KPITemplateSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    phases = serializers.SerializerMethodField()

    class Meta:
        model = KPITemplate
        fields = ["code", "name", "name_zh", "name_en", "definition_zh", "definition_en", "formula_zh", "formula_en",
                  "unit", "direction", "frequency", "family", "phases", "source"]

    def get_phases(self, kpi) -> list[str]:
        return split_codes(kpi.phases)
