"""Bulk exports: HR picks plans and documents, a background task builds one zip, a progress page follows it."""
import zipfile
from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from plans.bulk import documents
from plans.bulk.models import BulkExport, ExportKind, ExportStatus
from plans.bulk.services import bulk_export_start
from plans.bulk.tasks import build_bulk_export
from plans.services import plan_duplicate, plan_role_add
from teams.models import Role

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
XLSX_KINDS = [ExportKind.ROLE_SPECS_XLSX, ExportKind.KPI_SHEETS_XLSX]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def post_export(client, plans, kinds=XLSX_KINDS):
    return client.post(reverse("plans:exports"), {"plans": [p.pk for p in plans], "kinds": kinds})


def zip_names(export):
    with export.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        return archive.namelist()


def test_starting_an_export_only_queues_it(hr_client, manager, make_plan, settings):
    settings.TASKS = DUMMY
    plans = [make_plan(manager, company_name="甲品牌"), make_plan(manager, company_name="乙品牌")]

    response = post_export(hr_client, plans)

    export = BulkExport.objects.get()
    assert response.status_code == 302 and response["Location"] == export.get_absolute_url()
    assert export.status == ExportStatus.QUEUED and export.done == 0 and not export.file  # nothing built yet
    [queued] = default_task_backend.results
    assert queued.task.name == build_bulk_export.name and list(queued.args) == [export.pk]
    page = hr_client.get(export.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh"' in page and "0 / 2" in page
    assert reverse("plans:export-download", args=[export.pk]) not in page


def test_two_hundred_plans_in_one_zip_with_progress_at_200_of_200(hr_client, manager, make_plan):
    first = make_plan(manager, company_name="百店连锁", headcount_budget=2)
    plans = [first] + [plan_duplicate(plan=first, owner=manager) for _ in range(199)]

    response = post_export(hr_client, plans, [ExportKind.KPI_SHEETS_XLSX])  # one workbook each: CI time

    export = BulkExport.objects.get()
    assert (export.status, export.done, export.total) == (ExportStatus.DONE, 200, 200)
    names = zip_names(export)
    assert len({name.split("/")[0] for name in names}) == 200 and len(names) == 200
    assert all("考核表" in name and name.endswith(".xlsx") for name in names)
    page = hr_client.get(response["Location"]).content.decode()
    assert "200 / 200" in page and reverse("plans:export-download", args=[export.pk]) in page
    assert '<meta http-equiv="refresh"' not in page


def test_the_zip_downloads_for_its_requester_only(hr_client, hr_user, manager, make_plan, client):
    post_export(hr_client, [make_plan(manager)])
    export = BulkExport.objects.get()
    url = reverse("plans:export-download", args=[export.pk])

    response = hr_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment") and response["Cache-Control"] == "private, no-store"
    with zipfile.ZipFile(BytesIO(b"".join(response.streaming_content))) as archive:
        assert len(archive.namelist()) == 2

    other_hr = User.objects.create_user("hr2", password="x", is_staff=True)
    other_hr.groups.add(*hr_user.groups.all())
    client.force_login(other_hr)
    assert client.get(url).status_code == 404
    assert client.get(export.get_absolute_url()).status_code == 404
    client.force_login(User.objects.create_superuser("root", password="x"))
    assert client.get(url).status_code == 200


def test_pdfs_and_word_go_into_the_zip(hr_client, manager, make_plan):
    plan = make_plan(manager, company_name="文档品牌")
    kinds = [ExportKind.ORG_CHART_PDF, ExportKind.KPI_SHEETS_PDF, ExportKind.ROLE_SPECS_PDF,
             ExportKind.ROLE_SPECS_DOCX, ExportKind.TEAM_COST_XLSX, ExportKind.ROLE_SPECS_HR_XLSX]
    post_export(hr_client, [plan], kinds)

    export = BulkExport.objects.get()
    with export.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert sorted(name.rsplit(".", 1)[1] for name in files) == ["docx", "pdf", "pdf", "pdf", "xlsx", "xlsx"]
    assert all(body.startswith(b"%PDF") for name, body in files.items() if name.endswith(".pdf"))
    assert any("组织架构图" in name for name in files) and any("团队成本" in name for name in files)
    assert any("岗位说明书（HR 版）" in name for name in files)


def test_a_failure_is_shown_with_the_plan_it_stopped_at(hr_client, manager, make_plan, monkeypatch):
    def broken(plan):
        raise ValueError("boom")

    monkeypatch.setitem(documents.DOCUMENTS, ExportKind.KPI_SHEETS_XLSX,
                        documents.Document("kpi_sheets", ".xlsx", broken))
    post_export(hr_client, [make_plan(manager, company_name="出错品牌")])

    export = BulkExport.objects.get()
    assert export.status == ExportStatus.FAILED and not export.file
    page = hr_client.get(export.get_absolute_url()).content.decode()
    assert "出错品牌" in page and 'role="alert"' in page and "boom" not in page
    assert reverse("plans:export-download", args=[export.pk]) not in page


def test_an_export_whose_worker_stopped_says_so_and_starts_again(hr_client, manager, make_plan, settings):
    settings.TASKS = DUMMY  # queued, and no worker ever picks it up
    plans = [make_plan(manager, company_name="甲品牌"), make_plan(manager, company_name="乙品牌")]
    post_export(hr_client, plans)
    stuck = BulkExport.objects.get()
    fresh_page = hr_client.get(stuck.get_absolute_url()).content.decode()
    BulkExport.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(minutes=25))

    page = hr_client.get(stuck.get_absolute_url()).content.decode()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    response = hr_client.post(reverse("plans:export-restart", args=[stuck.pk]))

    assert "db_worker" not in fresh_page and "已停滞" not in fresh_page
    assert "db_worker" in page and "25\xa0分钟" in page and "已停滞" in page
    assert '<meta http-equiv="refresh"' not in page  # nothing to wait for
    restarted = BulkExport.objects.exclude(pk=stuck.pk).get()
    assert response["Location"] == restarted.get_absolute_url()
    assert restarted.status == ExportStatus.DONE and restarted.done == 2 and len(zip_names(restarted)) == 4
    stuck.refresh_from_db()
    assert stuck.status == ExportStatus.FAILED and "重新" in stuck.error


