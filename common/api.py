"""Helpers every API view shares: strict filters, strict bodies."""
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

ERR_UNKNOWN_PARAMETER = gettext_lazy("Unknown query parameter. This list takes: %(names)s.")
ERR_UNKNOWN_FIELD = gettext_lazy("Unknown field.")
ERR_READ_ONLY_FIELD = gettext_lazy("This field is read-only.")


def choice_filter(request, name, choices):
    """A query-string filter restricted to a TextChoices; an unknown value is a 400 naming the parameter."""
    value = request.query_params.get(name)
    if value is not None and value not in choices.values:
        raise serializers.ValidationError({name: [_("“%(value)s” is not one of: %(choices)s.") % {
            "value": value, "choices": ", ".join(choices.values)}]})
    return value


def refuse_unknown_parameters(request, allowed):
    """A misspelt filter (``?phse=launch``) is a 400 naming it, not a silently unfiltered list."""
    names = sorted(set(allowed) | {"page"})
    unknown = [name for name in request.query_params if name not in names]
    if unknown:
        message = ERR_UNKNOWN_PARAMETER % {"names": ", ".join(names)}
        raise serializers.ValidationError({name: [message] for name in unknown})


class StrictFieldsMixin:
    """A body field the serializer does not take is a 400 naming it, rather than silently dropped."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {name: [ERR_READ_ONLY_FIELD if name in self.fields else ERR_UNKNOWN_FIELD]
                      for name in data if name not in self.fields or self.fields[name].read_only}
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
