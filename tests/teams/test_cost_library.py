"""The cost library: salary bands per role × city tier and the employer's dated on-cost rules (五险一金) — what the
fixture ships, what the models refuse, and the all-or-nothing import of both sheets."""
import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from import_export.formats.base_formats import CSV, XLSX

from common.choices import CityTier, Source
from plans.groups import HR
from teams.choices import OnCostItem
from teams.groups import LIBRARY_ADMINS
from teams.models import OnCostRule, Role, SalaryBand
from teams.resources import OnCostRuleResource, SalaryBandResource
from tests.formats import position_of
from tests.teams.library_files import FORMATS, export_file, import_dataset, problems, read_file, set_cell

TIERS_HIGH_TO_LOW = [CityTier.TIER1, CityTier.NEW_TIER1, CityTier.TIER2, CityTier.TIER3]
COST_RESOURCES = [SalaryBandResource, OnCostRuleResource]


def cost_state():
    """Every field of every cost row, the role by its code (ids may differ)."""
    bands = sorted(SalaryBand.objects.values_list(
        "role__code", "city_tier", "year", "p25", "p50", "p75", "months_per_year", "note_zh", "note_en", "source"))
    rules = sorted(OnCostRule.objects.values_list(
        "city_tier", "item", "rate", "base_floor", "base_ceiling", "valid_from", "note_zh", "note_en", "source"))
    return bands, rules


# --- what the fixture ships --------------------------------------------------------------------------------

def test_the_vocabulary_is_the_api_contract():
    assert CityTier.values == ["tier1", "new_tier1", "tier2", "tier3"]
    assert OnCostItem.values == ["pension", "medical", "unemployment", "injury", "maternity", "housing_fund"]


def test_every_role_has_a_2025_salary_band_in_every_city_tier(db):
    roles = set(Role.objects.values_list("code", flat=True))
    bands = set(SalaryBand.objects.filter(year=2025).values_list("role__code", "city_tier"))

    assert len(roles) == 18
    assert bands == {(role, tier) for role in roles for tier in CityTier.values}


def test_every_band_is_ordered_p25_p50_p75_and_paid_13_months(db):
    wrong = [str(band) for band in SalaryBand.objects.select_related("role") if not band.p25 <= band.p50 <= band.p75]

    assert wrong == []
    assert set(SalaryBand.objects.values_list("months_per_year", flat=True)) == {Decimal("13.0")}


def test_for_every_role_the_median_falls_from_tier1_to_tier3(db):
    medians = {}
    for role, tier, p50 in SalaryBand.objects.filter(year=2025).values_list("role__code", "city_tier", "p50"):
        medians.setdefault(role, {})[tier] = p50

    for role, by_tier in medians.items():
        ordered = [by_tier[tier] for tier in TIERS_HIGH_TO_LOW]
        assert ordered == sorted(ordered, reverse=True) and len(set(ordered)) == 4, (role, ordered)


def test_the_anchor_follows_the_cited_reports(db):
    """社区运营 Beijing P50 148.6k a year ≈ ¥12.4k a month, about 1.9× Wuhan's (77.0k); the lead earns more."""
    user_ops = dict(SalaryBand.objects.filter(role__code="user_ops", year=2025).values_list("city_tier", "p50"))

    assert user_ops[CityTier.TIER1] == 12_400
    assert user_ops[CityTier.NEW_TIER1] == 6_400
    assert 1.8 < user_ops[CityTier.TIER1] / user_ops[CityTier.NEW_TIER1] < 2.0
    band = SalaryBand.objects.get(role__code="user_ops", city_tier=CityTier.TIER1, year=2025)
    assert "i人事" in band.note_zh and "i人事" in band.note_en and "148.6k" in band.note_en
    lead = SalaryBand.objects.get(role__code="lead", city_tier=CityTier.TIER1, year=2025)
    assert lead.p50 > band.p50 and "2.2" in lead.note_zh and "2.2" in lead.note_en


def test_every_cost_row_is_tagged_derived_and_explains_itself_in_both_languages(db):
    for model in (SalaryBand, OnCostRule):
        assert set(model.objects.values_list("source", flat=True)) == {Source.DERIVED}, model.__name__
        assert not model.objects.filter(note_zh="").exists(), model.__name__
        assert not model.objects.filter(note_en="").exists(), model.__name__


