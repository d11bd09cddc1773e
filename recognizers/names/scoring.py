"""Scoring a run of capitalised words: which signals it has (known first names and surnames,
surname morphology, initials, context) and what that makes it (the ``SCORE_*`` constants), and
the guards that make it no name at all (place and institution names, companies, dates)."""

from __future__ import annotations

from typing import List, Optional, Tuple

import regex as re

from recognizers.names.context import SPEAKER, role_after, speaker_label
from recognizers.names.flags import (
    ENG, FN, GEN, HOMO, INITIAL, LEX, LOWER, MORPH, ORG, PARTICLE, PLACE, SN, STOP, STREET, STRONG, TITLE, UNK, UPPER,
)
from recognizers.names.fold import fold, lookup_key
from recognizers.names.gazetteer import Gazetteer, place_key
from recognizers.names.morphology import morphology
from recognizers.names.scores import (
    MAX_RUN, SCORE_CONTEXT_KNOWN, SCORE_CONTEXT_UNKNOWN, SCORE_FIRST_UNKNOWN, SCORE_FIRST_WORD,
    SCORE_GIVEN_NAMES, SCORE_GIVEN_NAMES_3, SCORE_HOMOGRAPH_NAMES, SCORE_INITIAL_SURNAME,
    SCORE_INITIAL_UNKNOWN, SCORE_INITIAL_WEAK, SCORE_MORPH_STRONG, SCORE_PAIR, SCORE_PAIR_CONTEXT,
    SCORE_PAIR_HOMOGRAPHS, SCORE_PARTICLE_JOINED, SCORE_PARTICLE_LED, SCORE_SINGLE, SCORE_SINGLE_GENITIVE, SCORE_SINGLE_MID_SENTENCE, SCORE_SINGLE_HOMOGRAPH,
    SCORE_SINGLE_STRONG_SURNAME, SCORE_SINGLE_SUBJECT, SCORE_TWO_SURNAMES, SCORE_UNKNOWN_SURNAME, SCORE_WEAK_PAIR,
)
from recognizers.names.titles import quoted_title
from recognizers.names.tokenizer import Run, Span, Tok
from recognizers.names.triggers import LABEL, ROLE_AFTER
from recognizers.names.wordlists import (
    COMPANY_FORMS, FUNCTION_WORDS, ORGANISATION_APPOSITIVES, IMPERATIVES, INSTITUTION_HEADS, INSTITUTION_NOUNS, LOCATIVES, SPACE_GAPS, VENUE_WORDS,
    PERSON_VERBS, SALUTATIONS, vehicle_make, vehicle_model_at,
)


def company(nxt: Tok) -> bool:
    """``Svensson AB``, ``Lindqvist & Co``: the word names a company."""
    if nxt.gap.strip() == "&":
        return nxt.text in ("Co", "Partner", "Partners", "Son", "Söner", "Sons")
    return nxt.gap in SPACE_GAPS and nxt.text in COMPANY_FORMS


def company_ahead(nxt: Tok, toks: List[Tok]) -> bool:
    """The company form follows directly or after up to two capitalised words on the same
    line (``Andersson Bygg AB``, ``Karlssons Måleri & Bygg AB``)."""
    j = nxt.idx
    for _ in range(3):
        if j >= len(toks):
            return False
        t = toks[j]
        if company(t):
            return True
        if t.shape not in (TITLE, UPPER) or t.gap.strip(" &") or "\n" in t.gap:
            return False
        j += 1
    return False


# possessive pronouns: what stands right after one is owned (a horse, a boat), not a person
# named alone; a person after one has a relation word between (sin fru Anna: context)
POSSESSIVES = frozenset("sin sitt sina min mitt mina din ditt dina hans hennes deras vår vårt våra".split())


# lower-case nouns in definite form that name what the capitalised word after them is: a
# place, a storm, a band, a work, an animal (staden Newtown, tyfonen Bopha, hästen Tarantella)
THING_APPOSITIVES: Tuple[str, ...] = ORGANISATION_APPOSITIVES + (
    "staden", "delstaten", "landet", "orten", "byn", "kommunen", "regionen", "provinsen", "ön",
    "tyfonen", "orkanen", "stormen", "byrån", "gruppen", "bandet", "laget", "båten", "fartyget",
    "hästen", "hunden", "katten", "filmen", "boken", "serien", "låten", "albumet", "pjäsen",
)


