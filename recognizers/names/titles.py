"""Titles of works in quotes: ``tv-serien "Bron"``, ``boken «Anna Karenina»``, ``serier som
"Will & Grace" och "Vänner"``. A capitalised span inside a quotation that follows a noun for a
work (a series, a programme, a film, a book, a song …) is the work's title, not a person, even
when it holds a name (a character in the title); a person is not written in quotes after such a
noun. Only the quotation right after the noun counts, or one in a list of quotations after it
(joined by commas, ``och``, ``eller``, ``samt``)."""

from __future__ import annotations

from typing import Tuple

import regex as re

# Heads of Swedish nouns for works, matched at the end of the word (kriminalserien, tv-program,
# barnboken, debutalbumet); any inflection listed.
WORK_HEADS: Tuple[str, ...] = (
    "serie", "serien", "serier", "serierna", "program", "programmet", "programmen",
    "film", "filmen", "filmer", "filmerna", "bok", "boken", "böcker", "böckerna", "roman",
    "romanen", "romaner", "pjäs", "pjäsen", "pjäser", "låt", "låten", "låtar", "låtarna",
    "singel", "singeln", "album", "albumet", "skiva", "skivan", "dokumentär", "dokumentären",
    "opera", "operan", "musikal", "musikalen", "dikt", "dikten", "dikter", "novell", "novellen",
    "tidskrift", "tidskriften", "spel", "spelet", "podd", "podden", "podcast", "podcasten",
    "show", "showen", "föreställning", "föreställningen", "utställning", "utställningen",
    "avsnitt", "avsnittet", "titel", "titeln", "sång", "sången", "visa", "visan", "verket",
    "såpa", "såpan", "thriller", "thrillern", "komedi", "komedin", "dokusåpa", "dokusåpan",
)
_OPEN = "\"“”„«»"
_CLOSE = "\"“”»«"
_Q = "\"“”„«»"
# a noun for a work, optionally 'som' / 'kallad' / ':' after it, then any earlier quotations of
# a list, then the opening quote of the span's quotation and the words before the span in it
_BEFORE = re.compile(
    rf"(?<![\w-])(?P<noun>[\w-]+)[ \t\u00a0]*(?:(?:som|kallad|kallade|:)[ \t\u00a0]*)?"
    rf"(?:[{_OPEN}][^{_Q}\n]{{1,80}}[{_CLOSE}][ \t\u00a0]*(?:,|och|eller|samt)[ \t\u00a0]*)*"
    rf"[{_OPEN}][^{_Q}\n]{{0,60}}$"
)
_AFTER = re.compile(rf"^[^{_Q}\n]{{0,60}}[{_CLOSE}]")
LOOK_BEHIND = 400


def quoted_title(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` stands inside a quotation after a noun for a work (module doc)."""
    if not _AFTER.match(text[end : end + 61]):
        return False
    lo = max(0, start - LOOK_BEHIND)
    m = _BEFORE.search(text[lo:start])
    if m is None:
        return False
    noun = m.group("noun").lower().rsplit("-", 1)[-1]
    return noun.endswith(WORK_HEADS)
