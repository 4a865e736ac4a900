"""Writes to team plans: small, keyword-only, atomic, validated before saving."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from common.graph import walk_up
from common.text import bilingual
from common.weights import check_weights
from kpis.models import KPITemplate
from teams.engine import COMPANY_NAME_MAX, LEAD, PROFILE_FIELDS, TeamDraft, choose_kpis, staffed_ancestor
from teams.engine.cost import band_for
from teams.models import Role
from teams.selectors import load_library

from .models import PlanKPI, PlanRole, PlanStatus, TeamPlan
from .notes import current_notes, with_hand_set_headcount
from .review import ensure_editable
from .versions import Change, held, record_version

ERR_LEAD_REMOVE = _("The lead cannot be removed: every team needs one.")
ERR_LEAD_MANAGER = _("The lead reports to the placement, not to another role.")
ERR_CYCLE = _("%(role)s cannot report to %(manager)s: that would make a reporting loop.")
ERR_ROLE_PRESENT = _("%(role)s is already in this plan.")
ERR_HEADCOUNT_ZERO = _("A staffed role needs at least 1 person; to drop the role, remove it from the plan.")
ERR_MANAGER_REQUIRED = _("Only the lead reports to the placement; choose the role this one reports to.")
ERR_CONFLICT = _("This plan was changed by someone else at the same time. Reload it and try again.")
ERR_STALE = _("This plan was changed by someone else after you opened this page. Nothing was saved; the page now "
              "shows the plan as it is. Make your change again if it is still needed.")
MSG_ADDED_BY_HAND = _("Added by hand by the plan's owner.")
UNCHANGED = object()  # a keyword left out keeps the saved value


def reasons_json(reasons):
    return [reason.text.as_json(source=reason.source, **({"kind": reason.kind} if reason.kind else {}))
            for reason in reasons]


def _library_texts(role):
    """Duties and capabilities as frozen entries ``{"zh", "en", "source"}``."""
    return (
        [{"zh": d.text_zh, "en": d.text_en, "source": d.source} for d in role.duties.all()],
        [{"zh": c.text_zh, "en": c.text_en, "source": c.source} for c in role.capabilities.all()],
    )


def _qualifications(role):
    """The requirements (任职要求) as frozen entries, each with its kind."""
    return [{"kind": q.kind, "zh": q.text_zh, "en": q.text_en, "source": q.source} for q in role.qualifications.all()]


def _salary_fields(band):
    if band is None:
        return {}
    return {"salary_p25": band.p25, "salary_p50": band.p50, "salary_p75": band.p75, "salary": band.p50,
            "months_per_year": band.months_per_year}


def _plan_role(plan, role, *, headcount, requirement, reasons, absorbed=(), team_leads=0, band=None):
    """A plan role with a frozen copy of the template; absorbed roles' duties travel with it."""
    duties, capabilities = _library_texts(role)
    for other in absorbed:
        other_duties, _caps = _library_texts(other)
        duties += [{**duty, "from": other.code, "from_zh": other.name_zh, "from_en": other.name_en}
                   for duty in other_duties]
    return PlanRole(
        plan=plan, role=role, code=role.code, name_zh=role.name_zh, name_en=role.name_en, tier=role.tier,
        order=role.order, requirement=requirement, headcount=headcount, team_leads=team_leads,
        summary_zh=role.summary_zh,
        summary_en=role.summary_en, duties=duties, capabilities=capabilities, qualifications=_qualifications(role),
        reasons=reasons, source=role.source,
        **_salary_fields(band),
    )


def _plan_kpi(plan_role, kpi, *, weight, order, reasons):
    return PlanKPI(
        plan_role=plan_role, code=kpi.code, name_zh=kpi.name_zh, name_en=kpi.name_en,
        definition_zh=kpi.definition_zh, definition_en=kpi.definition_en, formula_zh=kpi.formula_zh,
        formula_en=kpi.formula_en, unit=kpi.unit, direction=kpi.direction, frequency=kpi.frequency,
        family=kpi.family, source=kpi.source, weight=weight, order=order, reasons=reasons,
    )


