"""Helpers every API view shares."""
from django.utils.translation import gettext as _
from rest_framework import serializers


def choice_filter(request, name, choices):
    """A query-string filter restricted to a TextChoices; an unknown value is a 400 naming the parameter."""
    value = request.query_params.get(name)
    if value is not None and value not in choices.values:
        raise serializers.ValidationError({name: [_("“%(value)s” is not one of: %(choices)s.") % {
            "value": value, "choices": ", ".join(choices.values)}]})
    return value
