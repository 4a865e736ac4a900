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


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            for code, (description, schema) in ERRORS.items():
                responses.setdefault(code, {"description": description,
                                            "content": {"application/json": {"schema": schema}}})
        return responses
