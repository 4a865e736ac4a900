"""The library admin's own pages, in Chinese: group names translated, role rows captioned by name, one-line
duty inputs, the KPI weight total's place, the export page's column names and its content security policy."""
from django.contrib.auth.models import Group
from django.urls import reverse

from teams.models import Role


def test_group_names_read_in_chinese_in_the_chinese_admin(admin_client, library_admin):
    groups = admin_client.get(reverse("admin:auth_group_changelist")).content.decode()
    user = admin_client.get(reverse("admin:auth_user_change", args=[library_admin.pk])).content.decode()

    for chinese in ("模板库管理员", "人力资源", "业务经理"):
        assert chinese in groups and chinese in user
    assert ">Library admins<" not in groups and ">Library admins<" not in user
    assert Group.objects.filter(name="Library admins").exists(), "stored under the name code matches on"


def test_role_page_has_one_line_duties_named_rows_and_the_weight_total(admin_client):
    role = Role.objects.get(code="lead")

    html = admin_client.get(reverse("admin:teams_role_change", args=[role.pk])).content.decode()

    assert 'class="vTextField role-line"' in html and 'name="duties-0-text_zh"' in html
    assert "<textarea" not in html[html.index('id="duties-group"'):html.index('id="role_kpis-group"')]
    first_kpi = role.role_kpis.select_related("kpi").first().kpi
    assert f"{role.name_zh} · {first_kpi.name_zh}" in html, "KPI rows captioned by name, not codes"
    assert 'class="weight-total"' in html and 'data-group="role_kpis-group"' in html
    assert "js/admin.js" in html


def test_export_page_names_columns_in_chinese_and_has_no_inline_script_or_style(admin_client):
    response = admin_client.get(reverse("admin:teams_role_export"))
    html = response.content.decode()

    assert "名称（中文） (name_zh)" in html and "Name Zh" not in html
    assert "全选" in html and "Select all" not in html
    assert "onchange=" not in html and 'style="' not in html
    assert "<script>" not in html.replace("<script src", "")
    assert "script-src 'self'" in response["Content-Security-Policy"]
