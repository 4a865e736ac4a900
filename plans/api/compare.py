"""``GET /api/plans/compare/``: plans or versions side by side, as numbers."""
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ..compare import CompareError, compare_states, load_columns

_INTS = serializers.ListField(child=serializers.IntegerField())


class CompareRoleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    headcount = _INTS
    delta = serializers.IntegerField(help_text="The last column's headcount minus the first's.")
    monthly_cost = serializers.ListField(child=serializers.IntegerField(), source="costs")
    cost_delta = serializers.IntegerField(help_text="The last column's monthly cost minus the first's.")
    changes = serializers.ListField(child=serializers.CharField(),
                                    help_text="Other changes against the first column: reporting line, merge, salary, "
                                              "KPIs added, removed or re-weighted.")


class CompareSerializer(serializers.Serializer):
    columns = serializers.ListField(child=inline_serializer("CompareColumn", {
        "title": serializers.CharField(), "plan": serializers.IntegerField(allow_null=True),
        "placement": serializers.CharField()}))
    roles = CompareRoleSerializer(many=True)
    totals = inline_serializer("CompareTotals", {
        "headcount": serializers.ListField(child=serializers.IntegerField()), "delta": serializers.IntegerField(),
        "monthly_cost": serializers.ListField(child=serializers.IntegerField()),
        "cost_delta": serializers.IntegerField()})


def as_data(comparison):
    columns = [{"title": str(c.title), "plan": c.plan_id, "placement": str(p)}
               for c, p in zip(comparison.columns, comparison.placements, strict=True)]
    roles = [{"code": r.code, "name": str(r.name), "headcount": list(r.headcounts), "delta": r.deltas[-1],
              "costs": list(r.costs), "cost_delta": r.cost_deltas[-1],
              "changes": [str(item) for _title, items in comparison.labelled(r.changes) for item in items]}
             for r in comparison.roles]
    totals = {"headcount": list(comparison.headcounts), "delta": comparison.deltas[-1],
              "monthly_cost": list(comparison.costs), "cost_delta": comparison.cost_deltas[-1]}
    return {"columns": columns, "roles": roles, "totals": totals}


class CompareView(APIView):
    """Two or three plans the caller may read (``ids=a,b[,c]``), versions of one (``ids=a&versions=m,n``), or a
    plan and its team at the next phase (``ids=a&next=1``)."""

    @extend_schema(
        parameters=[OpenApiParameter("ids", str, required=True, pattern=r"^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8}){0,2}$",
                                     description="Plan ids separated by commas: two or three, or one with "
                                                 "versions or next."),
                    OpenApiParameter("versions", str, pattern=r"^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8}){1,2}$",
                                     description="Version numbers of the one plan in ids."),
                    OpenApiParameter("next", bool, description="Compare the plan with its team at the next phase.")],
        responses={200: CompareSerializer, 400: OpenApiResponse(description="The parameter at fault, named.")})
    def get(self, request):
        try:
            comparison = compare_states(load_columns(request.user, request.query_params))
        except CompareError as error:
            raise serializers.ValidationError({error.field: [str(error)]}) from error
        return Response(CompareSerializer(as_data(comparison)).data)
