"""Code lists of the role library and its rules."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    FRONT = "front", _("Front office")
    MIDDLE = "middle", _("Middle office")
    BACK = "back", _("Back office")


class Requirement(models.TextChoices):
    REQUIRED = "required", _("Required")
    RECOMMENDED = "recommended", _("Recommended")
    OPTIONAL = "optional", _("Optional")


class QualificationKind(models.TextChoices):
    """The headings of a role's requirements (任职要求), in the order a role spec prints them."""

    EDUCATION = "education", _("Education level")
    EXPERIENCE = "experience", _("Work experience")
    SKILL = "skill", _("Skills")
    TOOL = "tool", _("Tools")


class StaffingAction(models.TextChoices):
    STAFF = "staff", _("Staff the role")
    MERGE = "merge", _("Merge into another role")
    OMIT = "omit", _("Leave the role out")


class Driver(models.TextChoices):
    """The workload figure a role's headcount follows; each code is the profile field it reads."""

    USERS = "private_domain_users", _("private-domain users")
    COMMUNITIES = "communities", _("communities")
    STORES = "stores", _("stores")
    SKUS = "sku_count", _("SKUs")
    BUSINESS_LINES = "business_lines", _("business lines")


class Placement(models.TextChoices):
    MARKETING = "marketing", _("Marketing department")
    USER_OPS = "user_ops", _("User operations department")
    NEW_RETAIL = "new_retail", _("New-retail centre")
    COMMUNITY_OPS = "community_ops", _("Community-ops / social-retail department")
    FIRST_LEVEL = "first_level", _("First-level department reporting to the CEO")
    CRM = "crm", _("CRM team")


class OnCostItem(models.TextChoices):
    """What an employer pays on top of salary (五险一金): the five social insurances and the housing fund."""

    PENSION = "pension", _("Pension")
    MEDICAL = "medical", _("Medical insurance")
    UNEMPLOYMENT = "unemployment", _("Unemployment insurance")
    INJURY = "injury", _("Work-injury insurance")
    MATERNITY = "maternity", _("Maternity insurance")
    HOUSING_FUND = "housing_fund", _("Housing fund")