def _lock_plan(plan, *roles, revision=None):
    """Take the plan's row lock for the rest of the edit's transaction, so edits of one plan run one at a time
    (and the reporting-loop check sees every committed edit); roles that vanished meanwhile are a conflict.

    ``revision`` is the plan's revision the editor's page was rendered from (the API's ETag, the forms' hidden
    field): compared under the lock, so an edit based on a page older than the last saved edit is refused
    instead of silently overwriting it. None skips the check (the last write wins)."""
    locked = TeamPlan.objects.select_for_update().only("pk", "updated_at", "status").filter(pk=plan.pk).first()
    if locked is None:
        raise ValidationError(ERR_CONFLICT, code="conflict")
    if revision is not None and revision != locked.revision:
        raise ValidationError(ERR_STALE, code="stale")
    ensure_editable(plan, locked.status)  # submitted and approved plans refuse edits; a returned one is a draft again
    wanted = {role.pk for role in roles if role is not None}
    if wanted and PlanRole.objects.filter(plan=plan, pk__in=wanted).count() != len(wanted):
        raise ValidationError(ERR_CONFLICT, code="conflict")


def _write_team(plan, draft: TeamDraft):
    roles = Role.objects.prefetch_related("duties", "capabilities", "qualifications").in_bulk(
        [r.code for r in draft.roles], field_name="code")
    kpis = KPITemplate.objects.in_bulk([k.code for r in draft.roles for k in r.kpis], field_name="code")
    plan_roles = PlanRole.objects.bulk_create([
        _plan_role(plan, roles[r.code], headcount=r.headcount, requirement=r.requirement, team_leads=r.team_leads,
                   reasons=reasons_json(r.reasons), absorbed=[roles[code] for code in r.absorbs], band=r.band)
        for r in draft.roles
    ])
    by_code = {pr.code: pr for pr in plan_roles}
    for r in draft.roles:
        by_code[r.code].reports_to = by_code.get(r.reports_to)
        by_code[r.code].merged_into = by_code.get(r.merged_into)
    PlanRole.objects.bulk_update(plan_roles, ["reports_to", "merged_into"])
    PlanKPI.objects.bulk_create([
        _plan_kpi(by_code[r.code], kpis[k.code], weight=k.weight, order=i, reasons=reasons_json(k.reasons))
        for r in draft.roles for i, k in enumerate(r.kpis)
    ])


def _apply_draft(plan, draft: TeamDraft):
    for name in PROFILE_FIELDS:
        setattr(plan, name, getattr(draft.profile, name))
    plan.size_tier = draft.size_tier
    plan.placement = draft.placement.code
    plan.placement_reasons = reasons_json(draft.placement.reasons)
    plan.notes = [note.as_json() for note in draft.notes]
    plan.on_cost_rules = [{"item": rule.item, "rate": str(rule.rate), "base_floor": rule.base_floor,
                           "base_ceiling": rule.base_ceiling, "valid_from": rule.valid_from.isoformat()}
                          for rule in draft.on_costs]
    plan.full_clean()


@transaction.atomic
def plan_create_from_draft(*, owner, draft: TeamDraft) -> TeamPlan:
    plan = TeamPlan(owner=owner)
    _apply_draft(plan, draft)
    plan.save()
    _write_team(plan, draft)
    record_version(plan=plan, kind=Change.CREATED)
    return plan


@transaction.atomic
def plan_replace_team(*, plan: TeamPlan, draft: TeamDraft, keep=(), revision=None) -> TeamPlan:
    """Re-run: the profile and the whole team are replaced by a new recommendation; the owner's edits in
    ``keep`` (see ``plans.replan``) are carried onto the new team."""
    _lock_plan(plan, revision=revision)
    _apply_draft(plan, draft)
    plan.save()
    plan.roles.all().delete()
    _write_team(plan, draft)
    if keep:
        with held():  # one re-plan, one version
            for edit in sorted(keep, key=lambda edit: KEEP_ORDER.index(edit.kind)):
                _keep(plan, edit)
            _touch(plan)
    record_version(plan=plan, kind=Change.REPLANNED)
    return plan


KEEP_ORDER = ["removed", "added", "headcount", "reports_to", "kpis"]


