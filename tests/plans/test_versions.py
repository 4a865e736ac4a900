"""Plan versions: one per saved change, written with the change, diffed, restored, readable after migrations."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from plans.models import PlanKPI, PlanVersion, TeamPlan
from plans.services import plan_role_add, plan_role_update
from teams.models import Role
from tests.conftest import edit_data

from .test_replan import start_replan


def versions(plan):
    return list(PlanVersion.objects.filter(plan=plan).order_by("number").values_list("number", "kind"))


def edit(client, plan, code, **changes):
    role = plan.roles.get(code=code)
    response = client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), edit_data(role, **changes))
    assert response.status_code == 302, response.content.decode()[:500]


def test_every_save_makes_exactly_one_version(manager_client, manager, make_plan, api):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    edit(manager_client, plan, "content", headcount=3)
    edit(manager_client, plan, "lead", **{"kpi-0-target": "5000"})
    manager_client.post(reverse("plans:role-add", args=[plan.pk]), {"role": Role.objects.get(code="ads").pk})
    manager_client.post(reverse("plans:role-remove", args=[plan.pk, plan.roles.get(code="ads").pk]))
    _draft, url = start_replan(manager_client, plan, member_share=30)
    manager_client.post(url, {"save": "1", "keep": ["headcount:content"]})  # a re-plan that re-applies an edit
    manager_client.post(reverse("plans:version-restore", args=[plan.pk, 2]))
    api.patch(f"/api/plans/{plan.pk}/", {"company_name": "改名后的品牌"}, format="json")

    assert versions(plan) == [(1, "created"), (2, "role_edited"), (3, "role_edited"), (4, "role_added"),
                              (5, "role_removed"), (6, "replanned"), (7, "restored"), (8, "renamed")]
    assert all(v.author == manager for v in PlanVersion.objects.filter(plan=plan))


def test_a_copy_starts_its_own_history(manager_client, manager, plan):
    manager_client.post(reverse("plans:duplicate", args=[plan.pk]))
    copy = manager.plans.exclude(pk=plan.pk).get()
    assert versions(copy) == [(1, "copied")]
    assert versions(plan) == [(1, "created")]


def test_a_refused_edit_writes_no_version(manager_client, plan):
    role = plan.roles.get(code="content")
    response = manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]),
                                   edit_data(role, **{"kpi-0-weight": 1}))  # weights no longer sum to 100
    assert response.status_code == 200
    assert versions(plan) == [(1, "created")]


def test_a_diff_names_exactly_what_changed(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    cost_before = plan.cost.monthly
    design, campaign = plan.roles.get(code="design"), plan.roles.get(code="campaign")
    kpis = list(design.kpis.all())
    weights = [100 - 10 * (len(kpis) - 1)] + [10] * (len(kpis) - 1)
    edit(manager_client, plan, "design", headcount=design.headcount + 2, reports_to=campaign.pk,
         **{f"kpi-{i}-weight": w for i, w in enumerate(weights)})
    cost_after = TeamPlan.objects.get(pk=plan.pk).cost.monthly
    old_manager = design.reports_to

    page = manager_client.get(reverse("plans:version-diff", args=[plan.pk]) + "?from=1&to=2")
    with translation.override("en"):
        changes = [str(line) for line in page.context["changes"]]

    name = design.name_en
    expected = [f"{name}: headcount {design.headcount} → {design.headcount + 2}",
                f"{name}: reports to {old_manager.name_en} → {campaign.name_en}"]
    expected += [f"{name}: {kpi.name_en} weight {kpi.weight}% → {w}%"
                 for kpi, w in zip(kpis, weights, strict=True) if kpi.weight != w]
    expected.append(f"Monthly cost ¥{cost_before:,} → ¥{cost_after:,}")
    assert changes == expected


def test_the_versions_summary_says_what_changed_in_both_languages(manager_client, plan):
    role = plan.roles.get(code="content")
    edit(manager_client, plan, "content", headcount=role.headcount + 1)
    version = PlanVersion.objects.get(plan=plan, number=2)

    assert f"{role.name_zh}：编制 {role.headcount} → {role.headcount + 1}" in version.summary[0]["zh"]
    assert f"{role.name_en}: headcount {role.headcount} → {role.headcount + 1}" == version.summary[0]["en"]
    html = manager_client.get(reverse("plans:history", args=[plan.pk])).content.decode()
    assert version.summary[0]["zh"] in html


def test_restore_makes_a_new_version_equal_to_the_old_one(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    first = PlanVersion.objects.get(plan=plan, number=1)
    edit(manager_client, plan, "content", headcount=5, **{"kpi-0-target": "1200"})
    manager_client.post(reverse("plans:role-remove", args=[plan.pk, plan.roles.get(code="design").pk]))

    response = manager_client.post(reverse("plans:version-restore", args=[plan.pk, 1]))

    assert response.status_code == 302
    restored = PlanVersion.objects.get(plan=plan, number=4)
    assert restored.kind == "restored" and restored.snapshot == first.snapshot
    plan.refresh_from_db()
    assert plan.roles.get(code="design").reports_to.code == "content"
    assert plan.roles.get(code="content").headcount == first.snapshot["roles"][
        [r["code"] for r in first.snapshot["roles"]].index("content")]["headcount"]
    assert versions(plan)[:3] == [(1, "created"), (2, "role_edited"), (3, "role_removed")]  # history kept


def test_a_schema_1_snapshot_reads_after_a_field_was_added(manager_client, plan, api):
    """A version written before a migration added a field (here the KPIs' ``threshold``, as if added later) and
    holding one since removed: pages and API read it, and restoring it gives the new field its default."""
    version = PlanVersion.objects.get(plan=plan, number=1)
    old = version.snapshot
    for role in old["roles"]:
        role["retired_field"] = "x"
        for kpi in role["kpis"]:
            del kpi["threshold"]
    PlanVersion.objects.filter(pk=version.pk).update(snapshot=old, schema_version=1)
    PlanKPI.objects.filter(plan_role__plan=plan).update(threshold=95)
    edit(manager_client, plan, "content", headcount=4)

    page = manager_client.get(reverse("plans:version", args=[plan.pk, 1]))
    assert page.status_code == 200 and plan.roles.get(code="content").name_zh in page.content.decode()
    body = api.get(f"/api/plans/{plan.pk}/versions/1/").json()
    assert {role["code"] for role in body["roles"]} == set(plan.roles.values_list("code", flat=True))
    assert manager_client.post(reverse("plans:version-restore", args=[plan.pk, 1])).status_code == 302
    assert set(PlanKPI.objects.filter(plan_role__plan=plan).values_list("threshold", flat=True)) == {80}
    assert plan.roles.get(code="content").headcount == 1


def test_an_older_schema_is_upgraded_on_read(plan, monkeypatch):
    from plans import snapshots

    version = PlanVersion.objects.get(plan=plan, number=1)
    old = {**version.snapshot, "team": version.snapshot["roles"]}  # schema 1 called the roles "team"
    del old["roles"]
    monkeypatch.setattr(snapshots, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(snapshots.UPGRADES, 1, lambda s: {**{k: v for k, v in s.items() if k != "team"},
                                                          "roles": s["team"]})
    version.snapshot, version.schema_version = old, 1

    assert snapshots.read_snapshot(version)["roles"] == PlanVersion.objects.get(pk=version.pk).snapshot["roles"]


def test_history_page_query_count_stays_fixed_as_versions_grow(manager_client, plan, django_assert_num_queries):
    role = plan.roles.get(code="content")
    url = reverse("plans:history", args=[plan.pk])
    manager_client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert manager_client.get(url).status_code == 200
    for headcount in range(2, 22):
        plan_role_update(plan_role=role, headcount=headcount, reports_to=role.reports_to,
                         kpi_values={})
    assert PlanVersion.objects.filter(plan=plan).count() == 21
    with django_assert_num_queries(len(few)):
        html = manager_client.get(url).content.decode()
    assert 'id="version-21"' in html and 'id="version-1"' in html


def test_managers_see_only_their_own_history_and_hr_all_without_restoring(client, manager, other_manager, hr_user,
                                                                         make_plan):
    theirs = make_plan(other_manager)
    urls = [reverse("plans:history", args=[theirs.pk]), reverse("plans:version", args=[theirs.pk, 1]),
            reverse("plans:version-diff", args=[theirs.pk]) + "?from=1&to=1", f"/api/plans/{theirs.pk}/versions/",
            f"/api/plans/{theirs.pk}/versions/1/"]
    client.force_login(manager)
    assert [client.get(url).status_code for url in urls] == [404] * 5
    assert client.post(reverse("plans:version-restore", args=[theirs.pk, 1])).status_code == 404

    client.force_login(hr_user)
    assert [client.get(url).status_code for url in urls] == [200] * 5
    page = client.get(reverse("plans:version", args=[theirs.pk, 1])).content.decode()
    assert reverse("plans:version-restore", args=[theirs.pk, 1]) not in page
    assert client.post(reverse("plans:version-restore", args=[theirs.pk, 1])).status_code == 403


def test_api_lists_versions_and_returns_one_with_its_roles(api, manager, plan):
    plan_role_add(plan=plan, role=Role.objects.get(code="ads"))

    listing = api.get(f"/api/plans/{plan.pk}/versions/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [(v["number"], v["author"]) for v in listing["results"]] == [(2, "manager1"), (1, "manager1")]
    assert set(listing["results"][0]) == {"number", "created_at", "author", "kind", "summary"}
    ads = Role.objects.get(code="ads")
    assert listing["results"][0]["summary"].startswith(f"{ads.name_en} added (1 people)")

    one = api.get(f"/api/plans/{plan.pk}/versions/1/").json()
    assert one["number"] == 1 and "ads" not in {role["code"] for role in one["roles"]}
    assert api.get(f"/api/plans/{plan.pk}/versions/9/").status_code == 404


@pytest.mark.parametrize("query", ["", "?from=1", "?from=a&to=1"])
def test_a_diff_without_two_version_numbers_goes_back_to_the_history(manager_client, plan, query):
    response = manager_client.get(reverse("plans:version-diff", args=[plan.pk]) + query)
    assert response.status_code == 302 and response.url == reverse("plans:history", args=[plan.pk])


def test_a_diff_of_an_unknown_version_is_404(manager_client, plan):
    assert manager_client.get(reverse("plans:version-diff", args=[plan.pk]) + "?from=1&to=7").status_code == 404
