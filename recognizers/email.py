"""E-mail addresses, plain and obfuscated.

Our own regex (no ``tldextract``, which may try the network). The local part accepts letters
of any script (å/ä/ö), digits and ``. _ % + - '``; the domain is one or more labels and a
top-level domain of at least two ASCII letters. A ``mailto:`` prefix and trailing punctuation
are outside the span. Obfuscated forms written to fool harvesters (``anna(at)exempel.se``,
``anna [at] exempel [dot] se``, ``anna(snabel-a)exempel.se``) are found at 0.8.

Scanned text: OCR often loses the ``@`` (read as ``G``, ``O``, ``e``, ``g``, ``d``, ``QG`` …) or
breaks the address (``…forsakringska- san.se``). Without an ``@`` a token is reported at 0.7
(pattern ``email_ocr_damaged``) only where an address is expected: in angle brackets after a
name or a mail-header label (``Från: Anna Ek <anna.ekGx.se>``), or after an e-mail label
(``E-post:``, ``Till:`` at the start of a line) with a dot in the local part too
(``fornamn.efternamn…``); it must end in a top-level domain. In brackets after a name the
dots may be damaged too (``…pensionsmyndigheten:se``, ``…. se``). In running text, a token
that ends in a well-known mail provider's domain glued to a local part with a digit or a dot
(``keyvan199300telia.com``) is reported at 0.7 as well, and so is one whose ``@`` was read as
``(`` and a glyph or two or as a space and ``Q`` (``anna(Öhotmail.com``, ``anna Qspray.se``),
also after an e-mail label. A local part broken at an underscore read as a space or ``. ``
after an e-mail label or word is reported whole (``E-post: anna ek@x.se``, ``maila anna. ek@x.se``). A bare domain
(``forsakringskassan.se``), a domain in brackets in running text, a file name or a web address
(``www.…``, ``https://…``) is not reported. An address in brackets whose local part OCR broke
at an underscore (``<zuzanna chmielewska@bredband.net>``) is reported whole. An ``@`` that OCR
read with the domain after it damaged (``anna.ek@gmaii,corn``, ``anna.ek@hotrnail``,
``anna.ek@ gmail.com``, ``anna.ek@tel ia.se``) is reported whole at 0.7 (pattern
``email_domain_damaged``): a local part with a letter glued to an ``@`` is an address.

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
_PLAIN = rf"(?<=(?:{_LEFT}|(?<=(?:^|[\s:>])\.))(?P<local>{_LOCAL}))(?P<value>@(?:{_LABEL}\.)+{_TLD}){_RIGHT}"

_SP = r"[ \u00a0]?"
_AT = rf"{_SP}(?:\((?:at|snabel-?a)\)|\[(?:at|snabel-?a)\]|\{{(?:at|snabel-?a)\}}){_SP}"
_DOT = rf"(?:\.|{_SP}(?:\((?:dot|punkt)\)|\[(?:dot|punkt)\]|\{{(?:dot|punkt)\}}){_SP})"
_OBFUSCATED = (
    rf"(?i)(?=[ \u00a0]?[\(\[\{{](?:at|snabel))"  # cheap test before the lookbehind
    rf"(?<={_LEFT}(?P<local>{_LOCAL_CHAR}+(?:{_DOT}{_LOCAL_CHAR}+)*))"
    rf"(?P<value>{_AT}(?:{_LABEL}{_DOT})+{_TLD}){_RIGHT}"
)


# OCR-damaged addresses: the "@" lost or misread, the address maybe broken at a hyphen.
_DAMAGED_CHAR = r"[\p{L}\p{N}_%+'\-©®&$§#*]"
_DAMAGED_PART = rf"{_DAMAGED_CHAR}+(?:\.{_DAMAGED_CHAR}+)*"
_DAMAGED = rf"{_DAMAGED_PART}(?:-[ \u00a0]{_DAMAGED_PART})*\.[A-Za-z]{{2,24}}"
_MAIL_LABEL = (
    r"(?:(?i:\be-?post(?:adress)?|\be-?mail(?:adress)?|\bmejl(?:adress)?|\bmail(?:adress)?)"
    r"|^(?:Från|Till|Kopia|Hemlig kopia|Cc|Bcc|To|From|Svara till|Reply-To))"
)
# In brackets after a name anything may be damaged: a ":" or "," for a dot, a space after one
# (".se" read as ". se"), a stray "(": only "@" and angle brackets cannot occur.
_BRACKET_CHAR = r"[\p{L}\p{N}_%+'\-.:,()©®&$§#*]"
_BRACKETED = rf"{_BRACKET_CHAR}+(?:[ \u00a0]{_BRACKET_CHAR}+){{0,2}}?[.:,][ \u00a0]?[A-Za-z]{{2,24}}"
_NOT_TLD = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "odt", "txt", "jpg", "jpeg", "png", "tif", "tiff", "zip"})
# A well-known mail provider's domain glued to the rest of an address ("keyvan199300telia.com"):
# no web address looks like that, so this needs no label.
_PROVIDER_NAMES = (
    "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "icloud", "aol", "protonmail",
    "proton", "telia", "bredband2", "bredband", "comhem", "tele2", "bahnhof", "spray", "glocalnet",
    "passagen", "swipnet", "home",
)  # fmt: skip
# OCR reads letters of a scanned provider's name as their look-alikes ("grnail" for "gmail",
# "hotmaii", "outiook", "yah0o", "icIoud"), and the ".com" after it as ".corn" or ".c0m": the
# provider is read back letter by letter through these classes (each keeps the letter itself).
_OCR_LETTER = {
    "m": "(?:m|rn|nn|in)", "w": "(?:w|vv)", "d": "(?:d|cl)", "h": "(?:h|li)", "n": "(?:n|ri)",
    "l": "[l1Ii|]", "i": "[i1lIj|]", "o": "[o0]", "e": "[ec]", "c": "[ce]", "t": "[tf]",
}  # fmt: skip


def _as_read(word: str) -> str:
    """A regex for ``word`` and the ways OCR reads its letters (:data:`_OCR_LETTER`)."""
    return "".join(_OCR_LETTER.get(c, re.escape(c)) for c in word)


_PROVIDER = "(?:" + "|".join(_as_read(name) for name in _PROVIDER_NAMES) + ")"
_PROVIDER_TLD = r"(?:c[o0](?:m|rn)|se|net|nu|me|ch)"
# The "@" read as "(" and one or two more glyphs ("(Ö", "(d", "(&", "(Q"), or as a space and a
# "Q": no web address has these, so the local part needs no digit or dot then.
_AT_READ_AS = r"(?:\([^\s.@/:<>(){}\[\]]{1,2}[ \u00a0]?|[ \u00a0][Q@©])"
# ... or as a glyph and a space ("anna99Q gmail.com", "anna20098 gmail.com") or a space, "(" and a
# glyph ("anna57 (Myahoo.se"): only with a digit or dot in the local part, a label or a signature.
_AT_SPACED = r"(?:[^\s.@/:<>(){}\[\]][ \u00a0]|[ \u00a0]\([^\s.@/:<>(){}\[\]]{1,2})"
_GLUED = (
    rf"(?<![\p{{L}}\p{{N}}_%+'.\-@/:])(?P<glued>[\p{{L}}\p{{N}}_%+'\-.]{{2,64}}?"
    rf"(?:(?P<at_read>{_AT_READ_AS})|(?P<at_spaced>{_AT_SPACED})|[^\s.@/:<>(){{}}\[\]])"
    rf"{_PROVIDER}[.:]{_PROVIDER_TLD})(?![\p{{L}}\p{{N}}_@]|-[\p{{L}}\p{{N}}])"
)
# A mail verb before it ("maila mig på …", "mejla …"): what follows is an address, however OCR
# read its "@" ("anna.ekggmail.com": one dot left is enough here).
_MAIL_VERB = (
    r"(?i:(?<!\p{L})(?:maila|mejla|mailar|mejlar|mailade|mejlade|mailat|mejlat|e-?posta)"
    r"(?:[ \u00a0]+(?:mig|oss|honom|henne|hen|dem|er|dig))?(?:[ \u00a0]+(?:på|till|via|från))?)"
)
_OCR_DAMAGED = (
    rf"(?m)(?:<(?P<bracketed>{_BRACKETED})>"
    rf"|{_MAIL_LABEL}[ \u00a0]?:?[ \u00a0]{{0,3}}(?P<labelled>{_DAMAGED})(?![\p{{L}}\p{{N}}_@/:\-(]|\.\p{{L}})"
    rf"|{_MAIL_VERB}[ \u00a0]{{1,3}}(?P<verbed>{_DAMAGED})(?![\p{{L}}\p{{N}}_@/:\-(]|\.\p{{L}})"
    rf"|{_GLUED})"
)
# "<zuzanna chmielewska@bredband.net>": an underscore or dot of the local part read as a space
_BROKEN_LOCAL = re.compile(r"<([\p{L}\p{N}_%+'\-.]+)[ \u00a0]$")
# ... and the same after a mail label ("E-post: anna ek@x.se"), or an underscore read as ". "
# between two lower-case parts after a mail word or at a line start ("maila anna. ek@x.se").
_BROKEN_LOCAL_LABELLED = re.compile(
    rf"(?m){_MAIL_LABEL}(?!\p{{L}})(?:[ \u00a0]+(?i:från|till|to|from))?[ \u00a0]?:?[ \u00a0]{{0,3}}"
    rf"(?!(?i:från|till|to|from)[ \u00a0]$)([\p{{L}}\p{{N}}_%+'\-.]+)[ \u00a0]$"  # "Mejl från anna@…": not "från"
)
_BROKEN_LOCAL_DOT = re.compile(
    r"(?m)(?:^|(?<!\p{L})(?i:maila|mejla|mail|mejl|e-?post|e-?mail|adress\p{L}*)[ \u00a0]?:?[ \u00a0]{1,3})"
    r"([\p{Ll}\p{N}_%+'\-]+(?:\.[\p{Ll}\p{N}_\-]+)*)\.[ \u00a0]$"
)
# What stands before "<" when the brackets hold an address: a name (a capitalised word, maybe
# with a comma or quote) or a mail-header label.
_NAME_OR_HEADER_BEFORE = re.compile(
    rf"(?m)(?:\p{{Lu}}[\p{{L}}'\-]*[,\"]?|{_MAIL_LABEL}[ \u00a0]?:|\bskrev(?:[ \u00a0]+\p{{L}}[\p{{L}}'\-]*){{1,3}})[ \u00a0]*$"
)
_WEB = re.compile(r"(?i)www\.")
_TLD_SEPARATOR = re.compile(r"[.:,][ \u00a0]?")
_PROVIDER_AT_END = re.compile(rf"{_PROVIDER}[.:]\w+$")
_OCR_DAMAGED_RE = re.compile(_OCR_DAMAGED)
# A signature line: a phone number (six digits or more, maybe grouped) before the address on its
# line ("Tel. 021-24 20 22 dphamVicloud.com"): a word glued to a provider domain there is an
# address whatever its local part, and a lower-case word right before it may be its first part.
_PHONE = r"\+?\d[\d \u00a0\-–().]{5,}\d"  # groups joined by spaces, hyphens or dots ("079.142.72.34")
_PHONE_BEFORE = re.compile(rf"(?:{_PHONE})(?:[ \u00a0]+\p{{Ll}}[\p{{Ll}}\p{{N}}_\-.]*)?[ \u00a0]+$")
# ... or a contact block: the address starts the line below a phone number ("Mobil: 070-…" /
# "anna.ekåägmail.com"), maybe after the first part of its local part ("saba mehariQDlive.se").
_PHONE_LINE_ABOVE = re.compile(
    rf"{_PHONE}[ \u00a0]*\n[ \u00a0]*(?:(?P<first>\p{{Ll}}[\p{{Ll}}\p{{N}}_\-]+)[ \u00a0])?$"
)
_NOT_LOCAL_WORDS = frozenset({"eller", "och", "samt", "på", "via", "mejl", "mail", "e-post", "epost", "email"})
_SIGNATURE_BROKEN_LOCAL = re.compile(r"(?<=\d[ \u00a0]+)(\p{Ll}[\p{Ll}\p{N}_\-.]+)[ \u00a0]$")
# An e-mail label alone on the line above, or before the value on its line (a form's field).
_MAIL_LABEL_ABOVE = re.compile(
    rf"(?m){_MAIL_LABEL}(?!\p{{L}})(?:[ \u00a0]+(?i:från|till|to|from))?[ \u00a0]?:?[ \u00a0]*\n?[ \u00a0]*$"
)  # ... or a mail word and "från"/"till" before it ("Mejl från annaQx.se")


# The "@" read but the domain after it damaged ("anna.ek@gmaii,corn", "anna.ek@hotrnail",
# "anna.ek@ gmail.com", "anna.ek@grnai1 .com"): a local part glued to an "@" and something after
# it is an address whatever OCR made of its domain, and is reported whole at 0.7. The domain is
# the token after the "@" (maybe after one space), and one more token when OCR split it
# ("tel ia.se", "gmail .com") and the first did not already end in a top-level domain.
_AT_TOKEN = r"[^\s@<>\"]"
_DOMAIN_DAMAGED = (
    rf"(?<=(?:{_LEFT}|(?<=(?:^|[\s:>])\.))(?P<local>{_LOCAL}))"
    rf"(?P<value>@[ \u00a0]?{_AT_TOKEN}{{2,40}}"
    rf"(?:[ \u00a0](?:[.,:]{_AT_TOKEN}{{2,6}}|\p{{Ll}}{{1,12}}[.,:][A-Za-z0-9]{{2,4}}))?)"
    rf"(?!{_AT_TOKEN})"
)
_WELL_FORMED_DOMAIN = re.compile(rf"@(?:{_LABEL}\.)+{_TLD}")
_DOMAIN_ENDS_IN_TLD = re.compile(r"[.,:][A-Za-z0-9]{2,24}[.,:;!?)'\"»]*$")
_TRAILING = re.compile(r"[.,:;!?)'\"»\]]+$")


class EmailRecognizer(SwedishPatternRecognizer):
    """E-mail addresses (``EMAIL_ADDRESS``)."""

    ENTITY = entities.EMAIL_ADDRESS
    NAME = "EmailRecognizer"
    PATTERNS = [
        Pattern("email", _PLAIN, 1.0),
        Pattern("email_obfuscated", _OBFUSCATED, 0.8),
        Pattern("email_ocr_damaged", _OCR_DAMAGED, 0.7),
        Pattern("email_domain_damaged", _DOMAIN_DAMAGED, 0.7),
    ]
    CONTEXT = ["e-post", "epost", "mail", "mejl", "e-mail", "adress", "kontakt"]
    # A damaged address lies within one line, which holds its "<", its mail label or its
    # provider's top-level domain: the pattern (costly at every word) runs on those lines only.
    LINE_GATES = {"email_ocr_damaged": rf"<|{_MAIL_LABEL}|[.:]{_PROVIDER_TLD}"}

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        if pattern.name == "email_ocr_damaged":
            return _assess_damaged(match, text)
        end_offset = 0
        if pattern.name == "email_domain_damaged":
            value = match.group("value")
            if _WELL_FORMED_DOMAIN.fullmatch(_TRAILING.sub("", value)):
                return None  # a well-formed address: pattern "email" has it
            if not any(c.isalpha() for c in value[1:]) or not any(c.isalpha() for c in match.group("local")):
                return None  # "5@st", "a@12": not an address
            tokens = value[1:].split()
            if len(tokens) == 2 and _DOMAIN_ENDS_IN_TLD.search(tokens[0]):
                end_offset = -(len(value) - value.rindex(tokens[1]) + 1)  # "…@x,se kl.10": not the domain
                value = value[: len(value) + end_offset]
            trailing = _TRAILING.search(value)
            end_offset -= len(trailing.group()) if trailing else 0
        start_offset = match.start("local") - match.start("value")  # include the local part
        line_start = text.rfind("\n", 0, match.start("local")) + 1
        local_start = match.start("local")
        broken = _BROKEN_LOCAL.search(text, line_start, local_start) or _BROKEN_LOCAL_LABELLED.search(
            text, line_start, local_start
        )
        if broken is None and match.group("local")[:1].islower():
            broken = _BROKEN_LOCAL_DOT.search(text, line_start, local_start)
        if broken is None and _PHONE_BEFORE.search(text, line_start, local_start):
            broken = _SIGNATURE_BROKEN_LOCAL.search(text, line_start, local_start)
            if broken and broken.group(1) in _NOT_LOCAL_WORDS:
                broken = None
        if broken:  # the first part of a local part broken by OCR (brackets, a label, ". ")
            start_offset -= local_start - broken.start(1)
        if pattern.name == "email_obfuscated":
            return Assessment(score=0.8, validation=UNCHECKED, start_offset=start_offset)
        if pattern.name == "email_domain_damaged":
            return Assessment(score=0.7, validation=UNCHECKED, start_offset=start_offset, end_offset=end_offset)
        end_offset = _run_on_sentence_offset(match.group("value"))
        return Assessment(
            score=1.0, validation=VALID, start_offset=start_offset, end_offset=end_offset
        )


def _assess_damaged(match: "re.Match[str]", text: str) -> Optional[Assessment]:
    """An address without its "@": where an address is expected, and not a web address.

    The match has no ``value`` group (the two alternatives name theirs), so the span is moved
    from the whole match onto the address with offsets."""
    group = next(g for g in ("bracketed", "labelled", "verbed", "glued") if match.group(g) is not None)
    value = match.group(group)
    if _WEB.match(value) or not any(c.isalpha() for c in value.rsplit(".", 1)[0]):
        return None
    tld = _TLD_SEPARATOR.split(value)[-1].lower()
    if tld in _NOT_TLD:
        return None  # a file name
    if group == "glued":
        local = value[: len(value) - len(_PROVIDER_AT_END.search(value).group())]
        line_start = text.rfind("\n", 0, match.start()) + 1
        signature = _PHONE_BEFORE.search(text, line_start, match.start()) is not None
        below_phone = _PHONE_LINE_ABOVE.search(text, max(0, line_start - 48), match.start())
        signature = signature or below_phone is not None
        if (
            (match.group("at_read") is None or match.group("at_spaced") is not None)
            and (not any(c.isdigit() or c == "." for c in local) or len(local) < 3)
            and not _MAIL_LABEL_ABOVE.search(text, max(0, match.start() - 40), match.start())
            and not (signature and len(local) >= 3)
            and not _BROKEN_LOCAL_LABELLED.search(text, line_start, match.start())  # "E-post: sara lindQ gmail.com"
        ):
            return None  # "mytelia.com" may be a web address; "anna.ekGgmail.com" is not
        if signature:  # "Tel. 073-87 01 663 dawit kahsayQgmail.com": an underscore read as a space
            broken = _SIGNATURE_BROKEN_LOCAL.search(text, line_start, match.start(group))
            first = broken.start(1) if broken and broken.group(1) not in _NOT_LOCAL_WORDS else None
            if first is None and below_phone is not None and below_phone.group("first") not in _NOT_LOCAL_WORDS:
                first = below_phone.start("first") if below_phone.group("first") else None
            if first is not None:
                return Assessment(
                    score=0.7,
                    validation=UNCHECKED,
                    start_offset=first - match.start(),
                    end_offset=match.end(group) - match.end(),
                )
    elif group == "bracketed":
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not _NAME_OR_HEADER_BEFORE.search(text, line_start, match.start()):
            return None
    elif group == "verbed":  # "maila annaekggmail.com": an address whatever its dots
        if len(re.sub(r"[^\p{L}]", "", value.rsplit(".", 1)[0])) < 4:
            return None
    elif value.count(".") < 2:  # "fornamn.efternamn…se", not a bare domain
        glued = _OCR_DAMAGED_RE.fullmatch(value)  # unless it is a glued provider address ("anna1990Bgmail.com")
        if glued is None or _assess_damaged(glued, value) is None:
            return None
    start = match.start(group)
    if group != "bracketed":  # "Till: anna. ek2x.se": the first part of a broken local part
        line_start = text.rfind("\n", 0, start) + 1
        broken = _BROKEN_LOCAL_DOT.search(text, line_start, start) or _BROKEN_LOCAL_LABELLED.search(
            text, line_start, start
        )
        if broken and value[:1].islower():
            start = broken.start(1)
    return Assessment(
        score=0.7,
        validation=UNCHECKED,
        start_offset=start - match.start(),
        end_offset=match.end(group) - match.end() + _run_on_sentence_offset(value),
    )


def _run_on_sentence_offset(value: str) -> int:
    """Trim a capitalised word glued on after the TLD: ``anna@exempel.se.Ring`` → ``…se``.

    PDF text extraction sometimes drops the space after a full stop; a last label that is
    Title-case after an all-lower-case label is the next sentence, not a top-level domain.
    """
    domain = value.rsplit("@", 1)[-1]  # an OCR-damaged address without "@": all of it
    labels = domain.split(".")
    if len(labels) < 3:
        return 0
    last, previous = labels[-1], labels[-2]
    if last[:1].isupper() and last[1:].islower() and previous.islower() and len(previous) >= 2:
        return -(len(last) + 1)
    return 0
