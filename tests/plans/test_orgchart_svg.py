"""The SVG org chart read back as XML: every line fits its box (measured with the real font), every merged
role is named, and the file says what it is (title, company, headcount, date, legend)."""
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import TeamPlan
from tests.plans.test_orgchart import add_roles

SVG = "{http://www.w3.org/2000/svg}"
FONTS = Path("/usr/share/fonts/opentype/noto")
needs_noto = pytest.mark.skipif(not (FONTS / "NotoSansCJK-Regular.ttc").exists(),
                                reason="fonts-noto-cjk is not installed")
LONG_ZH = "用户运营（社群、客户与会员全生命周期精细化运营）资深专员兼区域组长"
LONG_EN = "Senior community, customer and member lifecycle operations specialist, area lead"  # 80, the field limit


def svg_of(client, plan):
    response = client.get(reverse("plans:org-chart-svg", args=[plan.pk]))
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def boxes(root):
    """Each role box (and the unit) as (its frame <rect>, its <text> elements)."""
    return [(group.find(f"{SVG}rect"), group.findall(f"{SVG}text")) for group in root.findall(f"{SVG}g")]


def all_texts(root):
    return [text.text or "" for text in root.iter(f"{SVG}text")]


def measure(text, size, bold):
    """The line's real width in Noto Sans CJK SC (the face the chart asks for), in SVG units."""
    from PIL import ImageFont

    face = FONTS / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    font = ImageFont.truetype(str(face), round(size * 10), index=2)  # index 2: the SC face
    assert font.getname()[0] == "Noto Sans CJK SC"
    return font.getlength(text) / 10


def long_named_plan(manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=600, industry="ecommerce", live_streaming=True)
    plan.roles.filter(code="user_ops").update(name_zh=LONG_ZH, name_en=LONG_EN)
    add_roles(plan, 3)
    return plan


@needs_noto
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_line_of_text_is_wider_than_its_box(manager_client, manager, make_plan, language):
    plan = long_named_plan(manager, make_plan)
    manager_client.cookies.load({"django_language": language})
    root = svg_of(manager_client, plan)

    checked = 0
    for frame, texts in boxes(root):
        left, right = float(frame.get("x")), float(frame.get("x")) + float(frame.get("width"))
        bottom = float(frame.get("y")) + float(frame.get("height"))
        for text in texts:
            width = measure(text.text, float(text.get("font-size")), text.get("font-weight") == "600")
            assert left < float(text.get("x")) and float(text.get("x")) + width <= right - 4, text.text
            assert float(text.get("y")) < bottom, text.text
            checked += 1
    assert checked > 20


def test_long_names_are_wrapped_whole_not_cut(manager_client, manager, make_plan):
    plan = long_named_plan(manager, make_plan)
    user_ops = plan.roles.get(code="user_ops")
    root = svg_of(manager_client, plan)

    box = next(group for group in root.findall(f"{SVG}g") if group.get("data-key") == str(user_ops.pk))
    lines = [text.text for text in box.findall(f"{SVG}text")]
    assert len(lines) >= 4  # the name takes several lines, then the headcount line
    assert LONG_ZH in "".join(lines)
    assert not any("…" in text for text in all_texts(root))


def test_every_merged_role_is_named_in_the_box_that_covers_it(manager_client, manager, make_plan):
    plan = make_plan(manager, headcount_budget=2, company_name="小满茶饮")
    merged = list(plan.roles.filter(merged_into__isnull=False).select_related("merged_into"))
    assert len(merged) >= 4

    root = svg_of(manager_client, plan)

    by_key = {group.get("data-key"): "".join(t.text for t in group.findall(f"{SVG}text"))
              for group in root.findall(f"{SVG}g")}
    for role in merged:
        assert f"+ {role.name_zh}" in by_key[str(role.merged_into_id)], role.code
    assert "兼任：" in by_key[str(merged[0].merged_into_id)]


@pytest.mark.parametrize(("language", "words"), [
    ("zh-hans", ["组织架构图", "团队所在部门", "前台", "中台", "后台", "编制人数", "兼任"]),
    ("en", ["Org chart", "Unit the team sits in", "Front office", "Middle office", "Back office", "headcount"]),
])
def test_the_file_carries_title_company_headcount_date_and_legend(manager_client, plan, language, words):
    manager_client.cookies.load({"django_language": language})
    root = svg_of(manager_client, plan)

    texts = all_texts(root)
    heading = " ".join(texts[:2])
    plan = TeamPlan.objects.get(pk=plan.pk)
    assert plan.company_name in heading and f"{timezone.localdate():%Y-%m-%d}" in heading
    assert (f"共 {plan.total_headcount} 人" if language == "zh-hans"
            else f"{plan.total_headcount} people in all") in heading
    for word in words:
        assert any(word in text for text in texts), word
    assert plan.company_name in root.find(f"{SVG}title").text


def test_the_svg_is_as_wide_as_its_contents(manager_client, manager, make_plan):
    """Nothing is drawn outside the viewBox, whatever the team's size."""
    plan = make_plan(manager, phase="growth", employees=800)
    add_roles(plan, 12)
    root = svg_of(manager_client, plan)

    width = float(root.get("viewBox").split()[2])
    height = float(root.get("viewBox").split()[3])
    for frame, _texts in boxes(root):
        assert float(frame.get("x")) >= 0 and float(frame.get("x")) + float(frame.get("width")) <= width
        assert float(frame.get("y")) + float(frame.get("height")) <= height
    assert all(float(text.get("y")) <= height for text in root.iter(f"{SVG}text"))


def frames(root):
    """Every box's frame as (left, top, right, bottom)."""
    return [(float(f.get("x")), float(f.get("y")), float(f.get("x")) + float(f.get("width")),
             float(f.get("y")) + float(f.get("height"))) for f, _texts in boxes(root)]


def printed_points(root, size=15):
    """How big text of ``size`` SVG units comes out when the chart is fitted to A4 landscape (273 mm wide)."""
    return size * 273 / float(root.get("viewBox").split()[2]) * 72 / 25.4


def test_a_manager_with_many_reports_gets_them_in_columns_readable_on_a4(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=800)
    add_roles(plan, 16)  # sixteen specialists under one manager: a row of them would be 16 boxes wide
    root = svg_of(manager_client, plan)

    placed = frames(root)
    assert printed_points(root) >= 6.5
    assert len(placed) == plan.roles.filter(headcount__gt=0, merged_into=None).count() + 1
    for index, (left, top, right, bottom) in enumerate(placed):
        for other in placed[index + 1:]:
            assert right <= other[0] or other[2] <= left or bottom <= other[1] or other[3] <= top, "boxes overlap"
    texts = all_texts(root)
    assert all(any(f"额外岗位{i}" in text for text in texts) for i in range(16))


def test_a_small_team_keeps_its_boxes_in_rows(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=300)
    root = svg_of(manager_client, plan)

    tops = {top for _left, top, _right, _bottom in frames(root)}
    assert len(tops) <= 4  # unit, lead, and at most two rows of reports: nothing stacked
    assert printed_points(root) >= 6.5
