"""Load the library into an empty database and (re)create the demo users, printing their passwords."""
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, call_command

from plans.groups import APPROVERS, HR, MANAGERS
from plans.services import plan_create_from_draft
from teams.engine import CompanyProfile, recommend_team
from teams.models import Role
from teams.selectors import load_library

DEMO_PLANS = [  # two companies at different phases, so every page has something to show
    CompanyProfile(company_name="示例：小满茶饮", employees=80, industry="food_beverage", phase="launch",
                   private_domain_users=8_000, communities=12, stores=6, sku_count=25, city_tier="new_tier1",
                   monthly_budget=40_000),
    CompanyProfile(company_name="示例：鲜果工坊电商", employees=600, industry="ecommerce", phase="growth",
                   live_streaming=True, member_share=35, private_domain_users=120_000, communities=150,
                   sku_count=400, has_mall=True, city_tier="tier1"),
]

DEMO_USERS = [
    # username, is_staff, is_superuser, group, what they do
    ("admin", True, True, None, "site and library administrator"),
    ("hr", True, False, HR, "reads every plan and exports workbooks"),
    ("manager", False, False, MANAGERS, "runs the wizard and owns plans"),
    ("approver", False, False, APPROVERS, "approves or returns submitted plans"),
]


class Command(BaseCommand):
    help = "Load the role library if the database has none and reset the demo users' passwords."

    def handle(self, *args, **options):
        if not Role.objects.exists():
            call_command("loaddata", "library", verbosity=0)
            self.stdout.write("Loaded the role and KPI library.")
        users = get_user_model().objects
        lines = []
        for username, is_staff, is_superuser, group, purpose in DEMO_USERS:
            user, _ = users.get_or_create(username=username)
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.is_staff, user.is_superuser = is_staff, is_superuser
            user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            lines.append(f"  {username:<8} {password:<14} {purpose}")
        manager = users.get(username="manager")
        if not manager.plans.exists():
            library = load_library()
            for profile in DEMO_PLANS:
                plan_create_from_draft(owner=manager, draft=recommend_team(profile=profile, library=library))
            self.stdout.write(f"Created {len(DEMO_PLANS)} demo plans for the manager.")
        self.stdout.write("\nDemo logins (new passwords on every run):\n" + "\n".join(lines) + "\n")
