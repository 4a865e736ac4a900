"""Library (read-only) and recommendation shapes. Output serializers read the engine's values directly."""
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import StrictFieldsMixin
from common.choices import CityTier, Industry, Phase, SizeTier, Source
from teams.choices import Placement, QualificationKind, Requirement
from teams.engine import COMPANY_NAME_MAX, LIMITS
from teams.models import Role, RoleKPI


class RoleKPILinkSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="kpi.code")
    name = serializers.CharField(source="kpi.name")

    class Meta:
        model = RoleKPI
        fields = ["code", "name", "weight"]


class QualificationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=QualificationKind.choices)
    text = serializers.CharField()
    source = serializers.ChoiceField(choices=Source.choices)


class RoleSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    default_parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    duties = serializers.SerializerMethodField()
    capabilities = serializers.SerializerMethodField()
    qualifications = serializers.SerializerMethodField()
    kpis = RoleKPILinkSerializer(source="role_kpis", many=True, read_only=True)

    class Meta:
        model = Role
        fields = ["code", "name", "name_zh", "name_en", "tier", "is_core", "default_parent", "order", "summary",
                  "duties", "capabilities", "qualifications", "kpis", "source"]

    def get_duties(self, role) -> list[str]:
        return [duty.text for duty in role.duties.all()]

    def get_capabilities(self, role) -> list[str]:
        return [capability.text for capability in role.capabilities.all()]

    @extend_schema_field(QualificationSerializer(many=True))
    def get_qualifications(self, role) -> list[dict]:
        """任职要求: each line with its kind (education, experience, skill, tool) and source tag."""
        return [{"kind": q.kind, "text": q.text, "source": q.source} for q in role.qualifications.all()]


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only: 0, 1 and "yes" are refused rather than guessed at."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer only: "5" and 5.5 are refused."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """A JSON string only: numbers are not turned into names."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def bounds(name):
    low, high = LIMITS[name]
    return {"min_value": low, "max_value": high}


# Python's whitespace (what str.strip removes), spelt so JSON Schema's regex and Python's agree: a name needs one
# character that is neither that nor NUL. The schema then says exactly what the API takes (a fuzzer's "valid"
# blank name is no longer valid), and the length is counted before the spaces are stripped, as the schema does.
WHITESPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NAME_PATTERN = rf"^[^\x00]*[^\x00{WHITESPACE}][^\x00]*$"
ERR_BLANK_NAME = _("Enter a name, not only spaces.")


class ProfileSerializer(StrictFieldsMixin, serializers.Serializer):
    """The company profile: the contract other tools rely on."""

    company_name = StrictCharField(max_length=COMPANY_NAME_MAX, trim_whitespace=False,
                                   validators=[RegexValidator(NAME_PATTERN, ERR_BLANK_NAME)])
    employees = StrictIntegerField(**bounds("employees"))
    industry = serializers.ChoiceField(choices=Industry.choices)
    phase = serializers.ChoiceField(choices=Phase.choices)
    strategic = StrictBooleanField(default=False)
    live_streaming = StrictBooleanField(default=False)
    business_lines = StrictIntegerField(**bounds("business_lines"), default=1)
    member_share = StrictIntegerField(**bounds("member_share"), default=0)
    headcount_budget = StrictIntegerField(**bounds("headcount_budget"), allow_null=True, default=None)
    private_domain_users = StrictIntegerField(
        **bounds("private_domain_users"), allow_null=True, default=None,
        help_text="Deduplicated contacts the brand can reach (WeCom contacts, group members, followers); "
                  "null = unknown.")
    communities = StrictIntegerField(**bounds("communities"), default=0, help_text="WeCom/WeChat groups run.")
    stores = StrictIntegerField(**bounds("stores"), default=0, help_text="Offline stores; 0 = none.")
    sku_count = StrictIntegerField(**bounds("sku_count"), allow_null=True, default=None,
                                   help_text="SKUs on sale; null = unknown.")
    has_mall = StrictBooleanField(default=False, help_text="Runs its own mini-program mall.")
    city_tier = serializers.ChoiceField(choices=CityTier.choices, default=CityTier.TIER2,
                                        help_text="Where the team works; salaries and on-cost bases follow it.")
    monthly_budget = StrictIntegerField(**bounds("monthly_budget"), allow_null=True, default=None,
                                        help_text="Whole yuan a month for the team, employer on-costs included.")

    def validate_company_name(self, value):
        return value.strip()


class ReasonSerializer(serializers.Serializer):
    text = serializers.CharField()
    source = serializers.CharField()


class KPIPickSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.IntegerField()


class SalarySerializer(serializers.Serializer):
    """A role's market band: monthly base salary in whole yuan."""

    p25 = serializers.IntegerField()
    p50 = serializers.IntegerField()
    p75 = serializers.IntegerField()


class CostSerializer(serializers.Serializer):
    """Whole yuan a month: salaries and the employer's on-costs (social insurance and housing fund)."""

    salary = serializers.IntegerField()
    on_costs = serializers.IntegerField()


class RoleResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    headcount = serializers.IntegerField()
    team_leads = serializers.IntegerField(help_text="How many of the role's people lead a group of it.")
    reports_to = serializers.CharField(allow_null=True, help_text="Code of the role this one reports to.")
    requirement = serializers.ChoiceField(choices=Requirement.choices)
    merged_into = serializers.CharField(allow_null=True, help_text="Code of the role carrying this one's duties.")
    reasons = ReasonSerializer(many=True)
    kpis = KPIPickSerializer(many=True)
    salary = SalarySerializer(source="band", allow_null=True, help_text="Null when the library has no band.")
    monthly_cost = serializers.IntegerField(source="cost.monthly")


class PlacementSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Placement.choices)
    label = serializers.CharField()
    reasons = ReasonSerializer(many=True)


class RecommendationSerializer(serializers.Serializer):
    placement = PlacementSerializer()
    size_tier = serializers.ChoiceField(choices=SizeTier.choices)
    roles = RoleResultSerializer(many=True)
    total_headcount = serializers.IntegerField()
    monthly_cost = serializers.IntegerField()
    annual_cost = serializers.IntegerField()
    cost = CostSerializer()
    notes = serializers.ListField(child=serializers.CharField())
