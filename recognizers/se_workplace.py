"""Workplace mentions (``WORKPLACE``): the employer or workplace named for a person.

A workplace is not personal data in itself, and the shipped policies ignore this type; but for a
person with protected identity (skyddade personuppgifter) it tells where they can be found, so
the protected-identity switch masks it. Found only after a workplace cue, up to the end of the
name (punctuation, a line break or a lower-case word that is not a name particle):

* ``arbetsgivare(n)``, ``arbetsgivaren är``, ``arbetsplats:``, ``anställd/anställning på|vid|hos``,
  ``arbetar/jobbar på|vid|hos|inom``, ``praktik på|hos``;
* the name: one to six words that start with a capital letter or a digit, with ``&``, ``och``,
  ``i``, ``för`` and ``AB``/``HB``/``KB`` allowed inside (``Restaurang Solsidan i Varberg AB``).

Scores: 0.6 after a cue word; 0.7 when the name ends in a company form (AB, HB, KB) or a
workplace word (restaurang, sjukhus, skola …) stands in it.
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer

_CUE = (
    r"(?i:arbetsgivare(?:n|ns)?(?:\s+(?:är|var|heter))?|arbetsplats(?:en)?(?:\s+(?:är|var))?"
    r"|(?:anställd|anställning|tjänstgör|arbetar|jobbar|praktik|praktiserar|extrajobbar)"
    r"\s+(?:på|vid|hos|inom|för))"
)
_WORD = r"(?:\p{Lu}[\p{L}\p{N}'’.\-]*|\d+[\p{L}\-]*|&)"
_JOIN = r"(?:och|i|för|på|de|la|af|von|van)"
_TRAILING_PARTICLES = re.compile(rf"(?:[ \t]+{_JOIN})+$")
_NAME = rf"{_WORD}(?:[ \t]+(?:{_JOIN}[ \t]+)?{_WORD}){{0,5}}"

_WORKPLACE_WORD = re.compile(
    r"(?i)(?:AB|HB|KB|restaurang|sjukhus|vårdcentral|skola|förskola|kommun|region|bageri|"
    r"butik|lager|verkstad|städ|bygg|kliniken|hotell|café|kafé|butiken|fabrik|åkeri)"
)
_COMPANY_FORM = re.compile(r"(?:\s|^)(?:AB|HB|KB)(?:\s|$)")


class SeWorkplaceRecognizer(SwedishPatternRecognizer):
    ENTITY = entities.WORKPLACE
    NAME = "SeWorkplaceRecognizer"
    CONTEXT = ()
    PATTERNS = (
        Pattern("workplace_after_cue", rf"(?<!\p{{L}}){_CUE}:?[ \t]+(?P<value>{_NAME})", 0.6),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        # a trailing particle is not part of the name
        trimmed = _TRAILING_PARTICLES.sub("", value.rstrip(".’'-"))
        end_offset = len(trimmed) - len(value)
        if not trimmed or trimmed == "&":
            return None
        score = 0.7 if _COMPANY_FORM.search(trimmed) or _WORKPLACE_WORD.search(trimmed) else 0.6
        return Assessment(score=score, validation=UNCHECKED, end_offset=end_offset)