def alone_in_prose(t: Tok, toks: List[Tok], nxt: Optional[Tok]) -> bool:
    """A lone name word that the weaker single-word signals may judge (a given name inside a
    sentence, a genitive before what it owns): not after a preposition of place (``i
    Palermos``, ``På Mbekwes hemsida``), not after a noun that names a place, an organisation, a storm or a thing
    (``nyhetsbyrån Sana``, ``tyfonen Bophas``), and not before another capitalised word on the
    same line (``Maria Elementarskola``: a longer proper noun)."""
    if t.idx > 0 and t.gap in SPACE_GAPS:
        prev = toks[t.idx - 1]
        if prev.text.lower() in LOCATIVES:
            return False  # i Palermos, På Xs hemsida
        if prev.shape == LOWER and prev.text.endswith(THING_APPOSITIVES):
            return False
    return not (nxt is not None and nxt.shape in (TITLE, UPPER) and nxt.gap in SPACE_GAPS)


def capitalised_pair(gaz: Gazetteer, rt: List[Tok], toks: List[Tok], text: str) -> Optional[List[Tok]]:
    """Two capitalised words inside a Swedish sentence, the second no word of any list
    (``med Jorvik Tallaksen i spetsen``, ``talesmannen Jay Varkney``): Swedish capitalises
    no noun there, so the pair is a proper noun, and two words of one are most often a
    person's given name and surname. The first may be an unknown word or an English or Swedish
    word (Jay, Chuck: English given names are English words); neither a place, a non-name or
    an organisation word. The pair stands alone in prose (:func:`alone_in_prose`) after a
    lower-case Swedish word, and the line goes on after it; the second is no compound of two
    words and is not written in lower case in the text. Returns the pair's tokens, or None."""
    if len(rt) == 2:
        first, second = rt
    elif len(rt) == 1 and rt[0].idx > 0:
        first, second = toks[rt[0].idx - 1], rt[0]
        if first.shape != TITLE or second.gap not in SPACE_GAPS or first.flags & (STOP | PLACE | ORG | STREET):
            return None
        if not first.flags & (LEX | ENG):
            return None  # an unknown or name word before it would be in the run already
    else:
        return None
    if first.shape != TITLE or second.shape != TITLE or not second.flags & UNK or second.flags & (ENG | LEX):
        return None
    if first.flags & (FN | SN | PARTICLE | INITIAL) or not mid_sentence(gaz, first, toks):
        return None
    nxt = toks[second.idx + 1] if second.idx + 1 < len(toks) else None
    if not alone_in_prose(first, toks, nxt):
        return None
    line_end = text.find("\n", second.end)
    if not text[second.end : line_end if line_end >= 0 else len(text)].strip():
        return None  # Läs mer Format Plugin⏎: a link's or a heading's words end the line
    low = second.text.lower()
    if two_words(gaz, low) or written_in_lower_case(text, low):
        return None  # Cypress Komponenttest, Format Plugin … en plugin: a product's name
    return [first, second]


def two_words(gaz: Gazetteer, low: str) -> bool:
    """``low`` is two words of the Swedish or English lexicon written together (komponent|test,
    web|hook): a compound, no surname the lists lack."""
    words = (gaz.lexicon, gaz.english)
    return any(
        any(low[:i] in w for w in words) and any(low[i:] in w for w in words) for i in range(4, len(low) - 2)
    )


def mid_sentence(gaz: Gazetteer, t: Tok, toks: List[Tok]) -> bool:
    """Inside a Swedish sentence: right after a lower-case Swedish word on the same line."""
    if t.sent_start or t.idx == 0 or t.gap not in SPACE_GAPS:
        return False
    prev = toks[t.idx - 1]
    return prev.shape == LOWER and prev.text in gaz.lexicon and prev.text not in gaz.english


def repeated_word(words: List[Tok]) -> bool:
    """Two words, the same word twice, no known given name (``Talk Talk``, ``Bora Bora``):
    the reduplicated name of a band, a brand or a place. A given name repeated is a person's
    (``Mohamed Mohamed``: a given name and the father's, the same)."""
    return len(words) == 2 and words[0].text == words[1].text and not words[0].flags & FN


def after_possessive(t: Tok, toks: List[Tok]) -> bool:
    if t.idx == 0 or t.gap not in SPACE_GAPS:
        return False
    prev = toks[t.idx - 1]
    return prev.shape == LOWER and prev.text in POSSESSIVES


def after_locative(t: Tok, toks: List[Tok]) -> bool:
    if t.idx == 0 or t.gap not in SPACE_GAPS:
        return False
    prev = toks[t.idx - 1]
    return prev.shape == LOWER and prev.text in LOCATIVES


