"""Runs: consecutive capitalised name-like tokens on one line (with particles and initials
inside), and the ``Surname, Firstname`` list form that joins two runs."""

from __future__ import annotations

from typing import Dict, List

from recognizers.names.context import role_after
from recognizers.names.flags import FN, GEN, HOMO, INITIAL, LETTER, LEX, LOWER, MORPH, PARTICLE, SN, STOP, TITLE, UNK, UPPER
from recognizers.names.scores import MAX_RUN, SCORE_LIST_FORM, SCORE_PAIR_CONTEXT
from recognizers.names.scoring import after_locative
from recognizers.names.tokenizer import Run, Tok
from recognizers.names.triggers import Triggers
from recognizers.names.wordlists import LEADING_PARTICLES, SPACE_GAPS

# -- runs ------------------------------------------------------------------------------------------


def eligible(t: Tok) -> bool:
    f = t.flags
    if f & INITIAL:
        return True
    if t.shape == LOWER:
        return bool(f & PARTICLE)
    if t.shape not in (TITLE, UPPER):
        return False
    if f & (STOP | LEX) and not f & (FN | SN):
        return False
    if t.shape == UPPER and not f & (FN | SN) and len(t.text) <= 3:
        return False  # acronyms
    return bool(f & (FN | SN | MORPH | UNK | PARTICLE))


def middle_initial(cur: List[Tok], t: Tok, toks: List[Tok]) -> bool:
    """``Anders W Jonsson``, ``Lars E O Svensson``: capital letters without a dot between
    given name and surname."""
    if t.shape != LETTER or not cur or t.gap not in SPACE_GAPS:
        return False
    if not (cur[-1].flags & FN or (cur[-1].flags & INITIAL and any(x.flags & FN for x in cur))):
        return False
    j = t.idx + 1
    while j < len(toks) and toks[j].shape == LETTER and toks[j].gap in SPACE_GAPS and j - t.idx < 3:
        j += 1  # Lars E O Svensson: more initials before the surname
    nxt = toks[j] if j < len(toks) else None
    if nxt is None or nxt.gap not in SPACE_GAPS or not eligible(nxt):
        return False
    t.flags = INITIAL
    return True


def joinable(prev: Tok, t: Tok) -> bool:
    if prev.initial_dot:
        return t.gap in (".", ". ", ".\u00a0")
    return t.gap in SPACE_GAPS


def joins_across_line(cur: List[Tok], t: Tok, toks: List[Tok]) -> bool:
    """``Anna Maria\\nAndersson``: a line break between given names and the surname, in
    running text (not in a list, where ``Andersson, Anna\\nBerg, Lars`` are two people). A
    surname that is also a given name, or an unknown word, joins only where the sentence runs on
    after it (``min läkare Anna\\nBoonmee på kliniken``: a paragraph wrapped inside the name)."""
    if t.gap.strip(" \t\r") != "\n" or not t.flags & (SN | MORPH | UNK):
        return False
    if "," in cur[0].gap or (t.idx + 1 < len(toks) and toks[t.idx + 1].gap.startswith(",")):
        return False
    if t.flags & (FN | UNK) and not sentence_runs_on(t, toks):
        return False
    return all(x.flags & (FN | INITIAL) for x in cur) and cur[-1].shape == t.shape


def sentence_runs_on(t: Tok, toks: List[Tok]) -> bool:
    """The word after ``t`` is a lower-case word on the same line, after a space."""
    nxt = toks[t.idx + 1] if t.idx + 1 < len(toks) else None
    return nxt is not None and nxt.shape == LOWER and nxt.gap in SPACE_GAPS


def find_runs(toks: List[Tok], context_at: Dict[int, str]) -> List[Run]:
    runs: List[Run] = []
    cur: List[Tok] = []
    for t in toks:
        ok = eligible(t) or middle_initial(cur, t, toks)
        if ok and cur and len(cur) <= MAX_RUN + 1 and (
            joinable(cur[-1], t) or joins_across_line(cur, t, toks)
        ):
            cur.append(t)
            continue
        if cur:
            trimmed = trim(cur)
            if trimmed:
                runs.append(Run(trimmed, context_at.get(cur[0].idx)))
        cur = [t] if ok else []
    if cur:
        trimmed = trim(cur)
        if trimmed:
            runs.append(Run(trimmed, context_at.get(cur[0].idx)))
    return runs


def trim(run: List[Tok]) -> List[Tok]:
    """Keep particles only between name words, or opening a surname (von Sydow)."""
    def bare_particle(t: Tok) -> bool:
        return bool(t.flags & PARTICLE) and not t.flags & (FN | SN)

    while run and bare_particle(run[-1]):
        run = run[:-1]
    while run and bare_particle(run[0]) and not (
        run[0].text.lower() in LEADING_PARTICLES and len(run) > 1
    ):
        run = run[1:]
    return run


def wrapped_list_form(a: Tok, nxt: Run, toks: List[Tok]) -> bool:
    """``Andersson,⏎Anna``: the list form wrapped in a narrow table cell, the surname alone on
    its line up to the comma and the given names alone on the next line."""
    if nxt.toks[0].gap.replace(" ", "").replace("\r", "") != ",\n":
        return False
    last = nxt.toks[-1]
    after = toks[last.idx + 1] if last.idx + 1 < len(toks) else None
    return (a.idx == 0 or "\n" in a.gap) and (after is None or "\n" in after.gap)


def merge_list_form(triggers: Triggers, runs: List[Run], toks: List[Tok]) -> List[object]:
    """``Andersson, Anna`` (surname, comma, given names) becomes one span."""
    out: List[object] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        if i + 1 < len(runs) and len(run.toks) == 1:
            a, nxt = run.toks[0], runs[i + 1]
            if (
                a.flags & (SN | MORPH)
                and not a.flags & (GEN | PARTICLE)
                and nxt.toks[0].idx == a.idx + 1
                and (nxt.toks[0].gap in (", ", ",", ",\u00a0") or wrapped_list_form(a, nxt, toks))
                and len(nxt.toks) <= 3
                and all(t.flags & (FN | PARTICLE) and not t.flags & GEN for t in nxt.toks)
                and nxt.toks[-1].flags & FN
                and not (a.flags & HOMO and all(t.flags & HOMO for t in nxt.toks))
                and not after_locative(a, toks)
            ):
                signals = ["list_form", "surname" if a.flags & SN else "surname_morphology", "first_name"]
                score = SCORE_LIST_FORM
                if run.context or role_after(triggers, nxt, toks):
                    score = SCORE_PAIR_CONTEXT
                    signals.append("context")
                out.append((a.start, nxt.toks[-1].end, score, signals))
                i += 2
                continue
        out.append(run)
        i += 1
    return out
