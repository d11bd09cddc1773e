"""Text normalisation before analysis, with a map of offsets back to the original text.

PDF text is not the text a person typed. Office programs and common fonts put other code points
where a reader sees a hyphen or a space: the hyphen of ``19850709-9805`` extracts as a soft
hyphen (U+00AD, WinAnsi's 0xAD), a phone number's groups are joined by a non-breaking or a thin
space, a ligature glyph (``ﬁ``) is one code point for two letters, and some producers write
full-width digits. The recognizers are written for the plain forms, so the analyzer runs on a
normalised copy of the page text and maps every finding back to the original offsets, which are
the ones that map to glyph boxes (:class:`masking.model.PageText`).

What changes (nothing else does):

* soft hyphen U+00AD: a hyphen ``-``. A soft hyphen that extracts from a PDF was drawn: fonts
  such as Liberation map their own hyphen glyph to 0xAD, so ``LMA-kort``, ``ECT-behandling`` and
  ``e-post`` extract with U+00AD between the letters, and a reader sees a hyphen there (an
  invisible break point is not drawn, so it is not in the text);
* Unicode hyphens and dashes U+2010–U+2015, minus U+2212, small and full-width hyphen-minus
  (U+FE63, U+FF0D): ``-``;
* spaces U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000: a space; line and paragraph
  separators U+2028/U+2029: a line break;
* zero-width characters U+200B–U+200D, U+2060 and U+FEFF: dropped;
* ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ: their letters (one code point becomes two or three);
* full-width ASCII U+FF01–U+FF5E (digits, letters, punctuation): the ASCII character;
* e-mail quote markers at the start of a line (``> ``, ``> > ``): spaces, so that a value the
  quoting broke over two lines (``Storgatan 3,`` / ``> 123 45 Malmö``) reads as in the original.

Replacements are one for one except ligatures (longer) and zero-width characters (gone), so the
map is needed only when one of those occurs; otherwise offsets are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import re  # the standard module: its character-class scans are the faster here

SOFT_HYPHEN = "\u00ad"

_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",  # ſt: long s + t
    "\ufb06": "st",
}

# One-for-one replacements: code point -> character.
_ONE_FOR_ONE: dict[int, str] = {}
for _c in _HYPHENS:
    _ONE_FOR_ONE[ord(_c)] = "-"
for _c in _SPACES:
    _ONE_FOR_ONE[ord(_c)] = " "
_ONE_FOR_ONE[0x2028] = "\n"
_ONE_FOR_ONE[0x2029] = "\n"
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII
    _ONE_FOR_ONE[_cp] = chr(_cp - 0xFEE0)
_ONE_FOR_ONE[ord(SOFT_HYPHEN)] = "-"

# The same characters as classes with ranges (a class of single characters is slow to scan).
_ONE_FOR_ONE_CLASS = "\\u00a0\\u00ad\\u2000-\\u200a\\u2010-\\u2015\\u2028\\u2029\\u202f\\u205f\\u2212\\u3000\\ufe63\\uff01-\\uff5e"
_RESHAPING_CLASS = "\\u200b-\\u200d\\u2060\\ufeff\\ufb00-\\ufb06"
_ONE_FOR_ONE_RE = re.compile(f"[{_ONE_FOR_ONE_CLASS}]")
_CHANGED_RE = re.compile(f"[{_ONE_FOR_ONE_CLASS}{_RESHAPING_CLASS}]")
# Characters that change the length: zero-width ones and ligatures.
_RESHAPING_RE = re.compile(f"[{_RESHAPING_CLASS}]")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of a text and, when lengths differ, the offset map back.

    ``index[i]`` is the original offset of normalised character ``i`` (``None``: identical
    offsets). ``original_length`` closes the map for spans that end at the end of the text.
    """

    text: str
    index: Optional[tuple[int, ...]]
    original_length: int

    @property
    def changed_offsets(self) -> bool:
        return self.index is not None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised ``[start, end)``.

        A span that covers part of a ligature covers the whole ligature character; a dropped
        character inside the span is inside the original span too.
        """
        idx = self.index
        if idx is None:
            return start, end
        n = len(idx)
        if n == 0:
            return 0, 0
        s = idx[start] if start < n else self.original_length
        e = idx[end - 1] + 1 if 0 < end <= n else (self.original_length if end > n else s)
        return s, max(s, e)


# Quote markers at the start of a line ("> ", "> > "), replaced by as many spaces.
_QUOTE_RE = re.compile(r"^[ \t]*>(?:[ \t]*>)*", re.MULTILINE)


def _unquote(text: str) -> str:
    return _QUOTE_RE.sub(lambda m: " " * len(m.group()), text)


def _replace(text: str) -> str:
    """The one-for-one replacements (a substitution per changed character: pages have few)."""
    return _ONE_FOR_ONE_RE.sub(lambda m: _ONE_FOR_ONE[ord(m.group())], text)


def normalize_text(text: str) -> NormalizedText:
    """The text the recognizers see, and how to map its offsets back (module docstring)."""
    quoted = ">" in text and _QUOTE_RE.search(text) is not None
    if not _CHANGED_RE.search(text):
        return NormalizedText(_unquote(text) if quoted else text, None, len(text))
    if not _RESHAPING_RE.search(text):
        out_text = _replace(text)
        return NormalizedText(_unquote(out_text) if quoted else out_text, None, len(text))
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _RESHAPING_RE.finditer(text):
        i = m.start()
        c = m.group()
        out.append(_replace(text[pos:i]))
        index.extend(range(pos, i))
        lig = LIGATURES.get(c)
        if lig is not None:
            out.append(lig)
            index.extend([i] * len(lig))
        pos = i + 1  # zero-width characters are dropped
    out.append(_replace(text[pos:]))
    index.extend(range(pos, len(text)))
    joined = "".join(out)
    return NormalizedText(_unquote(joined) if quoted else joined, tuple(index), len(text))
