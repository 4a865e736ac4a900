"""A field holding several codes of one TextChoices, e.g. ``launch,growth``.

Kept as plain comma-separated text so that rules and KPIs stay editable as a single cell
in Excel/CSV; an empty value means "any".
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def split_codes(value):
    return [code.strip() for code in (value or "").split(",") if code.strip()]


class CodeListField(models.CharField):
    def __init__(self, *args, choices_class=None, **kwargs):
        self.choices_class = choices_class
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_class"] = self.choices_class
        return name, path, args, kwargs

    def to_python(self, value):
        return ",".join(split_codes(super().to_python(value)))

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = set(self.choices_class.values)
        unknown = [code for code in split_codes(value) if code not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown code(s): %(codes)s. Allowed: %(allowed)s."),
                params={"codes": ", ".join(unknown), "allowed": ", ".join(self.choices_class.values)},
                code="invalid_code",
            )
