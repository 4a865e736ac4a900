"""The requirements of each library role (任职要求): in the seed library for every role, bilingual and source-tagged,
on the role page and in the API, frozen into plans like the duties."""
import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from common.choices import Source
from plans.models import PlanRole
from teams.choices import QualificationKind
from teams.models import Qualification, Role

FIXTURE = json.loads((Path(settings.BASE_DIR) / "fixtures" / "library.json").read_text(encoding="utf-8"))
ROLE_CODES = [row["fields"]["code"] for row in FIXTURE if row["model"] == "teams.role"]
LINES = [row["fields"] for row in FIXTURE if row["model"] == "teams.qualification"]


@pytest.mark.parametrize("code", ROLE_CODES)
def test_every_role_has_education_experience_skills_and_tools_in_both_languages(code):
    lines = [line for line in LINES if line["role"] == [code]]
    kinds = Counter(line["kind"] for line in lines)

    assert kinds["education"] == 1 and kinds["experience"] == 1
    assert kinds["skill"] >= 1 and kinds["tool"] >= 1
    assert all(line["text_zh"].strip() and line["text_en"].strip() for line in lines)
    assert all(line["source"] in Source.values for line in lines)
    assert len({line["order"] for line in lines}) == len(lines)


def test_derived_lines_say_how_they_were_inferred_and_chinese_uses_full_width_punctuation():
    derived = [line for line in LINES if line["source"] == Source.DERIVED]
    assert derived and all(line["note_zh"].strip() and line["note_en"].strip() for line in derived)
    for line in LINES:
        assert not any(mark in line["text_zh"] + line["note_zh"] for mark in ",;:()!?"), line["text_zh"]
        assert line["text_zh"].endswith("。")


def test_the_role_page_shows_the_requirements_under_their_headings(client, library):
    response = client.get(reverse("teams:role", args=["lead"]))

    page = response.content.decode()
    assert "任职要求" in page
    for heading in ("学历", "工作经验", "技能", "工具"):
        assert f"<dt>{heading}</dt>" in page
    for line in Qualification.objects.filter(role__code="lead"):
        assert line.text_zh in page
    assert page.index("<dt>学历</dt>") < page.index("<dt>工作经验</dt>") < page.index("<dt>工具</dt>")


def test_the_api_lists_them_with_kind_and_source(api, library):
    body = api.get("/api/roles/data/").json()

    expected = [{"kind": q.kind, "text": q.text_zh, "source": q.source}
                for q in Qualification.objects.filter(role__code="data")]
    assert body["qualifications"] == expected and len(expected) >= 4
    english = api.get("/api/roles/data/", HTTP_ACCEPT_LANGUAGE="en").json()["qualifications"]
    assert [line["text"] for line in english] == [q.text_en for q in Qualification.objects.filter(role__code="data")]
    assert {line["kind"] for line in english} == set(QualificationKind.values)


def test_a_plan_keeps_the_requirements_it_was_made_with(plan):
    lead = Role.objects.get(code="lead")
    before = [(q.kind, q.text_zh) for q in lead.qualifications.all()]
    Qualification.objects.filter(role=lead, kind="education").update(text_zh="硕士及以上学历。")

    frozen = PlanRole.objects.get(plan=plan, code="lead").qualifications
    assert [(line["kind"], line["zh"]) for line in frozen] == before
    assert all(line["en"] and line["source"] in Source.values for line in frozen)
