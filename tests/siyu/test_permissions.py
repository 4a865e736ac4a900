"""Rights come from the user's groups and their own grants, read in one query per request and never kept longer."""
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from plans.groups import MANAGERS
from tests.conftest import make_user


def test_group_rights_and_own_grants_are_read_together_in_one_query(db, django_assert_num_queries):
    user = make_user("mixed", MANAGERS)
    user.user_permissions.add(Permission.objects.get(codename="view_role"))

    with django_assert_num_queries(1):
        rights = user.get_all_permissions()

    assert {"plans.add_teamplan", "plans.change_teamplan", "teams.view_role"} <= rights
    assert user.has_perm("plans.delete_teamplan") and user.has_perm("teams.view_role")
    assert not user.has_perm("teams.change_role")


def test_a_right_taken_away_is_gone_on_the_next_request(client, manager):
    client.force_login(manager)
    before = client.get(reverse("wizard:start"))
    manager.groups.remove(Group.objects.get(name=MANAGERS))

    after = client.get(reverse("wizard:start"))

    assert before.status_code == 200 and after.status_code == 403


def test_inactive_users_have_no_rights_and_superusers_all(db):
    inactive = make_user("gone", MANAGERS, is_active=False)
    boss = make_user("boss", is_superuser=True)

    assert inactive.get_all_permissions() == set() and not inactive.has_perm("plans.add_teamplan")
    assert len(boss.get_all_permissions()) == Permission.objects.count()