def score_run(gaz: Gazetteer, run: Run, toks: List[Tok], text: str) -> Optional[Span]:
    rt = run.toks
    if rt[0].sent_start and rt[0].text.lower() in FUNCTION_WORDS:
        rt = rt[1:]  # "Vi Andersson": the pronoun, not the name Vi
        if not rt:
            return None
    if len(rt) > 1 and rt[0].sent_start and rt[0].text.lower() in IMPERATIVES and not rt[0].flags & PARTICLE:
        rt = rt[1:]  # "Ring Elsa Borg i morgon": the imperative verb, not the surname Ring
    while len(rt) > 1 and rt[0].text.lower().rstrip(".,:") in SALUTATIONS:
        rt = rt[1:]  # "Mvh Lisa Ek": the sign-off, not a given name
    words = [t for t in rt if not t.flags & (PARTICLE | INITIAL)]
    if not words or len(words) > MAX_RUN:
        return None  # only particles/initials, or a Title Case heading
    initials = any(t.flags & INITIAL for t in rt)
    particles = any(t.flags & PARTICLE for t in rt)
    nxt = toks[rt[-1].idx + 1] if rt[-1].idx + 1 < len(toks) else None
    if nxt is not None and names_a_place(rt, words, nxt):
        return None
    if nxt is not None and len(words) == 1 and company_ahead(nxt, toks):
        return None  # Svensson AB, Andersson Bygg AB
    if (
        not run.context
        and not any(t.flags & (FN | SN | INITIAL) for t in rt)
        and place_key(text[rt[0].start : rt[-1].end]) in gaz.world_places
    ):
        return None  # Ciudad Juárez, Guadalajara: a city of the world, no name word, no context
    if not run.context and vehicle(rt, toks, text):
        return None  # en Toyota Corolla, Volvo V70: a car's make and model
    if not run.context and len(rt) > 1 and rt[0].text.lower() in VENUE_WORDS:
        return None  # Villa Solbacken, Hotell Gripen: the name of a house, a home or a venue
    if not run.context and quoted_title(text, rt[0].start, rt[-1].end):
        return None  # tv-serien "Ally Lind": a work's title, not a person
    if not run.context and repeated_word(words):
        return None  # Talk Talk, Bora Bora: a band's or a place's name, no person's
    if not run.context and after_possessive(rt[0], toks) and not any(
        t.flags & (FN | SN) and not t.flags & HOMO for t in words
    ):
        return None  # på sin Tarantella B., med sitt Nordstjärnan: a horse, a boat, a thing owned

    fn = [t for t in words if t.flags & FN]
    sn = [t for t in words if t.flags & SN]
    morph = [t for t in words if t.flags & MORPH]
    unk = [t for t in words if t.flags & UNK]
    if (fn or sn) and all(t.flags & HOMO or t.text.lower().rstrip("'’") in gaz.english for t in fn + sn):
        # Page Up, Edit Profile, Returns An: a name that is also a word beside an English word
        # is English, not a name (but Charlene Lamb, Anna Brown: the given name is only a name)
        unk = [t for t in unk if not (t.flags & ENG and not t.flags & STRONG)]
    context = run.context or (ROLE_AFTER if role_after(gaz.triggers, run, toks) else None)
    if context is None and speaker_label(run, toks, text):
        context = SPEAKER  # Johan: Har du … (an interview or a chat)
    signals: List[str] = []
    score: Optional[float] = None

    if any(f is not s for f in fn for s in sn + morph):
        score = SCORE_PAIR
        if not morph and all(t.flags & HOMO for t in fn + sn):
            score = SCORE_PAIR_HOMOGRAPHS
        signals += ["first_name", "surname" if sn else "surname_morphology"]
    elif initials and (sn or morph):
        strong = any(not t.flags & HOMO for t in sn)
        score = SCORE_INITIAL_SURNAME if strong else SCORE_INITIAL_WEAK
        signals += ["initial", "surname" if sn else "surname_morphology"]
    elif initials and unk:
        score = SCORE_INITIAL_UNKNOWN
        signals += ["initial", "unknown_capitalised"]
    elif fn and unk:
        weak = all(t.flags & HOMO for t in fn) and rt[0] in fn and rt[0].sent_start
        score = SCORE_WEAK_PAIR if weak else SCORE_FIRST_UNKNOWN
        signals += ["first_name", "unknown_capitalised"]
    elif len(fn) >= 2:
        score = SCORE_GIVEN_NAMES_3 if len(fn) >= 3 else SCORE_GIVEN_NAMES
        if all(t.flags & HOMO for t in fn):
            score = SCORE_SINGLE if rt[0].sent_start else SCORE_HOMOGRAPH_NAMES
        signals += ["first_names"]
    elif any(not t.flags & PLACE for t in sn) and (unk or morph):
        strong = any(not t.flags & (HOMO | PLACE) for t in sn)
        score = SCORE_UNKNOWN_SURNAME if strong else SCORE_WEAK_PAIR
        signals += ["unknown_capitalised", "surname"]
    elif len(sn) >= 2 and sum(1 for t in sn if not t.flags & HOMO) >= 2:
        score = SCORE_TWO_SURNAMES
        signals += ["surnames"]
    elif unk and morph and (words[-1].flags & MORPH or any(t.flags & STRONG for t in morph)):
        score = SCORE_MORPH_STRONG
        signals += ["unknown_capitalised", "surname_morphology"]
    elif particles and rt[0].flags & PARTICLE and (sn or morph or unk):
        score = SCORE_PARTICLE_LED
        signals += ["particle", "surname" if sn else "capitalised"]
    elif particle_joined(rt, words):
        score = SCORE_PARTICLE_JOINED  # Amadou de Bravard, Jorinde van Haaksteeg
        signals += ["particle", "unknown_capitalised"]
    elif len(words) == 1 and not initials and words[0].flags & (FN | SN):
        t = words[0]
        signals += ["first_name" if t.flags & FN else "surname"]
        if t.flags & HOMO:
            signals.append("homograph")
            if not context:
                if t.shape != TITLE or t.sent_start or place_like(t, toks):
                    return None
                if digit_adjacent(t, nxt, text):
                    return None  # Maj 2024, 15 Maj
                score = SCORE_SINGLE_HOMOGRAPH
        elif t.flags & PLACE and not context and place_like(t, toks):
            return None  # i Sofia, Berlin
        elif t.flags & FN and not t.flags & PLACE and capitalised_word_after(gaz, t, nxt):
            assert nxt is not None
            rt = rt + [nxt]  # Anna Svan: a surname that is also a common word
            score = SCORE_FIRST_WORD
            signals.append("capitalised_word")
        elif t.flags & SN and not t.flags & (FN | PLACE) and strong_surname(t):
            score = SCORE_SINGLE_STRONG_SURNAME  # -sson, -nen, -ović: a person's surname
            signals.append("surname_morphology")
        elif t.flags & FN and not t.flags & (PLACE | ENG | LEX) and person_verb_after(nxt):
            score = SCORE_SINGLE_SUBJECT  # Florence ringde: the subject of a person's verb
            signals.append("person_verb")
        elif not t.flags & (PLACE | ENG | LEX) and genitive_before_word(gaz, t, nxt) and alone_in_prose(t, toks, nxt):
            score = SCORE_SINGLE_GENITIVE  # Jennings brev, Lindhs nya bok: an owner, a person
            signals.append("genitive_owner")
        elif t.flags & FN and not t.flags & (PLACE | ENG | LEX | SN) and mid_sentence(gaz, t, toks) and alone_in_prose(t, toks, nxt):
            score = SCORE_SINGLE_MID_SENTENCE  # ... bjöd på en Carmencita i går: a given name
            signals.append("mid_sentence")
        else:
            score = SCORE_SINGLE
    elif (
        len(words) == 1
        and not initials
        and unknown_genitive_before_word(gaz, words[0], nxt, toks, text)
        and alone_in_prose(words[0], toks, nxt)
    ):
        score = SCORE_SINGLE_GENITIVE  # Chrétiens hjälte, Oyelarans nya bok: an owner, a person
        signals += ["unknown_capitalised", "genitive_owner"]

    if score is None and not context and not initials and not particles:
        pair = capitalised_pair(gaz, rt, toks, text)
        if pair is not None:
            rt = pair
            score = SCORE_SINGLE_MID_SENTENCE  # ... med Jorvik Tallaksen i spetsen: a name
            signals += ["capitalised_pair", "mid_sentence"]
    if context:
        known = any(t.flags & (FN | SN | MORPH) for t in words)
        if score is not None and score >= SCORE_GIVEN_NAMES:
            score = max(score, SCORE_PAIR_CONTEXT)
        elif known:
            score = max(score or 0.0, SCORE_CONTEXT_KNOWN)
        elif any(t.shape == UPPER for t in words) and context != LABEL:
            return None  # shouting, not a name
        else:
            score = max(score or 0.0, SCORE_CONTEXT_UNKNOWN)
            signals.append("unknown_capitalised")
        signals.append(f"context:{context}")
    if score is None:
        return None
    if particles and "particle" not in signals:
        signals.append("particle")
    if initials and "initial" not in signals:
        signals.append("initial")
    if any(t.flags & GEN for t in words):
        signals.append("genitive")
    if any(t.shape == UPPER for t in words):
        signals.append("all_caps")
    end = rt[-1].end + (1 if rt[-1].initial_dot else 0)
    return rt[0].start, end, score, signals


