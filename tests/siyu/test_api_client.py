"""The API as a generated client sees it: openapi-python-client builds a client from the schema the app serves,
and that client runs a whole session — so the next schema change that breaks real clients fails CI.

Generated once per test session into a temporary directory (about a second, offline). The client talks to the
app in-process through httpx's WSGI transport, inside the test's transaction.
"""
import importlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client as DjangoClient

from tests.conftest import API_PROFILE as PROFILE

PACKAGE = "siyu_team_designer_api_client"  # from the schema's title
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
BASE = "http://testserver"


@pytest.fixture(scope="session")
def generated(tmp_path_factory, django_db_setup, django_db_blocker):
    """The client package, generated from the live /api/schema/ (read in a transaction that is rolled back)."""
    if not GENERATOR.exists():
        pytest.fail("openapi-python-client is a dev dependency: pip install -e '.[dev]'")
    with django_db_blocker.unblock(), transaction.atomic():
        schema = DjangoClient().get("/api/schema/?format=json").json()
        transaction.set_rollback(True)
    folder = tmp_path_factory.mktemp("client")
    (folder / "schema.json").write_text(json.dumps(schema))
    (folder / "config.yaml").write_text("post_hooks: []\n")
    result = subprocess.run([str(GENERATOR), "generate", "--path", "schema.json", "--meta", "none",
                             "--config", "config.yaml"], cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Warning" not in result.stdout, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(folder))


@pytest.fixture
def transport(db):
    """The app in-process; Django's per-request connection closing is paused, as its own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield httpx.WSGITransport(app=WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def part(package, module):
    return importlib.import_module(f"{package.__name__}.{module}")


def test_a_generated_client_runs_a_whole_session(generated, transport, manager):
    models, api = part(generated, "models"), lambda name: part(generated, f"api.{name.split('_')[0]}.{name}")
    anonymous = generated.Client(base_url=BASE, httpx_args={"transport": transport})

    token = api("token_create").sync(client=anonymous, body=models.CredentialsRequest(
        username=manager.username, password="pw-" + manager.username))
    assert isinstance(token, models.Token) and token.expires.year >= 2026
    client = generated.AuthenticatedClient(base_url=BASE, token=token.token, prefix="Token",
                                           httpx_args={"transport": transport})

    draft = api("recommendations_create").sync(client=client, body=models.ProfileRequest.from_dict(PROFILE))
    assert isinstance(draft, models.Recommendation) and draft.total_headcount == sum(r.headcount for r in draft.roles)
    plan = api("plans_create").sync(client=client, body=models.PlanRequest.from_dict(PROFILE))
    assert isinstance(plan, models.Plan) and plan.strategic is False and plan.owner == manager.username
    assert [role.code for role in plan.roles] == [role.code for role in draft.roles]

    read = api("plans_retrieve").sync(client=client, id=plan.id)
    assert read.company_name == PROFILE["company_name"] and read.placement.code == draft.placement.code
    renamed = api("plans_partial_update").sync(client=client, id=plan.id,
                                               body=models.PatchedPlanRequest(company_name="新名字"))
    assert renamed.company_name == "新名字"
    listing = api("plans_list").sync(client=client, phase=models.PlansListPhase.GROWTH)
    assert listing.count == 1 and listing.next_ is None and listing.results[0].id == plan.id

    bad = api("plans_partial_update").sync(client=client, id=plan.id, body=models.PatchedPlanRequest(member_share=150))
    assert isinstance(bad, models.Error) and bad.code == "invalid" and "member_share" in bad.fields.additional_keys

    assert api("plans_destroy").sync_detailed(client=client, id=plan.id).status_code == 204
    gone = api("plans_retrieve").sync(client=client, id=plan.id)
    assert isinstance(gone, models.Error) and gone.code == "not_found"

    assert api("token_destroy").sync_detailed(client=client).status_code == 204
    refused = api("plans_list").sync(client=client)
    assert isinstance(refused, models.Error) and refused.code == "authentication_failed"
