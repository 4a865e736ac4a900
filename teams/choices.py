"""The shared vocabulary: stable lowercase codes with translated labels."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    LAUNCH = "launch", _("Launch")
    GROWTH = "growth", _("Growth")
    MATURE = "mature", _("Mature")


class SizeTier(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class Industry(models.TextChoices):
    RETAIL = "retail", _("Offline / new retail")
    ECOMMERCE = "ecommerce", _("E-commerce")
    PLATFORM = "platform", _("Platform")
    FOOD_BEVERAGE = "food_beverage", _("Food & beverage")
    MOTHER_BABY = "mother_baby", _("Mother & baby")
    BEAUTY = "beauty", _("Beauty")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


class Tier(models.TextChoices):
    FRONT = "front", _("Front office")
    MIDDLE = "middle", _("Middle office")
    BACK = "back", _("Back office")


class Requirement(models.TextChoices):
    REQUIRED = "required", _("Required")
    RECOMMENDED = "recommended", _("Recommended")
    OPTIONAL = "optional", _("Optional")


class StaffingAction(models.TextChoices):
    STAFF = "staff", _("Staff the role")
    MERGE = "merge", _("Merge into another role")


class Placement(models.TextChoices):
    MARKETING = "marketing", _("Marketing department")
    USER_OPS = "user_ops", _("User operations department")
    NEW_RETAIL = "new_retail", _("New-retail centre")
    COMMUNITY_OPS = "community_ops", _("Community-ops / social-retail department")
    FIRST_LEVEL = "first_level", _("First-level department reporting to the CEO")
    CRM = "crm", _("CRM team")


class Source(models.TextChoices):
    S0 = "S0", "S0"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"
    S4 = "S4", "S4"
    DERIVED = "derived", _("derived")
