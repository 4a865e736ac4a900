"""Code lists every app shares: stable lowercase codes with translated labels."""
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


class Source(models.TextChoices):
    S0 = "S0", "S0"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"
    S4 = "S4", "S4"
    DERIVED = "derived", _("derived")


class CityTier(models.TextChoices):
    """City tiers after 第一财经·新一线城市研究所's yearly ranking; salaries and on-costs differ by tier."""

    TIER1 = "tier1", _("Tier-1 city")
    NEW_TIER1 = "new_tier1", _("New tier-1 city")
    TIER2 = "tier2", _("Tier-2 city")
    TIER3 = "tier3", _("Tier-3 city and below")
