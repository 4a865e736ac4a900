#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Commands that only read the code — they never serve, sign, hash or send anything — run without a SECRET_KEY,
so ``manage.py makemigrations --check`` works on a bare checkout; every other command, like the servers, needs
one when DEBUG is off.
"""
import os
import sys

CODE_ONLY = {"makemigrations", "makemessages", "compilemessages", "showmigrations", "sqlmigrate"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siyu.settings")
    if len(sys.argv) > 1 and sys.argv[1] in CODE_ONLY:
        os.environ.setdefault("SECRET_KEY", "code-only-command-signs-nothing")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
