"""Which rules apply to a company, and the shared constants of the decisions."""
from common.choices import SizeTier

LEAD = "lead"
CAMPAIGN = "campaign"  # the planner whose KPI sheet carries the GMV decomposition [S3]


def size_tier_for(employees: int, thresholds) -> str:
    """The largest tier whose lower bound the company reaches."""
    reached = [(low, tier) for tier, low in thresholds if employees >= low]
    return max(reached)[1] if reached else SizeTier.MICRO


def matching(rules, profile, size_tier):
    """The rules that apply to the company, highest priority first."""
    found = [rule for rule in rules if rule.conditions.match(profile, size_tier)]
    return sorted(found, key=lambda rule: (-rule.priority, rule.code))
