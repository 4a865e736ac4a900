"""Chinese sentences use full-width punctuation (，。：；（）！？); ASCII stays where it belongs: codes,
numbers such as 1,000, placeholders such as %(count)s or {name}, and addresses."""
import gettext
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
CJK = "\u3400-\u9fff\uf900-\ufaff"
# What legitimately holds ASCII punctuation, removed before looking: placeholders, URLs, numbers (1,000 / 10:30).
ALLOWED = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|https?://\S+|\d[\d,.:]*\d")
HALF_WIDTH = re.compile(rf"[{CJK}]\s?[,:;()!?]|[,:;()!?]\s?[{CJK}]")


def half_width_in_chinese(text: str) -> list[str]:
    """The places in ``text`` where ASCII , : ; ( ) ! ? touch a Chinese character."""
    return HALF_WIDTH.findall(ALLOWED.sub("", text))


def chinese_texts(value, key=""):
    """Every Chinese text of a fixture: fields ending in ``_zh`` and ``zh`` entries of stored bilingual text."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from chinese_texts(item, name if isinstance(item, str) else key or name)
    elif isinstance(value, list):
        for item in value:
            yield from chinese_texts(item, key)
    elif isinstance(value, str) and (key.endswith("_zh") or key == "zh"):
        yield value


@pytest.mark.parametrize(("text", "found"), [
    ("请填写 1 或 0。", False), ("共 1,000 人", False), ("第 %(rows)s 行（%(values)s）", False),
    ("请填写 1 或 0 (必填)", True), ("兼任: 数据分析", True), ("超额达成!", True), ("API 文档", False),
])
def test_the_check_tells_half_width_from_allowed_ascii(text, found):
    assert bool(half_width_in_chinese(text)) is found


def test_the_compiled_chinese_catalogue_uses_full_width_punctuation():
    path = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as catalogue:
        messages = gettext.GNUTranslations(catalogue)._catalog
    translations = [text for text in messages.values() if isinstance(text, str) and text]
    assert len(translations) > 500  # the real catalogue, not an empty one
    offending = {text: half_width_in_chinese(text) for text in translations if half_width_in_chinese(text)}
    assert offending == {}


def test_the_library_fixture_chinese_texts_use_full_width_punctuation():
    rows = json.loads((ROOT / "fixtures" / "library.json").read_text(encoding="utf-8"))
    texts = list(chinese_texts(rows))
    assert len(texts) > 300
    offending = {text: half_width_in_chinese(text) for text in texts if half_width_in_chinese(text)}
    assert offending == {}


def test_pages_put_full_width_colons_after_chinese_labels(manager_client, manager, make_plan):
    """Labels followed by text are styled with the reader's colon, never a typed ASCII one."""
    plan = make_plan(manager, company_name="成长品牌", employees=500, industry="ecommerce", phase="growth")
    for name in ("plans:kpi-sheets", "plans:detail"):
        html = manager_client.get(reverse(name, args=[plan.pk])).content.decode()
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
        assert half_width_in_chinese(text) == [], name
