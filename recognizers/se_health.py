"""Health information in Swedish words (``HEALTH``): diagnoses, conditions, symptoms,
functional impairment, mental health and addiction, reproductive and sexual health, injuries,
medications and doses, treatments and tests, and care units that reveal a condition.

For Försäkringskassan the health information *is* the secret (OSL 28:1; OSL 21:1 / 25:1
elsewhere; GDPR art. 9): an ICD-10 code masked while "medelsvår depressiv episod" beside it stays
readable is a leak. ``recognizers/icd10.py`` finds the codes; this recognizer finds the words.

**Lexicon** (``recognizers/data/health/``): ``terms.txt`` (hand-written from the Swedish titles
of ICD-10-SE categories, 1177 Vårdguiden's condition names, clinical and lay synonyms and
abbreviations; sections explained in its header) and ``medications.txt`` (FASS product and
substance names, MIT-licensed, see ``build_medications.py``). Entries are lemmas; Swedish
inflections are generated at load time. Lookup is per token in dictionaries (one tokenizing
regex over the text, no regex per term), so the cost does not grow with the lexicon.

**What is found**

* a lexicon term in any inflection (``astman``, ``depressionen``, ``smärtorna``), multi-word
  terms (``multipel skleros``, ``generaliserat ångestsyndrom``);
* compounds: a word ending in a condition head (``bröstcancer``, ``lungsjukdom``,
  ``urinvägsinfektion``), a body part before an injury or pain head (``ländryggssmärta``,
  ``knäskada``, ``axelbesvär``, ``hörselnedsättning``), a term before a tail
  (``diabetesbehandlingen``, ``migränanfallen``, ``astmamedicin``), ICD-like suffixes
  (``-algi``, ``-pati``, ``-ektomi``, ``-skopi``);
* abbreviations as written (``ADHD``, ``KOL``, ``PTSD``, ``IBS``, ``ME/CFS``; ``ADHD:n``,
  ``KOL-patient``); ambiguous ones (``MS``, ``RA``, ``MR``, ``LPT`` …) only with a cue; a
  diagnosis's abbreviation in lay lower case (``jag har kol``) as a weak word;
* treatments with a compound participle before them (``internetbaserad KBT``), a treatment
  joined to its condition (``KBT vid social fobi``), a product with its formulation word
  (``Pulmicort Turbuhaler``); modifiers and shared compound parts also across a line wrap;
* medications (``Sertralin``, ``Alvedon``) with their dose (``Alvedon 500 mg``, ``50 mg 1x1``);
* care units that reveal a condition (``beroendemottagningen``, ``BUP``, ``vuxenpsykiatrin``,
  ``psykiatrisk öppenvård``, ``onkologen``, ``habiliteringen``, ``smärtkliniken``), and a
  speciality adjective before a care word (``psykiatrisk avdelning``, ``onkologiska kliniken``);
  not when the unit is someone's workplace (``arbetar som undersköterska inom psykiatrin``), but
  a negated work verb or the person's own carer before it keeps it (``kan inte jobba, min läkare
  på beroendemottagningen``); on scans, a long word a few OCR edits from a unit's name
  (``Bialysavdeiningaen``) with a clinical cue or a person in its sentence;
* lay phrasing: a pain or injury word with a body part (``ont i ryggen``, ``skada i knät``,
  ``blåmärken på armarna``; alone ``ont``, ``skada``, ``sår`` are not reported), an injury verb
  before a body part (``bröt armen``), eponyms (``Downs syndrom``), ``beroende av alkohol``.

**Span**: the diagnostic phrase with its modifiers, not the sentence: modifiers before the
term (``kronisk``, ``akut``, ``medelsvår``, ``lindriga``, ``höger``) and after it
(``, ospecificerad``, ``typ 2``, ``i ländryggen``, ``på vänster sida`` is not taken), and a
second term joined by ``med`` (``lumbago med ischias``).

**Scores**: strong terms (a diagnosis by itself) 0.85; medium terms (symptoms, treatments,
tests) 0.6, 0.75 with a cue; medications 0.7, 0.85 with a dose or a cue; care units 0.7; weak
words (``besvär``, ``beroende``, ``operation``, ``MS``) 0.3 (proposed in review) and 0.65 with a
cue. A *cue* is a personal or medical context in the sentence or just before it: a diagnosis
label (``Diagnos:``), a clinical verb (``lider av``, ``behandlas för``, ``diagnostiserad med``,
``sjukskriven på grund av``, ``medicinerar med``, ``remitterad till``, ``utredd för``,
``har fått besked om``, ``enligt journalen``) or a personal reference (``hon``, ``han``,
``jag``, ``hennes``, ``sin``, ``patienten``, ``den försäkrade``, ``sökanden``, ``barnet`` …).

**General statements** (``Depression är vanligt bland unga``): when a sentence has a marker of
a general statement (``vanlig``, ``andelen``, ``bland``, ``personer med``, ``forskning``,
``procent`` …) and no personal reference or cue, nobody's health is described: every finding
in it scores 0.3 at most (proposed in review, not masked automatically); weak words there are
dropped.

**Not health data**: words of the agency's process (``sjukpenning``, ``sjukersättning``,
``sjukskrivning``, ``läkarintyg``, ``vårdcentralen``, ``arbetsförmåga``, ``medicinskt
underlag``, ``arbetsskada``) and look-alike compounds (``driftstörning``, ``maktmissbruk``) are
never reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Optional

import re as _stdre

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from masking import entities
from recognizers.base import make_result

DATA = Path(__file__).resolve().parent / "data" / "health"

STRONG, MEDIUM, WEAK, MEDICATION, UNIT = "strong", "medium", "weak", "medication", "unit"
NEEDS_BODY = "needs_body"  # internal: a word that is health data only with a body part after it
_RANK = {NEEDS_BODY: -1, WEAK: 0, MEDIUM: 1, MEDICATION: 2, UNIT: 2, STRONG: 3}
# genitives that are no eponym ("Hans sjukdom" at a sentence start: his illness)
_POSSESSIVES = frozenset("hans hennes hens dess ens vems deras"
                         .split())
# eponyms that may open a sentence ("Parkinsons sjukdom har …")
_EPONYMS = frozenset(
    "down sjögren huntington parkinson alzheimer crohn asperger bechterew menière meniere tourette "
    "cushing addison raynaud hodgkin graves hashimoto marfan klinefelter turner dupuytren "
    "scheuermann perthes paget wilson bell horton still".split()
)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?:\n\"'”–-•"


_INJURY_VERBS = frozenset(
    "bröt brutit bryter stukade stukat vrickade vrickat opererade opererat amputerade amputerat".split()
)
# "Downs syndrom", "Huntingtons sjukdom": a capitalised genitive before these is a condition's name
_EPONYM_HEADS = frozenset(
    "syndrom syndromet syndromets sjukdom sjukdomen sjukdomens sjukdomar fenomen fenomenet demens "
    "sarkom lymfom".split()
)

SCORE = {STRONG: 0.85, MEDIUM: 0.6, WEAK: 0.3, MEDICATION: 0.7, UNIT: 0.7}
SCORE_CUE = {STRONG: 0.85, MEDIUM: 0.75, WEAK: 0.65, MEDICATION: 0.85, UNIT: 0.75}
SCORE_DOSE = 0.85
SCORE_GENERAL = 0.3
SCORE_WEAK_PERSONAL = 0.5  # "hon har MS", "du har en funktionsnedsättning": after "har/med/av"  # a general statement with no person in it: review, not automatic masking

# Inflection endings added to a lemma (nouns and adjectives; over-generation is harmless because
# only words that occur in text are looked up).
_ENDINGS = ("", "s", "en", "ens", "et", "ets", "n", "ns", "t", "er", "erna", "ernas", "ar", "arna",
            "arnas", "na", "nas", "r", "rna", "a", "e", "ts")
_A_ENDINGS = ("or", "orna", "ornas", "an", "ans")  # smärta -> smärtor, smärtorna
_E_ENDINGS = ("ar", "arna", "en")  # stroke -> stroken
_COLON_SUFFIX = re.compile(r"[:’'](?:n|en|s|et|ns|ens|ets|ar|arna|er|erna|or|orna|a)$", re.IGNORECASE)

# Tokens: letters and digits joined by - / : ' (ME/CFS, ADHD:n, covid-19). The standard library's
# engine is about twice as fast as ``regex`` for this one pattern over a whole page.
_TOKEN = _stdre.compile(r"[^\W_]+(?:[-/:’'][^\W_]+)*")


def _inflect(lemma: str) -> set[str]:
    if len(lemma) < 4 or not lemma[-1].isalpha():
        return {lemma, lemma + "s"} if lemma[-1:].isalpha() else {lemma}
    forms = {lemma + e for e in _ENDINGS}
    if lemma.endswith("a"):
        forms |= {lemma[:-1] + e for e in _A_ENDINGS}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + e for e in _E_ENDINGS}
    if lemma.endswith("d"):  # generaliserad -> generaliserat
        forms.add(lemma[:-1] + "t")
    if lemma.endswith("el") or lemma.endswith("er"):  # muskel -> muskler
        forms |= {lemma[:-2] + lemma[-1] + e for e in ("er", "erna", "ar", "arna")}
    return forms


@dataclass
class Lexicon:
    single: dict[str, str]  # lower-case form -> class
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]  # first token -> (rest, class), longest first
    abbrev: dict[str, tuple[str, bool]]  # as written -> (class, lower case allowed)
    abbrev_lower: dict[str, str]
    head_any: frozenset[str]
    head_body: frozenset[str]
    body: frozenset[str]
    body_long: tuple[str, ...]  # body stems of four letters or more: "ländryggs" ends in "ryggs"
    body_parts: tuple[str, ...]  # body words as listed (compound ends: "käkben", "ländrygg")
    tails: frozenset[str]
    prefix_stems: dict[str, str]
    suffixes: tuple[str, ...]
    pre: frozenset[str]
    pre_phrases: dict[str, tuple[str, ...]]
    not_words: frozenset[str]
    needs_body: frozenset[str]  # "ont", "skada": health data only with a body part ("ont i ryggen")
    adj_unit: frozenset[str]  # "psykiatrisk(a)" before a care word ("psykiatrisk avdelning")
    care_words: frozenset[str]
    endings4: frozenset[str]  # last 4 letters of every head/tail form: a cheap pre-check
    unit_words: tuple[str, ...] = ()  # one-word care units as listed, for OCR-damaged reading


def _sections(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
            continue
        if current is not None:
            out[current].append(line)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    sec = _sections(DATA / "terms.txt")
    meds = [
        w.strip().lower()
        for w in (DATA / "medications.txt").read_text("utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    not_words = frozenset(w.lower() for w in sec.get("not", []))
    single: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}

    def add(term: str, cls: str) -> None:
        toks = term.lower().split()
        last_forms = _inflect(toks[-1])
        if len(toks) == 1:
            for f in last_forms:
                if f in not_words:
                    continue
                if _RANK[single.get(f, WEAK)] <= _RANK[cls] or f not in single:
                    single[f] = cls
            return
        for f in last_forms:
            rest = tuple(toks[1:-1]) + (f,)
            phrases.setdefault(toks[0], []).append((rest, cls))

    for cls, key in ((WEAK, "weak"), (MEDICATION, "medication"), (MEDIUM, "medium"), (UNIT, "unit"),
                     (STRONG, "strong")):
        for term in sec.get(key, []):
            add(term, cls)
    for m in meds:
        if m not in single:
            single[m] = MEDICATION
    for first in phrases:
        phrases[first].sort(key=lambda p: -len(p[0]))

    abbrev: dict[str, tuple[str, bool]] = {}
    for key, cls in (("abbrev", STRONG), ("abbrev_weak", WEAK)):
        for line in sec.get(key, []):
            word, _, flag = line.partition(" ")
            abbrev[word] = (cls, flag.strip() == "*")
    abbrev_lower = {w.lower(): cls for w, (cls, lower) in abbrev.items() if lower}

    def forms(words: Iterable[str]) -> frozenset[str]:
        return frozenset(f for w in words for f in _inflect(w.lower()))

    head_any = forms(sec.get("head_any", []))
    head_body = forms(sec.get("head_body", []))
    tails = forms(sec.get("tail", []))
    body: set[str] = set()
    for b in sec.get("body", []):
        b = b.lower()
        body |= {b, b + "s", b + "-", b + "e"}
        if b[-1] in "ae":
            body |= {b[:-1], b[:-1] + "-"}
    prefix_stems: dict[str, str] = {}
    for term in sec.get("strong", []) + sec.get("medium", []) + sec.get("unit", []):
        if " " in term or len(term) < 4:
            continue
        cls = STRONG if term in sec.get("strong", []) else MEDIUM
        t = term.lower()
        for stem in (t, t + "s", t + "-", t[:-1] if t[-1] in "ae" else None):
            if stem and len(stem) >= 4:
                prefix_stems.setdefault(stem, cls)
    for w, (cls, _) in abbrev.items():
        prefix_stems.setdefault(w.lower() + "-", MEDIUM if cls == WEAK else STRONG)
    pre_single: set[str] = set()
    pre_phrases: dict[str, tuple[str, ...]] = {}
    for p in sec.get("pre", []):
        toks = p.lower().split()
        fs = _inflect(toks[-1]) | {toks[-1] + "t", toks[-1] + "a", toks[-1] + "e"}
        if len(toks) == 1:
            pre_single |= fs
        else:
            for f in fs:
                pre_phrases[f] = tuple(toks[:-1])
    endings4 = frozenset(f[-4:] for f in head_any | head_body | tails if len(f) >= 4)
    endings4 |= frozenset(f for f in head_any | head_body | tails if len(f) == 3)
    endings4 |= frozenset(s[-4:] for s in sec.get("suffix", []))
    return Lexicon(
        single=single,
        phrases=phrases,
        abbrev=abbrev,
        abbrev_lower=abbrev_lower,
        head_any=head_any,
        head_body=head_body,
        body=frozenset(body),
        body_long=tuple(sorted({b for b in body if len(b.rstrip("s-")) >= 4})),
        body_parts=tuple(sorted({b.lower() for b in sec.get("body", []) if len(b) >= 3})),
        tails=tails,
        prefix_stems=prefix_stems,
        suffixes=tuple(s.lower() for s in sec.get("suffix", [])),
        pre=frozenset(pre_single),
        pre_phrases=pre_phrases,
        not_words=not_words,
        needs_body=frozenset(w.lower() for w in sec.get("needs_body", [])),
        adj_unit=frozenset(f for w in sec.get("adj_unit", []) for f in _inflect(w.lower())),
        care_words=frozenset(f for w in sec.get("care_word", []) for f in _inflect(w.lower())),
        endings4=endings4,
        unit_words=tuple(
            sorted({u.lower() for u in sec.get("unit", []) if " " not in u and len(u) >= _FUZZY_UNIT_MIN_LEN - 2})
        ),
    )


# -- context ------------------------------------------------------------------------------------
_CUE = re.compile(
    r"(?i)(?<!\p{L})(?:diagnos\p{L}*|huvuddiagnos\p{L}*|bidiagnos\p{L}*|dg|icd|"
    r"lider\s+av|led\s+av|lidit\s+av|drabba(?:ts|des|d)\s+av|behandla(?:s|des|ts)\s+(?:för|med|mot)|"
    r"behandling\s+(?:för|mot|av|med)|besvär\s+(?:med|av)|sjukskriv\p{L}*|"
    r"medicinera(?:r|de|t)?|ordinera(?:t|d|des|s)?|förskriv\p{L}*|tar\s+(?:medicinen|tabletter)|"
    r"remitter\p{L}*|remiss\p{L}*|utred(?:d|da|ning|ningen|s|des)\s+(?:för|av|avseende)|"
    r"har\s+fått\s+besked|fick\s+besked|enligt\s+journal\p{L}*|journal\p{L}*|läkarintyg\p{L}*|"
    r"intyget|utlåtande\p{L}*|epikris\p{L}*|anamnes\p{L}*|symtom\p{L}*|insjuknade|insjuknat|"
    r"konstatera(?:t|d|des|de)|opererad\p{L}*|opererades|vårda(?:s|des|d|ts)|inlagd|intagen|"
    r"vård\s+enligt|läkemedel\p{L}*|mediciner\p{L}*|behandlande|psykolog\p{L}*|psykiater\p{L}*|"
    r"har\s+ont|mår\s+dåligt|problem\s+med|svårigheter\s+med|tecken\s+på|misstänkt)"
    r"(?!\p{L})"
)
_PERSONAL = re.compile(
    r"(?i)(?<!\p{L})(?:jag|mig|min|mitt|mina|du|dig|din|ditt|dina|han|honom|hans|hon|henne|hennes|"
    r"hen|hens|sin|sitt|sina|patienten|patientens|den\s+försäkrade|försäkrade[ns]?|sökande[ns]?|"
    r"klienten|klientens|brukaren|brukarens|barnet|barnets|sonen|dottern|modern|fadern|mamman|"
    r"pappan|maken|makan|sambon|den\s+enskilde|den\s+enskildes|vi|oss|vår|vårt|våra|ni|er|ert|era|"
    r"enligt\s+(?:egen|eget|sin|hans|hennes)\s+(?:uppgift|utsago))"
    r"(?!\p{L})"
)
# Markers of a general statement. One marker of the first kind is enough ("Depression är vanligt
# bland unga"); of the second kind, two are needed ("Lergigan användes som lugnande medel"), so that
# "Anna har ofta migrän" stays about Anna.
_GENERAL = re.compile(
    r"(?i)(?<!\p{L})(?:vanlig\p{L}*|ovanlig\p{L}*|andel\p{L}*|förekomst\p{L}*|statistik\p{L}*|procent|"
    r"bland|de\s+flesta|personer|människor|individer|patienter|invånare|befolkning\p{L}*|"
    r"de\s+som|den\s+som|forskning\p{L}*|studie\p{L}*|riskfaktor\p{L}*|generellt|i\s+allmänhet|"
    r"definiera\p{L}*|kännetecknas|folksjukdom\p{L}*|kallas|kallades|betecknas|länder|världen|"
    r"miljoner|samhälle\p{L}*)(?!\p{L})|%"
)
_GENERAL_WEAK = re.compile(
    r"(?i)(?<!\p{L})(?:många|ökar|ökat|minskar|minskat|antal\p{L}*|orsak\p{L}*|innebär|exempelvis|"
    r"till\s+exempel|t\.\s?ex|såsom|ofta|vanligen|används|användes|kan\s+leda|kan\s+ge|leder\s+till|"
    r"uppstår|förekommer|drabbar|betyder|medel|medlen|numera|normal\p{L}*|man|kvinnor|män|alla|"
    r"ingen|alltid|sällan)(?!\p{L})"
)
_HAS_BEFORE = re.compile(
    r"(?i)(?<!\p{L})(?:har|hade|med|av|för)[ \t]+"
    r"(?:(?:enligt\s+(?:egen|eget|sin|hans|hennes)\s+(?:uppgift|utsago)|också|även|själv|numera|"
    r"sedan\s+länge|fortfarande)\s+)?(?:en[ \t]+|ett[ \t]+)?$"
)
# a care unit as a workplace ("arbetar som undersköterska inom psykiatrin") says nothing of a condition
_WORKS_AT = re.compile(
    r"(?i)(?<!\p{L})(?:arbeta\p{L}*|jobba\p{L}*|anställ\p{L}*|tjänstgör\p{L}*|praktik\p{L}*|"
    r"praktiserar|vikarie\p{L}*)(?!\p{L})[^.\n]{0,40}$"
)
# ... unless the verb is negated ("kan inte jobba") or the person's own carer stands between the
# verb and the unit ("… jobba, min läkare på beroendemottagningen"): then the unit is the person's
_NOT_AT_WORK = re.compile(
    r"(?i)(?<!\p{L})(?:inte|ej|aldrig|ingen|orkar|klarar)[ \t]+(?:\p{L}+[ \t]+)?$"
)
_OWN_CARER = re.compile(
    r"(?i)(?<!\p{L})(?:min|mitt|mina|din|ditt|hans|hennes|hens|sin|sitt|sina|vår|deras|patientens|"
    r"barnets)[ \t]+(?:\p{L}+[ \t]+)?(?:läkare|doktor|psykolog|psykiater|kurator|terapeut|behandlare|"
    r"sjuksköterska|kontaktperson|kontakt|vårdkontakt|ssk)\p{L}*(?!\p{L})"
)


def _at_work(text: str, start: int) -> bool:
    """Whether the care unit ending before ``start`` is named as someone's workplace."""
    m = _WORKS_AT.search(text, max(0, start - 80), start)
    if m is None:
        return False
    if _NOT_AT_WORK.search(text, max(0, m.start() - 30), m.start()):
        return False
    return _OWN_CARER.search(text, m.start(), start) is None
