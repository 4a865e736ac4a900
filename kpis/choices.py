"""Vocabulary of the KPI library."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Family(models.TextChoices):
    USER = "user", _("User metrics")
    ACTIVITY = "activity", _("Activity metrics")
    RESULT = "result", _("Result metrics")
    MANAGEMENT = "management", _("Management metrics")
    CONTENT = "content", _("Content metrics")
    SALES = "sales", _("Sales metrics")
    ACQUISITION = "acquisition", _("Acquisition metrics")
    SERVICE = "service", _("Service metrics")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Unit(models.TextChoices):
    PERCENT = "percent", "%"
    YUAN = "yuan", _("yuan")
    PEOPLE = "people", _("people")
    COUNT = "count", _("count")
    TIMES = "times", _("times")
    ORDERS = "orders", _("orders")
    SESSIONS = "sessions", _("sessions")
    ROUNDS = "rounds", _("rounds")
    PIECES = "pieces", _("pieces")
    HOURS = "hours", _("hours")
    MINUTES = "minutes", _("minutes")
    RATIO = "ratio", _("ratio")
    MULTIPLE = "multiple", _("multiple")
    SCORE = "score", _("score")