def particle_joined(rt: List[Tok], words: List[Tok]) -> bool:
    """Capitalised words joined by a lower-case name particle inside the run (``Amadou de
    Bravard``, ``Jorinde van Haaksteeg``, ``Ilario di Montevarchi``): a foreign name. Swedish
    capitalises no word mid-sentence but names, and a particle between two capitalised words
    is how French, Dutch, Italian, Spanish, Portuguese and Arabic names are written. Every word
    is name-like (no common word, place or English word: the run's words already are), in Title
    Case, and none opens the sentence (``Tack de ...``)."""
    if len(words) < 2 or rt[0].flags & PARTICLE or rt[-1].flags & PARTICLE:
        return False
    inner = [t for t in rt[1:-1] if t.flags & PARTICLE]
    if not inner or not all(t.shape == LOWER for t in inner):
        return False
    return all(
        t.shape == TITLE and t.flags & (FN | SN | MORPH | UNK) and not t.flags & (PLACE | ENG | HOMO)
        for t in words
    ) and not any(t.sent_start for t in rt[1:])


def person_verb_after(nxt: Optional[Tok]) -> bool:
    """A verb of what a person does right after the name, in the same clause (``ringde``)."""
    return nxt is not None and nxt.shape == LOWER and nxt.gap in SPACE_GAPS and nxt.text in PERSON_VERBS


