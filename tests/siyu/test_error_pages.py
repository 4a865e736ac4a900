"""The pages a user stumbles on are ours: styled, in the reader's language, with a way forward."""
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation


def test_a_missing_page_is_our_404_in_chinese_with_a_way_home(manager_client):
    response = manager_client.get("/plans/999999/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html and "这个页面不存在" in html and 'href="/library/"' in html


def test_the_404_reads_in_english_when_the_reader_chose_english(client, db):
    client.cookies["django_language"] = "en"

    html = client.get("/no/such/page/").content.decode()

    assert "This page does not exist" in html


def test_a_forbidden_edit_is_our_403(client, hr_user, make_plan, manager):
    plan = make_plan(manager)
    client.force_login(hr_user)

    response = client.post(reverse("plans:duplicate", args=[plan.pk]))

    assert response.status_code == 403 and "你的账号不能进行此操作" in response.content.decode()


def test_an_expired_form_is_our_csrf_page_and_nothing_is_saved(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)

    response = client.post(reverse("wizard:start"), {"company_name": "x"})

    assert response.status_code == 403 and "表单已过期" in response.content.decode()


def test_the_500_page_needs_no_database_and_offers_home():
    with translation.override("zh-hans"):
        html = render_to_string("500.html")

    assert "500" in html and 'href="/"' in html


def test_hr_is_not_offered_a_new_plan_but_a_manager_is(client, hr_user, manager):
    client.force_login(hr_user)
    assert reverse("wizard:start") not in client.get("/").content.decode()

    client.force_login(manager)
    assert reverse("wizard:start") in client.get("/").content.decode()
