"""Where an uploaded import waits between the upload and the confirm step.

Not the temp directory: the confirm step posts the file's name back, and a forged name would read and
then delete any file there. Here the name is a random hex key the server made, checked on the way back,
and the data lives in the shared database cache, so the confirm may reach any worker or app server.
"""
import re
from uuid import uuid4

from django.core.cache import caches
from import_export.tmp_storages import BaseStorage

CACHE_ALIAS = "throttle"  # the database cache every worker shares
LIFETIME = 60 * 60
NAME = re.compile(r"[0-9a-f]{32}")


class SharedCacheStorage(BaseStorage):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.name is not None and not NAME.fullmatch(str(self.name)):
            raise ValueError("forged import file name")

    def _key(self):
        return f"import-upload:{self.name}"

    def save(self, data):
        self.name = self.name or uuid4().hex
        caches[CACHE_ALIAS].set(self._key(), data, LIFETIME)

    def read(self):
        data = caches[CACHE_ALIAS].get(self._key())
        if data is None:
            raise ValueError("the uploaded file is no longer kept")
        return data

    def remove(self):
        caches[CACHE_ALIAS].delete(self._key())
