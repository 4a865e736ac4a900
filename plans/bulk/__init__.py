"""Bulk exports: many plans' documents in one zip, built by a background task (django-tasks).

``models.BulkExport`` is the job a person asked for and its progress (the task's own result holds no
progress); ``services`` starts and expires jobs; ``tasks`` builds the zip; ``documents`` names what can go in it.
"""
