"""The public role-library pages: Chinese by default, English on request, grouped by tier, escaped, cheap."""
import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kpis.models import KPITemplate
from plans.forms import AddRoleForm
from teams.choices import Tier
from teams.engine import recommend_team
from teams.models import Capability, Duty, LibraryRevision, Role, RoleKPI, StaffingRule
from teams.selectors import load_library
from tests.conftest import profile

LIBRARY_URL = "/library/"
XSS = "<script>alert(1)</script>"


def role_url(code):
    return f"/library/{code}/"


def use_language(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def tier_sections(text):
    """{tier code: the HTML of that tier's section}, in page order."""
    parts = re.split(r'<section class="tier-section" aria-labelledby="tier-(\w+)">', text)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


# --- public, Chinese by default --------------------------------------------------------------------------

def test_library_is_public_and_chinese_by_default(client, library):
    text = page(client, LIBRARY_URL)

    assert 'lang="zh-hans"' in text
    lead = Role.objects.get(code="lead")
    assert html.escape(lead.name_zh) in text
    assert lead.name_en not in text
    for role in Role.objects.all():
        assert html.escape(role.name_zh) in text, role.code


def assert_role_shown(text, role, language, kpi_fields):
    """The role's name, summary, duties and the given fields of its KPIs, in ``language`` (zh or en)."""
    assert html.escape(getattr(role, f"name_{language}")) in text
    assert html.escape(getattr(role, f"summary_{language}")) in text
    for duty in role.duties.all():
        assert html.escape(getattr(duty, f"text_{language}")) in text
    for link in role.role_kpis.select_related("kpi"):
        for field in kpi_fields:
            assert html.escape(getattr(link.kpi, f"{field}_{language}")) in text


def test_role_page_is_public_and_chinese_by_default(client, library):
    role = Role.objects.get(code="user_ops")

    text = page(client, role_url("user_ops"))

    assert 'lang="zh-hans"' in text
    assert_role_shown(text, role, "zh", kpi_fields=["name", "formula"])
    assert role.name_en not in text


# --- English on request ----------------------------------------------------------------------------------

def english_by_cookie(client):
    use_language(client, "en")


def english_by_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": LIBRARY_URL})
    assert response.status_code == 302


ENGLISH_SWITCHES = [
    pytest.param(english_by_cookie, id="language-cookie"),
    pytest.param(english_by_switch, id="set-language-post"),
]


@pytest.mark.parametrize("switch", ENGLISH_SWITCHES)
def test_library_switches_to_english(client, library, switch):
    switch(client)

    text = page(client, LIBRARY_URL)

    assert 'lang="en"' in text
    for role in Role.objects.all():
        assert html.escape(role.name_en) in text, role.code
    assert Role.objects.get(code="lead").name_zh not in text


@pytest.mark.parametrize("switch", ENGLISH_SWITCHES)
def test_role_page_switches_to_english(client, library, switch):
    switch(client)
    role = Role.objects.get(code="data")

    text = page(client, role_url("data"))

    assert 'lang="en"' in text
    assert_role_shown(text, role, "en", kpi_fields=["definition"])
    assert role.name_zh not in text


def test_english_page_falls_back_to_chinese_where_no_english_text_exists(client, library):
    Role.objects.filter(code="data").update(summary_en="")
    LibraryRevision.bump()  # a bulk update sends no signals; the admin's bulk actions bump like this
    role = Role.objects.get(code="data")

    use_language(client, "en")
    text = page(client, role_url("data"))

    assert html.escape(role.summary_zh) in text


# --- grouped by tier -------------------------------------------------------------------------------------

def test_library_groups_roles_by_tier_front_middle_back(client, library):
    sections = tier_sections(page(client, LIBRARY_URL))

    assert list(sections) == [tier.value for tier in Tier]
    for role in Role.objects.all():
        holding = [tier for tier, section in sections.items() if f'href="{role_url(role.code)}"' in section]
        assert holding == [role.tier], role.code


def test_a_tier_without_roles_is_not_shown(client, library):
    Role.objects.filter(tier=Tier.BACK).update(tier=Tier.MIDDLE)
    LibraryRevision.bump()

    sections = tier_sections(page(client, LIBRARY_URL))

    assert list(sections) == [Tier.FRONT, Tier.MIDDLE]


# --- every text field is escaped -------------------------------------------------------------------------

@pytest.fixture
def hostile_role(library):
    """A role whose every text field, in both languages, is a script tag followed by the field's name."""
    role = Role.objects.get(code="content")
    for field in ("name", "summary"):
        for lang in ("zh", "en"):
            setattr(role, f"{field}_{lang}", f"{XSS}role-{field}-{lang}")
    role.save()
    for model, label in ((Duty, "duty"), (Capability, "capability")):
        model.objects.filter(role=role).update(text_zh=f"{XSS}{label}-zh", text_en=f"{XSS}{label}-en")
    kpi = RoleKPI.objects.filter(role=role).first().kpi
    for field in ("name", "definition", "formula"):
        for lang in ("zh", "en"):
            setattr(kpi, f"{field}_{lang}", f"{XSS}kpi-{field}-{lang}")
    kpi.save()
    StaffingRule.objects.filter(role=role, is_active=True).update(
        rationale_zh=f"{XSS}rationale-zh", rationale_en=f"{XSS}rationale-en")
    LibraryRevision.bump()
    return role


def assert_escaped(text, labels):
    assert XSS not in text
    assert "<script>" not in text
    for label in labels:
        assert html.escape(XSS + label) in text, label


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_library_page_escapes_every_text_field(client, hostile_role, lang):
    use_language(client, "en" if lang == "en" else "zh-hans")
    text = page(client, LIBRARY_URL)

    assert_escaped(text, [f"role-name-{lang}", f"role-summary-{lang}", f"duty-{lang}", f"capability-{lang}",
                          f"kpi-name-{lang}"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_role_page_escapes_every_text_field(client, hostile_role, lang):
    use_language(client, "en" if lang == "en" else "zh-hans")
    text = page(client, role_url("content"))

    assert_escaped(text, [f"role-name-{lang}", f"role-summary-{lang}", f"duty-{lang}", f"capability-{lang}",
                          f"kpi-name-{lang}", f"kpi-definition-{lang}", f"kpi-formula-{lang}",
                          f"rationale-{lang}"])


def test_role_page_escapes_the_parent_role_name(client, hostile_role):
    text = page(client, role_url("design"))  # design reports to content by default

    assert Role.objects.get(code="design").default_parent == hostile_role
    assert_escaped(text, ["role-name-zh"])


# --- not found -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["no_such_role", "LEAD", "lead2"])
def test_unknown_role_code_is_404(client, library, code):
    assert client.get(role_url(code)).status_code == 404


# --- a fixed number of queries -------------------------------------------------------------------------

def add_roles(count):
    kpi = KPITemplate.objects.first()
    parent = Role.objects.get(code="lead")
    for n in range(count):
        role = Role.objects.create(code=f"extra_{n}", name_zh=f"附加岗位{n}", name_en=f"Extra role {n}",
                                   tier=list(Tier)[n % 3], default_parent=parent, order=100 + n)
        Duty.objects.create(role=role, order=1, text_zh="职责", text_en="Duty")
        Capability.objects.create(role=role, order=1, text_zh="能力", text_en="Capability")
        RoleKPI.objects.create(role=role, kpi=kpi, weight=100)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        page(client, url)
    return len(queries)


def test_library_page_query_count_does_not_grow_with_roles(client, library):
    page(client, LIBRARY_URL)  # warm up anything cached per process (content types, translations)
    LibraryRevision.bump()
    before = count_queries(client, LIBRARY_URL)  # drawn afresh: the revision moved

    add_roles(6)
    after = count_queries(client, LIBRARY_URL)

    assert "附加岗位5" in page(client, LIBRARY_URL)
    assert after == before
    assert before <= 5


def test_a_repeat_visit_to_the_library_reads_only_the_revision(client, library):
    page(client, LIBRARY_URL)

    assert count_queries(client, LIBRARY_URL) == 1
    assert count_queries(client, LIBRARY_URL + "?tier=front") == 5  # another filter is another page


def test_a_library_edit_shows_at_once_in_each_language(client, library):
    page(client, LIBRARY_URL)
    use_language(client, "en")
    page(client, LIBRARY_URL)
    role = Role.objects.get(code="data")
    role.name_zh, role.name_en = "数据分析（改）", "Data analyst (edited)"
    role.save()

    assert "Data analyst (edited)" in page(client, LIBRARY_URL)
    use_language(client, "zh-hans")
    assert "数据分析（改）" in page(client, LIBRARY_URL)


def test_role_page_reads_its_row_and_the_revision_once_cached(client, library, django_assert_num_queries):
    page(client, role_url("lead"))

    with django_assert_num_queries(2):  # the role's row (its head) and the library revision; the rest is cached
        page(client, role_url("lead"))


def test_a_retired_role_is_not_recommended_offered_or_listed_but_plans_keep_it(admin_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    assert plan.roles.filter(code="design").exists()
    admin_client.post(reverse("admin:teams_role_changelist"),
                      {"action": "retire", "_selected_action": [Role.objects.get(code="design").pk]})

    assert not Role.objects.get(code="design").is_active
    draft = recommend_team(profile=profile(phase="growth", employees=500, industry="ecommerce"),
                           library=load_library())
    assert draft.role("design") is None
    assert "design" not in {role.code for role in AddRoleForm(plan=plan).fields["role"].queryset}
    assert "/library/design/" not in admin_client.get(reverse("teams:library")).content.decode()
    assert plan.roles.filter(code="design").exists()  # the saved plan keeps its designer


def test_the_lead_cannot_be_retired(admin_client):
    admin_client.post(reverse("admin:teams_role_changelist"),
                      {"action": "retire", "_selected_action": [Role.objects.get(code="lead").pk]})

    assert Role.objects.get(code="lead").is_active


def test_the_library_finds_roles_by_name_or_duty_and_filters_by_tier(client, db):
    found = client.get(reverse("teams:library"), {"q": "选品"}).content.decode()
    front = client.get(reverse("teams:library"), {"tier": "front"}).content.decode()

    assert "/library/merch/" in found and "/library/design/" not in found
    assert "/library/user_ops/" in front and "/library/content/" not in front
    english = client.get(reverse("teams:library"), {"q": "content operations SPECIALIST"}).content.decode()
    assert "/library/content/" in english and "/library/merch/" not in english  # English names, any case


def test_a_reporting_line_100_deep_draws_every_box_instead_of_a_500(client, library):
    parent = Role.objects.get(code="lead")
    for depth in range(100):
        parent = Role.objects.create(code=f"deep_{depth}", name_zh=f"深层岗位{depth}", name_en=f"Deep {depth}",
                                     tier=Tier.MIDDLE, is_core=True, default_parent=parent, order=900 + depth)

    response = client.get(reverse("teams:library"))

    assert response.status_code == 200
    page = response.content.decode()
    chart = page[page.index('class="orgchart"'):]
    chart = chart[:chart.index('class="legend"')]
    assert [depth for depth in range(100) if f'data-key="deep_{depth}"' not in chart] == []
    assert chart.count("<ul") == chart.count("</ul>") and chart.count("<li") == chart.count("</li>"), "balanced"
    assert chart.index('data-key="deep_98"') < chart.index('data-key="deep_99"')