def test_an_export_still_moving_is_not_started_twice(hr_client, manager, make_plan, settings):
    settings.TASKS = DUMMY
    post_export(hr_client, [make_plan(manager)])
    export = BulkExport.objects.get()

    response = hr_client.post(reverse("plans:export-restart", args=[export.pk]), follow=True)

    assert BulkExport.objects.count() == 1
    assert any("仍在生成" in str(message) for message in response.context["messages"])


def test_a_failed_export_is_started_again_with_the_same_choice(hr_client, manager, make_plan, monkeypatch):
    plan = make_plan(manager, company_name="出错品牌")
    real = documents.DOCUMENTS[ExportKind.KPI_SHEETS_XLSX]
    monkeypatch.setitem(documents.DOCUMENTS, ExportKind.KPI_SHEETS_XLSX,
                        documents.Document("kpi_sheets", ".xlsx", lambda plan: 1 / 0))
    post_export(hr_client, [plan])
    failed = BulkExport.objects.get()
    monkeypatch.setitem(documents.DOCUMENTS, ExportKind.KPI_SHEETS_XLSX, real)

    hr_client.post(reverse("plans:export-restart", args=[failed.pk]))

    again = BulkExport.objects.exclude(pk=failed.pk).get()
    assert again.status == ExportStatus.DONE and list(again.plans.all()) == [plan]
    assert again.kinds == failed.kinds


def test_only_the_requester_can_start_an_export_again(hr_client, client, manager, make_plan, settings):
    settings.TASKS = DUMMY
    post_export(hr_client, [make_plan(manager)])
    export = BulkExport.objects.get()
    BulkExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(hours=1))
    client.force_login(manager)

    assert client.post(reverse("plans:export-restart", args=[export.pk])).status_code == 404
    assert client.get(reverse("plans:export-restart", args=[export.pk])).status_code in {404, 405}
    assert BulkExport.objects.count() == 1


def test_managers_export_only_their_own_plans(manager_client, manager, other_manager, make_plan):
    mine, theirs = make_plan(manager), make_plan(other_manager, company_name="别人的方案")
    page = manager_client.get(reverse("plans:exports")).content.decode()
    assert f'value="{mine.pk}"' in page and "别人的方案" not in page

    response = post_export(manager_client, [mine, theirs])
    assert response.status_code == 200 and not BulkExport.objects.exists()
    assert str(theirs.pk) in response.content.decode()  # "select a valid choice: <id> is not one of them"


