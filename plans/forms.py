"""Wizard steps and plan edits. Fields come from the models, so labels and limits are declared once."""
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from teams.engine import LEAD, LIMITS
from teams.models import Role

from .models import PlanKPI, PlanRole, TeamPlan

ERR_RANGE = _("Enter a whole number from %(low)s to %(high)s.")
CHOOSE = _("Choose…")


class StepForm(forms.ModelForm):
    """One wizard step: a slice of the profile, validated by the model's own field rules.

    Numbers are typed as text (a browser's number box silently drops letters, and the manager would see
    "required"), and every wrong number gets one message with the whole accepted range.
    """

    title = ""

    class Meta:
        model = TeamPlan
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.IntegerField) and name in LIMITS:
                _number_field(field, *LIMITS[name])
            elif isinstance(field, forms.TypedChoiceField) and field.required:
                rest = [choice for choice in field.choices if choice[0] != ""]
                radio = isinstance(field.widget, forms.RadioSelect)
                field.choices = rest if radio else [("", CHOOSE), *rest]


def _number_field(field, low, high):
    message = ERR_RANGE % {"low": f"{low:,}", "high": f"{high:,}"}
    field.widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    field.error_messages.update(invalid=message, min_value=message, max_value=message)
    field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
    field.validators += [MinValueValidator(low, message), MaxValueValidator(high, message)]


class CompanyStep(StepForm):
    title = _("Company")

    class Meta(StepForm.Meta):
        fields = ["company_name", "employees", "industry"]
        help_texts = {"employees": _("Everyone on the payroll; it sets the size tier.")}


class SituationStep(StepForm):
    title = _("Private-domain situation")

    class Meta(StepForm.Meta):
        fields = ["phase", "strategic", "live_streaming", "business_lines", "member_share"]
        widgets = {"phase": forms.RadioSelect}
        help_texts = {
            "phase": _("Launch: testing, building the user base. Growth: delivering results. "
                       "Mature: running efficiently."),
            "strategic": _("Top management treats private domain as a main growth lever."),
            "business_lines": _("Separate brands or product lines that each run their own private domain."),
            "member_share": _("Out of all customers, how many are registered members (0–100)."),
        }


class WorkloadStep(StepForm):
    """What the team must serve: every answer is optional, and an unknown figure keeps the staffing rule's size."""

    title = _("Workload")

    class Meta(StepForm.Meta):
        fields = ["private_domain_users", "communities", "stores", "sku_count", "has_mall"]
        help_texts = {
            "private_domain_users": _("Contacts the brand can reach directly, counted once: WeCom contacts, group "
                                      "members, official-account followers. Leave empty if you don't know."),
            "communities": _("WeCom or WeChat groups the team runs (0 if none yet)."),
            "stores": _("Offline stores (0 = none). Stores get digital store guides."),
            "sku_count": _("Products on sale. Few SKUs fold product selection into copy or planning; "
                           "leave empty if you don't know."),
            "has_mall": _("The brand sells through its own mini-program mall."),
        }


class ConstraintsStep(StepForm):
    title = _("Constraints")

    class Meta(StepForm.Meta):
        fields = ["city_tier", "headcount_budget", "monthly_budget"]
        help_texts = {
            "city_tier": _("Where the team works: salaries and social-insurance bases follow the city."),
            "headcount_budget": _("Leave empty for no limit. Over budget, optional roles are merged first, "
                                  "then extra people go, then roles are merged."),
            "monthly_budget": _("Yuan a month for the whole team, employer's on-costs included; leave empty "
                                "for no limit. It trims the team the same way."),
        }


STEPS = [CompanyStep, SituationStep, WorkloadStep, ConstraintsStep]
REVIEW_STEP = len(STEPS) + 1
STEP_TITLES = [step.title for step in STEPS] + [_("Review")]


def revision_field(**attrs):
    """The plan's revision the form was rendered from (see ``TeamPlan.revision``), sent back with the edit so a
    change made by someone else in between is refused rather than overwritten; empty skips the check."""
    return forms.CharField(widget=forms.HiddenInput(attrs=attrs or None), required=False, max_length=100)


def sent_revision(data):
    return data.get("revision") or None