# "lumbago med ischias", "behandling vid opioidberoende", "medicin mot epilepsi": one phrase
_JOINED = re.compile(r"[ \t]+(?:med|vid|mot)[ \t]*\n?[ \t]*")
# Compound participles that make a treatment's kind ("internetbaserad KBT", "traumafokuserad
# terapi", "läkemedelsassisterad behandling"): taken into the span before a health term.
_KIND_PARTICIPLE = re.compile(
    r"(?i)\p{L}{3,}(?:baserad|fokuserad|inriktad|assisterad|stödd|orienterad|specifik)(?:e|t|a)?"
)
# Formulation words after a medication's name ("Bricanyl Turbuhaler", "Concerta Depot").
_FORMULATION = frozenset(
    "turbuhaler diskus easyhaler respimat novolizer ellipta evohaler autohaler inhalator depot retard "
    "mite forte zoc novum flexpen penfill solostar kwikpen novopen injektionspenna oral "
    "munsönderfallande depotplåster plåster nässpray ögondroppar".split()
)
_LIST_GAP = re.compile(r"(?:,|,?\s+(?:och|eller|samt))\s+")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
_LABEL_LINE = re.compile(
    r"(?im)^[ \t]*(?:huvud|bi)?(?:diagnos(?:er)?|sjukdom(?:ar)?|sjukdomens|läkemedel|medicinering|"
    r"aktuell\s+medicinering|behandling|pågående\s+(?:medicinsk\s+)?behandling|symtom|"
    r"anamnes|status|funktionsnedsättning|aktivitetsbegränsning|dg|icd-?10(?:-se)?|"
    r"pågående\s+och\s+planerad)\b"
)
_DOSE = re.compile(
    r"(?i)[ \t\u00a0]*(?:\d+(?:[.,]\d+)?[ \t\u00a0]*(?:mg|g|mikrogram|µg|mcg|ml|ie|e|mmol|%)"
    r"(?:/(?:ml|dos|dygn|h|timme))?)(?!\p{L})(?:[ \t\u00a0]*(?:\d+[ \t]?[x×][ \t]?\d+|x[ \t]?\d+|"
    r"\d+\+\d+(?:\+\d+)*))?"
)
# A capitalised word with a dose after it is a medication even when no list knows it
# ("Zyklorin 20 mg"): new products, foreign names.
_PRODUCT_DOSE = re.compile(
    r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\-]{3,}(?=[ \t\u00a0]+\d+(?:[.,]\d+)?[ \t\u00a0]?"
    r"(?:mg|mikrogram|µg|mcg|IE|ml)(?!\p{L}))"
)
_DOSE_WORDS = frozenset(
    "totalt dosen dos dygnsdos dygnsdosen ca cirka upp till med och av tar ökad ökat ökade sänkt sänkte "
    "minskad minskade högst max maximalt minst varav per från ger gav fick får hon han hen jag nu sedan "
    "före efter vid dagligen morgon kväll natt vikt vikten totaldos engångsdos startdos underhållsdos "
    "dosering doseringen styrka styrkan tablett tabletter kapsel kapslar injektion".split()
)
_SEVERITY = r"(?:lindrig|medelsvår|svår|måttlig|lätt|akut|kronisk|grav|aktuell|nuvarande)\p{L}{0,2}"
# "rygg- och nackbesvär", "ångest- och depressionstillstånd": a compound's first part shared
_SHARED_PART = re.compile(r"(?:\p{L}{2,}-,?[ \t]+)*\p{L}{2,}-[ \t]*\n?[ \t]*(?:och|eller)[ \t]*\n?[ \t]*$")
_POST = re.compile(
    r"(?i)(?:,?[ \t]+(?:ospecificerad|ospecificerat|ospecificerade|UNS)(?!\p{L})|"
    r"[ \t]+typ[ \t]+(?:[12](?!\d)|I{1,3}(?![\p{L}\d])|[AB](?![\p{L}\d]))|"
    r",?[ \t]+stadium[ \t]+\d(?!\d)|"
    rf"[ \t]+av[ \t]+{_SEVERITY}[ \t]+(?:grad|art|karaktär)(?!\p{{L}})|"
    r"[ \t]+(?:vulgaris|nervosa|mellitus|pectoris|simplex|major|minor|chronica|acuta|reumatica)(?!\p{L})|"
    rf",?[ \t]+(?:{_SEVERITY}[ \t]+(?:eller|och)[ \t]+)?{_SEVERITY}"
    r"(?:[ \t]+(?:depressiv|psykotisk|manisk|hypoman)\p{L}*)?[ \t]+(?:episod|form|grad|fas|skov)(?!\p{L})|"
    r"[ \t]+(?:i|på|över|med)[ \t]+(?:(?:höger|vänster|båda|bägge)[ \t]+)?(?P<body>\p{L}+))"
)


