"""Shared page chrome (page head, breadcrumbs, error lists), the stylesheet's colours and DEBUG's default."""
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
TRAIL = re.compile(r'<nav class="breadcrumbs" aria-label="[^"]+"><ol>(.*?)</ol></nav>', re.S)


def trail(html):
    """The breadcrumb items as (attributes, text) pairs."""
    match = TRAIL.search(html)
    assert match, "no breadcrumbs"
    return [(attrs.strip(), re.sub(r"<[^>]+>", "", text))
            for attrs, text in re.findall(r"<li([^>]*)>(.*?)</li>", match.group(1), re.S)]


def test_plan_page_breadcrumbs_end_at_the_current_page(manager_client, manager, make_plan):
    plan = make_plan(manager)
    html = manager_client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert trail(html) == [("", "团队方案"), ('aria-current="page"', f"#{plan.pk}")]
    assert html.count('class="page-head"') == 1


def test_org_chart_names_itself_to_screen_readers_only_and_keeps_its_head_in_the_cache(
        manager_client, manager, make_plan, django_assert_num_queries):
    plan = make_plan(manager, company_name="面包屑品牌")
    url = reverse("plans:org-chart", args=[plan.pk])
    first = manager_client.get(url).content.decode()
    assert trail(first) == [("", "团队方案"), ("", "面包屑品牌"),
                            ('aria-current="page" class="visually-hidden"', "组织架构图")]
    with django_assert_num_queries(3):  # session, user, plan: the head and the chart come from the cache
        again = manager_client.get(url).content.decode()
    assert trail(again) == trail(first) and "<h1>组织架构图</h1>" in again


def test_pages_without_a_page_head_render_none(client, db):
    assert 'class="page-head"' not in client.get(reverse("home")).content.decode()
    assert 'class="page-head"' not in client.get(reverse("login")).content.decode()


def test_login_errors_use_the_shared_error_list(client, manager):
    html = client.post(reverse("login"), {"username": manager.username, "password": "wrong"}).content.decode()
    assert re.search(r'<ul class="errorlist" role="alert"><li>[^<]+</li></ul>', html)


def test_wizard_field_errors_keep_their_id(manager_client):
    html = manager_client.post(reverse("wizard:start"), {"company_name": ""}).content.decode()
    assert '<ul class="errorlist" id="id_company_name_error"><li>' in html


def test_colours_come_only_from_variables_declared_in_root():
    for name in ("app.css", "api-docs.css"):
        css = (ROOT / "static" / "css" / name).read_text(encoding="utf-8")
        root = re.search(r":root\s*\{(.*?)\}", css, re.S)
        declared = set(re.findall(r"--([a-z-]+)\s*:", root.group(1)))
        rules = css[:root.start()] + css[root.end():]
        assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(", rules), name
        assert set(re.findall(r"var\(--([a-z-]+)\)", css)) <= declared, name
        assert all(len(value) == 7 for value in re.findall(r"--[a-z-]+\s*:\s*(#[0-9a-fA-F]+)", root.group(1)))


def test_debug_is_off_unless_the_environment_turns_it_on():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env["DJANGO_SETTINGS_MODULE"] = "siyu.settings"
    check = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=120)
    assert check.returncode != 0 and "SECRET_KEY" in check.stderr
    env["SECRET_KEY"] = "only-for-this-test-" + "k" * 40
    read = subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
                           "print(settings.DEBUG)"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert read.stdout.strip() == "False", read.stderr
    assert "REDOC_DIST" not in settings.SPECTACULAR_SETTINGS


def test_the_migration_check_runs_on_a_bare_checkout_without_debug_or_a_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env["DJANGO_SETTINGS_MODULE"] = "siyu.settings"
    check = subprocess.run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "No changes detected" in check.stdout, check.stderr
