"""Recommendation time over a grid of profiles (the engine must stay in single milliseconds).

    .venv/bin/python bench/engine_bench.py
"""
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siyu.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from teams.engine import CompanyProfile, recommend_team  # noqa: E402
from tests.library_data import fixture_library  # noqa: E402

GRID = list(itertools.product(["launch", "growth", "mature"], [5, 80, 600, 5000], ["retail", "ecommerce", "education"],
                              [None, 50_000, 2_000_000], [0, 200], [None, 10]))


def main():
    library = fixture_library()
    timings, sizes = [], []
    for phase, employees, industry, users, stores, budget in GRID:
        profile = CompanyProfile(company_name="bench", employees=employees, industry=industry, phase=phase,
                                 private_domain_users=users, stores=stores, headcount_budget=budget)
        started = time.perf_counter()
        draft = recommend_team(profile=profile, library=library)
        timings.append((time.perf_counter() - started) * 1000)
        sizes.append(draft.total_headcount)
    timings.sort()
    print(f"profiles: {len(GRID)}  team sizes: {min(sizes)}–{max(sizes)} people")
    print(f"recommend_team ms: p50 {statistics.median(timings):.2f}  p95 {timings[int(len(timings) * .95)]:.2f}  "
          f"max {timings[-1]:.2f}")


if __name__ == "__main__":
    main()
