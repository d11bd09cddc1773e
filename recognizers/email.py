"""E-mail addresses, plain and obfuscated.

Our own regex (no ``tldextract``, which may try the network). The local part accepts letters
of any script (å/ä/ö), digits and ``. _ % + - '``; the domain is one or more labels and a
top-level domain of at least two ASCII letters. A ``mailto:`` prefix and trailing punctuation
are outside the span. Obfuscated forms written to fool harvesters (``anna(at)exempel.se``,
``anna [at] exempel [dot] se``, ``anna(snabel-a)exempel.se``) are found at 0.8.

Swedish agency addresses are usually ``fornamn.efternamn@…``, so an address reveals a name:
every address is reported, the policy decides what is masked.
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, VALID, Assessment, SwedishPatternRecognizer

_LOCAL_CHAR = r"[\p{L}\p{N}_%+'\-]"
_LOCAL = rf"{_LOCAL_CHAR}+(?:\.{_LOCAL_CHAR}+)*"
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?"
_TLD = r"[A-Za-z]{2,24}"
# Not inside a longer token on either side ('.' before the local part would mean we start in
# the middle of it; a letter, digit or '-' after the TLD would mean the TLD is cut).
_LEFT = r"(?<![\p{L}\p{N}_%+'.\-@])"
_RIGHT = r"(?![\p{L}\p{N}_\-@])"

# Both patterns are anchored on the "@" (or "(at)") and read the local part in a lookbehind,
# which is far cheaper than trying every word as a local part; assess() moves the span start
# back over the local part.
_PLAIN = rf"(?<={_LEFT}(?P<local>{_LOCAL}))(?P<value>@(?:{_LABEL}\.)+{_TLD}){_RIGHT}"

_SP = r"[ \u00a0]?"
_AT = rf"{_SP}(?:\((?:at|snabel-?a)\)|\[(?:at|snabel-?a)\]|\{{(?:at|snabel-?a)\}}){_SP}"
_DOT = rf"(?:\.|{_SP}(?:\((?:dot|punkt)\)|\[(?:dot|punkt)\]|\{{(?:dot|punkt)\}}){_SP})"
_OBFUSCATED = (
    rf"(?i)(?=[ \u00a0]?[\(\[\{{](?:at|snabel))"  # cheap test before the lookbehind
    rf"(?<={_LEFT}(?P<local>{_LOCAL_CHAR}+(?:{_DOT}{_LOCAL_CHAR}+)*))"
    rf"(?P<value>{_AT}(?:{_LABEL}{_DOT})+{_TLD}){_RIGHT}"
)


class EmailRecognizer(SwedishPatternRecognizer):
    """E-mail addresses (``EMAIL_ADDRESS``)."""

    ENTITY = entities.EMAIL_ADDRESS
    NAME = "EmailRecognizer"
    PATTERNS = [
        Pattern("email", _PLAIN, 1.0),
        Pattern("email_obfuscated", _OBFUSCATED, 0.8),
    ]
    CONTEXT = ["e-post", "epost", "mail", "mejl", "e-mail", "adress", "kontakt"]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        start_offset = match.start("local") - match.start("value")  # include the local part
        if pattern.name == "email_obfuscated":
            return Assessment(score=0.8, validation=UNCHECKED, start_offset=start_offset)
        end_offset = _run_on_sentence_offset(match.group("value"))
        return Assessment(
            score=1.0, validation=VALID, start_offset=start_offset, end_offset=end_offset
        )


def _run_on_sentence_offset(value: str) -> int:
    """Trim a capitalised word glued on after the TLD: ``anna@exempel.se.Ring`` → ``…se``.

    PDF text extraction sometimes drops the space after a full stop; a last label that is
    Title-case after an all-lower-case label is the next sentence, not a top-level domain.
    """
    domain = value.rsplit("@", 1)[-1]
    labels = domain.split(".")
    if len(labels) < 3:
        return 0
    last, previous = labels[-1], labels[-2]
    if last[:1].isupper() and last[1:].islower() and previous.islower() and len(previous) >= 2:
        return -(len(last) + 1)
    return 0
