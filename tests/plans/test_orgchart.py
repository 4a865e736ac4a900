"""Org chart and KPI sheet pages: one node per role under the right parent, escaped, any size, fixed queries."""
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.services import plan_role_add
from teams.models import Role
from tests.conftest import edit_data


class ChartParser(HTMLParser):
    """Maps every chart node's key to the key of the node it hangs under (nested <li>s)."""

    def __init__(self):
        super().__init__()
        self.stack, self.parents, self.titles, self._title_of = [], {}, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li":
            self.stack.append(None)
        elif tag == "div" and "data-key" in attrs and self.stack:
            key = attrs["data-key"]
            owners = [k for k in self.stack[:-1] if k is not None]
            self.parents[key] = owners[-1] if owners else None
            self.stack[-1] = key
        elif tag == "strong" and self.stack and self.stack[-1] is not None and self.stack[-1] not in self.titles:
            self._title_of = self.stack[-1]

    def handle_data(self, data):
        if self._title_of is not None:
            self.titles[self._title_of] = data
            self._title_of = None

    def handle_endtag(self, tag):
        if tag == "li" and self.stack:
            self.stack.pop()


def chart(html):
    parser = ChartParser()
    parser.feed(html[html.index('class="orgchart"'):])
    return parser


def main(response):
    """The page's own content, without the header (whose CSRF tokens differ on every response)."""
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def meta(html, key):
    """The line under a chart node's title (headcount × tier)."""
    return re.search(rf'data-key="{key}">\s*<strong>[^<]*</strong>\s*<span class="meta">([^<]*)<', html)[1]


def add_roles(plan, count):
    for i in range(count):
        role = Role.objects.create(code=f"extra{i}", name_zh=f"额外岗位{i}", name_en=f"Extra {i}", tier="front",
                                   default_parent=Role.objects.get(code="user_ops"), order=50 + i)
        plan_role_add(plan=plan, role=role)


