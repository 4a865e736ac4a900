from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import TeamPlan
from .models import ExportKind
from .services import NO_DOCUMENTS, NO_PLANS

DEFAULT_KINDS = [ExportKind.ROLE_SPECS_XLSX, ExportKind.KPI_SHEETS_XLSX]


class BulkExportForm(forms.Form):
    """Which plans (of those the user may read) and which documents go into one zip."""

    plans = forms.ModelMultipleChoiceField(queryset=TeamPlan.objects.none(), label=_("Plans"),
                                           error_messages={"required": NO_PLANS})
    kinds = forms.MultipleChoiceField(choices=ExportKind.choices, widget=forms.CheckboxSelectMultiple,
                                      initial=DEFAULT_KINDS, label=_("Documents"),
                                      error_messages={"required": NO_DOCUMENTS})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = TeamPlan.objects.visible_to(user)

    def checked(self):
        """The plan ids to show ticked: what was posted, else the initial selection."""
        if self.is_bound:
            return {int(pk) for pk in self.data.getlist("plans") if str(pk).isdigit()}
        return {plan.pk for plan in self.initial.get("plans", [])}
