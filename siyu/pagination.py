from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Page numbers are positive integers; ``?page=`` or ``?page=x`` is a 404, not silently page 1."""

    page_size = 50

    def get_page_number(self, request, paginator):
        number = request.query_params.get(self.page_query_param)
        if number is not None and not (number.isdigit() or number == "last"):
            raise NotFound(_("Invalid page."))
        return super().get_page_number(request, paginator)

    def get_paginated_response_schema(self, schema):
        """Every key is always there (``next`` and ``previous`` are null at the ends)."""
        return {**super().get_paginated_response_schema(schema), "required": ["count", "next", "previous", "results"]}
