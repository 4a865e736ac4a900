"""OpenAPI generation: every operation documents its error responses in the shapes DRF sends."""
from drf_spectacular import openapi

MESSAGE = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {
    "type": "object",
    "description": "Errors by field name (or `detail` for a request that could not be read).",
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}
ERRORS = {
    "400": ("Invalid input: the fields at fault are named.", FIELD_ERRORS),
    "401": ("Not authenticated.", MESSAGE),
    "403": ("Authenticated, but this user may not do this.", MESSAGE),
    "404": ("Not found, or not yours.", MESSAGE),
}
# Plan writes only: a lost race with another edit, and a stale If-Match.
PLAN_WRITE_ERRORS = {
    "409": ("Another edit of this plan won a race; read it again and retry.", MESSAGE),
    "412": ("If-Match does not match the plan's current ETag: it changed since you read it.", MESSAGE),
}
HEADERS = {
    "401": {"WWW-Authenticate": {"schema": {"type": "string", "enum": ["Token"]},
                                 "description": "The scheme to authenticate with."}},
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            errors = dict(ERRORS)
            if self.method in ("PATCH", "DELETE") and "/plans/" in self.path:
                errors.update(PLAN_WRITE_ERRORS)
            for code, (description, schema) in errors.items():
                responses.setdefault(code, {"description": description,
                                            "content": {"application/json": {"schema": schema}},
                                            **({"headers": HEADERS[code]} if code in HEADERS else {})})
        return responses
