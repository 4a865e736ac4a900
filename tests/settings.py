"""The test run's settings: the project's own, read with DEBUG=1 as a developer's `make run` reads them.

DEBUG is off unless the environment turns it on, and with it off a SECRET_KEY is required. The suite
has always run with the developer defaults (plain static files storage, no HTTPS redirect, the
throwaway development key), so it asks for them here rather than the project shipping a default
secret. Tests that need production settings start a subprocess with DEBUG=0 and their own key.
"""
import os

os.environ.setdefault("DEBUG", "1")

from siyu.settings import *  # noqa: E402, F403

# Tasks run at once, in the test's own transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
