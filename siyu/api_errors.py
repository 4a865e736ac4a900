"""One error body for every 4xx and 5xx the API sends: ``{"detail": …, "code": …, "fields": {name: [messages]}}``.

``detail`` is one sentence in the reader's language, ``code`` a stable machine word (``invalid``, ``not_found``,
``throttled``, …) and ``fields`` names the fields at fault (empty unless the input was invalid). Generated clients
then parse every failure with one model, whichever layer refused the request: DRF's views, Django's own 400/403/
404/500 handlers, or the catch-all for unknown /api/ addresses.
"""
from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler as drf_exception_handler

ERR_INVALID = _("Invalid input: the fields at fault are named.")
ERR_NOT_FOUND = _("Not found.")
ERR_TOO_LARGE = _("The request body is too large: at most %(size)s MB.")
ERR_BAD_REQUEST = _("Bad request.")
ERR_FORBIDDEN = _("You do not have permission to perform this action.")
ERR_SERVER = _("Server error: it has been logged. Try again later.")


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        super().__init__(ERR_TOO_LARGE % {"size": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20, 1)})


class ErrorSerializer(serializers.Serializer):
    """Every API error."""

    detail = serializers.CharField(help_text="What went wrong, in the reader's language.")
    code = serializers.CharField(help_text="A stable code: invalid, parse_error, not_authenticated, "
                                           "authentication_failed, token_expired, permission_denied, csrf_failed, "
                                           "not_found, method_not_allowed, not_acceptable, too_large, "
                                           "unsupported_media_type, throttled, conflict, precondition_failed, "
                                           "server_error.")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="Messages by field (or query parameter) name; empty unless invalid.")


def error_body(detail, code, fields=None):
    return {"detail": str(detail), "code": code, "fields": fields or {}}


def _flatten(errors, prefix=""):
    """DRF's nested error structure as ``{"field": [...], "roles.0.code": [...]}``."""
    if isinstance(errors, dict):
        items = errors.items()
    elif errors and all(isinstance(item, str) for item in errors):
        return {prefix or "non_field_errors": [str(item) for item in errors]}
    else:
        items = enumerate(errors)
    flat = {}
    for name, value in items:
        flat.update(_flatten(value, f"{prefix}.{name}" if prefix else str(name)))
    return flat


def exception_handler(exc, context):
    """DRF's handler (headers such as WWW-Authenticate and Retry-After included), reshaped into the one body."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(ERR_NOT_FOUND)
    elif isinstance(exc, exceptions.NotFound) and exc.detail == exceptions.NotFound.default_detail:
        exc = exceptions.NotFound(ERR_NOT_FOUND)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a 500: Django's handler500 answers it (``api_or_page``)
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(ERR_INVALID, "invalid", _flatten(exc.detail))
    else:
        response.data = error_body(exc.detail, _code(exc))
    return response


def _code(exc):
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


# Django's own handlers, for what fails before or outside a DRF view (a body over the size limit read by
# middleware, a disallowed host, an unhandled exception): JSON under /api/, the site's pages elsewhere.
def _json(status_code, detail, code):
    return JsonResponse(error_body(detail, code), status=status_code)


def is_api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if isinstance(exception, RequestDataTooBig):
        return _json(413, PayloadTooLarge().detail, "too_large")
    return _json(400, ERR_BAD_REQUEST, "bad_request")


def forbidden(request, exception):
    return _json(403, ERR_FORBIDDEN, "permission_denied")


def not_found(request, exception=None):
    return _json(404, ERR_NOT_FOUND, "not_found")


def server_error(request):
    return _json(500, ERR_SERVER, "server_error")