def _keep(plan, edit):
    roles = {role.code: role for role in plan.roles.all()}
    role = roles.get(edit.role)
    if edit.kind == "removed" and role is not None:
        plan_role_remove(plan_role=role)
    elif edit.kind == "added" and role is None:
        added = plan_role_add(plan=plan, role=Role.objects.get(code=edit.role))
        PlanRole.objects.filter(pk=added.pk).update(headcount=edit.value)
    elif edit.kind == "headcount" and role is not None:
        role.reasons = with_hand_set_headcount(role.reasons, old=role.headcount, new=edit.value)
        role.headcount = edit.value
        role.save(update_fields=["headcount", "reasons"])
    elif edit.kind == "reports_to" and role is not None and edit.value in roles:
        _keep_manager(role, roles[edit.value])
    elif edit.kind == "kpis" and role is not None:
        _keep_kpis(role, edit.kpis)


def _keep_manager(role, manager):
    try:
        _check_reports_to(role, manager)
    except ValidationError:
        return  # the old line would loop in the new team: the recommendation's line stays
    role.reports_to = manager
    role.save(update_fields=["reports_to"])


def _keep_kpis(role, kept):
    """Targets and thresholds of the KPIs still on the sheet; the weights too when the sheet is the same."""
    kpis = list(role.kpis.all())
    same_sheet = {kpi.code for kpi in kpis} == set(kept)
    for kpi in kpis:
        values = kept.get(kpi.code)
        if values:
            for name, value in values.items():
                if name != "weight" or same_sheet:
                    setattr(kpi, name, value)
    PlanKPI.objects.bulk_update(kpis, PlanKPI.EDITABLE)


def _clone(row, **links):
    """An unsaved copy of ``row`` with its own fields and new ``links`` (the foreign keys to re-point)."""
    skip = {"id", *(f"{name}_id" for name in links)}
    fields = {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields if f.attname not in skip}
    return type(row)(**fields, **links)


@transaction.atomic
def plan_duplicate(*, plan: TeamPlan, owner) -> TeamPlan:
    copy = _clone(plan, owner=owner)
    copy.status = PlanStatus.DRAFT  # a new draft, whatever the original's review status
    copy.company_name = str(_("%(name)s (copy)") % {"name": plan.company_name})[:COMPANY_NAME_MAX]
    copy.save()
    originals = list(plan.roles.all())
    clones = PlanRole.objects.bulk_create(
        [_clone(role, plan=copy, reports_to=None, merged_into=None) for role in originals])
    new_role = {old.pk: new for old, new in zip(originals, clones, strict=True)}
    for old, new in zip(originals, clones, strict=True):
        new.reports_to = new_role.get(old.reports_to_id)
        new.merged_into = new_role.get(old.merged_into_id)
    PlanRole.objects.bulk_update(clones, ["reports_to", "merged_into"])
    PlanKPI.objects.bulk_create([_clone(kpi, plan_role=new_role[kpi.plan_role_id])
                                 for kpi in PlanKPI.objects.filter(plan_role__plan=plan)])
    record_version(plan=copy, kind=Change.COPIED)
    return copy


def _touch(plan, change=Change.ROLE_EDITED):
    """Every edit: the notes are rebuilt from the plan as it now is, the revision moves on and the plan's
    next version is recorded."""
    plan.notes = current_notes(plan, list(PlanRole.objects.filter(plan=plan)))
    plan.save(update_fields=["notes", "updated_at"])
    record_version(plan=plan, kind=change)


def _check_reports_to(plan_role, manager):
    if plan_role.code == LEAD:
        if manager is not None:
            raise ValidationError({"reports_to": ERR_LEAD_MANAGER})
        return
    if manager is None:
        raise ValidationError({"reports_to": ERR_MANAGER_REQUIRED})
    managers = dict(plan_role.plan.roles.values_list("pk", "reports_to_id"))
    managers[plan_role.pk] = manager.pk
    if plan_role.pk in walk_up(plan_role.pk, managers.get):
        raise ValidationError({"reports_to": ERR_CYCLE % {"role": plan_role.name, "manager": manager.name}})


