"""The document fonts of the independent generator (regular and bold file per font name).

Its own module so that the document builder (which asks which look-alike characters a font
draws) and the renderer share it without importing each other.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pymupdf

_FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
_LIB = Path("/usr/share/fonts/truetype/liberation")
FONT_FILES = {
    "dejavu": (_FONTS_DIR / "DejaVuSans.ttf", _FONTS_DIR / "DejaVuSans-Bold.ttf"),
    "dejavu-condensed": (_FONTS_DIR / "DejaVuSansCondensed.ttf", _FONTS_DIR / "DejaVuSans-Bold.ttf"),
    "liberation-sans": (_LIB / "LiberationSans-Regular.ttf", _LIB / "LiberationSans-Bold.ttf"),
    "liberation-serif": (_LIB / "LiberationSerif-Regular.ttf", _LIB / "LiberationSerif-Bold.ttf"),
}


def available_fonts() -> tuple[str, ...]:
    return tuple(k for k, (r, b) in FONT_FILES.items() if r.exists() and b.exists())


@lru_cache(maxsize=16)
def _font(path: str) -> pymupdf.Font:
    return pymupdf.Font(fontfile=path)


def has_glyph(font: str, ch: str) -> bool:
    """Whether the document font (regular face) draws ``ch`` (look-alikes are only used where it does)."""
    reg, _ = FONT_FILES[font if font in available_fonts() else "dejavu"]
    return _font(str(reg)).has_glyph(ord(ch)) != 0
