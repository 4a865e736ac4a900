"""A role's library page is cached under the library revision and the language: every library edit shows at once."""
import re

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teams.models import Duty, Role, RoleKPI, StaffingRule


def role_page(client, code):
    response = client.get(f"/library/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def kpi_weights(text):
    return re.findall(r'data-label="[^"]+">(\d+)%</td>', text)


def test_a_duty_edit_shows_on_the_role_page_at_once(client, library):
    duty = Duty.objects.filter(role__code="content").first()
    assert duty.text_zh in role_page(client, "content")
    duty.text_zh = "改写后的职责"
    duty.save()

    assert "改写后的职责" in role_page(client, "content")


def test_a_kpi_weight_and_a_retired_rule_show_on_the_role_page_at_once(client, library):
    link = RoleKPI.objects.filter(role__code="user_ops").order_by("order", "id").first()
    before = kpi_weights(role_page(client, "user_ops"))
    link.weight = 37 if link.weight != 37 else 38
    link.save()
    assert kpi_weights(role_page(client, "user_ops"))[0] == str(link.weight) != before[0]

    rule = StaffingRule.objects.filter(role__code="live", is_active=True).first()
    assert rule.rationale_zh in role_page(client, "live")
    rule.is_active = False
    rule.save()
    assert rule.rationale_zh not in role_page(client, "live")


def test_the_role_page_follows_the_language(client, library):
    duty = Duty.objects.filter(role__code="data").first()
    assert duty.text_zh in role_page(client, "data")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    text = role_page(client, "data")
    assert duty.text_en in text and duty.text_zh not in text


def test_a_repeat_view_reads_no_duties_kpis_or_rules(client, library):
    role_page(client, "lead")
    with CaptureQueriesContext(connection) as again:
        role_page(client, "lead")

    tables = " ".join(query["sql"] for query in again.captured_queries)
    assert "teams_duty" not in tables and "teams_rolekpi" not in tables and "teams_staffingrule" not in tables
    assert Role.objects.get(code="lead").name_zh in role_page(client, "lead")