def genitive_before_word(gaz: Gazetteer, t: Tok, nxt: Optional[Tok]) -> bool:
    """A known name that ends in s, x or z, and so takes no extra s in the genitive
    (``Jennings``, ``Burgess``, ``Felix``), right before a lower-case Swedish word in the same
    clause, no function word (``Jennings brev``, ``Hughes gamla dagböcker``): the owner of what
    follows, or the subject of a verb, a person either way. Only a name that is no common word,
    place or English word (the caller's guard), and not a car make (``en Mercedes motor``)."""
    if nxt is None or nxt.shape != LOWER or nxt.gap not in SPACE_GAPS or vehicle_make(t.text):
        return False
    if t.flags & GEN and vehicle_make(t.text.rstrip("'’")[:-1]):
        return False  # Renaults försäljning: the car maker
    if not t.text.lower().rstrip("'’").endswith(("s", "x", "z")):
        return False
    return _owned_word_after(gaz, nxt)


def unknown_genitive_before_word(gaz: Gazetteer, t: Tok, nxt: Optional[Tok], toks: List[Tok], text: str) -> bool:
    """A capitalised word that is no word of any list, in the genitive (``Chrétiens``,
    ``Oyelarans``: its stem is no Swedish word and no place), right before a lower-case Swedish
    word in the same clause (``Chrétiens hjälte``, ``Oyelarans nya bok``): a foreign surname
    that owns what follows. Swedish capitalises no noun, so an unknown capitalised genitive
    is a proper noun's; companies and products the lists know are no UNK word. So is the
    genitive as the predicate of a copula ending the sentence (``allt blir Mbekwes.``)."""
    if not t.flags & UNK or t.flags & (STOP | PLACE | LEX | ORG) or t.shape != TITLE or vehicle_make(t.text):
        return False
    low = t.text.lower()
    if len(low) < 5 or not low.endswith("s") or low.endswith("ss") or "-" in low:
        return False
    stem = low[:-1]
    if stem in gaz.lexicon or stem in gaz.non_names or lookup_key(stem) in gaz.places or vehicle_make(t.text[:-1]):
        return False  # Googles, Fortums, Renaults: a company the lists know
    if place_key(t.text[:-1]) in gaz.world_places:
        return False  # Ostravas: a city of the world
    for ending in DEFINITE_GENITIVES:
        base = low[: -len(ending)]
        if low.endswith(ending) and len(base) > 2 and (base in gaz.lexicon or base in gaz.english):
            return False  # Kolumnens, Mailets: a Swedish or English noun in definite form
    if written_in_lower_case(text, stem):
        return False  # Popupens … en popup: a common word of this text
    return _owned_word_after(gaz, nxt) or _copula_predicate(t, toks, text)


