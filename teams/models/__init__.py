"""The role library and the rules the recommendation engine reads, one module per kind of data.

Everything here is data an admin edits; the engine (``teams.engine``) only interprets it.
``from teams.models import …`` is the way in; the modules below are an implementation detail.
"""
from .cost import OnCostRule, SalaryBand
from .library import Capability, Duty, Qualification, Role, RoleKPI, RoleText
from .revision import LibraryRevision
from .rules import PlacementRule, RuleConditions, SizeThreshold, SizingRule, StaffingRule

__all__ = [
    "Capability", "Duty", "LibraryRevision", "OnCostRule", "PlacementRule", "Qualification", "Role", "RoleKPI",
    "RoleText", "RuleConditions", "SalaryBand", "SizeThreshold", "SizingRule", "StaffingRule",
]
