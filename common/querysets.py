"""QuerySet behaviour shared by the library apps."""
from django.db import models


class CodeQuerySet(models.QuerySet):
    """Library rows are identified by their stable code in fixtures and imports."""

    def get_by_natural_key(self, code):
        return self.get(code=code)