@transaction.atomic
def plan_role_update(*, plan_role: PlanRole, headcount, reports_to, kpi_values, salary=UNCHANGED, revision=None):
    """Save one role's edits: headcount, reporting line, salary (the manager's own pay level) and its KPIs
    (weights must sum to 100).

    ``kpi_values`` maps each PlanKPI to a dict of ``PlanKPI.EDITABLE`` values: weight, target and the scoring
    band's three points; all rows are saved in one bulk update, or none when any is invalid.
    """
    _lock_plan(plan_role.plan, plan_role, reports_to, revision=revision)
    check_weights(values["weight"] for values in kpi_values.values())
    _check_reports_to(plan_role, reports_to)
    if headcount is None or headcount < 1:
        raise ValidationError({"headcount": ERR_HEADCOUNT_ZERO})
    saved = PlanRole.objects.values_list("headcount", flat=True).get(pk=plan_role.pk)  # a form may have set it
    plan_role.reasons = with_hand_set_headcount(plan_role.reasons, old=saved, new=headcount)
    plan_role.headcount = headcount
    plan_role.reports_to = reports_to
    if salary is not UNCHANGED:
        plan_role.salary = salary if salary is not None else plan_role.salary_p50
    plan_role.full_clean()
    plan_role.save()
    for kpi, values in kpi_values.items():
        for name, value in values.items():
            setattr(kpi, name, value)
        kpi.full_clean()
    PlanKPI.objects.bulk_update(list(kpi_values), PlanKPI.EDITABLE)
    _touch(plan_role.plan)


@transaction.atomic
def plan_role_add(*, plan: TeamPlan, role: Role, revision=None) -> PlanRole:
    """Add a library role by hand, with the KPIs the engine would give it in this phase."""
    _lock_plan(plan, revision=revision)
    if plan.roles.filter(code=role.code).exists():
        raise ValidationError(ERR_ROLE_PRESENT % {"role": role.name})
    library = load_library()
    reason = bilingual(MSG_ADDED_BY_HAND).as_json(source="derived")
    plan_role = _plan_role(plan, role, headcount=1, requirement="optional", reasons=[reason],
                           band=band_for(role.code, plan.city_tier, library))
    staffed = {pr.code: pr for pr in plan.roles.filter(merged_into__isnull=True)}
    plan_role.reports_to = staffed.get(staffed_ancestor(role.code, staffed, library)) or staffed.get(LEAD)
    plan_role.save()
    picks = choose_kpis(library.roles[role.code], plan.phase)
    kpis = KPITemplate.objects.in_bulk([pick.code for pick in picks], field_name="code")
    PlanKPI.objects.bulk_create([
        _plan_kpi(plan_role, kpis[pick.code], weight=pick.weight, order=i,
                  reasons=[reason, *reasons_json(pick.reasons)])
        for i, pick in enumerate(picks)
    ])
    _touch(plan, Change.ROLE_ADDED)
    return plan_role


@transaction.atomic
def plan_role_remove(*, plan_role: PlanRole, revision=None):
    """Remove a role; whoever reported to it or was merged into it moves up to its manager (or the lead)."""
    if plan_role.code == LEAD:
        raise ValidationError(ERR_LEAD_REMOVE)
    plan = plan_role.plan
    _lock_plan(plan, plan_role, revision=revision)
    heir = plan_role.reports_to or plan_role.merged_into or plan.roles.filter(code=LEAD).first()
    plan.roles.filter(reports_to=plan_role).update(reports_to=heir)
    plan.roles.filter(merged_into=plan_role).update(merged_into=heir)
    plan_role.delete()
    _touch(plan, Change.ROLE_REMOVED)


@transaction.atomic
def plan_delete(*, plan: TeamPlan, revision=None):
    """Delete a plan with its roles and KPIs — but not one changed since the page asking to delete it was shown."""
    _lock_plan(plan, revision=revision)
    plan.delete()


@transaction.atomic
def plan_rename(*, plan: TeamPlan, company_name: str, revision=None) -> TeamPlan:
    """A new company name only: the team, its notes and the recommendation stay as they are."""
    _lock_plan(plan, revision=revision)
    plan.company_name = company_name
    plan.full_clean(validate_unique=False, validate_constraints=False)
    plan.save(update_fields=["company_name", "updated_at"])
    record_version(plan=plan, kind=Change.RENAMED)
    return plan
