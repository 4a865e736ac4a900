"""Saved plans in the same shape as a recommendation, plus their id and profile."""
from rest_framework import serializers

from common.choices import SizeTier
from common.text import pick
from teams.api.serializers import CostSerializer, KPIPickSerializer, ProfileSerializer, SalarySerializer
from teams.choices import Placement, Requirement

from ..models import PlanRole, PlanStatus, TeamPlan


class StoredReasonSerializer(serializers.Serializer):
    text = serializers.SerializerMethodField()
    source = serializers.CharField()

    def get_text(self, entry) -> str:
        return pick(entry)


class PlanRoleSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    reports_to = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    merged_into = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    requirement = serializers.ChoiceField(choices=Requirement.choices, read_only=True)
    reasons = StoredReasonSerializer(many=True, read_only=True)
    kpis = KPIPickSerializer(many=True, read_only=True)
    salary = SalarySerializer(source="salary_band", read_only=True, allow_null=True)
    monthly_salary = serializers.IntegerField(source="salary", read_only=True, allow_null=True,
                                              help_text="The salary the plan uses per person (the band's P50 "
                                                        "unless the owner set their own).")
    monthly_cost = serializers.IntegerField(source="cost.monthly", read_only=True)

    class Meta:
        model = PlanRole
        fields = ["code", "name", "headcount", "team_leads", "reports_to", "requirement", "merged_into", "reasons",
                  "kpis", "salary", "monthly_salary", "monthly_cost"]


class PlanPlacementSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Placement.choices, source="placement")
    label = serializers.CharField(source="get_placement_display")
    reasons = StoredReasonSerializer(many=True, source="placement_reasons")


class PlanSerializer(ProfileSerializer):
    id = serializers.IntegerField(read_only=True)
    owner = serializers.CharField(source="owner.get_username", read_only=True)
    status = serializers.ChoiceField(choices=PlanStatus.choices, read_only=True,
                                     help_text="draft → submitted → approved or returned; see /submit/, /approve/, "
                                               "/return/.")
    size_tier = serializers.ChoiceField(choices=SizeTier.choices, read_only=True)
    placement = PlanPlacementSerializer(source="*", read_only=True)
    roles = PlanRoleSerializer(source="team", many=True, read_only=True)
    total_headcount = serializers.IntegerField(read_only=True)
    monthly_cost = serializers.IntegerField(source="cost.monthly", read_only=True)
    annual_cost = serializers.IntegerField(source="cost.annual", read_only=True)
    cost = CostSerializer(read_only=True)
    notes = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_notes(self, plan: TeamPlan) -> list[str]:
        return [pick(note) for note in plan.notes]