def test_org_chart_has_one_node_per_staffed_role_under_its_manager(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")

    parsed = chart(manager_client.get(reverse("plans:org-chart", args=[plan.pk])).content.decode())

    staffed = [role for role in plan.roles.all() if role.staffed]
    assert set(parsed.parents) == {"unit"} | {str(role.pk) for role in staffed}
    assert parsed.parents["unit"] is None
    for role in staffed:
        expected = str(role.reports_to_id) if role.reports_to_id else "unit"
        assert parsed.parents[str(role.pk)] == expected, role.code
        assert parsed.titles[str(role.pk)] == role.name_zh
    assert parsed.titles["unit"] == plan.get_placement_display()


def test_merged_roles_show_inside_the_box_that_absorbs_them(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch", industry="retail")
    page = manager_client.get(reverse("plans:org-chart", args=[plan.pk])).content.decode()
    data = plan.roles.get(code="data")
    assert data.merged_into.code == "lead"
    lead_box = page[page.index(f'data-key="{data.merged_into_id}"'):]
    assert f"+ {data.name_zh}" in lead_box[:lead_box.index("</div>")]
    assert f'data-key="{data.pk}"' not in page


def test_first_level_department_says_it_reports_to_the_ceo(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", strategic=True)
    manager_client.cookies.load({"django_language": "en"})
    page = manager_client.get(reverse("plans:org-chart", args=[plan.pk])).content.decode()
    assert "Reports to the CEO" in page


@pytest.mark.parametrize("extra", [0, 30])
def test_org_chart_renders_with_one_and_with_thirty_roles(manager_client, manager, make_plan, extra):
    plan = make_plan(manager, headcount_budget=1)
    add_roles(plan, extra)
    staffed = plan.roles.filter(merged_into__isnull=True).count()
    assert staffed == 1 + extra

    parsed = chart(manager_client.get(reverse("plans:org-chart", args=[plan.pk])).content.decode())

    assert len(parsed.parents) == staffed + 1
    svg = manager_client.get(reverse("plans:org-chart-svg", args=[plan.pk]))
    root = ElementTree.fromstring(svg.content)
    assert root.tag.endswith("svg") and svg["Content-Type"].startswith("image/svg+xml")
    assert len(root.findall("{http://www.w3.org/2000/svg}g")) == staffed + 1


def test_chart_and_svg_escape_html_in_names(manager_client, manager, make_plan):
    plan = make_plan(manager, company_name='<script>alert("x")</script>')
    plan.roles.filter(code="lead").update(name_zh="<b>操盘手</b>&")

    page = manager_client.get(reverse("plans:org-chart", args=[plan.pk])).content.decode()
    assert "<b>操盘手</b>" not in page and "&lt;b&gt;操盘手&lt;/b&gt;&amp;" in page
    assert '<script>alert("x")' not in page

    svg = manager_client.get(reverse("plans:org-chart-svg", args=[plan.pk])).content
    root = ElementTree.fromstring(svg)  # still well-formed XML
    texts = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<b>操盘手</b>&" in texts


@pytest.mark.parametrize("name", ["plans:org-chart", "plans:kpi-sheets", "plans:org-chart-svg"])
def test_chart_and_sheet_pages_use_a_fixed_number_of_queries(manager_client, manager, make_plan, name,
                                                             django_assert_num_queries):
    small = make_plan(manager, headcount_budget=1)
    big = make_plan(manager, phase="growth", employees=800)
    add_roles(big, 15)
    manager_client.get(reverse("plans:list"))  # warm the session
    with CaptureQueriesContext(connection) as baseline:
        manager_client.get(reverse(name, args=[small.pk]))
    with django_assert_num_queries(len(baseline)):
        assert manager_client.get(reverse(name, args=[big.pk])).status_code == 200


def test_org_chart_is_drawn_once_per_revision_and_shows_every_edit(manager_client, manager, make_plan,
                                                                  django_assert_num_queries):
    plan = make_plan(manager, phase="growth", employees=800)
    url = reverse("plans:org-chart", args=[plan.pk])
    first = main(manager_client.get(url))
    with django_assert_num_queries(3):  # session, user, plan: the chart itself comes from the cache
        assert main(manager_client.get(url)) == first

    user_ops = plan.roles.get(code="user_ops")
    assert meta(first, user_ops.pk).startswith(f"{user_ops.headcount} 人")
    new_headcount = user_ops.headcount + 3
    response = manager_client.post(reverse("plans:role-edit", args=[plan.pk, user_ops.pk]),
                                   edit_data(user_ops, headcount=new_headcount))
    assert response.status_code == 302
    edited = main(manager_client.get(url))
    assert chart(edited).titles[str(user_ops.pk)] == user_ops.name_zh
    assert meta(edited, user_ops.pk).startswith(f"{new_headcount} 人")
    assert f"共 {plan.total_headcount} 人" in edited

    manager_client.post(reverse("set_language"), {"language": "en", "next": url})
    english = main(manager_client.get(url))
    assert chart(english).titles[str(user_ops.pk)] == user_ops.name_en
    assert meta(english, user_ops.pk) == f"{new_headcount} × Front office"


def test_kpi_sheets_list_every_role_with_tiers_and_the_launch_note(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    response = manager_client.get(reverse("plans:kpi-sheets", args=[plan.pk]))
    page = response.content.decode()
    for role in plan.staffed_roles():
        assert f'id="sheet-{role.code}"' in page
        for kpi in role.kpis.all():
            assert kpi.name_zh in page and kpi.formula_zh in page
    assert page.count("≥ 120%") == sum(r.kpis.count() for r in plan.staffed_roles())
    assert "callout-warn" in page
    assert "GMV" in page  # the campaign planner's decomposition tree

    grown = make_plan(manager, phase="growth")
    assert "callout-warn" not in manager_client.get(reverse("plans:kpi-sheets", args=[grown.pk])).content.decode()


def test_library_page_shows_the_standard_structure(client, db):
    parsed = chart(client.get(reverse("teams:library")).content.decode())
    assert parsed.parents["lead"] == "unit"
    assert {parsed.parents[code] for code in ["content", "user_ops", "data", "merch", "campaign"]} == {"lead"}
    assert parsed.parents["design"] == "content"


def test_other_managers_charts_and_exports_are_404(manager_client, other_manager, make_plan):
    theirs = make_plan(other_manager)
    for name in ["plans:org-chart", "plans:org-chart-svg", "plans:kpi-sheets", "plans:role-specs-xlsx",
                 "plans:kpi-sheets-xlsx"]:
        assert manager_client.get(reverse(name, args=[theirs.pk])).status_code == 404, name


def test_a_big_team_stacks_a_managers_many_reports_in_a_column_under_it(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=800)
    add_roles(plan, 16)

    html = manager_client.get(reverse("plans:org-chart", args=[plan.pk])).content.decode()
    parsed = chart(html)

    user_ops = str(plan.roles.get(code="user_ops").pk)
    extras = {str(role.pk) for role in plan.roles.filter(code__startswith="extra")}
    assert {key for key, parent in parsed.parents.items() if parent == user_ops} >= extras
    column = html[html.index('class="stack-list"'):]
    column = column[:column.index("</ul>")]
    assert all(f'data-key="{key}"' in column for key in extras)  # one column, every report in it


def test_a_small_team_draws_no_stacked_column(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=300)

    html = manager_client.get(reverse("plans:org-chart", args=[plan.pk])).content.decode()

    assert "stack-group" not in html and len(chart(html).parents) == len(plan.staffed_roles()) + 1
