"""Plan pages: read the request, call one service or selector, render.

Pages that show what an edit changes are ``never_cache``: browser Back then asks the server again (no stale
form, no page of a deleted object from the back-forward cache) and lands somewhere that is still true.
"""
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from common.choices import Phase
from teams.engine import growth_path
from teams.models import LibraryRevision
from teams.selectors import load_library

from . import navigation, orgchart, services
from .exports import pdf, png, word
from .exports.approval import approval_text, stamp_workbook
from .exports.downloads import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    PNG_CONTENT_TYPE,
    export_filename,
    file_response,
    svg_response,
    workbook_response,
)
from .exports.kpi_sheets import build_kpi_workbook
from .exports.role_specs import build_role_spec_workbook
from .exports.team_cost import build_team_cost_workbook
from .forms import AddRoleForm, KPIEditForm, KPIFormSet, RenameForm, RoleEditForm, sent_revision, unsaved_edits
from .models import PlanRole, TeamPlan, WizardDraft, team_lookups
from .review_views import review_panel
from .selectors import plan_list_page


def get_plan(user, pk, *, action=None, team=True, **narrow):
    """The plan if the user may see it (else 404); editing also needs ownership and the group's right (else 403).

    Views that only act on the plan pass ``team=False``; ``narrow`` trims what is loaded with the roles
    (see ``TeamPlanQuerySet.with_team``).
    """
    plans = TeamPlan.objects.with_team(**narrow) if team else TeamPlan.objects.all()
    plan = plans.filter(pk=pk).first()
    if plan is None or not plan.is_visible_to(user):
        raise Http404
    if action and not plan.allows(user, action):
        raise PermissionDenied
    return plan


@never_cache
@login_required
def plan_list(request):
    """The table is cached under the page's plans and their revisions; the unfinished wizards (with their
    discard buttons and CSRF tokens) are read on every view."""
    listing = plan_list_page(user=request.user, number=request.GET.get("page"))
    drafts = WizardDraft.objects.filter(owner=request.user, plan__isnull=True)
    return render(request, "plans/plan_list.html", {"listing": listing, "page": listing.page, "drafts": drafts})


@never_cache
@login_required
def plan_detail(request, pk):
    """The rendered parts are cached under the plan's revision, the library revision (growth path, roles to
    add), the language and whether this user may edit; the team is read only when a part has to be drawn."""
    plan = get_plan(request.user, pk, team=False)
    editable = plan.allows(request.user, "change") and not plan.locked
    revision = LibraryRevision.current()
    team = SimpleLazyObject(partial(_team, plan))
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "editable": editable, "review": review_panel(plan, request.user), "team": team,
        "add_form": SimpleLazyObject(partial(AddRoleForm, plan=plan)) if editable else None,
        "growth": SimpleLazyObject(partial(_growth, plan, team, revision)), "library_revision": revision,
    })


def _team(plan):
    """The plan's roles and KPIs in two queries, split into the staffed and the merged ones."""
    prefetch_related_objects([plan], *team_lookups(texts=False))
    roles = plan.team
    return {"staffed": [r for r in roles if r.staffed], "merged": [r for r in roles if not r.staffed]}


def _growth(plan, team, revision):
    """The later phases from the plan's own team: each with the people it adds and what it adds in cost.

    Drawn only when the page's growth section is not cached under the plan and library revisions.
    """
    roles = team["staffed"] + team["merged"]  # reads the team (once) before the cost is summed from it
    steps, before = [], plan.cost.monthly
    for phase, draft, added in growth_path(profile=plan.profile(), library=load_library(revision=revision),
                                           headcounts={role.code: role.headcount for role in roles}):
        steps.append((Phase(phase).label, draft, added, max(draft.monthly_cost - before, 0)))
        before = draft.monthly_cost
    return steps


def is_stale(error):
    """The edit was made on a page older than the plan's last saved edit (``services.ERR_STALE``)."""
    return getattr(error, "code", None) == "stale"