def test_on_cost_rules_cover_every_tier_and_item_from_july_2024(db):
    rules = {(rule.city_tier, rule.item): rule for rule in OnCostRule.objects.all()}

    assert set(rules) == {(tier, item) for tier in CityTier.values for item in OnCostItem.values}
    assert {rule.valid_from for rule in rules.values()} == {datetime.date(2024, 7, 1)}
    tier1 = {item: rules[CityTier.TIER1, item].rate for item in OnCostItem.values}
    assert tier1 == {"pension": Decimal("16"), "medical": Decimal("9"), "unemployment": Decimal("0.5"),
                     "injury": Decimal("0.4"), "maternity": Decimal("0.8"), "housing_fund": Decimal("12")}
    pension = rules[CityTier.TIER1, OnCostItem.PENSION]
    assert (pension.base_floor, pension.base_ceiling) == (7_384, 36_921)
    assert "上海" in pension.note_zh and "5,869" in pension.note_en
    for tier in TIERS_HIGH_TO_LOW[1:]:
        assert rules[tier, OnCostItem.HOUSING_FUND].rate < tier1["housing_fund"], tier
        assert rules[tier, OnCostItem.PENSION].base_ceiling < pension.base_ceiling, tier
        assert "derived estimate" in rules[tier, OnCostItem.PENSION].note_en, tier


def test_natural_keys_let_the_fixture_reload_without_duplicates(db):
    band = SalaryBand.objects.get(role__code="data", city_tier=CityTier.TIER2, year=2025)
    rule = OnCostRule.objects.get(city_tier=CityTier.TIER3, item=OnCostItem.MEDICAL)
    assert SalaryBand.objects.get_by_natural_key(*band.natural_key()) == band
    assert rule.natural_key() == ("tier3", "medical", "2024-07-01")
    assert OnCostRule.objects.get_by_natural_key(*rule.natural_key()) == rule
    before = cost_state()
    SalaryBand.objects.filter(pk=band.pk).update(p50=band.p50 + 1)

    call_command("loaddata", "library", verbosity=0)

    assert cost_state() == before


def test_library_admins_edit_the_cost_sheets_and_hr_only_views_them(db):
    def codenames(group):
        return set(Group.objects.get(name=group).permissions.filter(
            content_type__model__in=["salaryband", "oncostrule"]).values_list("codename", flat=True))

    assert codenames(LIBRARY_ADMINS) == {f"{action}_{model}" for model in ("salaryband", "oncostrule")
                                         for action in ("add", "change", "delete", "view")}
    assert codenames(HR) == {"view_salaryband", "view_oncostrule"}


# --- what the models refuse --------------------------------------------------------------------------------

def test_a_band_out_of_order_is_refused_on_the_field_to_fix(db):
    band = SalaryBand.objects.get(role__code="user_ops", city_tier=CityTier.TIER1, year=2025)

    band.p25 = band.p50 + 1
    with pytest.raises(ValidationError) as refused:
        band.full_clean()
    assert list(refused.value.message_dict) == ["p50"]

    band.p25, band.p75 = band.p50, band.p50 - 1
    with pytest.raises(ValidationError) as refused:
        band.full_clean()
    assert list(refused.value.message_dict) == ["p75"]


@pytest.mark.parametrize(("field", "value"), [("months_per_year", Decimal("11.5")), ("months_per_year", Decimal("25")),
                                              ("city_tier", "tier4")])
def test_a_band_with_an_impossible_value_is_refused(db, field, value):
    band = SalaryBand.objects.first()
    setattr(band, field, value)

    with pytest.raises(ValidationError) as refused:
        band.full_clean()
    assert list(refused.value.message_dict) == [field]


@pytest.mark.parametrize(("field", "value"), [("rate", Decimal("100.01")), ("rate", Decimal("-1")),
                                              ("base_ceiling", 1), ("item", "pet_insurance")])
def test_an_on_cost_rule_with_an_impossible_value_is_refused(db, field, value):
    rule = OnCostRule.objects.first()
    setattr(rule, field, value)

    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert list(refused.value.message_dict) == [field]


# --- import and export -------------------------------------------------------------------------------------

@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("resource", COST_RESOURCES)
def test_an_exported_cost_sheet_rebuilds_an_emptied_table_identically(db, resource, file_format):
    before = cost_state()
    data = export_file(resource, file_format)
    resource._meta.model.objects.all().delete()

    result = import_dataset(resource, read_file(data, file_format))

    assert problems(result) == []
    assert result.totals["new"] == (72 if resource is SalaryBandResource else 24)
    assert cost_state() == before


SALARY_IMPORT_URL = "/admin/teams/salaryband/import/"
SALARY_PROCESS_URL = "/admin/teams/salaryband/process_import/"


def format_index(model, file_format):
    return str(position_of(admin.site._registry[model].get_import_formats(), file_format))


