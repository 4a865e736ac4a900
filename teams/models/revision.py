"""The library's revision: one row whose key changes, in the writer's own transaction, with every library write.

Renderings and values derived from the library (the loaded rule set, the library pages, a plan's growth
path) are cached under this key, so they need no invalidation and are never stale. The key is random
rather than a counter so that a rolled-back write can never leave a cached value under a key that a later
write reuses.
"""
from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _

ROW = 1


class LibraryRevision(models.Model):
    key = models.CharField(_("key"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("library revision")
        verbose_name_plural = _("library revision")

    def __str__(self):
        return self.key

    @classmethod
    def current(cls) -> str:
        """The key now (one query). Without the row (an empty database, a flush) a fresh key each time,
        so nothing cached then is ever found again."""
        return cls.objects.filter(pk=ROW).values_list("key", flat=True).first() or uuid4().hex

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=ROW).update(key=uuid4().hex):
            cls.objects.create(pk=ROW, key=uuid4().hex)