@never_cache
@login_required
def role_edit(request, pk, role_pk):
    plan = get_plan(request.user, pk, action="change", team=False)
    role = PlanRole.objects.filter(plan=plan, pk=role_pk).first()
    if role is None:
        return _role_gone(request, plan, role_pk)
    if role.merged_into_id:
        raise Http404  # merged roles have no people
    form = RoleEditForm(request.POST or None, instance=role)
    formset = KPIFormSet(request.POST or None, queryset=role.kpis.all(), prefix="kpi")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        kpi_values = {f.instance: {name: f.cleaned_data[name] for name in KPIEditForm.Meta.fields}
                      for f in formset.forms}
        values = form.cleaned_data
        try:
            services.plan_role_update(plan_role=role, headcount=values["headcount"], reports_to=values["reports_to"],
                                      kpi_values=kpi_values, salary=values["salary"],
                                      revision=values["revision"] or None)
        except ValidationError as error:
            if is_stale(error):
                return _role_edit_stale(request, plan, role_pk, error, form, formset)
            form.add_error(None, error)
        else:
            messages.success(request, _("%(role)s updated.") % {"role": role.name})
            return redirect(plan)
    return render(request, "plans/role_edit.html", {"plan": plan, "role": role, "form": form, "formset": formset})


def _role_gone(request, plan, role_pk):
    """No such role: a 404 — unless this user removed it (Back to its page) or the form was sent from a page older
    than the plan's last edit (someone removed it meanwhile): then to its plan, saying why."""
    sent = sent_revision(request.POST)
    if sent is not None and sent != plan.revision:
        messages.error(request, services.ERR_STALE)
    elif navigation.removed_role(request, role_pk):
        messages.info(request, _("That role is no longer in the plan."))
    else:
        raise Http404
    return redirect(plan)


def _role_edit_stale(request, plan, role_pk, error, sent_form, sent_formset):
    """Someone saved the plan since this form was shown: nothing saved; the form again with the values saved now
    (and the new revision), and the editor's own values listed so they can make their change again."""
    plan.refresh_from_db()
    role = PlanRole.objects.filter(plan=plan, pk=role_pk, merged_into__isnull=True).first()
    if role is None:  # the other editor removed the role or merged it into another
        messages.error(request, error.messages[0])
        return redirect(plan)
    return render(request, "plans/role_edit.html", {
        "plan": plan, "role": role, "form": RoleEditForm(instance=role), "stale": error.messages,
        "formset": KPIFormSet(queryset=role.kpis.all(), prefix="kpi"),
        "unsaved": unsaved_edits(sent_form, sent_formset, role),
    }, status=409)


@login_required
@require_POST
def role_add(request, pk):
    plan = get_plan(request.user, pk, action="change", team=False)
    form = AddRoleForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            role = services.plan_role_add(plan=plan, role=form.cleaned_data["role"],
                                          revision=form.cleaned_data["revision"] or None)
        except ValidationError as error:  # the plan changed since the page was shown, or another add won a race
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("%(role)s added to the plan.") % {"role": role.name})
    else:
        messages.error(request, _("Choose a role from the library that is not in the plan yet."))
    return redirect(plan)


@never_cache
@login_required
def role_remove(request, pk, role_pk):
    plan = get_plan(request.user, pk, action="change", team=False)
    role = PlanRole.objects.filter(plan=plan, pk=role_pk).first()
    if role is None:
        return _role_gone(request, plan, role_pk)
    if request.method == "POST":
        try:
            services.plan_role_remove(plan_role=role, revision=sent_revision(request.POST))
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            navigation.remember_removed_role(request, role_pk)
            messages.success(request, _("%(role)s removed from the plan.") % {"role": role.name})
        return redirect(plan)
    return render(request, "plans/confirm.html", {
        "plan": plan, "title": _("Remove %(role)s?") % {"role": role.name},
        "text": _("People reporting to this role will report to its manager instead."),
        "button": _("Remove role"),
    })


@login_required
def plan_rename(request, pk):
    plan = get_plan(request.user, pk, action="change", team=False)
    form = RenameForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_rename(plan=plan, company_name=form.cleaned_data["company_name"],
                                 revision=form.cleaned_data["revision"] or None)
        except ValidationError as error:
            if not is_stale(error):
                raise
            plan.refresh_from_db()
            return render(request, "plans/rename.html", {"plan": plan, "form": RenameForm(instance=plan),
                                                         "stale": error.messages}, status=409)
        messages.success(request, _("Plan renamed."))
        return redirect(plan)
    return render(request, "plans/rename.html", {"plan": plan, "form": form})


