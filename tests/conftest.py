from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from plans.groups import HR, MANAGERS
from plans.models import WizardDraft
from plans.services import plan_create_from_draft
from teams.engine import CompanyProfile, recommend_team
from teams.groups import LIBRARY_ADMINS
from teams.models import Role
from teams.selectors import load_library


def load_library_once():
    if not Role.objects.exists():
        call_command("loaddata", "library", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the real library, as a fresh `make run` would."""
    with django_db_blocker.unblock():
        load_library_once()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The static files collected once for every production-mode server of the session (tests/serving.py)."""
    from tests.serving import collect_static

    return collect_static(tmp_path_factory.mktemp("static"))


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached (plan renderings, login throttling)."""
    cache.clear()


@pytest.fixture
def library(db):
    load_library_once()
    return load_library()


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def manager(db):
    return make_user("manager1", MANAGERS)


@pytest.fixture
def other_manager(db):
    return make_user("manager2", MANAGERS)


@pytest.fixture
def hr_user(db):
    return make_user("hr1", HR, is_staff=True)


@pytest.fixture
def library_admin(db):
    return make_user("librarian", LIBRARY_ADMINS, is_staff=True)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


# --- The shared profiles: as the wizard posts them, and as an API client sends them ------------------
COMPANY = {"company_name": "桃园茶饮", "employees": "150", "industry": "food_beverage"}
SITUATION = {"phase": "growth", "strategic": "", "live_streaming": "on", "business_lines": "1", "member_share": "40"}
WORKLOAD = {"private_domain_users": "", "communities": "0", "stores": "0", "sku_count": "", "has_mall": ""}
CONSTRAINTS = {"city_tier": "tier1", "headcount_budget": "", "monthly_budget": ""}
API_PROFILE = {"company_name": "API 品牌", "employees": 500, "industry": "ecommerce", "phase": "growth",
               "strategic": False, "live_streaming": True, "business_lines": 2, "member_share": 30,
               "headcount_budget": None}
ROLE_KEYS = {"code", "name", "headcount", "team_leads", "reports_to", "requirement", "merged_into", "reasons", "kpis",
             "salary", "monthly_cost"}


@pytest.fixture
def api(manager):
    """An API client authenticated as the manager."""
    client = APIClient()
    client.force_authenticate(manager)
    return client


def profile(**overrides):
    values = {"company_name": "示例品牌", "employees": 120, "industry": "retail", "phase": "launch"}
    values.update(overrides)
    return CompanyProfile(**values)


@pytest.fixture
def make_plan(library):
    def make(owner, **overrides):
        return plan_create_from_draft(owner=owner, draft=recommend_team(profile=profile(**overrides), library=library))

    return make


@pytest.fixture
def plan(manager, make_plan):
    """A plan of the manager's, made from the default profile."""
    return make_plan(manager)


@pytest.fixture
def role(plan):
    """A role with a manager and several KPIs, so every field of the edit form is in play."""
    role = plan.roles.get(code="content")
    assert role.reports_to is not None and role.kpis.count() >= 2
    return role


# --- Posting forms as the browser does -----------------------------------------
def walk(client, *steps):
    """Post the wizard's steps; the draft they were saved to."""
    response = client.post(reverse("wizard:start"), steps[0])
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = WizardDraft.objects.latest("updated_at")
    for number, data in enumerate(steps[1:], start=2):
        response = client.post(reverse("wizard:step", args=[draft.pk, number]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return draft


def edit_data(role, **overrides):
    """The role edit form as the browser would post it, with the role's current values."""
    kpis = list(role.kpis.all())
    data = {"headcount": role.headcount, "reports_to": role.reports_to_id or "", "salary": role.salary or "",
            "kpi-TOTAL_FORMS": len(kpis), "kpi-INITIAL_FORMS": len(kpis)}
    for i, kpi in enumerate(kpis):
        data.update({f"kpi-{i}-id": kpi.pk, f"kpi-{i}-weight": kpi.weight,
                     f"kpi-{i}-target": "" if kpi.target is None else str(kpi.target),
                     f"kpi-{i}-threshold": kpi.threshold, f"kpi-{i}-met_threshold": kpi.met_threshold,
                     f"kpi-{i}-exceeded_threshold": kpi.exceeded_threshold})
    data.update(overrides)
    return data


RENDERING_FILES = {"test_pdf.py", "test_word.py", "test_orgchart_svg.py"}


def pytest_collection_modifyitems(items):
    """Mark what renders through an outside program: it does not depend on the database backend, so the
    second CI pass (PostgreSQL) leaves it out with ``-m "not rendering"``."""
    for item in items:
        path = Path(item.path)
        if "browser" in path.parts or path.name in RENDERING_FILES or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.rendering)
