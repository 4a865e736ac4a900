"""Plan pages and adjustments: ownership, HR's read-only rights, fixed query counts, frozen copies."""
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kpis.models import KPITemplate
from plans.models import PlanKPI, PlanRole, TeamPlan
from plans.services import ERR_LEAD_REMOVE, plan_role_add
from teams.models import Duty, Role
from tests.conftest import edit_data


def test_plan_list_shows_only_my_plans(manager_client, manager, other_manager, make_plan):
    mine = make_plan(manager, company_name="我的品牌")
    make_plan(other_manager, company_name="别人的品牌")

    page = manager_client.get(reverse("plans:list")).content.decode()

    assert "我的品牌" in page and "别人的品牌" not in page
    assert mine.get_absolute_url() in page


def test_another_managers_plan_is_404_everywhere(manager_client, other_manager, make_plan):
    theirs = make_plan(other_manager)
    role = theirs.roles.get(code="content")
    for url in [reverse("plans:detail", args=[theirs.pk]), reverse("plans:delete", args=[theirs.pk]),
                reverse("plans:role-edit", args=[theirs.pk, role.pk])]:
        assert manager_client.get(url).status_code == 404, url
    assert manager_client.post(reverse("plans:duplicate", args=[theirs.pk])).status_code == 404
    assert manager_client.post(reverse("plans:delete", args=[theirs.pk])).status_code == 404
    assert TeamPlan.objects.filter(pk=theirs.pk).exists()


def test_hr_reads_every_plan_but_gets_403_on_edits(client, hr_user, manager, make_plan):
    plan = make_plan(manager, company_name="HR可见品牌")
    role = plan.roles.get(code="content")
    client.force_login(hr_user)

    assert "HR可见品牌" in client.get(reverse("plans:list")).content.decode()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "HR可见品牌" in page and reverse("plans:role-edit", args=[plan.pk, role.pk]) not in page
    assert client.get(reverse("plans:role-edit", args=[plan.pk, role.pk])).status_code == 403
    assert client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), edit_data(role)).status_code == 403
    assert client.post(reverse("plans:delete", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:role-add", args=[plan.pk]), {"role": Role.objects.get(code="ads").pk}
                       ).status_code == 403
    assert TeamPlan.objects.filter(pk=plan.pk).exists()


def test_plan_page_shows_team_placement_reasons_and_kpis(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch", industry="retail")

    page = manager_client.get(plan.get_absolute_url()).content.decode()

    lead = plan.roles.get(code="lead")
    assert lead.name_zh in page
    assert plan.placement_reasons[0]["zh"] in page
    assert lead.reasons[0]["zh"] in page
    assert lead.kpis.first().name_zh in page
    assert plan.roles.get(code="data").merged_into == lead  # shown under merged roles
    assert "id=\"role-data\"" not in page


def test_plan_page_query_count_does_not_grow_with_the_team(manager_client, manager, make_plan,
                                                           django_assert_num_queries):
    small = make_plan(manager, phase="launch", employees=10, headcount_budget=1)
    big = make_plan(manager, phase="mature", employees=5000, live_streaming=True, business_lines=3,
                    industry="mother_baby")
    for role in Role.objects.exclude(code__in=big.roles.values("code"))[1:]:  # one left to offer in "add a role"
        plan_role_add(plan=big, role=role)
    assert big.roles.count() > 3 * small.roles.filter(merged_into__isnull=True).count()

    manager_client.get(reverse("plans:list"))  # warm the session

    with CaptureQueriesContext(connection) as small_queries:  # drawn: the team read in two queries
        assert manager_client.get(small.get_absolute_url()).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        assert manager_client.get(big.get_absolute_url()).status_code == 200
    # again: session, user, plan, the user's rights (one read), the library revision, the review log
    for plan in (small, big):
        with django_assert_num_queries(6):
            assert manager_client.get(plan.get_absolute_url()).status_code == 200


def test_changing_headcount_reports_to_and_weights(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    role = plan.roles.get(code="design")
    campaign = plan.roles.get(code="campaign")
    kpis = list(role.kpis.all())
    weights = [100 - 10 * (len(kpis) - 1)] + [10] * (len(kpis) - 1)

    data = edit_data(role, headcount=3, reports_to=campaign.pk,
                     **{f"kpi-{i}-weight": w for i, w in enumerate(weights)}, **{"kpi-0-target": "50"})
    response = manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), data)

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.headcount == 3 and role.reports_to == campaign
    assert [k.weight for k in role.kpis.all()] == weights
    assert role.kpis.first().target == 50


def test_weights_not_summing_to_100_are_refused_with_a_clear_error(manager_client, manager, make_plan):
    plan = make_plan(manager)
    role = plan.roles.get(code="lead")
    before = [k.weight for k in role.kpis.all()]

    response = manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]),
                                   edit_data(role, **{"kpi-0-weight": before[0] + 7, "headcount": 2}))

    assert response.status_code == 200
    assert "100" in str(response.context["form"].non_field_errors())
    role.refresh_from_db()
    assert [k.weight for k in role.kpis.all()] == before and role.headcount == 1