_FORMULATION_AFTER = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*(\p{L}+)")


# Scanned text: OCR misreads a character of a long word now and then (a diacritic gained or lost,
# "l" and "i", "rn" and "m"). A word of at least this length that is one such look-alike away
# from a lexicon word (or compound) is that word; shorter words are too often other words.
_OCR_MIN_LEN = 8
_OCR_SWAPS: dict[str, tuple[str, ...]] = {
    "a": ("å", "ä"), "å": ("a", "ä"), "ä": ("a", "å"), "o": ("ö",), "ö": ("o",), "e": ("é",),
    "é": ("e",), "u": ("ü",), "ü": ("u",), "i": ("l",), "l": ("i",), "m": ("rn",),
}  # fmt: skip


def _ocr_variants(low: str) -> Iterable[str]:
    """``low`` with one character (or ``rn``) replaced by its OCR look-alike, left to right."""
    for i, c in enumerate(low):
        for r in _OCR_SWAPS.get(c, ()):
            yield low[:i] + r + low[i + 1 :]
        if low.startswith("rn", i):
            yield low[:i] + "m" + low[i + 2 :]


# A care unit that OCR damaged more than one look-alike ("Sjalysavdelninagen" for
# "dialysavdelningen": a letter read as another, one added): a long word, no word of the lexicon,
# within a few edits of a care unit's name, in a sentence with a clinical cue or a person
# ("tidigare vårdats inom …"), is that unit. Units' names are long and specific; a word this
# close to one is no other word.
_FUZZY_UNIT_MIN_LEN = 12