COPULAS = frozenset("är var blir bli blev vara varit".split())


def _copula_predicate(t: Tok, toks: List[Tok], text: str) -> bool:
    """Right after a copula (``blir``, ``är``) and right before the end of the sentence."""
    if t.idx == 0 or t.gap not in SPACE_GAPS:
        return False
    prev = toks[t.idx - 1]
    return prev.shape == LOWER and prev.text in COPULAS and text[t.end : t.end + 1] in ("", ".", "!", "?")


# Swedish definite genitive endings (kolumnens, mailets, kolumnernas, filernas)
DEFINITE_GENITIVES = ("ens", "ets", "ns", "ts", "nas", "ernas", "arnas", "ornas")


def written_in_lower_case(text: str, stem: str) -> bool:
    """The stem of a genitive (or that stem without a definite ending: popupen → popup) is
    written in lower case elsewhere in the text: a common word there, no person's name."""
    forms = {stem} | {stem[: -len(e)] for e in ("en", "et", "n", "t") if stem.endswith(e) and len(stem) - len(e) > 2}
    return any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text) for f in forms)


def _owned_word_after(gaz: Gazetteer, nxt: Optional[Tok]) -> bool:
    """A lower-case Swedish word right after, no function word (what a genitive owns)."""
    if nxt is None or nxt.shape != LOWER or nxt.gap not in SPACE_GAPS:
        return False
    low = nxt.text
    return (
        len(low) > 2
        and low in gaz.lexicon
        and low not in gaz.stop_words
        and low not in FUNCTION_WORDS
        and low not in gaz.english_stop_words
    )


def vehicle(rt: List[Tok], toks: List[Tok], text: str) -> bool:
    """The run opens with a car make followed by a model (Honda Civic, Saab 9-3), or opens with
    a model word right after a make (Toyota Corolla, where only Corolla is a name-like word)."""
    first = rt[0]
    if vehicle_make(first.text) and vehicle_model_at(text, first.end):
        return True
    if first.idx == 0 or first.gap not in SPACE_GAPS:
        return False
    prev = toks[first.idx - 1]
    return vehicle_make(prev.text) and vehicle_model_at(text, prev.end)


def strong_surname(t: Tok) -> bool:
    """A surname with a distinctive ending (``Eriksson``, ``Hirvonen``, ``Petrović``),
    genitive included (``Erikssons``)."""
    key = fold(lookup_key(t.text.rstrip("'’")))
    if t.flags & GEN and key.endswith("s"):
        key = key[:-1]
    return bool(morphology(key) & STRONG) or key.endswith("nen")  # Hirvonen, Virtanen


def capitalised_word_after(gaz: Gazetteer, t: Tok, nxt: Optional[Tok]) -> bool:
    """A capitalised common word right after a first name, mid-sentence: a surname that is
    also a word (Anna Svan, Erik Flod), since Swedish capitalises only names there."""
    return (
        nxt is not None
        and nxt.shape == TITLE
        and nxt.flags & LEX
        and not nxt.flags & STOP
        and nxt.gap in SPACE_GAPS
        and len(nxt.text) > 2
        and nxt.text.lower() not in gaz.stop_words
        and not nxt.text.endswith(INSTITUTION_HEADS)
        and nxt.text.lower() not in INSTITUTION_NOUNS
    )


def names_a_place(rt: List[Tok], words: List[Tok], nxt: Tok) -> bool:
    """Birger Jarlsgatan, Gustav Adolfs torg, Lunds kommun: names inside place names."""
    if nxt.gap not in SPACE_GAPS:
        return False
    if nxt.flags & STREET:
        return True
    return (
        nxt.shape == LOWER
        and (nxt.text in INSTITUTION_NOUNS or nxt.text.endswith(INSTITUTION_HEADS))
        and rt[-1].text.endswith(("s", "s'"))
    )


def place_like(t: Tok, toks: List[Tok]) -> bool:
    """A single homograph or place name read as a place: i Lund, från Berg, Nora."""
    if t.flags & PLACE and not t.flags & FN:
        return True
    return after_locative(t, toks)


def digit_adjacent(t: Tok, nxt: Optional[Tok], text: str) -> bool:
    after = text[t.end : nxt.start if nxt else len(text)].strip()
    return t.gap.strip()[-1:].isdigit() or after[:1].isdigit()
