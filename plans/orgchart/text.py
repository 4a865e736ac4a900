"""How wide a line of chart text is, and how to wrap it to a box, without a font at hand.

SVG has no line wrapping and the chart is drawn by three renderers (browsers, CairoSVG, WeasyPrint), so
lines are broken here with widths that err on the wide side: a Chinese character (East Asian wide or
full-width) is one em, a capital 0.7 em and anything else 0.56 em in Noto Sans CJK and its fallbacks.
"""
import re
import unicodedata

WIDE, CAPITAL, NARROW = 1.0, 0.7, 0.56
# A bracketed aside kept whole where it fits ("用户运营" / "（社群/客户运营）" rather than a lone "营）"),
# a Latin word with the space after it, or one other character (each Chinese character may end a line).
TOKEN = re.compile(r"[（(][^（()）]{1,12}[）)]|[A-Za-z0-9'’.\-/&]+ *|\s+|.")
# Punctuation that must not start a line (Chinese line-breaking rules): it stays with the character before.
NO_LINE_START = set("，。、；：！？）》」』】〕%,.;:!?)]}…·")


def em_width(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WF":
        return WIDE
    return CAPITAL if char.isupper() else NARROW


def text_width(text: str, size: float) -> float:
    """The width of ``text`` at font size ``size``, in the same units."""
    return sum(em_width(char) for char in text) * size


def _tokens(text: str) -> list[str]:
    tokens = []
    for token in TOKEN.findall(text):
        if tokens and token[0] in NO_LINE_START:
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def wrap(text: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``: between words, or between Chinese characters;
    a word longer than the line is broken where it must be. Nothing is cut."""
    lines, line = [], ""
    for token in _tokens(" ".join(str(text).split())):
        if text_width((line + token).rstrip(), size) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = token.lstrip()
        while text_width(line.rstrip(), size) > width and len(line) > 1:
            cut = _fitting(line, size, width)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _fitting(text: str, size: float, width: float) -> int:
    """How many leading characters of ``text`` fit ``width`` (at least one, so wrapping always ends)."""
    used = 0.0
    for count, char in enumerate(text):
        used += em_width(char) * size
        if used > width:
            return max(count, 1)
    return len(text)
