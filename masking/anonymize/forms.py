"""How a value is written: its case and a genitive ending, taken off and put back.

A surrogate, tag or pseudonym replaces the *value*; the surface form around it is the text's:
``Annas`` is ``Anna`` + genitive ``s``, ``ANNA`` is ``Anna`` in capitals. :func:`split_suffix`
takes the ending off, :func:`case_of` names the case, and :func:`apply_case` /
:func:`Surface.render` put both back on a replacement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A genitive written with an apostrophe or colon (Anna's, Lars', SVT:s); a bare -s is decided by
# the caller, who knows whether the stem is a name (Annas → Anna, but Lars stays Lars).
_MARKED_GENITIVE = re.compile(r"(?:['’]s?|:s)$")

UPPER, LOWER, TITLE, KEEP = "u", "l", "t", "k"


def case_of(text: str) -> str:
    """``u`` (ANNA), ``l`` (anna), ``t`` (Anna: first letter upper, the rest as written) or ``k``."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return KEEP
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return UPPER
    if all(c.islower() for c in letters):
        return LOWER
    if letters[0].isupper():
        return TITLE
    return KEEP


def apply_case(text: str, case: str) -> str:
    if case == UPPER:
        return text.upper()
    if case == LOWER:
        return text.lower()
    return text


@dataclass(frozen=True)
class Surface:
    """A written value: ``stem`` + ``suffix`` (a genitive ending, or empty)."""

    stem: str
    suffix: str = ""

    def render(self, replacement: str, case: str | None = None) -> str:
        """``replacement`` in this surface's case (unless ``case`` is given), suffix re-applied."""
        out = apply_case(replacement, case if case is not None else case_of(self.stem))
        suffix = self.suffix
        if suffix == "s" and out[-1:].lower() in ("s", "x", "z"):
            suffix = ""  # Lars bil, not Larss bil
        elif suffix == "s" and not out[-1:].isalpha():
            suffix = ":s"  # [PERSON_1]:s, as Swedish writes a genitive after a code
        if suffix and case_of(self.stem) == UPPER and suffix in ("s", ":s"):
            suffix = suffix.upper()
        return out + suffix


def split_marked_suffix(text: str) -> Surface:
    """Take off a genitive written with an apostrophe or colon."""
    m = _MARKED_GENITIVE.search(text)
    if m and m.start() > 0:
        return Surface(text[: m.start()], text[m.start():])
    return Surface(text)
