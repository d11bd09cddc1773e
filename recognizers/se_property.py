"""Property designations (fastighetsbeteckningar): ``Kåbo 5:12``, ``Uppsala Kåbo 5:12``.

A fastighetsbeteckning is [kommun] trakt (or kvarter) + block + ``:`` + enhet, as Lantmäteriet
writes it: ``Uppsala Kåbo 5:12``, ``Sjöbotten 1:23``, ``Norrtälje Stora Mellby 3:4``,
``Vallentuna Rickeby 1:123``. It identifies one property and so, for a private person, a home:
it is reported as ``SE_ADDRESS`` (the policy treats it as the address it stands for).

What is found: one to three capitalised words (title case; ALL CAPS only with a property word
nearby) and ``N:M`` (block 1–9999, enhet 1–9999; after a property word also on the next
line, as a wrapped line leaves it), not followed by another ``:digit``, ``§``,
``kap`` or a unit. Scores: 0.85 after a property word (``fastighet``, ``fastigheten``,
``fastighetsbeteckning``, ``lagfart``, ``tomt``, ``äger``, ``taxering`` …) within the sentence,
0.85 after a known place (a kommun: ``Uppsala Kåbo 5:12``, the places list of the name
recognizer), 0.6 after another capitalised word, 0.45 for a lone ``Trakt N:M`` (none when it is an
ordinary Swedish word and ``N:M`` is shaped like a time: ``Lunch 12:30``).

What is not: law and document references (``OSL 21:7``, ``SFS 2009:400``, ``Socialtjänstlagen
4:1``, ``prop. 2008/09:111``, ``SOU 2020:12``), chapter/section/page references (``Kapitel 5:12``,
``Bilaga 2:3``), times (``kl. 10:30``, ``Måndag 10:30``), ratios (``Skala 1:500``), Bible
references (``Johannes 3:16``), and years as blocks (``Lagen 2017:900``).
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer
from recognizers.se_address import follows_organisation

_SP = r"[ \u00a0]"
_WORD = r"(?:\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?|\p{Lu}{2,}(?:-\p{Lu}{2,})?)"
_DESIGNATION = (
    rf"(?<![\p{{L}}\p{{N}}.:/§-])(?P<value>(?P<words>(?:{_WORD}{_SP}){{0,2}}{_WORD})(?P<gap>{_SP}|{_SP}?\n)"
    rf"(?P<block>[1-9]\d{{0,3}}):(?P<unit>[1-9]\d{{0,3}}))"
    rf"(?![\d:]|[.,]\d|{_SP}?(?:§|kap\b|st\b|kr\b|%))"
)

# Words that say the number is a property.
_PROPERTY_CONTEXT = re.compile(
    r"(?i)(?:\bfastighet|\blagfart|\btomt|\bäger\b|\bägde\b|\bägare\b|\btaxering|\bförvärv|"
    r"\bköpt[ae]?\b|\bsålt\b|\bsåld[ae]?\b|\barrende|\bservitut|\bbygglov|\btomträtt|"
    r"\bavstyckning|\blantmäteri|\bbelägen|\bbostad|\bbor\b|\bbosatt|\badress|\bfastighetsbeteckning)"
)
_SENTENCE_END = re.compile(r"[.!?\n](?:\s|$)")
_TIME_WORD_BEFORE = re.compile(r"(?:\bkl|\bklockan|\bmellan|\bfrån|\btill|\bca|\bcirka)\.?\s*$")
# Words before "N:M" that make it a reference, a time or a ratio, never a property.
_NOT_TRAKT = frozenset(
    {
        # references
        "osl", "sfs", "sou", "ds", "prop", "dir", "bet", "rskr", "jo", "hfd", "rå", "nja", "ad",
        "mod", "kap", "kapitel", "paragraf", "artikel", "art", "avsnitt", "bilaga", "bilagan",
        "tabell", "figur", "diagram", "sida", "sidan", "s", "punkt", "moment", "mom", "del",
        "stycke", "lag", "lagen", "balk", "balken", "förordning", "förordningen", "kungörelse",
        "föreskrift", "föreskrifter", "fs", "afs", "sosfs", "hslf", "version", "utgåva", "bilagor",
        "dnr", "diarienummer", "ärende", "ref", "nr", "rum", "sal", "hus", "plan", "våning",
        # times and dates
        "kl", "klockan", "tid", "tiden", "mellan", "från", "till", "kväll", "morgon", "måndag",
        "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "januari", "februari",
        "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
        "december", "vecka", "dag", "datum", "start", "slut", "avgång", "ankomst",
        # ratios and results
        "fråga", "frågan", "uppgift", "uppgiften", "övning", "exempel", "nivå", "fas", "etapp",
    "omgång", "period", "kvartal", "termin", "läsår", "tertial", "modul", "kurs", "lektion",
    "vers", "dom", "domen", "beslut", "beslutet", "protokoll", "protokollet", "region",
    "skala", "förhållande", "förhållandet", "ratio", "kvot", "resultat", "resultatet",
        "vinst", "match", "matchen", "poäng",
        # Bible references
        "psalm", "psaltaren", "ps", "mos", "matteus", "matt", "markus", "mark", "lukas", "luk",
        "johannes", "joh", "rom", "romarbrevet", "kor", "gal", "ef", "fil", "kol", "hebr",
        "jak", "upp", "uppenbarelseboken", "jes", "jesaja", "ords", "ordspråksboken", "pred",
        "apg", "första", "andra",
        # words that lead into a property, never part of its name
        "fastighet", "fastigheten", "fastigheterna", "fastighetsbeteckning",
        "fastighetsbeteckningen", "fastighetsbet", "tomten", "tomt", "gården", "kommun",
        "kommunen", "kvarteret", "adress", "och", "samt",
    }
)  # fmt: skip
# Compounds that name laws, rules and documents ("Socialtjänstlagen 4:1", "Föräldrabalken 6:2").
_REFERENCE_SUFFIXES = ("lagen", "lag", "balken", "balk", "förordningen", "förordning", "ordningen", "stadgan", "kungörelsen", "direktivet", "reglementet", "föreskrifterna")


class SePropertyRecognizer(SwedishPatternRecognizer):
    """Fastighetsbeteckningar (``SE_ADDRESS``)."""

    ENTITY = entities.SE_ADDRESS
    NAME = "SePropertyRecognizer"
    PATTERNS = [Pattern("se_property_designation", _DESIGNATION, 0.6)]
    CONTEXT = ["fastighet", "fastigheten", "fastighetsbeteckning", "lagfart", "tomt", "äger"]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        words = match.group("words").split()
        # keep only the words after the last lead-in word ("Fastigheten Kåbo 5:12" → "Kåbo 5:12")
        kept = list(words)
        for i, w in enumerate(words):
            if w.lower() in _NOT_TRAKT:
                kept = words[i + 1 :]
        if not kept:
            return None
        trakt = kept[-1]
        low = trakt.lower()
        if low in _NOT_TRAKT or any(low.endswith(sfx) for sfx in _REFERENCE_SUFFIXES):
            return None
        block, unit = match.group("block"), match.group("unit")
        if len(block) == 4 and block[:2] in ("18", "19", "20"):
            return None  # a year: an SFS-style reference
        start = match.start("value")
        # the span starts at the first kept word
        offset = match.group("value").index(" ".join(kept)) if kept != words else 0
        # the sentence before the kept words, a lead-in word included ("… 2126. Fastighet Vreta")
        sentence = text[max(0, start - 80) : start + offset]
        sentence = _SENTENCE_END.split(sentence)[-1]
        context = _PROPERTY_CONTEXT.search(sentence) is not None
        after = _SENTENCE_END.split(text[match.end("value") : match.end("value") + 40])[0]
        context = context or _PROPERTY_CONTEXT.search(after) is not None
        before_word = text[max(0, start - 12) : start].lower()
        if _TIME_WORD_BEFORE.search(before_word):
            return None
        caps = [w for w in kept if w.isupper()]
        if caps and not context:
            return None
        if follows_organisation(text, start):
            return None
        if "\n" in match.group("gap") and not context:
            return None  # a line break before the number: only where a property word says so
        if context:
            score = 0.85
        elif len(kept) > 1:
            # "Uppsala Kåbo 5:12": a known place (kommun) before the trakt is the designation's shape
            score = 0.85 if _is_place(kept[0]) else 0.6
        else:
            if _time_shaped(block, unit) and _is_ordinary_word(trakt):
                return None  # "Lunch 12:30"
            score = 0.45
        return Assessment(score=score, validation=UNCHECKED, start_offset=offset)


def _time_shaped(block: str, unit: str) -> bool:
    """``HH:MM`` in office hours or a two-digit hour (``08:30``, ``12:30``, ``19:45``); ``1:23`` is
    rarely a time in a document and often a property (block 1, enhet 23)."""
    hour_ok = 7 <= int(block) <= 23 or (len(block) == 2 and int(block) <= 23)
    return hour_ok and len(unit) == 2 and int(unit) <= 59


def _gazetteer():  # the name recognizer's word lists, loaded once per process
    from recognizers.names.gazetteer import load_gazetteer

    return load_gazetteer()


def _is_ordinary_word(word: str) -> bool:
    return word.lower() in _gazetteer().lexicon


def _is_place(word: str) -> bool:
    from recognizers.names.fold import fold_sv

    return fold_sv(word) in _gazetteer().places