@login_required
@require_POST
def plan_duplicate(request, pk):
    plan = get_plan(request.user, pk, action="add")
    copy = services.plan_duplicate(plan=plan, owner=request.user)
    messages.success(request, _("Plan duplicated."))
    return redirect(copy)


@never_cache
@login_required
def plan_delete(request, pk):
    plan = get_plan(request.user, pk, action="delete", team=False)
    if request.method == "POST":
        pk = plan.pk  # deleting clears it
        try:
            services.plan_delete(plan=plan, revision=sent_revision(request.POST))
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(plan)
        navigation.remember_deleted_plan(request, pk)
        messages.success(request, _("Plan “%(name)s” deleted.") % {"name": plan.company_name})
        return redirect("plans:list")
    return render(request, "plans/confirm.html", {
        "plan": plan, "title": _("Delete the plan “%(name)s”?") % {"name": plan.company_name},
        "text": _("The plan, its roles and KPI sheets are deleted for good."), "button": _("Delete plan"),
    })


@login_required
def org_chart(request, pk):
    """The chart is cached under the plan's revision; its roles are read only when it has to be drawn."""
    plan = get_plan(request.user, pk, team=False)
    return render(request, "plans/org_chart.html", {"plan": plan, "tree": partial(orgchart.page_tree, plan)})


@login_required
def org_chart_svg(request, pk):
    plan = get_plan(request.user, pk, kpis=False, texts=False)
    svg = orgchart.render_svg(orgchart.plan_chart(plan, approval_text(plan)))
    return svg_response(svg, f"{plan.company_name}-{_('Org chart')}.svg")


@login_required
def kpi_sheets(request, pk):
    """Cached under the plan's revision like the org chart; the roles and KPIs are read only when drawn."""
    plan = get_plan(request.user, pk, team=False)
    return render(request, "plans/kpi_sheets.html", {
        "plan": plan, "staffed": SimpleLazyObject(partial(_staffed_with_kpis, plan))})


def _staffed_with_kpis(plan):
    prefetch_related_objects([plan], *team_lookups(texts=False))
    return plan.staffed_roles()


@login_required
def role_specs_xlsx(request, pk):
    plan = get_plan(request.user, pk)
    workbook = stamp_workbook(build_role_spec_workbook([plan]), plan)
    return workbook_response(workbook, export_filename([plan], "role_specs"))


@login_required
def role_specs_hr_xlsx(request, pk):
    """HR's copy: the overview, and codes, source tags and reasons on every role's sheet."""
    plan = get_plan(request.user, pk)
    workbook = stamp_workbook(build_role_spec_workbook([plan], hr=True), plan)
    return workbook_response(workbook, export_filename([plan], "role_specs_hr"))


@login_required
def team_cost_xlsx(request, pk):
    plan = get_plan(request.user, pk, kpis=False, texts=False)
    return workbook_response(stamp_workbook(build_team_cost_workbook(plan), plan), export_filename([plan], "team_cost"))


@login_required
def kpi_sheets_xlsx(request, pk):
    plan = get_plan(request.user, pk)
    return workbook_response(stamp_workbook(build_kpi_workbook([plan]), plan), export_filename([plan], "kpi_sheets"))


@login_required
def org_chart_pdf(request, pk):
    plan = get_plan(request.user, pk, kpis=False, texts=False)
    return file_response(pdf.org_chart_pdf(plan), export_filename(plan, "org_chart", ".pdf"), PDF_CONTENT_TYPE)


@login_required
def org_chart_png(request, pk):
    plan = get_plan(request.user, pk, kpis=False, texts=False)
    return file_response(png.org_chart_png(plan), export_filename(plan, "org_chart", ".png"), PNG_CONTENT_TYPE)


@login_required
def kpi_sheets_pdf(request, pk):
    plan = get_plan(request.user, pk, texts=False)
    return file_response(pdf.kpi_sheets_pdf(plan), export_filename(plan, "kpi_sheets", ".pdf"), PDF_CONTENT_TYPE)


@login_required
def role_specs_pdf(request, pk):
    plan = get_plan(request.user, pk)
    return file_response(pdf.role_specs_pdf(plan), export_filename(plan, "role_specs", ".pdf"), PDF_CONTENT_TYPE)


@login_required
def role_specs_docx(request, pk):
    plan = get_plan(request.user, pk)
    return file_response(word.role_specs_docx(plan), export_filename(plan, "role_specs", ".docx"), DOCX_CONTENT_TYPE)
