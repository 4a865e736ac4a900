"""Bilingual text, one mechanism for the whole app.

Library rows keep a ``<field>_zh`` and a ``<field>_en`` column; saved plans keep ``{"zh": …, "en": …}``
entries; the engine renders its messages in both languages at once. All three become a :class:`Text`,
which shows itself in the reader's language (Chinese, the default, when English is missing).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import get_language, gettext

LANGUAGES = ("zh-hans", "en")


def english() -> bool:
    return (get_language() or "").startswith("en")


@dataclass(frozen=True)
class Text:
    """A sentence in both interface languages; ``str()`` gives the reader's."""

    zh: str
    en: str = ""

    def __str__(self):
        return (english() and self.en) or self.zh

    @classmethod
    def of(cls, obj, field) -> Text:
        """The ``field_zh`` / ``field_en`` pair of a model row."""
        return cls(getattr(obj, f"{field}_zh"), getattr(obj, f"{field}_en"))

    @classmethod
    def from_json(cls, entry, key="") -> Text:
        """A stored ``{"zh": …, "en": …}`` entry (or its ``key_zh`` / ``key_en`` pair)."""
        prefix = f"{key}_" if key else ""
        return cls(entry.get(f"{prefix}zh", ""), entry.get(f"{prefix}en", ""))

    def as_json(self, **extra) -> dict:
        return {"zh": self.zh, "en": self.en, **extra}


class Localized:
    """A model attribute giving ``<field>_zh`` or ``<field>_en`` in the reader's language: ``name = Localized()``."""

    def __set_name__(self, owner, name):
        self.field = name

    def __get__(self, obj, owner=None):
        return self if obj is None else str(Text.of(obj, self.field))


def pick(entry, key="") -> str:
    """A stored bilingual entry in the reader's language (templates and serializers)."""
    return str(Text.from_json(entry, key))


def bilingual(message, **params) -> Text:
    """Render a translatable message in Chinese and English at once, so a saved plan reads in both."""
    rendered = []
    for code in LANGUAGES:
        with translation.override(code):
            text = str(message)
            rendered.append(text % {k: str(v) for k, v in params.items()} if params else text)
    return Text(*rendered)


class Join:
    """Parts joined when rendered, so each part is read in the language being rendered."""

    def __init__(self, *parts, sep=""):
        self.parts, self.sep = parts, sep

    def __str__(self):
        return str(self.sep).join(str(part) for part in self.parts)


class Formatted:
    """A message with its parameters, formatted when rendered, so it reads in the language being rendered."""

    def __init__(self, message, **params):
        self.message, self.params = message, params

    def __str__(self):
        return str(self.message) % {k: str(v) for k, v in self.params.items()}


def join_names(names) -> str:
    """A list of names with the reader's separator: 内容运营、数据分析 / Content, Data."""
    return gettext(", ").join(str(name) for name in names)
