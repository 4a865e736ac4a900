"""The database cache table behind the login-throttling counters (settings.CACHES["throttle"])."""
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_plankpi_threshold")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
