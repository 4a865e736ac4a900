"""OpenAPI generation: every operation documents its errors with the one shared ``Error`` component.

Also: every field of a response is ``required`` (DRF renders every declared field, so generated clients get
non-optional attributes), and request bodies take no property the API does not (``additionalProperties: false``
— the API answers an unknown field with a 400 naming it).
"""
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse

from .api_errors import ErrorSerializer

ERRORS = {
    "400": "Invalid input: `fields` names each field or query parameter at fault.",
    "401": "Not authenticated, or the token is invalid or expired.",
    "403": "Authenticated, but this user may not do this (or a session write without its CSRF token).",
    "404": "Not found, or not yours.",
    "406": "The Accept header asks for something other than JSON.",
    "429": "Too many requests: wait the seconds in Retry-After.",
}
BODY_ERRORS = {
    "413": "The request body is over the size limit.",
    "415": "The body is not JSON (Content-Type must be application/json).",
}
# Plan writes only: a lost race with another edit, and a stale If-Match.
PLAN_WRITE_ERRORS = {
    "409": "Another edit of this plan won a race; read it again and retry.",
    "412": "If-Match does not match the plan's current ETag: it changed since you read it.",
}
HEADERS = {
    "401": {"WWW-Authenticate": {"schema": {"type": "string", "enum": ["Token"]},
                                 "description": "The scheme to authenticate with."}},
    "429": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds until a retry may succeed."}},
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, response in list(responses.items()):  # an error declared by description alone gets the body
            if str(code) >= "400" and "content" not in response:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, response.get("description", "")), code)
        for code, description in self._error_codes().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(OpenApiResponse(ErrorSerializer, description), code)
                if code in HEADERS:
                    responses[code]["headers"] = HEADERS[code]
        return responses

    def _error_codes(self):
        errors = dict(ERRORS)
        if self.method in ("POST", "PUT", "PATCH"):
            errors.update(BODY_ERRORS)
        if self.method in ("PATCH", "DELETE") and "/plans/" in self.path:
            errors.update(PLAN_WRITE_ERRORS)
        return errors

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response":
            schema["required"] = list(schema["properties"])
        else:
            schema["additionalProperties"] = False
        return schema


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value.rsplit("/", 1)[-1]
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def drop_unused_components(result, generator, request, public):
    """Postprocessing hook: components nothing refers to (request copies of read-only nested serializers,
    which drf-spectacular registers anyway) are left out, so generated clients carry no dead models."""
    schemas = result.get("components", {}).get("schemas", {})
    used, todo = set(), list(_refs(result["paths"]))
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            todo.extend(_refs(schemas.get(name, {})))
    for name in set(schemas) - used:
        del schemas[name]
    return result
