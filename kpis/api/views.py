from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from common.api import choice_filter, refuse_unknown_parameters
from common.choices import Phase

from ..choices import Family
from ..models import KPITemplate
from .serializers import KPITemplateSerializer


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("family", enum=Family.values),
                                                  OpenApiParameter("phase", enum=Phase.values)]))
class KPIViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = KPITemplateSerializer
    lookup_field = "code"

    def get_queryset(self):
        kpis = KPITemplate.objects.all()
        if self.action != "list":
            return kpis
        refuse_unknown_parameters(self.request, ["family", "phase"])
        if family := choice_filter(self.request, "family", Family):
            kpis = kpis.filter(family=family)
        if phase := choice_filter(self.request, "phase", Phase):
            kpis = kpis.for_phase(phase)
        return kpis
