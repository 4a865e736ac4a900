#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

The command line is a development tool, so DEBUG defaults to on here (production commands set DEBUG=0, as
``make serve`` does); the servers (gunicorn through ``siyu.wsgi``) keep DEBUG off unless told otherwise.
"""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siyu.settings")
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
