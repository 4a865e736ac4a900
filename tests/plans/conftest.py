import pytest


@pytest.fixture
def other_plans(manager, other_manager, make_plan):
    """Another plan of mine and a plan of another manager: their roles are foreign to ``plan``."""
    return [make_plan(manager, company_name="另一个方案"), make_plan(other_manager)]
