"""A plan's versions over the API: the list, and one version's full snapshot."""
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.generics import get_object_or_404

from ..models import TeamPlan
from ..snapshots import read_snapshot
from ..version_models import Change, PlanVersion

PLAN_ID = OpenApiParameter("plan_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The plan's id.")


class VersionSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_username", read_only=True, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=Change.choices, read_only=True)
    summary = serializers.CharField(source="summary_text", read_only=True,
                                    help_text="What changed since the version before, in the reader's language.")

    class Meta:
        model = PlanVersion
        fields = ["number", "created_at", "author", "kind", "summary"]


class VersionDetailSerializer(VersionSerializer):
    plan = serializers.SerializerMethodField(help_text="The plan's stored fields (profile, placement, notes…).")
    roles = serializers.SerializerMethodField(help_text="Every role with its stored fields, reporting line and "
                                                        "merge by role code, and its KPIs.")

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "schema_version", "plan", "roles"]

    def get_plan(self, version) -> dict:
        return read_snapshot(version)["plan"]

    def get_roles(self, version) -> list[dict]:
        return read_snapshot(version)["roles"]


@extend_schema_view(list=extend_schema(parameters=[PLAN_ID]), retrieve=extend_schema(parameters=[PLAN_ID]))
class PlanVersionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A plan's versions, newest first; each version's snapshot reads in the current schema."""

    lookup_field = "number"
    lookup_value_regex = r"\d+"

    def get_serializer_class(self):
        return VersionDetailSerializer if self.action == "retrieve" else VersionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return PlanVersion.objects.none()
        plan = get_object_or_404(TeamPlan.objects.all(), pk=self.kwargs["plan_pk"])
        if not plan.is_visible_to(self.request.user):
            raise Http404
        versions = PlanVersion.objects.filter(plan=plan).select_related("author")
        return versions if self.action == "retrieve" else versions.defer("snapshot")
