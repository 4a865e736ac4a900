"""The OpenAPI schema as a generated client reads it: required fields, shared error models, no dead components."""
import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.test import APIClient

from tests.conftest import API_PROFILE as PROFILE

ERROR_REF = "#/components/schemas/Error"


@pytest.fixture(scope="module")
def schema():
    """What /api/schema/ serves, built once for the module (and without a request, so nothing is counted)."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from ([value.rsplit("/", 1)[-1]] if key == "$ref" else refs(value))
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_fields_always_in_a_response_are_required(schema):
    components = schema["components"]["schemas"]
    assert {"strategic", "has_mall", "company_name", "roles", "id"} <= set(components["Plan"]["required"])
    assert {"is_core", "default_parent", "kpis"} <= set(components["Role"]["required"])
    for paginated in ("PaginatedPlanList", "PaginatedRoleList", "PaginatedKPITemplateList"):
        assert set(components[paginated]["required"]) == {"count", "next", "previous", "results"}
    for name, component in components.items():
        if "properties" in component and not name.endswith("Request"):
            assert set(component["required"]) == set(component["properties"]), name


def test_every_error_response_refers_to_the_one_error_component(schema):
    for path, method, operation in operations(schema):
        for status, response in operation["responses"].items():
            if status >= "400":
                assert response["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}, (path, method)
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"detail", "code", "fields"}


def test_406_413_415_and_429_are_documented(schema):
    plans_create = schema["paths"]["/api/plans/"]["post"]["responses"]
    assert {"400", "401", "403", "406", "413", "415", "429"} <= set(plans_create)
    assert "Retry-After" in plans_create["429"]["headers"]
    assert "WWW-Authenticate" in plans_create["401"]["headers"]
    assert {"406", "429"} <= set(schema["paths"]["/api/roles/"]["get"]["responses"])


def test_no_component_is_unused(schema):
    used, todo = set(), list(refs(schema["paths"]))
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            todo.extend(refs(schema["components"]["schemas"][name]))
    assert set(schema["components"]["schemas"]) == used


def test_filters_are_on_lists_only(schema):
    for path, _method, operation in operations(schema):
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        if path.rstrip("/").endswith("}"):  # one object (a nested list such as a plan's versions may page)
            assert names <= {"id", "code", "plan_pk", "number"}, (path, names)
    assert {"phase", "family"} <= {p["name"] for p in schema["paths"]["/api/kpis/"]["get"]["parameters"]}


def test_token_endpoints_are_documented_as_login_and_revocation(schema):
    token = schema["paths"]["/api/token/"]
    assert "security" not in token["post"] and token["post"]["requestBody"]["content"].keys() == {"application/json"}
    assert token["delete"]["security"] and "204" in token["delete"]["responses"]
    assert set(schema["components"]["schemas"]["Token"]["required"]) == {"token", "expires"}


def test_request_bodies_take_no_unknown_fields_as_the_api_does(schema):
    for name in ("ProfileRequest", "PlanRequest", "PatchedPlanRequest", "CredentialsRequest"):
        assert schema["components"]["schemas"][name]["additionalProperties"] is False, name


def test_the_schema_and_the_api_agree_on_company_names(schema, api):
    """The fuzz gate's positive-data check: what the schema calls valid, the API accepts, and the reverse."""
    field = schema["components"]["schemas"]["ProfileRequest"]["properties"]["company_name"]
    pattern = re.compile(field["pattern"])
    for name in [" ", "\u3000\t", "\x1c", "品牌", " 品牌 ", "a\x00b", "x" * field["maxLength"],
                 " " + "x" * (field["maxLength"] - 1)]:
        valid = bool(pattern.search(name)) and field["minLength"] <= len(name) <= field["maxLength"]
        status = api.post("/api/recommendations/", {**PROFILE, "company_name": name}, format="json").status_code
        assert status == (200 if valid else 400), repr(name)


def test_the_title_gives_a_valid_package_name_and_the_download_a_valid_file_name(db):
    response = APIClient().get("/api/schema/")
    title = response.content.decode().split("title: ", 1)[1].splitlines()[0]
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9 ]*", title)
    assert response["Content-Disposition"] == 'inline; filename="siyu-api.yaml"'