def upload(dataset, file_format, name):
    data = file_format().export_data(dataset)
    data = data.encode() if isinstance(data, str) else data
    return SimpleUploadedFile(f"{name}.{file_format().get_extension()}", data)


@pytest.fixture
def librarian(db):
    user = User.objects.create_user("cost-librarian", password="pw-cost-librarian", is_staff=True)
    user.groups.add(Group.objects.get(name=LIBRARY_ADMINS))
    return user


def row_of(dataset, role, tier):
    headers = dataset.headers
    return next(i for i, row in enumerate(dataset)
                if row[headers.index("role")] == role and row[headers.index("city_tier")] == tier)


def test_library_admin_imports_an_exported_salary_xlsx_through_the_admin_and_it_round_trips(client, librarian):
    client.force_login(librarian)
    before = cost_state()
    dataset = SalaryBandResource().export()

    preview = client.post(SALARY_IMPORT_URL, {"format": format_index(SalaryBand, XLSX), "resource": "0",
                                              "import_file": upload(dataset, XLSX, "salary-bands")})
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    assert confirm is not None, "a clean file offers the confirm step"
    done = client.post(SALARY_PROCESS_URL, confirm.initial)

    assert done.status_code == 302
    assert cost_state() == before

    index = row_of(dataset, "data", "tier1")
    set_cell(dataset, index, "p75", 21_000)
    preview = client.post(SALARY_IMPORT_URL, {"format": format_index(SalaryBand, XLSX), "resource": "0",
                                              "import_file": upload(dataset, XLSX, "salary-bands")})
    assert client.post(SALARY_PROCESS_URL, preview.context["confirm_form"].initial).status_code == 302
    assert SalaryBand.objects.get(role__code="data", city_tier="tier1", year=2025).p75 == 21_000


def test_admin_import_of_a_salary_file_with_a_band_out_of_order_names_row_and_column(client, librarian):
    client.force_login(librarian)
    before = cost_state()
    dataset = SalaryBandResource().export()
    set_cell(dataset, 0, "note_en", "edited, must not be written")
    index = row_of(dataset, "lead", "tier2")
    set_cell(dataset, index, "p25", int(dataset[index][dataset.headers.index("p50")]) + 1)

    response = client.post(SALARY_IMPORT_URL, {"format": format_index(SalaryBand, XLSX), "resource": "0",
                                               "import_file": upload(dataset, XLSX, "salary-bands")})

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == index + 2 and list(invalid.field_specific_errors) == ["p50"]
    assert cost_state() == before


def broken(resource, file_format, row_index, column, value):
    """An exported sheet with one bad cell and one valid edit in another row, written and read back."""
    dataset = resource().export()
    set_cell(dataset, row_index, column, value)
    set_cell(dataset, 0 if row_index else 1, "note_en", "edited, must not be written")
    return read_file(file_format().export_data(dataset), file_format)


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(("resource", "column", "value", "words"), [
    (SalaryBandResource, "city_tier", "tier4", "tier4"),
    (SalaryBandResource, "p25", "999999", "P25"),
    (SalaryBandResource, "role", "astronaut", "astronaut"),
    (SalaryBandResource, "months_per_year", "30", "24"),
    (OnCostRuleResource, "rate", "100.5", "100"),
    (OnCostRuleResource, "city_tier", "tier4", "tier4"),
    (OnCostRuleResource, "base_floor", "99999999", "99999999"),  # the floor that is too high
    (OnCostRuleResource, "item", "pet_insurance", "pet_insurance"),
])
def test_a_bad_cost_row_refuses_the_whole_file_naming_row_and_column(db, file_format, resource, column, value, words):
    before = cost_state()
    dataset = broken(resource, file_format, 5, column, value)

    result = import_dataset(resource, dataset)

    found = problems(result)
    assert found, "the file is refused"
    assert all(row == 7 for row, _column, _message in found), found  # index 5 is Excel row 7
    expected_column = {"p25": "p50", "base_floor": "base_ceiling"}.get(column, column)
    assert {col for _row, col, _message in found} == {expected_column}, found
    assert any(words in message for _row, _col, message in found), found
    assert cost_state() == before


def test_a_cost_file_repeating_a_key_is_refused_whole(db):
    before = cost_state()
    dataset = OnCostRuleResource().export()
    dataset.append(dataset[0])

    found = problems(import_dataset(OnCostRuleResource, read_file(CSV().export_data(dataset), CSV)))

    assert len(found) == 1 and "city_tier + item + valid_from" in found[0][2], found
    assert cost_state() == before