def test_reporting_loop_is_refused(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    content, design = plan.roles.get(code="content"), plan.roles.get(code="design")
    assert design.reports_to == content

    response = manager_client.post(reverse("plans:role-edit", args=[plan.pk, content.pk]),
                                   edit_data(content, reports_to=design.pk))

    assert response.status_code == 200 and "reports_to" in response.context["form"].errors
    content.refresh_from_db()
    assert content.reports_to.code == "lead"


def test_add_and_remove_a_role(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    ads = Role.objects.get(code="ads")

    manager_client.post(reverse("plans:role-add", args=[plan.pk]), {"role": ads.pk})
    added = plan.roles.get(code="ads")
    assert added.reports_to.code == "lead" and added.headcount == 1
    assert sum(k.weight for k in added.kpis.all()) == 100

    manager_client.post(reverse("plans:role-remove", args=[plan.pk, added.pk]))
    assert not plan.roles.filter(code="ads").exists()


def test_a_role_added_under_a_looping_library_line_reports_to_the_lead(manager_client, manager, make_plan):
    """A loop saved behind the admin's back (a raw update) must not hang the request."""
    plan = make_plan(manager, phase="launch")
    ads, live = Role.objects.get(code="ads"), Role.objects.get(code="live")
    assert not plan.roles.filter(code__in=["ads", "live"]).exists()
    Role.objects.filter(pk=ads.pk).update(default_parent=live)
    Role.objects.filter(pk=live.pk).update(default_parent=ads)

    response = manager_client.post(reverse("plans:role-add", args=[plan.pk]), {"role": ads.pk})

    assert response.status_code == 302
    assert plan.roles.get(code="ads").reports_to.code == "lead"


def test_removing_a_manager_role_moves_its_reports_up(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    content = plan.roles.get(code="content")
    assert plan.roles.get(code="design").reports_to == content

    manager_client.post(reverse("plans:role-remove", args=[plan.pk, content.pk]))

    assert plan.roles.get(code="design").reports_to.code == "lead"
    assert plan.roles.get(code="merch").merged_into.code == "lead"


def test_the_lead_cannot_be_removed(manager_client, manager, make_plan):
    plan = make_plan(manager)
    lead = plan.roles.get(code="lead")
    page = manager_client.get(plan.get_absolute_url()).content.decode()
    assert reverse("plans:role-remove", args=[plan.pk, lead.pk]) not in page  # no button offered
    for role in plan.staffed_roles():
        if role.code != "lead":
            assert reverse("plans:role-remove", args=[plan.pk, role.pk]) in page

    response = manager_client.post(reverse("plans:role-remove", args=[plan.pk, lead.pk]), follow=True)
    assert plan.roles.filter(code="lead").exists()
    with translation.override("zh-hans"):
        assert str(ERR_LEAD_REMOVE) in response.content.decode()


def test_duplicate_copies_roles_kpis_and_reporting_lines(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")

    response = manager_client.post(reverse("plans:duplicate", args=[plan.pk]))

    copy = TeamPlan.objects.exclude(pk=plan.pk).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.roles.count() == plan.roles.count()
    assert PlanKPI.objects.filter(plan_role__plan=copy).count() == PlanKPI.objects.filter(plan_role__plan=plan).count()
    design = copy.roles.get(code="design")
    assert design.reports_to.plan_id == copy.pk and design.reports_to.code == "content"


def test_delete_asks_for_confirmation(manager_client, manager, make_plan):
    plan = make_plan(manager)
    page = manager_client.get(reverse("plans:delete", args=[plan.pk])).content.decode()
    assert plan.company_name in page and TeamPlan.objects.filter(pk=plan.pk).exists()

    manager_client.post(reverse("plans:delete", args=[plan.pk]))

    assert not TeamPlan.objects.filter(pk=plan.pk).exists()
    assert not PlanRole.objects.filter(plan_id=plan.pk).exists()


def test_library_edits_never_change_an_existing_plan(manager, make_plan):
    plan = make_plan(manager)
    lead = plan.roles.get(code="lead")
    duties_before, kpi_name_before = lead.duties, lead.kpis.first().name_zh

    Duty.objects.filter(role__code="lead").update(text_zh="改过的职责")
    Role.objects.filter(code="lead").update(name_zh="新名字")
    KPITemplate.objects.filter(code=lead.kpis.first().code).update(name_zh="新指标名")

    lead = PlanRole.objects.get(pk=lead.pk)
    assert lead.duties == duties_before and lead.name_zh != "新名字"
    assert lead.kpis.first().name_zh == kpi_name_before


def test_budget_one_plan_gives_the_lead_every_duty(manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, headcount_budget=1)
    lead = plan.roles.get(code="lead")
    absorbed = {duty.get("from") for duty in lead.duties} - {None}
    assert absorbed == set(plan.roles.exclude(code="lead").values_list("code", flat=True))


@pytest.mark.parametrize("phase", ["launch", "growth"])
def test_growth_path_lists_people_added_at_later_phases(manager_client, manager, make_plan, phase):
    plan = make_plan(manager, phase=phase, employees=500, industry="ecommerce")
    growth = manager_client.get(plan.get_absolute_url()).context["growth"]
    later = ["growth", "mature"][["launch", "growth"].index(phase):]
    assert [str(draft.profile.phase) for _label, draft, _added, _cost in growth] == later
    assert all(added for _label, _draft, added, _cost in growth[:1])


def test_a_role_other_than_the_lead_must_report_to_someone(manager_client, manager, make_plan):
    plan = make_plan(manager)
    role = plan.roles.get(code="content")

    response = manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]),
                                   edit_data(role, reports_to=""))

    assert response.status_code == 200 and "reports_to" in response.context["form"].errors
    assert PlanRole.objects.get(pk=role.pk).reports_to.code == "lead"


def test_a_merged_role_cannot_be_given_people(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch", industry="retail")
    data = plan.roles.get(code="data")
    assert data.merged_into is not None
    assert manager_client.get(reverse("plans:role-edit", args=[plan.pk, data.pk])).status_code == 404


def test_growth_path_starts_from_the_plans_own_headcount(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    plan.roles.filter(code="content").update(headcount=5)  # already above what mature recommends

    growth = manager_client.get(plan.get_absolute_url()).context["growth"]

    _label, _draft, added, _cost = growth[0]
    assert "content" not in {role.code for role, _extra in added}


def test_the_admin_is_read_only_for_plans_even_for_superusers(client, manager, make_plan):
    plan = make_plan(manager)
    client.force_login(User.objects.create_superuser("root", password="x"))
    assert client.post(reverse("admin:plans_teamplan_delete", args=[plan.pk]), {"post": "yes"}).status_code == 403
    assert TeamPlan.objects.filter(pk=plan.pk).exists()


def test_growth_path_says_what_each_later_phase_adds_in_cost(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch", employees=500, industry="ecommerce")

    growth = manager_client.get(plan.get_absolute_url()).context["growth"]

    (_l1, growth_draft, _a1, growth_adds), (_l2, mature_draft, _a2, mature_adds) = growth
    assert growth_adds == max(growth_draft.monthly_cost - plan.cost.monthly, 0) > 0
    assert mature_adds == max(mature_draft.monthly_cost - growth_draft.monthly_cost, 0)


def test_plan_list_shows_the_most_recently_changed_plan_first(manager_client, manager, make_plan):
    """The list's totals are an aggregate query, which drops Meta.ordering: the order must still hold."""
    first, second, third = (make_plan(manager, company_name=name) for name in ("甲方案", "乙方案", "丙方案"))
    manager_client.post(reverse("plans:role-edit", args=[first.pk, first.roles.get(code="lead").pk]),
                        edit_data(first.roles.get(code="lead"), headcount=2))

    page = manager_client.get(reverse("plans:list")).content.decode()

    positions = [page.index(name) for name in ("甲方案", "丙方案", "乙方案")]
    assert positions == sorted(positions)
