"""Who may read and edit the role, KPI and cost library (kept in code; ``plans.groups`` applies every group)."""
from django.utils.translation import gettext_noop

LIBRARY_MODELS = [
    ("teams", "role"), ("teams", "duty"), ("teams", "capability"), ("teams", "qualification"),
    ("teams", "staffingrule"),
    ("teams", "placementrule"), ("teams", "sizingrule"), ("teams", "sizethreshold"), ("teams", "rolekpi"),
    ("teams", "salaryband"), ("teams", "oncostrule"),
    ("kpis", "kpitemplate"),
]
LIBRARY_ADMINS = gettext_noop("Library admins")

LIBRARY_GROUP_PERMISSIONS = {
    # Template admins edit (and import) the library; they do not read other people's plans.
    LIBRARY_ADMINS: [(app, f"{action}_{model}") for app, model in LIBRARY_MODELS
                     for action in ("add", "change", "delete", "view")],
}