class RoleEditForm(forms.ModelForm):
    revision = revision_field()

    class Meta:
        model = PlanRole
        fields = ["headcount", "reports_to", "salary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.plan.revision
        role, field = self.instance, self.fields["reports_to"]
        field.queryset = role.plan.roles.filter(merged_into__isnull=True).exclude(pk=role.pk)
        field.label_from_instance = lambda other: other.name
        if role.salary_p50 is not None:
            self.fields["salary"].help_text = _("Per person a month, before on-costs. Market band: P25 %(p25)s · "
                                                "P50 %(p50)s · P75 %(p75)s; empty = P50.") % role.salary_band
        if role.code == LEAD:  # the lead reports to the unit the team sits in, nobody else
            field.queryset, field.empty_label = field.queryset.none(), role.plan.get_placement_display()
        else:
            field.required, field.empty_label = True, None


ERR_THRESHOLDS = _("“Exceeded from” must be above “met from” (%(met)s).")
ERR_SCORED_FROM = _("“Scored from” must be below “met from” (%(met)s).")
ERR_KPI_ROWS = _("The KPIs sent are not this role's KPIs. Reload the page and try again.")


class KPIEditForm(forms.ModelForm):
    class Meta:
        model = PlanKPI
        fields = list(PlanKPI.EDITABLE)
        widgets = {name: forms.NumberInput(attrs={"class": "small"}) for name in fields}

    def clean(self):
        """Said next to the field, rather than as the database constraint's name."""
        cleaned = super().clean()
        scored, met, exceeded = (cleaned.get(name) for name in ("threshold", "met_threshold", "exceeded_threshold"))
        if met is not None and exceeded is not None and met >= exceeded:
            self.add_error("exceeded_threshold", ERR_THRESHOLDS % {"met": met})
        if scored is not None and met is not None and scored >= met:
            self.add_error("threshold", ERR_SCORED_FROM % {"met": met})
        return cleaned


class BaseKPIFormSet(forms.BaseModelFormSet):
    """Exactly the role's own KPIs, each once: a forged id or form count is refused, never saved as a new row."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["id"].queryset = self.get_queryset()  # another role's or plan's KPI is not a valid choice

    def clean(self):
        super().clean()
        sent = [form.instance.pk for form in self.forms]
        if None in sent or sorted(sent) != sorted(kpi.pk for kpi in self.get_queryset()):
            raise ValidationError(ERR_KPI_ROWS, code="kpi_rows")


KPIFormSet = forms.modelformset_factory(PlanKPI, form=KPIEditForm, formset=BaseKPIFormSet, extra=0)


class RenameForm(forms.ModelForm):
    revision = revision_field()

    class Meta:
        model = TeamPlan
        fields = ["company_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision


def unsaved_edits(form, formset, role):
    """For the conflict page: each value the editor sent that differs from what is saved now, as
    (label, theirs, saved now), so they can make their change again on the fresh form."""
    sent = {**form.cleaned_data}
    if sent.get("salary") is None:
        sent["salary"] = role.salary_p50  # empty means "the band's P50", as the service saves it
    rows = [(form.fields[name].label, sent[name], getattr(role, name)) for name in RoleEditForm.Meta.fields]
    saved_kpis = {kpi.pk: kpi for kpi in role.kpis.all()}
    for kform in formset.forms:
        kpi = saved_kpis.get(kform.instance.pk)
        if kpi is not None:
            rows += [(f"{kpi.name} · {kform.fields[name].label}", kform.cleaned_data[name], getattr(kpi, name))
                     for name in KPIEditForm.Meta.fields]
    return [(label, _shown(theirs), _shown(saved)) for label, theirs, saved in rows if theirs != saved]


def _shown(value):
    if value is None:
        return "—"
    return value.name if isinstance(value, PlanRole) else f"{value:,}" if isinstance(value, int) else str(value)


class AddRoleForm(forms.Form):
    """Its fields name the plan page's ``add-role`` form, which is outside the page's cached parts so that it
    carries each request's own CSRF token."""

    role = forms.ModelChoiceField(queryset=Role.objects.none(), label=_("Role"),
                                  widget=forms.Select(attrs={"form": "add-role"}))
    revision = revision_field(form="add-role")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = plan.revision
        self.fields["role"].queryset = Role.objects.filter(is_active=True).exclude(code__in=plan.roles.values("code"))
        self.fields["role"].label_from_instance = lambda role: role.name
        self.fields["role"].empty_label = _("Choose a role…")
