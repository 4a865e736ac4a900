"""`make run`'s setup: the library, the demo users with their groups, printed logins, demo plans."""
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command

from plans.models import TeamPlan
from teams.models import Role


def test_setup_demo_creates_users_with_working_printed_passwords(db):
    out = StringIO()
    call_command("setup_demo", stdout=out)

    printed = {line.split()[0]: line.split()[1] for line in out.getvalue().splitlines()
               if line.startswith("  ") and len(line.split()) > 2}
    assert set(printed) == {"admin", "hr", "manager", "approver"}
    for username, password in printed.items():
        assert authenticate(username=username, password=password) is not None, username
    hr = authenticate(username="hr", password=printed["hr"])
    assert hr.has_perm("plans.view_teamplan") and not hr.has_perm("plans.change_teamplan")
    assert not hr.has_perm("teams.change_role")
    manager = authenticate(username="manager", password=printed["manager"])
    assert manager.has_perm("plans.add_teamplan") and not manager.has_perm("plans.view_teamplan")
    assert TeamPlan.objects.filter(owner=manager).count() == 2
    approver = authenticate(username="approver", password=printed["approver"])
    assert approver.has_perm("plans.approve_teamplan") and not approver.has_perm("plans.change_teamplan")
    assert Role.objects.filter(is_core=True).count() == 6


def test_running_it_again_keeps_plans_and_library(db):
    call_command("setup_demo", stdout=StringIO())
    call_command("setup_demo", stdout=StringIO())
    assert TeamPlan.objects.count() == 2
    assert Role.objects.filter(code="lead").count() == 1