@pytest.mark.parametrize(("data", "message"), [({"kinds": []}, "请至少选择一种文件"),
                                               ({"plans": []}, "请至少选择一个方案")])
def test_an_empty_choice_is_refused_by_name(hr_client, manager, make_plan, data, message):
    plan = make_plan(manager)
    body = {"plans": [plan.pk], "kinds": XLSX_KINDS, **data}
    response = hr_client.post(reverse("plans:exports"), body)
    assert response.status_code == 200 and message in response.content.decode()
    assert not BulkExport.objects.exists()


def test_hr_picks_plans_in_the_admin_and_documents_on_the_export_page(hr_client, manager, make_plan):
    chosen, left = make_plan(manager, company_name="甲品牌"), make_plan(manager, company_name="乙品牌")
    response = hr_client.post(reverse("admin:plans_teamplan_changelist"),
                              {"action": "export_in_background", "_selected_action": [chosen.pk]})
    page = response.content.decode()
    assert response.status_code == 200 and f'action="{reverse("plans:exports")}"' in page
    assert f'value="{chosen.pk}" id="plan-{chosen.pk}" checked' in page and "乙品牌" not in page

    post_export(hr_client, [chosen])
    assert list(BulkExport.objects.get().plans.all()) == [chosen]
    assert left.pk not in BulkExport.objects.values_list("plans", flat=True)


def test_managers_cannot_use_the_admin_action(manager_client, manager, make_plan):
    plan = make_plan(manager)
    response = manager_client.post(reverse("admin:plans_teamplan_changelist"),
                                   {"action": "export_in_background", "_selected_action": [plan.pk]})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_old_exports_and_their_files_are_removed(hr_user, manager, make_plan, media, settings):
    settings.TASKS = DUMMY
    plan = make_plan(manager)
    old = bulk_export_start(requested_by=hr_user, plans=[plan], kinds=XLSX_KINDS, language="zh-hans")
    old.file.save("old.zip", ContentFile(b"PK"))
    path = media / old.file.name
    BulkExport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.BULK_EXPORT_KEEP_DAYS + 1))
    assert path.exists()

    bulk_export_start(requested_by=hr_user, plans=[plan], kinds=XLSX_KINDS, language="zh-hans")

    assert not path.exists() and not BulkExport.objects.filter(pk=old.pk).exists()
    assert BulkExport.objects.count() == 1


def test_an_export_started_in_english_names_its_files_in_english(hr_user, manager, make_plan):
    export = bulk_export_start(requested_by=hr_user, plans=[make_plan(manager, company_name="Acme")],
                               kinds=XLSX_KINDS, language="en")
    export.refresh_from_db()
    names = zip_names(export)
    assert any("Role specifications" in n for n in names) and any("KPI sheets" in n for n in names)


def export_queries(hr_user, plans, settings):
    settings.TASKS = DUMMY
    export = bulk_export_start(requested_by=hr_user, plans=plans, kinds=XLSX_KINDS, language="zh-hans")
    with CaptureQueriesContext(connection) as queries:
        build_bulk_export.call(export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    return len(queries)


def test_queries_per_plan_do_not_grow_with_its_team(hr_user, manager, make_plan, settings):
    small = make_plan(manager, headcount_budget=1)
    big = make_plan(manager, phase="mature", employees=3000, live_streaming=True, business_lines=2)
    for role in Role.objects.exclude(code__in=big.roles.values("code")):
        plan_role_add(plan=big, role=role)
    assert big.roles.count() >= 2 * small.roles.count()

    smalls = [small] + [plan_duplicate(plan=small, owner=manager) for _ in range(5)]
    bigs = [big] + [plan_duplicate(plan=big, owner=manager) for _ in range(5)]
    six_small, six_big = export_queries(hr_user, smalls, settings), export_queries(hr_user, bigs, settings)
    three_small = export_queries(hr_user, smalls[:3], settings)

    assert six_big == six_small  # no query per role or KPI
    assert six_small - three_small <= 3 * 1  # one query per plan: its progress
