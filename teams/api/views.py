from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import choice_filter, refuse_unknown_parameters
from teams.choices import Tier
from teams.engine import CompanyProfile, recommend_team
from teams.models import Role
from teams.selectors import load_library

from .serializers import ProfileSerializer, RecommendationSerializer, RoleSerializer


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("tier", enum=Tier.values)]))
class RoleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoleSerializer
    lookup_field = "code"

    def get_queryset(self):
        roles = Role.objects.with_spec()
        if self.action != "list":
            return roles
        refuse_unknown_parameters(self.request, ["tier"])
        tier = choice_filter(self.request, "tier", Tier)
        return roles.filter(tier=tier) if tier else roles


class RecommendationView(APIView):
    """Profile in, recommended team out. Nothing is saved. Each call runs the engine: a stricter rate limit."""

    throttle_scope = "recommendations"

    @extend_schema(request=ProfileSerializer, responses={200: RecommendationSerializer})
    def post(self, request):
        profile = ProfileSerializer(data=request.data)
        profile.is_valid(raise_exception=True)
        draft = recommend_team(profile=CompanyProfile(**profile.validated_data), library=load_library())
        return Response(RecommendationSerializer(draft).data)
