"""The stage wizard: company → private-domain situation → constraints → review.

Answers are saved to a ``WizardDraft`` row at every step, so any app server can serve the next
step, Back never loses what was typed, and a manager can come back later.
"""
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from common.choices import SizeTier
from teams.choices import Requirement
from teams.engine import PROFILE_FIELDS, CompanyProfile, recommend_team
from teams.models import LibraryRevision
from teams.selectors import load_library

from .forms import REVIEW_STEP, STEP_TITLES, STEPS, sent_revision
from .models import TeamPlan, WizardDraft
from .navigation import gone_draft_redirect, remember_gone_draft
from .replan import manual_edits, still_applies
from .services import plan_create_from_draft, plan_replace_team

can_plan = permission_required("plans.add_teamplan", raise_exception=True)


def first_open_step(answers):
    """The first step with an unanswered question; the review once all are answered."""
    for number, form_class in enumerate(STEPS, start=1):
        if any(name not in answers for name in form_class.Meta.fields):
            return number
    return REVIEW_STEP


def _context(draft, number, **extra):
    reachable = first_open_step(draft.answers) if draft else 1
    steps = [{"number": i, "title": title, "done": i < reachable, "current": i == number}
             for i, title in enumerate(STEP_TITLES, start=1)]
    key = f"{draft.pk}@{draft.updated_at.isoformat()}" if draft else "new"  # moves with every saved answer
    return {"draft": draft, "draft_key": key, "number": number, "steps": steps, "review_step": REVIEW_STEP, **extra}


@never_cache  # Back re-asks the server, which knows whether the draft is still open
@login_required
@can_plan
def step(request, pk=None, number=1):
    draft = WizardDraft.objects.select_related("plan").filter(pk=pk, owner=request.user).first() if pk else None
    if pk and draft is None:
        return _gone(request, pk)
    answers = draft.answers if draft else {}
    if not 1 <= number <= first_open_step(answers):
        return redirect("wizard:step", draft.pk, first_open_step(answers)) if draft else redirect("wizard:start")
    if number == REVIEW_STEP:
        return review(request, draft)
    form = STEPS[number - 1](request.POST or None, initial=answers)
    going_back = "back" in request.POST and number > 1  # the first step has no Back: a forged one saves nothing
    if request.method == "POST" and (form.is_valid() or going_back):
        form.is_valid()  # a Back press keeps whatever was valid and never shows errors
        draft = draft or WizardDraft(owner=request.user)
        draft.answers = {**answers, **{k: v for k, v in form.cleaned_data.items() if k in form.Meta.fields}}
        draft.step = max(draft.step, number)
        draft.save()
        target = number - 1 if going_back else number + 1
        return redirect("wizard:step", draft.pk, max(target, 1))
    return render(request, "plans/wizard_step.html", _context(draft, number, form=form))


def _gone(request, pk):
    """A draft this user saved or discarded leads on (Back after saving); anyone else's is a 404."""
    response = gone_draft_redirect(request, pk)
    if response is None:
        raise Http404
    return response


def review(request, draft):
    """The recommendation is drawn once per draft answers, library revision, re-planned plan's revision and
    language; the save form (CSRF token, the plan's revision) is outside what is cached."""
    if request.method == "POST":
        return save(request, draft, recommend_team(profile=CompanyProfile(**draft.answers), library=load_library()))
    revision = LibraryRevision.current()
    return render(request, "plans/wizard_review.html", _context(
        draft, REVIEW_STEP, library_revision=revision, plan_revision=draft.plan.revision if draft.plan_id else "",
        shown=SimpleLazyObject(partial(_review_shown, draft, load_library(revision=revision)))))


def _review_shown(draft, library):
    result = recommend_team(profile=CompanyProfile(**draft.answers), library=library)
    names = {role.code: role.name for role in result.roles}
    rows = [(role, Requirement(role.requirement).label, names.get(role.reports_to), names.get(role.merged_into))
            for role in result.roles]
    edits = [(edit, still_applies(edit, result)) for edit in _edits(draft, result)] if draft.plan_id else []
    return {"result": result, "rows": rows, "size_tier_label": SizeTier(result.size_tier).label,
            "answer_rows": answer_rows(draft.answers), "edits": edits}


def _edits(draft, result):
    """The owner's edits to the plan being re-planned (compared with the recommendation for its saved profile)."""
    plan = TeamPlan.objects.with_team().get(pk=draft.plan_id)
    return manual_edits(plan, recommend_team(profile=plan.profile(), library=load_library()))


def answer_rows(answers):
    """Per step, the answers as the manager gave them: (label, shown value); an unknown figure reads "—"."""
    plan = TeamPlan(**{name: value for name, value in answers.items() if name in PROFILE_FIELDS})
    rows = []
    for number, form_class in enumerate(STEPS, start=1):
        shown = []
        for name in form_class.Meta.fields:
            field = TeamPlan._meta.get_field(name)
            value = getattr(plan, f"get_{name}_display")() if field.choices else getattr(plan, name)
            shown.append((field.verbose_name, _display(value)))
        rows.append((number, shown))
    return rows


def _display(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or value == "":
        return "—"
    return f"{value:,}" if isinstance(value, int) else value


@transaction.atomic
def save(request, draft, result):
    """Turn the draft into a plan exactly once, even when the button is pressed twice."""
    if not WizardDraft.objects.select_for_update().filter(pk=draft.pk).exists():
        return _gone(request, draft.pk)  # the first press already saved it
    if draft.plan_id:
        kept = request.POST.getlist("keep")
        keep = [edit for edit in _edits(draft, result) if edit.key in kept and still_applies(edit, result)]
        try:
            plan = plan_replace_team(plan=draft.plan, draft=result, keep=keep, revision=sent_revision(request.POST))
        except ValidationError as error:  # edited after this review was shown (show it again), or submitted meanwhile
            messages.error(request, error.messages[0])
            if getattr(error, "code", None) == "stale":
                return redirect("wizard:step", draft.pk, REVIEW_STEP)
            return redirect(draft.plan)
        messages.success(request, _("The plan was re-planned from the updated profile."))
    else:
        plan = plan_create_from_draft(owner=request.user, draft=result)
        messages.success(request, _("Plan saved."))
    remember_gone_draft(request, draft.pk, plan)
    draft.delete()
    return redirect(plan)


@login_required
@permission_required("plans.change_teamplan", raise_exception=True)
def replan(request, pk):
    """Open the wizard on a copy of a plan's profile; saving replaces the plan's team."""
    plan = get_object_or_404(TeamPlan.objects.filter(owner=request.user), pk=pk)
    if request.method != "POST" or plan.locked:
        return redirect(plan)  # a submitted or approved plan says why on its page
    answers = {name: getattr(plan, name) for name in PROFILE_FIELDS}
    draft, _created = WizardDraft.objects.update_or_create(owner=request.user, plan=plan,
                                                           defaults={"answers": answers, "step": REVIEW_STEP})
    return redirect("wizard:step", draft.pk, 1)


@login_required
@require_POST
def discard(request, pk):
    """Throw an unfinished draft away (a re-plan's draft too: the plan itself is untouched)."""
    get_object_or_404(WizardDraft, pk=pk, owner=request.user).delete()
    remember_gone_draft(request, pk)
    messages.success(request, _("Draft discarded."))
    return redirect("plans:list")
