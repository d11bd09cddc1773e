"""Where the context triggers stand in a token list: the token right after a greeting, label,
role word, title or sign-off, and a role word right after a name (``Anna Berg, handläggare``)."""

from __future__ import annotations

from typing import Dict, List

import regex as re

from recognizers.names.flags import FN, HOMO, PLACE, SN, TITLE
from recognizers.names.tokenizer import Run, Tok
from recognizers.names.triggers import CARE_OF, GREETING, INTRO, LABEL, ROLE, SIGNOFF, TITLE_WORD, Triggers
from recognizers.names.wordlists import POSSESSIVES, SPACE_GAPS


def context_positions(triggers: Triggers, toks: List[Tok]) -> Dict[int, str]:
    """Token index → trigger kind, for the token right after a trigger phrase."""
    by_head = triggers.by_head
    found: Dict[int, str] = {}
    n = len(toks)
    for i, t in enumerate(toks):
        low = t.text.lower()
        if low == "c" and i + 2 < n and toks[i + 1].text.lower() == "o" and toks[i + 1].gap == "/":
            if toks[i + 2].gap.strip(" ") == "":
                found[i + 2] = CARE_OF  # c/o Anna Andersson
            continue
        if low in ("man", "fru") and i + 1 < n and toks[i - 1].text.lower() in POSSESSIVES if i else False:
            if toks[i + 1].gap in SPACE_GAPS:
                found.setdefault(i + 1, ROLE)  # "sin man Warsame", "min fru Lejla"
            continue
        if masculine_adjective(t.text) and i + 1 < n and toks[i + 1].shape == TITLE and toks[i + 1].gap in SPACE_GAPS:
            found.setdefault(i + 1, ROLE)  # "serbiske Danijel", "norske Petter": a man named
            continue
        if low == "till" and t.shape == TITLE and t.sent_start and i + 1 < n:
            if toks[i + 1].gap in SPACE_GAPS:
                found.setdefault(i + 1, GREETING)  # "Till Anna Andersson" (address line)
            continue
        for tail, kind in by_head.get(low, ()):
            last = i + len(tail)
            if last + 1 >= n or any(
                toks[i + 1 + k].text.lower() != tail[k] or toks[i + 1 + k].gap.strip(". ")
                for k in range(len(tail))
            ):
                continue
            if kind == GREETING and low in ("bästa", "kära", "käre") and not t.sent_start:
                break  # "den bästa lösningen": only a salutation at the start
            if gap_ok(kind, toks[last + 1].gap):
                found.setdefault(last + 1, kind)
            break
    return found


# lower-case words in -ske that are no adjectives (kanske, ske)
_NOT_ADJECTIVES = frozenset({"kanske", "ske", "beske"})


def masculine_adjective(word: str) -> bool:
    """A lower-case adjective in -ske, the masculine definite form of one in -sk (``serbiske``,
    ``norske``, ``brittiske``): in Swedish it stands before a man's name or a noun in lower
    case, so a capitalised word after it is a person (``ryske Volkov``)."""
    return len(word) >= 5 and word.islower() and word.endswith("ske") and word not in _NOT_ADJECTIVES


def gap_ok(kind: str, gap: str) -> bool:
    newlines = gap.count("\n")
    rest = gap.replace("\n", "").replace("\r", "")
    if kind == SIGNOFF:
        return newlines <= 3 and rest.strip(" \t,!.-–") == ""
    if kind == LABEL:
        return newlines <= 1 and rest.strip(" \t:") == "" and (":" in rest or newlines > 0 or "\t" in rest)
    if kind in (GREETING, INTRO):
        return newlines == 0 and rest.strip(" ,") == ""
    if kind == TITLE_WORD:
        return newlines == 0 and rest in (" ", ". ", ".", "\u00a0")
    return newlines <= 1 and rest.strip(" \t:,(–-") == ""  # ROLE


def role_after(triggers: Triggers, run: Run, toks: List[Tok]) -> bool:
    """``Anna Berg, handläggare`` / ``Anna Berg\\nHandläggare`` / ``Anna Berg (ombud)``."""
    j = run.toks[-1].idx + 1
    if j >= len(toks):
        return False
    nxt = toks[j]
    compact = nxt.gap.replace(" ", "").replace("\t", "").replace("\r", "")
    return nxt.text.lower() in triggers.role_words and compact in (
        ",", "\n", "(", ",(", ",\n", "\n(", "-", "–",
    )


SPEAKER = "speaker"
_SPEAKER_COLON = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]+[^\W\d_]")


def speaker_label(run: Run, toks: List[Tok], text: str) -> bool:
    """``Johan: Har du …`` / ``Amira Hodžić: Jag …``: a known first name or surname (no common
    word, no place) at the start of a line or a sentence, with at most one more name word, then a colon and the words
    said, as in an interview or a chat transcript."""
    rt = run.toks
    first = rt[0]
    if len(rt) > 2 or not (first.idx == 0 or "\n" in first.gap or first.sent_start):
        return False
    if not first.flags & (FN | SN) or first.flags & (HOMO | PLACE) or any(t.shape != TITLE for t in rt):
        return False
    return bool(_SPEAKER_COLON.match(text, rt[-1].end))