def _fuzzy_edits(length: int) -> int:
    return 3 if length >= 16 else 2


def _within_edits(a: str, b: str, k: int) -> bool:
    """Whether the Levenshtein distance of ``a`` and ``b`` is at most ``k`` (a band of the
    table, stopped as soon as a row exceeds ``k``)."""
    if abs(len(a) - len(b)) > k:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        lo, hi = max(1, i - k), min(len(b), i + k)
        cur = [i] + [k + 1] * len(b)
        for j in range(lo, hi + 1):
            cost = 0 if ca == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        if min(cur[max(0, lo - 1) : hi + 1]) > k:
            return False
        prev = cur
    return prev[len(b)] <= k


def _fuzzy_unit(low: str, units: tuple[str, ...]) -> bool:
    k = _fuzzy_edits(len(low))
    return any(_within_edits(low, u, k) for u in units)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): bounded by . ! ? and blank lines, and by the line break
    after a short line (a heading, a list item, a signature line is no part of a sentence)."""
    lo = max(0, start - 240)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    nl = text.rfind("\n", s, start)
    while nl >= 0:
        prev = text.rfind("\n", 0, nl) + 1
        # a short line ends the sentence unless the text goes on in lower case after the break
        # (a wrapped line: "… och har enligt" / "egen uppgift kol.")
        if nl - prev < _SHORT_LINE and not text[nl + 1 : nl + 2].islower():
            s = nl + 1
            break
        nl = text.rfind("\n", s, nl)
    m = _SENTENCE_END.search(text, end, min(len(text), end + 240))
    e = m.start() if m else min(len(text), end + 240)
    line_end = text.find("\n", end, e)
    if line_end >= 0 and line_end - (text.rfind("\n", 0, line_end) + 1) < _SHORT_LINE:
        e = line_end
    return s, e


_SHORT_LINE = 50


# A diagnosis code: "G35", "F32.1", "F438A" (as recognizers/icd10.py writes it, simplified)
_CODE = r"[A-TV-Z]\d\d(?:\.?\d{1,2}[A-Z]?)?"
# "MS (G35)": the code says it, also where the line wraps before the code ("MS⏎(G35)")
_CODE_AFTER = re.compile(rf"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?\([ \t\u00a0]*{_CODE}[ \t\u00a0]*\)")
_CODE_LINE_START = re.compile(rf"[ \t]*{_CODE}[ \t]")  # "G35 MS" under "Diagnos": no heading


def _is_heading(text: str, line_start: int, start: int, end: int) -> bool:
    """A short line without a sentence end and without a colon before the term: a heading."""
    if _CODE_LINE_START.match(text, line_start):
        return False
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return len(line.split()) <= 6 and not line.endswith((".", "!", "?")) and ":" not in text[line_start:start]


_BODY_ENDINGS = ("", "en", "et", "n", "t", "na", "er", "erna", "ar", "arna", "or", "orna", "s", "ens", "ets")


def _is_body_word(word: str, lex: Lexicon) -> bool:
    """A body part in any inflection, also at the end of a compound ("ländryggen", "käkbenet")."""
    w = word.lower()
    for ending in _BODY_ENDINGS:
        if ending and not w.endswith(ending):
            continue
        stem = w[: len(w) - len(ending)] if ending else w
        if len(stem) < 2:
            continue
        if stem in lex.body:
            return True
        for b in lex.body_parts:
            if len(stem) - len(b) >= 3 and stem.endswith(b):
                return True
    return False


class SeHealthRecognizer(EntityRecognizer):
    """Health information in words (see the module docstring)."""

    ENTITY = entities.HEALTH
    # Words repeat a lot in documents: a word's class (lexicon, compounds, OCR look-alikes: a
    # dozen lookups and slices per letter of a long word) is kept per process, as the name
    # recognizer's classifier does; the cache starts over when it holds this many words.
    MAX_CACHE = 300_000

    def __init__(self, supported_language: str = "sv", name: Optional[str] = None) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=name or "SeHealthRecognizer",
        )
        self._word_classes: dict[str, Optional[str]] = {}

    def load(self) -> None:
        lexicon()

    # -- token classification -----------------------------------------------------------------
    def _word_class(self, tok: str, lex: Lexicon) -> Optional[str]:
        """The class of a word on its own (:meth:`_classify`, else the lexicon word it is one OCR
        look-alike away from), cached."""
        cache = self._word_classes
        if tok in cache:
            return cache[tok]
        cls = self._classify(tok, lex)
        if cls is None and len(tok) >= _OCR_MIN_LEN and tok.isalpha():
            cls = self._ocr_variant(tok.lower(), lex)
        if len(cache) >= self.MAX_CACHE:
            cache.clear()
        cache[tok] = cls
        return cls

    def _classify(self, tok: str, lex: Lexicon) -> Optional[str]:
        low = tok.lower()
        # abbreviations as written (ADHD, ADHD:n, KOL-patient); lower-case ones only if marked
        core = _COLON_SUFFIX.sub("", tok) if (":" in tok or "'" in tok or "’" in tok) else tok
        if core in lex.abbrev:
            return lex.abbrev[core][0]
        core_low = core.lower() if core is not tok else low
        if core_low in lex.abbrev_lower:
            return lex.abbrev_lower[core_low]
        if core.islower() and core.upper() in lex.abbrev and lex.abbrev[core.upper()][0] == STRONG:
            return WEAK  # "jag har kol": a diagnosis's abbreviation in lay lower case, with a cue only
        cls = lex.single.get(low)
        if cls is not None:
            return cls
        if low in lex.not_words:
            return None
        if "-" in tok:
            head, _, rest = tok.partition("-")
            if head in lex.abbrev and rest[:1].isalpha():
                cls = lex.abbrev[head][0]
                if cls == STRONG:
                    return STRONG
                return MEDIUM if rest.lower() in lex.tails or rest.lower() in lex.single else None
            if head.lower() in lex.abbrev_lower and rest[:1].isalpha():
                return STRONG
        if len(low) < 6 or (
            low[-4:] not in lex.endings4 and low[-3:] not in lex.endings4 and not low.endswith(lex.suffixes)
        ):
            return None
        return self._compound(low, lex)

    def _ocr_variant(self, low: str, lex: Lexicon) -> Optional[str]:
        """The class of the lexicon word that ``low`` is one OCR look-alike away from
        (``beroendemottågningen``, ``missbruksprobiem``), a strong class read as medium; None
        when there is none or ``low`` is a word of its own (not-words)."""
        if low in lex.not_words:
            return None
        for cand in _ocr_variants(low):
            if cand in lex.not_words:
                continue
            cls = lex.single.get(cand)
            if cls is None and (cand[-4:] in lex.endings4 or cand[-3:] in lex.endings4 or cand.endswith(lex.suffixes)):
                cls = self._compound(cand, lex)
            if cls in (STRONG, MEDIUM, UNIT):
                return MEDIUM if cls == STRONG else cls
        return None

    @staticmethod
    def _compound(low: str, lex: Lexicon) -> Optional[str]:
        n = len(low)
        for j in range(3, n - 2):
            suffix = low[j:]
            prefix = low[:j].rstrip("-")
            if suffix in lex.head_any and len(prefix) >= 3:
                return STRONG
            if suffix in lex.head_body:
                for cut in (0, 1):
                    p = prefix[: len(prefix) - cut] if cut else prefix
                    if p in lex.body or any(p.endswith(b) for b in lex.body_long):
                        return MEDIUM
            if suffix in lex.tails:
                stem = low[:j]
                cls = lex.prefix_stems.get(stem)
                if cls is None and stem.endswith("s"):
                    cls = lex.prefix_stems.get(stem[:-1])
                if cls is not None and cls != WEAK:
                    return cls
        for suf in lex.suffixes:
            if low.endswith(suf) and len(low) - len(suf) >= 3:
                return MEDIUM
        return None

    # -- Presidio API ---------------------------------------------------------------------------
    def analyze(
        self, text: str, entities: List[str], nlp_artifacts: Optional[NlpArtifacts] = None
    ) -> List[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        lex = lexicon()
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        found: list[list] = []  # [start, end, class, last token index]
        i = 0
        n = len(toks)
        while i < n:
            s, e, tok = toks[i]
            low = tok.lower()
            hit = None
            for rest, cls in lex.phrases.get(low, ()):
                k = len(rest)
                if i + k < n and all(toks[i + 1 + q][2].lower() == rest[q] for q in range(k)):
                    if all(toks[i + q + 1][0] - toks[i + q][1] <= 2 for q in range(k)):
                        hit = (i + k, cls)
                        break
            if hit is None and i + 1 < n and text[e : toks[i + 1][0]] in (" ", "\u00a0", "\n"):
                nxt = toks[i + 1][2].lower()
                if low in lex.adj_unit and (nxt in lex.care_words or nxt in lex.single):
                    hit = (i + 1, UNIT)  # "psykiatrisk avdelning", "onkologiska kliniken"
                elif (
                    tok[:1].isupper()
                    and low.endswith(("s", "'s", "’s"))
                    and nxt in _EPONYM_HEADS
                    and low not in _POSSESSIVES
                    and (low.rstrip("s'’") in _EPONYMS or not _sentence_start(text, s))
                ):
                    hit = (i + 1, STRONG)  # "Downs syndrom", "Sjögrens syndrom"
                elif low in _INJURY_VERBS and _is_body_word(nxt, lex) and not nxt.endswith("s"):
                    hit = (i + 1, MEDIUM)  # "bröt armen", "stukade foten"
            if hit is None:
                cls = self._word_class(tok, lex)
                joint = next((c for c in "-'’" if c in tok), None) if cls is None else None
                if joint is not None:
                    # scanned: a space read as a hyphen or an apostrophe ("ångestsyndrom-enligt",
                    # "smärtrehabilitering'och"): the term alone
                    head, _, rest = tok.partition(joint)
                    if len(head) >= 5 and rest.isalpha() and rest.islower():
                        head_cls = self._classify(head, lex)
                        if head_cls in (STRONG, MEDIUM, UNIT):
                            found.append([s, s + len(head), head_cls, i, i])
                            i += 1
                            continue
                if cls is None and tok[:1].isupper() and low not in _DOSE_WORDS and _PRODUCT_DOSE.match(text, s):
                    cls = MEDICATION
                if cls is None and low in lex.needs_body:
                    cls = NEEDS_BODY
                if (
                    cls is None
                    and len(tok) >= _FUZZY_UNIT_MIN_LEN
                    and tok.isalpha()
                    and _fuzzy_unit(low, lex.unit_words)
                    and self._cue_or_person(text, s, e)
                ):
                    cls = UNIT  # "vårdats inom Sjalysavdelninagen": OCR-damaged care unit
                if cls is not None:
                    hit = (i, cls)
            if hit is None:
                i += 1
                continue
            last, cls = hit
            found.append([s, toks[last][1], cls, i, last])
            i = last + 1
        if not found:
            return []
        return self._results(text, toks, found, lex)

    @staticmethod
    def _cue_or_person(text: str, start: int, end: int) -> bool:
        """A clinical cue or a personal reference in the sentence around [start, end), the word
        itself left out."""
        s_lo, s_hi = _sentence(text, start, end)
        outside = text[s_lo:start] + " " + text[end:s_hi]
        return _CUE.search(outside) is not None or _PERSONAL.search(outside) is not None

    def _results(self, text: str, toks: list, found: list, lex: Lexicon) -> List[RecognizerResult]:
        results: List[RecognizerResult] = []
        merged: list[list] = []
        for f in found:
            f[0] = self._extend_left(text, toks, f[3], f[0], lex)
            f[1], dose, body = self._extend_right(text, f[1], f[2], lex)
            f.append(dose)
            if f[2] in (NEEDS_BODY, WEAK) and body:
                f[2] = MEDIUM  # "ont i ryggen", "operation i knät"
            elif f[2] == NEEDS_BODY:
                continue
            if merged and f[0] < merged[-1][1]:  # inside the previous phrase ("…, medelsvår depressiv episod")
                if f[1] > merged[-1][1]:
                    merged[-1][1] = f[1]
                continue
            # "lumbago med ischias": one phrase
            if merged and _JOINED.fullmatch(text, merged[-1][1], f[0]):
                prev = merged[-1]
                prev[1] = f[1]
                prev[2] = max(prev[2], f[2], key=_RANK.__getitem__)
                prev[4] = f[4]
                prev[5] = prev[5] or f[5]
                continue
            merged.append(f)
        prev_end = None
        for start, end, cls, first_i, last_i, dose in merged:
            if cls == WEAK and text[end : end + 4].lower() in (" på ", " på\n"):
                continue  # "beroende på": depending on
            s_lo, s_hi = _sentence(text, start, end)
            sentence = text[s_lo:s_hi]
            window = text[max(start - 160, 0) : start]
            line_start = text.rfind("\n", 0, start) + 1
            prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            # a label line above the term ("Diagnos" / "F32.1 …"), or a label with a colon before
            # it on its own line ("Diagnos: MS"); a heading is not health data by itself
            label = (line_start > 0 and _LABEL_LINE.match(text, prev_start, line_start) is not None) or (
                _LABEL_LINE.match(text, line_start, start) is not None and ":" in text[line_start:start]
            )
            outside = text[s_lo:start] + " " + text[end:s_hi]  # the term itself is no marker
            cue = label or _CUE.search(outside) is not None or _CUE.search(window) is not None
            # listed with a condition: "sjukdomskänsla och trötthet", "astma, allergi och eksem"
            listed = prev_end is not None and _LIST_GAP.fullmatch(text, prev_end, start) is not None
            coded = _CODE_AFTER.match(text, end) is not None  # "MS (G35)": a diagnosis, no heading
            cue = cue or listed or coded
            personal = _PERSONAL.search(sentence) is not None
            general = (
                not label
                and not personal
                and not cue
                and (_GENERAL.search(outside) is not None or len(_GENERAL_WEAK.findall(outside)) >= 2)
            )
            if cls == UNIT and _at_work(text, start):
                continue
            if cls == WEAK and not listed and not label and not coded and _is_heading(text, line_start, start, end):
                continue  # "Sjukdomens konsekvenser – funktionsnedsättning": a form's heading
            if general:
                if cls == WEAK:
                    continue
                score = SCORE_GENERAL
            elif dose:
                score = SCORE_DOSE
            elif cue or (personal and cls != WEAK):
                score = SCORE_CUE[cls]
            elif cls == WEAK:
                if not personal:
                    continue  # an ambiguous word with no person and no cue: not health data
                after_verb = _HAS_BEFORE.search(text, max(0, start - 48), start) is not None
                score = SCORE_WEAK_PERSONAL if after_verb else SCORE[WEAK]
            else:
                score = SCORE[cls]
            if cls != WEAK:
                prev_end = end
            results.append(
                make_result(
                    self,
                    self.ENTITY,
                    start,
                    end,
                    score,
                    pattern_name=f"health_{cls}",
                    original_score=SCORE[cls],
                    explanation=f"health_{cls}: {'general' if general else 'cue' if cue else 'personal' if personal else 'term'}",
                )
            )
        return results

    @staticmethod
    def _extend_left(text: str, toks: list, i: int, start: int, lex: Lexicon) -> int:
        shared = _SHARED_PART.search(text, max(0, start - 60), start)
        if shared:
            start = shared.start()
            while i > 0 and toks[i - 1][0] >= start:
                i -= 1
        j = i - 1
        while j >= 0:
            ps, pe, ptok = toks[j]
            gap = text[pe:start]
            if gap not in (" ", "\u00a0", "\t", "\n") and gap not in (", ",):
                break
            low = ptok.lower()
            if low in lex.pre or (gap != ", " and _KIND_PARTICIPLE.fullmatch(ptok)):
                start = ps
                j -= 1
                continue
            before = lex.pre_phrases.get(low)
            if before and j - len(before) >= 0 and all(
                toks[j - len(before) + q][2].lower() == before[q] for q in range(len(before))
            ):
                start = toks[j - len(before)][0]
                j -= len(before) + 1
                continue
            break
        return start

    @staticmethod
    def _extend_right(text: str, end: int, cls: str, lex: Lexicon) -> tuple[int, bool, bool]:
        dose = body = False
        if cls == MEDICATION:
            f = _FORMULATION_AFTER.match(text, end)
            if f and f.group(1).lower() in _FORMULATION:
                end = f.end()
            m = _DOSE.match(text, end)
            if m:
                end = m.end()
                dose = True
        while True:
            m = _POST.match(text, end)
            if not m:
                break
            if m.group("body") is not None:
                if not _is_body_word(m.group("body"), lex):
                    break
                body = True
            end = m.end()
        return end, dose, body
