from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from kpis.choices import Family
from kpis.models import KPITemplate
from teams.choices import Phase, Tier
from teams.engine import CompanyProfile, recommend_team
from teams.models import Role
from teams.selectors import load_library

from .serializers import KPITemplateSerializer, ProfileSerializer, RecommendationSerializer, RoleSerializer


def choice_filter(request, name, choices):
    """A query-string filter restricted to a TextChoices; an unknown value is a 400 naming the parameter."""
    value = request.query_params.get(name)
    if value is not None and value not in choices.values:
        raise serializers.ValidationError({name: [_("“%(value)s” is not one of: %(choices)s.") % {
            "value": value, "choices": ", ".join(choices.values)}]})
    return value


@extend_schema(parameters=[OpenApiParameter("tier", enum=Tier.values)])
class RoleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoleSerializer
    lookup_field = "code"

    def get_queryset(self):
        roles = Role.objects.with_library()
        tier = choice_filter(self.request, "tier", Tier)
        return roles.filter(tier=tier) if tier else roles


@extend_schema(parameters=[OpenApiParameter("family", enum=Family.values),
                           OpenApiParameter("phase", enum=Phase.values)])
class KPIViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = KPITemplateSerializer
    lookup_field = "code"

    def get_queryset(self):
        kpis = KPITemplate.objects.all()
        if family := choice_filter(self.request, "family", Family):
            kpis = kpis.filter(family=family)
        if phase := choice_filter(self.request, "phase", Phase):
            kpis = kpis.for_phase(phase)
        return kpis


class RecommendationView(APIView):
    """Profile in, recommended team out. Nothing is saved."""

    @extend_schema(request=ProfileSerializer, responses={200: RecommendationSerializer})
    def post(self, request):
        profile = ProfileSerializer(data=request.data)
        profile.is_valid(raise_exception=True)
        draft = recommend_team(CompanyProfile(**profile.validated_data), load_library())
        return Response(RecommendationSerializer(draft).data)
