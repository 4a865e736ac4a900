"""Shared by the hostile-input tests (tests/*/test_hostile_*.py): the hostile values, a snapshot of every plan
and library row to prove nothing was written, and checks that errors are shown and names escaped."""
import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape

from kpis.models import KPITemplate
from plans.models import PlanKPI, PlanRole, TeamPlan, WizardDraft
from teams.models import Capability, Duty, PlacementRule, Role, RoleKPI, SizeThreshold, StaffingRule
from tests.formats import position_of

LONG = "长" * 10_000
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_NAMES = [pytest.param(SCRIPT, id="script"), pytest.param(IMG, id="img")]

# Not a number, negative, too big for any column, not whole, empty, and more digits than int() will read.
BAD_NUMBERS = ["abc", "-5", str(10**20), "1.5", "", "9" * 10_000]
BAD_COUNTS = [pytest.param(value, id=value[:12] or "empty") for value in BAD_NUMBERS]


# --- helpers -----------------------------------------------------------------------------------------------

def plans_state():
    """Every row a plan is made of, with every column (updated_at included: a touched plan is a written plan)."""
    return {model.__name__: sorted(model.objects.values_list(), key=repr)
            for model in (TeamPlan, PlanRole, PlanKPI, WizardDraft)}


def library_state():
    return {model.__name__: sorted(model.objects.values_list(), key=repr)
            for model in (Role, Duty, Capability, StaffingRule, PlacementRule, SizeThreshold, KPITemplate, RoleKPI)}


def edit_url(role):
    return reverse("plans:role-edit", args=[role.plan_id, role.pk])


def kpi_errors(response, index):
    return response.context["formset"].forms[index].errors


def assert_shown(response, errors):
    """Every error is on the page the user gets back, not only in the form object."""
    assert errors
    html = response.content.decode()
    for error in errors:
        assert escape(error) in html, error


def assert_escaped(html, name):
    """The name is on the page, escaped, and nowhere raw."""
    assert name not in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert escaped in html


# --- the admin import of roles ----------------------------------------------------------------------------

IMPORT_URL = "/admin/teams/role/import/"


def format_index(file_format):
    return str(position_of(admin.site._registry[Role].get_import_formats(), file_format))
