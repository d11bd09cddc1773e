"""Swedish person names from raw text: gazetteers, name morphology and context rules.

This recognizer works on the text alone (it accepts ``nlp_artifacts`` but never uses them), so
it can run beside a trained NER model and be combined with it. It aims at precision on official
Swedish documents and at comparable recall for names of every origin common in Sweden.

How a span is found
-------------------
1. The text is split into word tokens (letters, with inner ``-`` and ``'``; a trailing ``'``
   after s/x/z is the genitive ``Lars'``). Each distinct word is classified once and cached:
   known first name, known surname, surname morphology (``-sson``, ``-ström``, ``-ović``,
   ``-zadeh``, ``-nen`` ...), common Swedish word (a lexicon), place, never-a-name (agencies,
   headings, legal terms, weekdays, context words), street name, particle (``von``, ``af``,
   ``al`` ...), initial (``A.``, ``P-O``), genitive (``Anderssons``, ``Karimis``).
2. Consecutive capitalised name-like tokens on one line (Title Case or ALL CAPS, with particles
   and initials inside) form a *run*; common words, places and stop words end a run.
3. A run is scored from its signals (the ``SCORE_*`` constants): a known first name beside a
   known or surname-like token is sure; a known name beside an unknown capitalised word is
   likely; a single known name alone is unsure; a name that is also a common word (Björn, Bo,
   Per, Hans, Berg, Lund ...) never fires alone at sentence start, in lower case or next to a
   preposition of place (``i Lund``), nor inside street and institution names
   (``Gustav Adolfs torg``, ``Lunds kommun``) or company names (``Svensson AB``).
4. Context raises the score and lets even an unknown capitalised word be a name: salutations
   (``Hej``), labels (``Namn:``), relation and role words (``maken``, ``handläggaren``,
   ``god man``), titles (``herr``, ``dr``), ``c/o``, sign-offs (``Med vänliga hälsningar`` with
   the name on a following line), and a role word right after the name (``Anna Berg,
   handläggare``).
5. A word of a sure name elsewhere in the same text is that person when it appears alone
   (``Anders Svensson ... Svensson uppger ... Anders har``).
6. ``Surname, Firstname`` list forms become one span; lower-case ``anna andersson`` (e-mail
   style) fires at a lower score when the words are known names.

Nothing here logs or reports the text: explanations name the signals only.
"""

from __future__ import annotations

import gzip
import logging
import re as stdre
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

import numpy as np
import regex as re
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from masking import entities
from recognizers.base import UNCHECKED, VALIDATION_KEY

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

# --- scores (masking threshold 0.4) -----------------------------------------------------------
SCORE_PAIR = 0.9  # known first name + known or surname-like token (Anna Andersson)
SCORE_PAIR_HOMOGRAPHS = 0.85  # ... where both words are also common words (Bo Ek)
SCORE_PAIR_CONTEXT = 0.95  # a sure name with a context trigger
SCORE_INITIAL_SURNAME = 0.85  # A. Andersson, P-O Larsson
SCORE_INITIAL_WEAK = 0.75  # initial + homograph or morphology-only surname (A. Berg)
SCORE_INITIAL_UNKNOWN = 0.45  # initial + unknown capitalised word
SCORE_LIST_FORM = 0.85  # Andersson, Anna
SCORE_FIRST_UNKNOWN = 0.7  # known first name + unknown capitalised word (Anna Xhakaj)
SCORE_UNKNOWN_SURNAME = 0.7  # unknown capitalised word + known surname (Xhiljola Andersson)
SCORE_WEAK_PAIR = 0.5  # the same where the known word is also a common word
SCORE_GIVEN_NAMES = 0.6  # two known first names (Anna Karin)
SCORE_GIVEN_NAMES_3 = 0.75  # three or more (Somali/Arabic name chains)
SCORE_TWO_SURNAMES = 0.6  # two known surnames (Warsame Farah, patronymic chains)
SCORE_HOMOGRAPH_NAMES = 0.5  # two first names that are also words, mid-sentence (Linnea Saga)
SCORE_MORPH_STRONG = 0.45  # unknown word(s) + a surname-like last word (Kjelle Bergström)
SCORE_FIRST_WORD = 0.5  # known first name + capitalised common word mid-sentence (Anna Svan)
SCORE_SAME_DOCUMENT = 0.85  # a lone word that is part of a sure name elsewhere in the text
SCORE_SAME_DOCUMENT_WORD = 0.6  # ... where the word is also a common word or a place (Berg, Lund)
SCORE_PARTICLE_LED = 0.5  # von Sydow, af Klint
SCORE_SINGLE = 0.35  # one known name alone
SCORE_SINGLE_STRONG_SURNAME = 0.45  # a known surname alone with a distinctive ending (Erikssons, Hirvonen)
SCORE_SINGLE_HOMOGRAPH = 0.3  # one name that is also a common word, mid-sentence
SCORE_CONTEXT_KNOWN = 0.6  # context + one known or surname-like word (Hej Anna, maken Lars)
SCORE_CONTEXT_UNKNOWN = 0.55  # context + unknown capitalised word(s) (Hej Xhiljola)
SCORE_LOWER_PAIR = 0.45  # anna andersson
SCORE_LOWER_CONTEXT = 0.45  # hej anna
SCORE_CELL = 0.5  # a table cell or line holding only two or three name-like words
SCORE_CELL_EVIDENCE = 0.6  # ... beside a personnummer, phone number or street address
SCORE_LABEL_VALUE = 0.85  # the whole value after "Namn:" with a known name word in it
SCORE_LABEL_VALUE_UNKNOWN = 0.6  # ... with unknown words only
SCORE_AGE = 0.7  # a capitalised word followed by an age: "Nikola (6 år)", "Nikola, 6 år"

MAX_RUN = 6  # name words in one span; longer capitalised runs are headings or lists
SURE = 0.6  # names at or above this score teach their words to the rest of the document

# --- token flags ------------------------------------------------------------------------------
FN = 1  # known first name
SN = 2  # known surname
MORPH = 4  # surname-like ending or prefix
UNK = 8  # capitalised, unknown, not a common word
HOMO = 16  # a known name that is also a common word
PLACE = 32  # a place name
GEN = 64  # genitive form of a name
PARTICLE = 128  # von, af, de, al, bin ...
LEX = 256  # a common word (not a name)
STOP = 512  # never a name: agencies, headings, months, context words, streets
STREET = 1024  # a street name (Storgatan)
INITIAL = 2048  # A. / P-O
STRONG = 4096  # a distinctive surname ending (-sson, -ström, -ović, -zadeh ...)
MULTI = 8192  # first word of a multi-word stop entry (Hong Kong, Röda Korset)

# token shapes
LOWER, TITLE, UPPER, LETTER, OTHER = range(5)

# --- rule word lists --------------------------------------------------------------------------
PARTICLES: FrozenSet[str] = frozenset(
    "von af de van der den ter ten al el bin ibn abu ben di da dos das del della du le la".split()
)
LEADING_PARTICLES: FrozenSet[str] = frozenset("von af van bin ibn abu".split())  # von Sydow
# Pronouns that are also names (Vi, Han, Min): at the start of a sentence they are pronouns.
FUNCTION_WORDS: FrozenSet[str] = frozenset("vi du han hon man ni jag en ett den det de min din sin".split())
_INITIALS_BEFORE = stdre.compile(r"(?<![\w.\-])(?:[A-ZÅÄÖ]\.[ \-]?){1,3}(?:-[A-ZÅÄÖ]\.[ ]?)?[ ]?$")
POSSESSIVES: FrozenSet[str] = frozenset("min din sin hennes hans vår er deras".split())
HYPHEN_PREFIXES: FrozenSet[str] = frozenset("al el abu bin ibn ben abd abdel abdul ould".split())

# Names that are ordinary Swedish words, in case the lexicon lacks them (the lexicon adds more).
MANUAL_HOMOGRAPHS: FrozenSet[str] = frozenset(
    "per bo hans dag maj sten björn berg lund ek holm björk strand rose sol vera mark max lo "
    "lin ros storm falk frost lind ring sund kvist blom alm gran lilja svan hjort örn lejon "
    "bäck dahl sjö vik hammar ström fors frank rita saga vilja iris viola tom liv klara stig "
    "axel bror linnea august valborg".split()
)

STREET_SUFFIXES: Tuple[str, ...] = (
    "gatan", "vägen", "gränd", "gränden", "stigen", "backen", "allén", "torget", "kajen",
    "leden", "platsen", "parken", "stråket", "slingan", "esplanaden", "promenaden",
)
# Nouns after a genitive name that make it the name of a street, place or institution
# (Gustav Adolfs torg, Anna Lindhs plats, Lunds kommun, Astrid Lindgrens barnsjukhus).
INSTITUTION_NOUNS: FrozenSet[str] = frozenset(
    "gata gatan väg vägen torg torget plats platsen park parken gränd allé backe kaj bro bron "
    "hamn kommun län stad socken församling region tingsrätt vårdcentral klinik kliniken "
    "mottagning mottagningen slott slottet flygplats station centrum pris priset syndrom "
    "sjukdom metod metoden galleri galleriet teater teatern bibliotek biblioteket".split()
)
# ... and heads of compounds (Astrid Lindgrens barnsjukhus, Adolf Fredriks musikskola)
INSTITUTION_HEADS: Tuple[str, ...] = (
    "sjukhus", "sjukhuset", "skola", "skolan", "gymnasium", "gymnasiet", "universitet",
    "högskola", "kyrka", "kyrkan", "förlag", "förlaget", "stiftelse", "stiftelsen", "fond",
    "fonden", "museum", "museet", "institut", "institutet", "lasarett", "lasarettet",
    "klasser", "prisen", "stipendium",
)
# Company-form words after a surname: Svensson AB is a company, not the person.
COMPANY_FORMS: FrozenSet[str] = frozenset(
    "AB Ab HB KB Aktiebolag Handelsbolag Kommanditbolag Inc Ltd GmbH Oy ASA AS Corp LLC".split()
)
# Prepositions before a place or homograph name that make it a place or word (i Lund).
LOCATIVES: FrozenSet[str] = frozenset(
    "i från till på vid utanför nära inom ur via runt kring genom".split()
)

# --- surname morphology -------------------------------------------------------------------------
# Distinctive endings: a capitalised non-word with one of these is almost always a surname.
_STRONG_ENDINGS = (
    "sson", "dotter", "ström", "qvist", "kvist", "quist", "bergh", "gren", "stedt", "feldt",
    "ović", "ovic", "ević", "evic", "vić", "czyk", "czak", "wicz", "ovich", "evich", "enko",
    "chuk", "shvili", "zadeh", "pour", "nejad", "nezhad", "opoulos", "poulos", "poulou",
    "akis", "idis", "oglu", "oğlu", "lainen", "inen", "mäki", "järvi", "yan", "ian", "ullah",
)
# Weaker endings: typical of surnames but shared with ordinary or foreign words.
_WEAK_ENDINGS = (
    "son", "berg", "lund", "holm", "dahl", "blad", "blom", "sköld", "hammar", "ander", "ius",
    "ell", "lin", "borg", "stam", "löf", "löv", "bäck", "vall", "strand", "sten", "fors",
    "sjö", "skog", "hjelm", "crona", "stierna", "stjerna", "svärd", "sen", "nen", "salo",
    "niemi", "lahti", "koski", "aho", "ić", "ic", "ski", "ska", "sky", "cki", "cka", "yuk",
    "ova", "ov", "ev", "aj", "qi", "jan", "dze", "türk", "turk", "demir", "kaya", "soy",
    "zade", "zada", "poor", "vand", "lou", "loo", "zai", "khel", "abadi", "awi", "uddin",
    "eddine", "ini", "elli", "etti", "otti", "ucci", "ez", "eira", "eiro", "mann", "stein",
    "meyer", "meier", "hardt", "hoff", "huber", "bauer", "porn", "wong", "chai", "phong",
    "sakul", "nathan", "swamy", "murthy", "krishnan", "rajan", "preet", "jeet", "inder",
    "mariam", "selassie", "medhin", "giorgis", "yesus", "hiwet",
)
_PREFIXES = (
    "gebre", "ghebre", "tesfa", "wolde", "welde", "habte", "haile", "kidane", "abdi", "abdul",
    "abdel", "abdur", "mc", "mac",
)


def _fold_tuple(items: Iterable[str]) -> Tuple[str, ...]:
    return tuple(sorted({fold(x) for x in items}, key=len, reverse=True))


# Persian/Arabic/Italian -i after a consonant (Karimi, Hosseini, Rossi), in longer words.
_CONSONANT_I = stdre.compile(r"[bcdfghjklmnpqrstvwxz]i$")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:(?<=[sxzSXZ])['’](?![^\W\d_]))?")
_INNER_CAPS_PREFIX = stdre.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Abd|Abdel|Abdul|Al|El)$")
_ASCII_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
     "’": "'", "ŀ": "l", "ħ": "h"}
)
SPACE_GAPS = frozenset({" ", "\u00a0", "  "})


def fold(word: str) -> str:
    """Lower-case and ASCII-fold a word: ``Hodžić`` → ``hodzic``, ``Björn`` → ``bjorn``."""
    low = word.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low.translate(_ASCII_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_SWEDISH_LETTERS = {"å": "\x00", "ä": "\x01", "ö": "\x02"}
_SWEDISH_BACK = str.maketrans({v: k for k, v in _SWEDISH_LETTERS.items()})
_SWEDISH_KEEP = str.maketrans(_SWEDISH_LETTERS)


def fold_sv(word: str) -> str:
    """Lower-case and strip diacritics except the Swedish letters å, ä, ö (``Hodžić`` →
    ``hodzic``, ``Öztürk`` → ``özturk``), so that ``Kära`` does not become the name Kara."""
    low = word.lower()
    if low.isascii():
        return low
    return fold(low.translate(_SWEDISH_KEEP)).translate(_SWEDISH_BACK)


def lookup_key(word: str) -> str:
    """The key a word is looked up with: ASCII words in the fully folded lists (``Hodzic``
    finds Hodžić, ``Bjorn`` finds Björn); words with diacritics keep å, ä and ö."""
    return word.lower() if word.isascii() else fold_sv(word)


_STRONG_FOLDED = _fold_tuple(_STRONG_ENDINGS)
_WEAK_FOLDED = _fold_tuple(_WEAK_ENDINGS)


def morphology(key: str) -> int:
    """``MORPH`` (| ``STRONG``) when a folded word looks like a surname, else 0."""
    if len(key) < 5:
        return 0
    if key.endswith(_STRONG_FOLDED):
        return MORPH | STRONG
    if key.endswith(_WEAK_FOLDED) or (len(key) >= 6 and key.startswith(_PREFIXES)):
        return MORPH
    if len(key) >= 6 and _CONSONANT_I.search(key):
        return MORPH
    return 0


# --- data loading -------------------------------------------------------------------------------
def read_entries(path: Path) -> List[str]:
    """Non-comment, non-empty lines of a data file (one entry per line)."""
    with path.open(encoding="utf-8") as fh:
        return [s for s in (line.strip() for line in fh) if s and not s.startswith("#")]


def _name_keys(name: str, twins_unless: Optional[Lexicon] = None) -> Iterable[str]:
    """Lookup keys for a gazetteer name: its Swedish fold and its ASCII fold (see
    :func:`lookup_key`); for surnames (``twins_unless`` given) also the -son/-sson twin
    (Andersson, Anderson) unless the twin is a common word (Persson, person)."""
    for key in {fold_sv(name), fold(name)}:
        yield key
        if twins_unless is None:
            continue
        if key.endswith("sson") and len(key) > 6:
            twin = key[:-4] + "son"
        elif key.endswith("son") and len(key) > 5:
            twin = key[:-3] + "sson"
        else:
            continue
        if twin not in twins_unless:
            yield twin


class Lexicon:
    """Membership test for ordinary Swedish words, compact and offline.

    Built from spaCy's Swedish lemma lookup table (spacy-lookups-data, a project dependency):
    every word form and lemma written in lower case (proper nouns such as ``Danielsson`` are
    written with a capital there and skipped), plus spaCy's Swedish stop words. It is kept as a
    sorted array of 64-bit string hashes (about 6 MB) rather than a set of strings (about
    85 MB). Without the table it falls back to the stop words alone.
    """

    def __init__(self, load_lookup: bool = True, extra: Iterable[str] = ()) -> None:
        words = set(self._stop_words())
        if load_lookup:
            words.update(self._lookup_words())
        words.update(w.lower() for w in extra)
        hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
        hashes.sort()
        self._hashes = hashes

    @staticmethod
    def _stop_words() -> Iterable[str]:
        try:
            from spacy.lang.sv.stop_words import STOP_WORDS
        except Exception:  # pragma: no cover - spaCy is a dependency
            return ()
        return STOP_WORDS

    @staticmethod
    def _lookup_words() -> List[str]:
        """Lower-case keys and values of the lookup table (a flat JSON object of strings)."""
        try:
            ref = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
            text = gzip.decompress(ref.read_bytes()).decode("utf-8")
        except Exception:
            log.warning("Swedish lexicon unavailable; the name recognizer uses stop words only")
            return []
        if '\\"' in text:  # an escaped quote would shift the split below; never in 1.0.5
            text = text.replace('\\"', "")
        # every second piece between double quotes is a JSON string (key or value)
        return [w for w in text.split('"')[1::2] if w[:1].islower() and "\\" not in w]

    def __contains__(self, word: object) -> bool:
        h = hash(word)
        i = int(np.searchsorted(self._hashes, h))
        return i < len(self._hashes) and int(self._hashes[i]) == h

    def __len__(self) -> int:
        return int(len(self._hashes))


# --- context triggers ---------------------------------------------------------------------------
GREETING, LABEL, ROLE, TITLE_WORD, SIGNOFF, CARE_OF, ROLE_AFTER = (
    "greeting", "label", "role", "title", "signoff", "care_of", "role_after",
)
GREETINGS = ("hej", "hejsan", "hallå", "hello", "hi", "dear", "bästa", "kära", "käre", "tjena")
LABELS = (
    "namn", "förnamn", "efternamn", "tilltalsnamn", "fullständigt namn", "underskrift",
    "namnteckning", "namnförtydligande", "mottagare", "avsändare", "sökandens namn",
    "patientens namn", "barnets namn", "elevens namn", "ert namn", "ditt namn", "signerat av",
    "signerad av", "undertecknad", "attesterad av", "utfärdad av", "upprättad av",
    "kopia till", "deltagare", "närvarande", "kund", "person", "antecknat av", "antecknad av",
)
ROLES = (
    # relations
    "maken", "makan", "make", "maka", "hustrun", "hustru", "frun", "mannen", "sambon", "sambo",
    "sonen", "son", "dottern", "dotter", "barnet", "barnen", "modern", "mamman", "mamma",
    "barn", "barnbarn", "barnbarnet", "fadern", "pappan", "pappa", "brodern", "bror", "systern", "syster", "farfar", "farmor",
    "morfar", "mormor", "svärmor", "svärfar", "kusin", "kusinen", "grannen", "vännen",
    "pojkvännen", "flickvännen", "partnern", "föräldern", "styvfar", "styvmor", "styvpappa",
    "styvmamma", "fostermor", "fosterfar", "familjen", "släktingen",
    # parties and representatives
    "vårdnadshavare", "vårdnadshavaren", "god man", "gode man", "förvaltare", "förvaltaren",
    "ombud", "ombudet", "kontaktperson", "kontaktpersonen", "sökande", "sökanden", "klagande",
    "klaganden", "den försäkrade", "försäkrade", "den enskilde", "patient", "patienten",
    "klient", "klienten", "elev", "eleven", "brukaren", "brukare", "medsökande", "målsägande",
    "målsäganden", "den tilltalade", "tilltalade", "vittnet", "vittne", "den avlidne",
    "avlidne", "dödsbodelägare", "arbetstagaren", "den anställde", "hyresgästen",
    "personlig assistent", "assistenten",
    # officials and professionals
    "handläggare", "handläggaren", "ansvarig handläggare", "beslutsfattare", "beslutsfattaren",
    "föredragande", "föredraganden", "utredare", "utredaren", "läkare", "läkaren",
    "leg. läkare", "legitimerad läkare", "behandlande läkare", "ansvarig läkare", "överläkare",
    "överläkaren", "specialistläkare", "distriktsläkare", "st-läkare", "at-läkare",
    "tandläkare", "sjuksköterska", "sjuksköterskan", "distriktssköterska",
    "distriktssköterskan", "kurator", "kuratorn", "psykolog",
    "psykologen", "socialsekreterare", "socialsekreteraren", "barnmorska", "barnmorskan",
    "fysioterapeut", "fysioterapeuten", "arbetsterapeut", "arbetsterapeuten", "advokat",
    "advokaten", "jurist", "juristen", "rådman", "rådmannen", "domare", "domaren",
    "nämndeman", "notarie", "notarien", "åklagare", "åklagaren", "kammaråklagare",
    "kriminalinspektör", "kommissarie", "enhetschef", "enhetschefen", "sektionschef",
    "avdelningschef", "rektor", "rektorn", "mentor", "mentorn", "lärare", "läraren", "chef",
    "chefen", "kollegan", "arbetsledare", "arbetsledaren", "ordförande", "ordföranden",
    "sekreterare", "justerare", "ledamot", "ledamoten", "tolk", "tolken",
    "sekreteraren", "justeraren", "tolk", "försäkringsutredare", "försäkringsutredaren",
    "samordnare", "samordnaren", "koordinator", "koordinatorn", "rehabkoordinator",
    "rehabkoordinatorn", "handledare", "handledaren", "kontaktsjuksköterska",
    "kontaktsjuksköterskan", "vårdare", "vårdaren", "undersköterska", "undersköterskan",
    "personalen", "hemtjänstpersonalen", "guiden", "tränaren", "tränare",
    "arbetsförmedlare", "arbetsförmedlaren", "biståndshandläggare", "biståndshandläggaren",
    "familjebehandlare", "boendestödjare", "kontaktman",
    # birth: "Anna Berg, född 1980" (after), "Anna Berg född Svensson" (a former surname, before)
    "född",
)
TITLES = (
    "herr", "herrn", "fru", "fröken", "dr", "doktor", "docent", "professor", "prof", "mr",
    "mrs", "ms", "sir", "sheikh", "imam", "pastor", "kyrkoherde", "biskop", "kung", "kungen",
    "drottning", "drottningen", "prins", "prinsen", "prinsessan", "kronprinsessan", "president",
    "presidenten", "statsminister", "statsministern", "minister", "ministern",
    "landshövding", "landshövdingen", "generaldirektör", "generaldirektören", "kommunalrådet",
    "riksdagsledamoten", "partiledaren",
)
SIGNOFFS = (
    "med vänliga hälsningar", "vänliga hälsningar", "med vänlig hälsning", "vänlig hälsning",
    "med hälsningar", "bästa hälsningar", "varma hälsningar", "hjärtliga hälsningar",
    "många hälsningar", "hälsningar", "hälsning", "mvh", "vh", "hälsar", "kind regards",
    "best regards", "regards", "best wishes", "sincerely", "yours sincerely",
)


class Triggers:
    """Phrases that announce a person name right after them, indexed by their first word."""

    def __init__(self) -> None:
        self.by_head: Dict[str, List[Tuple[Tuple[str, ...], str]]] = {}
        self.role_words: set = set()
        for kind, phrases in (
            (GREETING, GREETINGS), (LABEL, LABELS), (ROLE, ROLES), (TITLE_WORD, TITLES),
            (SIGNOFF, SIGNOFFS),
        ):
            for phrase in phrases:
                words = tuple(w.lower() for w in _WORD_RE.findall(phrase))
                self.by_head.setdefault(words[0], []).append((words[1:], kind))
                if kind == ROLE and len(words) == 1:
                    self.role_words.add(words[0])
        for entries in self.by_head.values():
            entries.sort(key=lambda item: -len(item[0]))  # longest phrase first
        self.words: FrozenSet[str] = frozenset(
            w.lower()
            for group in (GREETINGS, LABELS, ROLES, TITLES, SIGNOFFS)
            for phrase in group
            for w in _WORD_RE.findall(phrase)
        )


@dataclass(frozen=True)
class Gazetteer:
    """Every word list the recognizer uses; :func:`load_gazetteer` builds it once per process."""

    first: FrozenSet[str]
    surnames: FrozenSet[str]
    places: FrozenSet[str]  # folded
    non_names: FrozenSet[str]  # lower case
    acronyms: FrozenSet[str]  # exact, upper case
    multiword_stops: Dict[str, Tuple[Tuple[str, ...], ...]]  # first word -> word sequences
    lexicon: Lexicon
    stop_words: FrozenSet[str]  # spaCy's Swedish stop words
    triggers: Triggers


@lru_cache(maxsize=4)
def load_gazetteer(data_dir: Path = DATA_DIR, use_lexicon: bool = True) -> Gazetteer:
    """Read the data files (and build the lexicon) once per process."""
    lexicon = Lexicon(load_lookup=use_lexicon)
    first = frozenset(k for n in read_entries(data_dir / "first_names.txt") for k in _name_keys(n))
    surnames = frozenset(
        k for n in read_entries(data_dir / "surnames.txt") for k in _name_keys(n, twins_unless=lexicon)
    )
    places: set = set()
    non_names: set = set()
    acronyms: set = set()
    multi: Dict[str, List[Tuple[str, ...]]] = {}
    for fname in ("places.txt", "non_names.txt"):
        for entry in read_entries(data_dir / fname):
            words = tuple(fold(w) for w in entry.split())
            if len(words) > 1:
                multi.setdefault(words[0], []).append(words)
            elif fname == "places.txt":
                places.update({fold_sv(entry), words[0]})  # Göteborg, Goteborg
            elif entry.isupper() and len(entry) > 1:
                acronyms.add(entry)  # JO, DO, LO: only in capitals
            else:
                non_names.add(entry.lower())
    return Gazetteer(
        first=first,
        surnames=surnames,
        places=frozenset(places),
        non_names=frozenset(non_names),
        acronyms=frozenset(acronyms),
        multiword_stops={k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()},
        lexicon=lexicon,
        stop_words=frozenset(Lexicon._stop_words()),
        triggers=Triggers(),
    )


# --- word classification ------------------------------------------------------------------------
def word_shape(word: str) -> int:
    """LOWER, TITLE (incl. Al-Sayed, McDonald, O'Brien), UPPER, LETTER (one capital) or OTHER."""
    if word.islower():
        return LOWER
    if word.isupper():
        return LETTER if sum(ch.isalpha() for ch in word) == 1 else UPPER
    if not word[0].isupper():
        parts = stdre.split(r"[-'’]", word, maxsplit=1)
        if len(parts) == 2 and parts[0] in HYPHEN_PREFIXES | {"d", "o"} and parts[1][:1].isupper():
            return TITLE  # al-Sayed, d'Angelo
        return OTHER  # iPhone, eBay
    for i in range(1, len(word)):
        ch, before = word[i], word[i - 1]
        if ch.isupper() and before not in "-'’" and not _INNER_CAPS_PREFIX.match(word[:i]):
            return OTHER  # SoL, BankID
        if ch.islower() and before == "-":
            return OTHER  # Larsson-gården: a compound with a common word
    return TITLE


def compound_head(low: str, lexicon: "Lexicon") -> Optional[int]:
    """Where the head of a guessed compound starts: the longest lower-case tail of ``low``
    (at least five letters, after at least three) that is a lexicon word, or None."""
    for i in range(3, len(low) - 4):
        if low[i:] in lexicon:
            return i
    return None


# First word of a sentence: after one of these (or a line break, or at the start of the text).
SENTENCE_END_CHARS = ".!?:;•·*–—-\"”»«(>|"


class Classifier:
    """Word → (shape, flags), cached per process: words repeat a lot in documents."""

    MAX_CACHE = 300_000

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.cache: Dict[str, Tuple[int, int]] = {}

    def __call__(self, word: str) -> Tuple[int, int]:
        hit = self.cache.get(word)
        if hit is None:
            shape = word_shape(word)
            if shape == OTHER and self._names(lookup_key(word)):
                shape = TITLE  # listed names with unusual case: Min-jun, DeShawn
            hit = (shape, STOP if shape == OTHER else self.flags(word))
            if len(self.cache) >= self.MAX_CACHE:
                self.cache.clear()
            self.cache[word] = hit
        return hit

    def _names(self, key: str) -> int:
        g = self.gaz
        return (FN if key in g.first else 0) | (SN if key in g.surnames else 0)

    def flags(self, word: str) -> int:
        """Flags of one word (see the flag constants)."""
        g = self.gaz
        bare = word.rstrip("'’")
        low, key = bare.lower(), lookup_key(bare)
        multi = MULTI if fold(bare) in g.multiword_stops else 0
        names = self._names(key)
        if low in g.non_names or bare in g.acronyms or (low in g.triggers.words and not names):
            return STOP | multi
        if low in PARTICLES:
            return PARTICLE | names | multi
        if low.endswith(STREET_SUFFIXES) and len(low) > 6 and not names:
            return STOP | STREET
        gen = GEN if bare != word else 0  # Lars'
        stem_low = low
        if (
            not names
            and len(key) > 3
            and key.endswith("s")
            and not gen
            and not word.islower()
            and key not in g.places
            and low not in g.lexicon
        ):
            names = self._names(key[:-1])  # Anderssons, Karimis
            if names:
                gen, stem_low = GEN, low[:-1]
        if not names and ("-" in bare or "'" in bare or "’" in bare):
            compound = self._compound(bare)
            if compound:
                return compound | multi
        place = PLACE if lookup_key(stem_low) in g.places else 0
        if names:
            homo = HOMO if stem_low in MANUAL_HOMOGRAPHS or stem_low in g.lexicon else 0
            return names | gen | homo | place | multi
        if place:
            return PLACE | STOP | multi
        if low in g.lexicon or (len(low) > 4 and low.endswith("s") and low[:-1] in g.lexicon):
            return LEX | multi
        folded = fold(key)
        morph = morphology(folded)
        if not morph and folded.endswith("s"):
            morph = morphology(folded[:-1])
            gen = GEN if morph else 0
        if not morph & STRONG and self._compound_noun(low):
            return LEX | multi  # Distriktssköterska is not a Polish surname in -ska
        if morph:
            return morph | gen | multi
        return UNK | multi

    def _compound_noun(self, low: str) -> bool:
        """A Swedish compound whose head is a common word that is not a name element
        (Melodifestivalen, Sengindexet; but not Sjöstrand, whose head is the surname Strand)."""
        i = compound_head(low, self.gaz.lexicon)
        if i is None:
            return False
        head = low[i:]
        return not self._names(lookup_key(head)) and head not in MANUAL_HOMOGRAPHS

    def _compound(self, word: str) -> int:
        """Hyphenated/apostrophe words: Ann-Charlotte, Al-Sayed, Vasquez-Lind, O'Brien, P-O."""
        parts = [p for p in stdre.split(r"[-'’]", word) if p]
        if len(parts) < 2:
            return 0
        if all(len(p) == 1 and p.isupper() for p in parts):
            return INITIAL  # P-O, K-G
        head = parts[0].lower()
        if head in HYPHEN_PREFIXES and parts[1][:1].isupper():
            return SN  # Al-Sayed, Abu-Bakr
        if head in {"o", "d", "mc", "mac"} and len(parts) == 2 and len(parts[1]) > 2:
            return SN  # O'Brien, D'Souza
        kinds = [self(p)[1] for p in parts]
        gen = kinds[-1] & GEN
        if all(k & FN for k in kinds):
            return FN | gen  # Ann-Charlotte, Karl-Erik
        if any(k & STOP and not k & (FN | SN) for k in kinds):
            return STOP  # Stockholm-Arlanda, Saint-Germain
        if any(k & (SN | MORPH) for k in kinds) and all(k & (FN | SN | MORPH | UNK) for k in kinds):
            return SN | gen  # Vasquez-Lind, Svensson-Berg
        return 0


# --- tokens and runs ----------------------------------------------------------------------------
@dataclass(slots=True)
class Tok:
    idx: int
    start: int
    end: int
    text: str
    shape: int
    flags: int
    gap: str  # the text between the previous word token and this one
    sent_start: bool  # first word of a line or after . ! ? : ; bullets, dashes, quotes
    initial_dot: bool = False  # an initial whose '.' belongs to the span


@dataclass
class Run:
    toks: List[Tok]
    context: Optional[str] = None  # kind of trigger right before the run


Span = Tuple[int, int, float, List[str]]


def person_result(
    recognizer: LocalRecognizer, start: int, end: int, score: float, pattern_name: str, signals: str
) -> RecognizerResult:
    """A PERSON result whose explanation names the signals only (never the text)."""
    explanation = AnalysisExplanation(
        recognizer=recognizer.name,
        original_score=score,
        pattern_name=pattern_name,
        pattern=None,
        validation_result=None,
        textual_explanation=f"{recognizer.name}: {signals}",
    )
    return RecognizerResult(
        entity_type=entities.PERSON,
        start=start,
        end=end,
        score=score,
        analysis_explanation=explanation,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            VALIDATION_KEY: UNCHECKED,
        },
    )


class GazetteerRecognizer(LocalRecognizer):
    """A PERSON recognizer that classifies words with the shared gazetteers and lexicon."""

    ENTITY = entities.PERSON
    NAME = "GazetteerRecognizer"

    def __init__(
        self,
        supported_language: str = "sv",
        name: Optional[str] = None,
        data_dir: Optional[Path] = None,
        use_lexicon: bool = True,
    ) -> None:
        self._data_dir = Path(data_dir) if data_dir else DATA_DIR
        self._use_lexicon = use_lexicon
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=name or self.NAME,
            context=[],  # context is handled by the recognizer or the analyzer's Swedish enhancer
        )

    def load(self) -> None:
        self.gaz = load_gazetteer(self._data_dir, self._use_lexicon)
        self.classify = Classifier(self.gaz)


class SePersonNameRecognizer(GazetteerRecognizer):
    """Person names in Swedish text from gazetteers, morphology and context (see module doc)."""

    NAME = "SePersonNameRecognizer"

    # -- Presidio API ------------------------------------------------------------------------------
    def analyze(
        self,
        text: str,
        entities: List[str],
        nlp_artifacts: Optional[NlpArtifacts] = None,
    ) -> List[RecognizerResult]:
        """Find person names in ``text``; ``nlp_artifacts`` is accepted but not used."""
        if entities and self.ENTITY not in entities:
            return []
        return [
            person_result(self, start, end, score, "person_name", "+".join(signals))
            for start, end, score, signals in self.find_spans(text)
        ]

    def find_spans(self, text: str) -> List[Span]:
        """(start, end, score, signals) for every name found, sorted by start."""
        toks = self._tokenize(text)
        if not toks:
            return []
        context_at = self._context_positions(toks)
        spans: List[Span] = []
        lone: List[Tuple[Run, Optional[Span]]] = []  # single-word runs, for the second pass
        for item in self._merge_list_form(self._runs(toks, context_at), toks):
            scored = item if isinstance(item, tuple) else self._score_run(item, toks, text)
            if isinstance(item, Run) and self._lone_word(item) is not None:
                lone.append((item, scored))
            elif scored:
                spans.append(scored)
        spans.extend(self._cell_names(toks, text))
        spans.extend(self._label_values(toks, context_at, text))
        spans.extend(self._aged_names(toks, text))
        known = self._document_names(spans + [sc for _, sc in lone if sc], text)
        for run, scored in lone:
            if known and (scored is None or scored[2] < SCORE_SAME_DOCUMENT):
                same = self._same_document(run, toks, text, known)
                if same and scored and scored[1] > same[1]:  # keep a wider span (Anna Svan)
                    same = (scored[0], scored[1], max(scored[2], same[2]), scored[3] + same[3])
                scored = same or scored
            if scored:
                spans.append(scored)
        spans.extend(self._lowercase_names(toks, context_at))
        spans = [self._with_given_names(sp, toks) for sp in spans]
        return [self._with_initials(sp, text) for sp in self._drop_contained(spans)]

    def _with_given_names(self, span: Span, toks: List[Tok]) -> Span:
        """A found surname takes the capitalised words right before it on the same line as given
        names even when they are also common words (``Vy Phi Nguyen``, ``Hoa Tran``): Swedish
        does not capitalise common words inside a sentence. Never across a sentence start,
        a stop word, a place or a never-a-name word."""
        first = next((t for t in toks if t.start == span[0]), None)
        if first is None or first.sent_start or not first.flags & (SN | MORPH) or first.flags & FN:
            return span
        i, added = first.idx, 0
        while i > 0 and added < 2 and toks[i].gap in SPACE_GAPS:
            prev = toks[i - 1]
            if prev.shape != first.shape or prev.flags & (STOP | PLACE | MULTI | GEN | PARTICLE):
                break
            if not prev.flags & (LEX | UNK | FN) or prev.text.lower() in self.gaz.stop_words:
                break
            if prev.sent_start and not (prev.flags & FN or self._given_name_before(prev, toks)):
                break
            i, added = i - 1, added + 1
            if prev.sent_start:
                break
        if not added:
            return span
        return toks[i].start, span[1], max(span[2], SCORE_WEAK_PAIR), span[3] + ["given_names_before"]

    @staticmethod
    def _given_name_before(prev: Tok, toks: List[Tok]) -> bool:
        """A sentence-initial word joins only when it is a name-like unknown word (Hoang)."""
        return bool(prev.flags & UNK)

    @staticmethod
    def _with_initials(span: Span, text: str) -> Span:
        """Initials written before a found name belong to it (``I. Noori``, ``K.-E. Andersson``):
        initials can identify a person too."""
        m = _INITIALS_BEFORE.search(text, max(0, span[0] - 12), span[0])
        if m is None:
            return span
        return (m.start(), span[1], span[2], span[3] + ["initials"])

    @staticmethod
    def _drop_contained(spans: List[Span]) -> List[Span]:
        """One span per name: a span inside another is dropped, its score kept if higher."""
        spans.sort(key=lambda s: (s[0], -s[1]))
        out: List[Span] = []
        for span in spans:
            if out and span[0] >= out[-1][0] and span[1] <= out[-1][1]:
                last = out[-1]
                if span[2] > last[2]:
                    out[-1] = (last[0], last[1], span[2], last[3] + [s for s in span[3] if s not in last[3]])
                continue
            out.append(span)
        return out

    # -- names repeated in one document ---------------------------------------------------------------
    @staticmethod
    def _lone_word(run: Run) -> Optional[Tok]:
        words = [t for t in run.toks if not t.flags & (PARTICLE | INITIAL)]
        return words[0] if len(words) == 1 and len(run.toks) == 1 else None

    @staticmethod
    def _word_keys(word: str) -> Tuple[str, ...]:
        """Keys of a name word and its genitive base: Anderssons -> anderssons, andersson."""
        key = fold(word.rstrip("'’"))
        return (key, key[:-1]) if key.endswith("s") and len(key) > 3 else (key,)

    def _document_names(self, spans: List[Span], text: str) -> FrozenSet[str]:
        """Folded words of the sure names in this text (Anna Anderssons -> anna, andersson)."""
        known = set()
        for start, end, score, _ in spans:
            if score < SURE:
                continue
            for m in _WORD_RE.finditer(text, start, end):
                word = m.group()
                if len(word) < 2 or word.lower() in PARTICLES:
                    continue
                key = fold(word.rstrip("'’"))
                known.add(key)
                if self.classify(word)[1] & GEN and key.endswith("s"):
                    known.add(key[:-1])
        return frozenset(known)

    def _same_document(self, run: Run, toks: List[Tok], text: str, known: FrozenSet[str]) -> Optional[Span]:
        """``Anders Svensson ... Svensson uppger ... Anders har``: a lone word that is part of a
        sure name in the same text is that person (unless it reads as a place or a date)."""
        t = self._lone_word(run)
        if t is None or t.shape not in (TITLE, UPPER) or not any(k in known for k in self._word_keys(t.text)):
            return None
        nxt = toks[t.idx + 1] if t.idx + 1 < len(toks) else None
        if t.flags & (HOMO | PLACE) and (self._after_locative(t, toks) or self._digit_adjacent(t, nxt, text)):
            return None
        if t.flags & HOMO and t.text.lower() in FUNCTION_WORDS and t.sent_start:
            return None
        if nxt is not None and (self._names_a_place([t], [t], nxt) or self._company(nxt)):
            return None
        signals = ["same_document"] + (["genitive"] if t.flags & GEN else [])
        if t.flags & (HOMO | PLACE):
            signals.append("homograph" if t.flags & HOMO else "place")
            return t.start, t.end, SCORE_SAME_DOCUMENT_WORD, signals
        return t.start, t.end, SCORE_SAME_DOCUMENT, signals

    @staticmethod
    def _company(nxt: Tok) -> bool:
        """``Svensson AB``, ``Lindqvist & Co``: the word names a company."""
        if nxt.gap.strip() == "&":
            return nxt.text in ("Co", "Partner", "Partners", "Son", "Söner", "Sons")
        return nxt.gap in SPACE_GAPS and nxt.text in COMPANY_FORMS

    def _company_ahead(self, nxt: Tok, toks: List[Tok]) -> bool:
        """The company form follows directly or after up to two capitalised words on the same
        line (``Andersson Bygg AB``, ``Karlssons Måleri & Bygg AB``)."""
        j = nxt.idx
        for _ in range(3):
            if j >= len(toks):
                return False
            t = toks[j]
            if self._company(t):
                return True
            if t.shape not in (TITLE, UPPER) or t.gap.strip(" &") or "\n" in t.gap:
                return False
            j += 1
        return False

    # -- tokenization --------------------------------------------------------------------------------
    def _tokenize(self, text: str) -> List[Tok]:
        toks: List[Tok] = []
        classify = self.classify
        prev_end = 0
        for m in _WORD_RE.finditer(text):
            start, end = m.span()
            word = m.group()
            gap = text[prev_end:start]
            prev_end = end
            shape, flags = classify(word)
            if toks and "\n" not in gap:
                tail = gap.rstrip(" \t\u00a0")
                sent_start = bool(tail) and tail[-1] in SENTENCE_END_CHARS
            else:
                sent_start = True
            tok = Tok(len(toks), start, end, word, shape, flags, gap, sent_start)
            if shape == LETTER or flags & INITIAL:
                dot = text[end : end + 1] == "."
                if shape == LETTER and dot and word not in ("I", "Å", "Ö"):
                    tok.flags, tok.initial_dot = INITIAL, True
                elif flags & INITIAL:
                    tok.initial_dot = dot
            toks.append(tok)
        self._mark_multiword_stops(toks)
        return toks

    def _mark_multiword_stops(self, toks: List[Tok]) -> None:
        """Hong Kong, Sri Lanka, Röda Korset: the whole sequence becomes a stop."""
        multi = self.gaz.multiword_stops
        for i, t in enumerate(toks):
            if not t.flags & MULTI:
                continue
            for seq in multi.get(fold(t.text.rstrip("'’")), ()):
                j = i + len(seq)
                if j <= len(toks) and all(
                    fold(toks[i + k].text) == seq[k] and "\n" not in toks[i + k].gap
                    for k in range(1, len(seq))
                ):
                    for tok in toks[i:j]:
                        tok.flags = STOP
                    break

    # -- context -------------------------------------------------------------------------------------
    def _context_positions(self, toks: List[Tok]) -> Dict[int, str]:
        """Token index → trigger kind, for the token right after a trigger phrase."""
        by_head = self.gaz.triggers.by_head
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
                if self._gap_ok(kind, toks[last + 1].gap):
                    found.setdefault(last + 1, kind)
                break
        return found

    @staticmethod
    def _gap_ok(kind: str, gap: str) -> bool:
        newlines = gap.count("\n")
        rest = gap.replace("\n", "").replace("\r", "")
        if kind == SIGNOFF:
            return newlines <= 3 and rest.strip(" \t,!.-–") == ""
        if kind == LABEL:
            return newlines <= 1 and rest.strip(" \t:") == "" and (":" in rest or newlines > 0 or "\t" in rest)
        if kind == GREETING:
            return newlines == 0 and rest.strip(" ,") == ""
        if kind == TITLE_WORD:
            return newlines == 0 and rest in (" ", ". ", ".", "\u00a0")
        return newlines <= 1 and rest.strip(" \t:,(–-") == ""  # ROLE

    def _role_after(self, run: Run, toks: List[Tok]) -> bool:
        """``Anna Berg, handläggare`` / ``Anna Berg\\nHandläggare`` / ``Anna Berg (ombud)``."""
        j = run.toks[-1].idx + 1
        if j >= len(toks):
            return False
        nxt = toks[j]
        compact = nxt.gap.replace(" ", "").replace("\t", "").replace("\r", "")
        return nxt.text.lower() in self.gaz.triggers.role_words and compact in (
            ",", "\n", "(", ",(", ",\n", "\n(", "-", "–",
        )

    # -- runs ------------------------------------------------------------------------------------------
    @staticmethod
    def _eligible(t: Tok) -> bool:
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

    def _middle_initial(self, cur: List[Tok], t: Tok, toks: List[Tok]) -> bool:
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
        if nxt is None or nxt.gap not in SPACE_GAPS or not self._eligible(nxt):
            return False
        t.flags = INITIAL
        return True

    @staticmethod
    def _joinable(prev: Tok, t: Tok) -> bool:
        if prev.initial_dot:
            return t.gap in (".", ". ", ".\u00a0")
        return t.gap in SPACE_GAPS

    @staticmethod
    def _joins_across_line(cur: List[Tok], t: Tok, toks: List[Tok]) -> bool:
        """``Anna Maria\\nAndersson``: a line break between given names and the surname, in
        running text (not in a list, where ``Andersson, Anna\\nBerg, Lars`` are two people)."""
        if t.gap.strip(" \t\r") != "\n" or t.flags & FN or not t.flags & (SN | MORPH):
            return False
        if "," in cur[0].gap or (t.idx + 1 < len(toks) and toks[t.idx + 1].gap.startswith(",")):
            return False
        return all(x.flags & (FN | INITIAL) for x in cur) and cur[-1].shape == t.shape

    def _runs(self, toks: List[Tok], context_at: Dict[int, str]) -> List[Run]:
        runs: List[Run] = []
        cur: List[Tok] = []
        for t in toks:
            ok = self._eligible(t) or self._middle_initial(cur, t, toks)
            if ok and cur and len(cur) <= MAX_RUN + 1 and (
                self._joinable(cur[-1], t) or self._joins_across_line(cur, t, toks)
            ):
                cur.append(t)
                continue
            if cur:
                trimmed = self._trim(cur)
                if trimmed:
                    runs.append(Run(trimmed, context_at.get(cur[0].idx)))
            cur = [t] if ok else []
        if cur:
            trimmed = self._trim(cur)
            if trimmed:
                runs.append(Run(trimmed, context_at.get(cur[0].idx)))
        return runs

    @staticmethod
    def _trim(run: List[Tok]) -> List[Tok]:
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

    # -- list form ---------------------------------------------------------------------------------------
    def _merge_list_form(self, runs: List[Run], toks: List[Tok]) -> List[object]:
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
                    and nxt.toks[0].gap in (", ", ",", ",\u00a0")
                    and len(nxt.toks) <= 3
                    and all(t.flags & FN and not t.flags & GEN for t in nxt.toks)
                    and not (a.flags & HOMO and all(t.flags & HOMO for t in nxt.toks))
                    and not self._after_locative(a, toks)
                ):
                    signals = ["list_form", "surname" if a.flags & SN else "surname_morphology", "first_name"]
                    score = SCORE_LIST_FORM
                    if run.context or self._role_after(nxt, toks):
                        score = SCORE_PAIR_CONTEXT
                        signals.append("context")
                    out.append((a.start, nxt.toks[-1].end, score, signals))
                    i += 2
                    continue
            out.append(run)
            i += 1
        return out

    @staticmethod
    def _after_locative(t: Tok, toks: List[Tok]) -> bool:
        if t.idx == 0 or t.gap not in SPACE_GAPS:
            return False
        prev = toks[t.idx - 1]
        return prev.shape == LOWER and prev.text in LOCATIVES

    # -- scoring -----------------------------------------------------------------------------------------
    def _score_run(self, run: Run, toks: List[Tok], text: str) -> Optional[Span]:
        rt = run.toks
        if rt[0].sent_start and rt[0].text.lower() in FUNCTION_WORDS:
            rt = rt[1:]  # "Vi Andersson": the pronoun, not the name Vi
            if not rt:
                return None
        words = [t for t in rt if not t.flags & (PARTICLE | INITIAL)]
        if not words or len(words) > MAX_RUN:
            return None  # only particles/initials, or a Title Case heading
        initials = any(t.flags & INITIAL for t in rt)
        particles = any(t.flags & PARTICLE for t in rt)
        nxt = toks[rt[-1].idx + 1] if rt[-1].idx + 1 < len(toks) else None
        if nxt is not None and self._names_a_place(rt, words, nxt):
            return None
        if nxt is not None and len(words) == 1 and self._company_ahead(nxt, toks):
            return None  # Svensson AB, Andersson Bygg AB

        fn = [t for t in words if t.flags & FN]
        sn = [t for t in words if t.flags & SN]
        morph = [t for t in words if t.flags & MORPH]
        unk = [t for t in words if t.flags & UNK]
        context = run.context or (ROLE_AFTER if self._role_after(run, toks) else None)
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
        elif len(words) == 1 and not initials and words[0].flags & (FN | SN):
            t = words[0]
            signals += ["first_name" if t.flags & FN else "surname"]
            if t.flags & HOMO:
                signals.append("homograph")
                if not context:
                    if t.shape != TITLE or t.sent_start or self._place_like(t, toks):
                        return None
                    if self._digit_adjacent(t, nxt, text):
                        return None  # Maj 2024, 15 Maj
                    score = SCORE_SINGLE_HOMOGRAPH
            elif t.flags & PLACE and not context and self._place_like(t, toks):
                return None  # i Sofia, Berlin
            elif t.flags & FN and not t.flags & PLACE and self._capitalised_word_after(t, nxt):
                assert nxt is not None
                rt = rt + [nxt]  # Anna Svan: a surname that is also a common word
                score = SCORE_FIRST_WORD
                signals.append("capitalised_word")
            elif t.flags & SN and not t.flags & (FN | PLACE) and self._strong_surname(t):
                score = SCORE_SINGLE_STRONG_SURNAME  # -sson, -nen, -ović: a person's surname
                signals.append("surname_morphology")
            else:
                score = SCORE_SINGLE

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

    @staticmethod
    def _strong_surname(t: Tok) -> bool:
        """A surname with a distinctive ending (``Eriksson``, ``Hirvonen``, ``Petrović``),
        genitive included (``Erikssons``)."""
        key = fold(lookup_key(t.text.rstrip("'’")))
        if t.flags & GEN and key.endswith("s"):
            key = key[:-1]
        return bool(morphology(key) & STRONG) or key.endswith("nen")  # Hirvonen, Virtanen

    def _capitalised_word_after(self, t: Tok, nxt: Optional[Tok]) -> bool:
        """A capitalised common word right after a first name, mid-sentence: a surname that is
        also a word (Anna Svan, Erik Flod), since Swedish capitalises only names there."""
        return (
            nxt is not None
            and nxt.shape == TITLE
            and nxt.flags & LEX
            and not nxt.flags & STOP
            and nxt.gap in SPACE_GAPS
            and len(nxt.text) > 2
            and nxt.text.lower() not in self.gaz.stop_words
            and not nxt.text.endswith(INSTITUTION_HEADS)
            and nxt.text.lower() not in INSTITUTION_NOUNS
        )

    @staticmethod
    def _names_a_place(rt: List[Tok], words: List[Tok], nxt: Tok) -> bool:
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

    @staticmethod
    def _place_like(t: Tok, toks: List[Tok]) -> bool:
        """A single homograph or place name read as a place: i Lund, från Berg, Nora."""
        if t.flags & PLACE and not t.flags & FN:
            return True
        return SePersonNameRecognizer._after_locative(t, toks)

    @staticmethod
    def _digit_adjacent(t: Tok, nxt: Optional[Tok], text: str) -> bool:
        after = text[t.end : nxt.start if nxt else len(text)].strip()
        return t.gap.strip()[-1:].isdigit() or after[:1].isdigit()

    # -- lower case ----------------------------------------------------------------------------------------
    @staticmethod
    def _lower_pair(seq: List[Tok]) -> bool:
        """Known first name(s) then a known surname, none of them a common word; a first name
        that is a word (per, hans) is allowed before a long unambiguous surname (per andersson)."""
        if len(seq) < 2 or not seq[0].flags & FN or not seq[-1].flags & SN:
            return False
        last = seq[-1]
        if last.flags & HOMO or len(last.text) < 4:
            return False
        if any(t.flags & HOMO for t in seq[1:-1]):
            return False
        return not seq[0].flags & HOMO or len(last.text) >= 6

    def _lowercase_names(self, toks: List[Tok], context_at: Dict[int, str]) -> List[Span]:
        """``anna andersson`` typed in lower case; ``hej anna`` after a greeting."""
        out: List[Span] = []
        n, i = len(toks), 0

        def lower_name(t: Tok) -> bool:
            return t.shape == LOWER and bool(t.flags & (FN | SN)) and not t.flags & PARTICLE

        while i < n:
            t = toks[i]
            if not lower_name(t):
                if context_at.get(i) in (GREETING, SIGNOFF, ROLE):
                    span = self._lower_after_context(t, toks, context_at.get(i))
                    if span:
                        out.append(span)
                i += 1
                continue
            j = i + 1
            while j < n and j - i < 4 and lower_name(toks[j]) and toks[j].gap == " ":
                j += 1
            k = next((k for k in range(j, i + 1, -1) if self._lower_pair(toks[i:k])), None)
            if k is not None:
                out.append((t.start, toks[k - 1].end, SCORE_LOWER_PAIR, ["lower_case", "first_name", "surname"]))
                i = k
                continue
            span = self._lower_after_context(t, toks, context_at.get(i))
            if span:
                out.append(span)
            i += 1
        return out

    def _lower_after_context(self, t: Tok, toks: List[Tok], kind: Optional[str]) -> Optional[Span]:
        """``hej anna``, ``min dotter nawal``, ``Hej tai,``, ``mvh\nriad``: a lower-case word
        right after a greeting, sign-off or relation word. A known first name that is not a
        common word is enough; a word standing alone before a comma or the line end after a
        greeting or sign-off may also be any non-word or a first name that is also a word."""
        if kind not in (GREETING, SIGNOFF, ROLE) or t.shape != LOWER or len(t.text) < 2:
            return None
        signals = ["lower_case", f"context:{kind}"]
        if t.flags & FN and not t.flags & HOMO:
            return t.start, t.end, SCORE_LOWER_CONTEXT, signals + ["first_name"]
        if kind == ROLE:
            # "min dotter rahima": a word no lexicon knows right after a possessive + relation
            if (
                t.flags & UNK
                and not t.flags & (STOP | PARTICLE)
                and t.text not in self.gaz.stop_words
                and t.text not in FUNCTION_WORDS
                and t.idx >= 2
                and toks[t.idx - 2].text.lower() in POSSESSIVES
            ):
                return t.start, t.end, SCORE_LOWER_CONTEXT, signals + ["unknown_word"]
            return None
        if t.text in self.gaz.stop_words or t.text in FUNCTION_WORDS:
            return None
        nxt = toks[t.idx + 1] if t.idx + 1 < len(toks) else None
        alone = nxt is None or nxt.gap.lstrip(" \t\r")[:1] in (",", "\n", "!", ".")
        if not alone or t.flags & (STOP | PARTICLE):
            return None
        if t.flags & (UNK | MORPH | SN) or (t.flags & FN and len(t.text) > 2):
            return t.start, t.end, SCORE_LOWER_CONTEXT, signals + ["alone"]
        return None

    # -- table cells, label values and ages ------------------------------------------------------------
    @staticmethod
    def _cell_word(t: Tok) -> bool:
        """A word that may be part of a name standing alone in a cell or on a line."""
        f = t.flags
        if t.shape not in (TITLE, UPPER) or f & GEN:
            return False
        if f & (FN | SN):
            return not (f & PLACE and not f & FN)
        if f & (STOP | LEX | PLACE | MULTI):
            return False
        if t.shape == UPPER and len(t.text) <= 3:
            return False  # acronyms
        return bool(f & (MORPH | UNK))

    def _cell_names(self, toks: List[Tok], text: str) -> List[Span]:
        """A table cell (between tabs) or a whole line that holds only two or three name-like
        words, or ``Surname, Firstname``: ``\tWrya Raouf\t``, ``Abraha, Segen``."""
        out: List[Span] = []
        n, i = len(toks), 0
        while i < n:
            t = toks[i]
            if not ("\n" in t.gap or "\t" in t.gap or i == 0):
                i += 1
                continue
            lead = stdre.split(r"[\n\t]", t.gap if i else text[: t.start])[-1]
            j = i + 1
            commas = 0
            while j < n and toks[j].gap in (" ", ", ", "\u00a0") and j - i < 4:
                commas += toks[j].gap == ", "
                j += 1
            cell = toks[i:j]
            tail_end = toks[j].start if j < n else len(text)
            tail = text[cell[-1].end : tail_end]
            cut = stdre.search(r"[\n\t]", tail)
            if (
                2 <= len(cell) <= 3
                and commas <= 1
                and lead.strip(" \u00a0") == ""
                and (cut is not None or j >= n)
                and tail[: cut.start() if cut else len(tail)].strip(" \u00a0\r") == ""
            ):
                tab = "\t" in t.gap or "\t" in tail
                span = None
                if all(self._cell_word(x) for x in cell):
                    span = self._score_cell(cell, toks, text, tab=tab)
                elif tab and all(self._cell_word(x) or self._cell_lex_word(x) for x in cell):
                    span = self._lexical_cell(cell, text)
                if span:
                    out.append(span)
            i = j
        return out

    @staticmethod
    def _cell_lex_word(t: Tok) -> bool:
        """A capitalised common word that may still be a name in a table row (``Vy Phi``)."""
        f = t.flags
        return t.shape in (TITLE, UPPER) and bool(f & LEX) and not f & (STOP | PLACE | MULTI | GEN)

    def _lexical_cell(self, cell: List[Tok], text: str) -> Optional[Span]:
        """A cell of capitalised words that are also common words is a name only when its own
        row holds a personnummer or a phone number (``Vy Phi<TAB>199912101442<TAB>…``)."""
        lo = text.rfind("\n", 0, cell[0].start) + 1
        hi = text.find("\n", cell[-1].end)
        row = text[lo : hi if hi >= 0 else len(text)]
        if not self._ROW_ID_RE.search(row):
            return None
        return cell[0].start, cell[-1].end, SCORE_CELL_EVIDENCE, ["table_cell", "row_identifier", "common_words"]

    _ROW_ID_RE = stdre.compile(r"\b(?:\d{6}[-+ ]?\d{4}|(?:19|20)\d{6}[- ]?\d{4})\b|(?:\+46|\b0)[\d \-()]{7,}\d\b")

    _EVIDENCE_RE = stdre.compile(
        r"\b(?:\d{6}[-+ ]?\d{4}|(?:19|20)\d{6}[- ]?\d{4}|\d{3} ?\d{2}\s+[A-ZÅÄÖ]"
        r"|(?:\+46|0)\d[\d \-()]{5,}\d)|\b[A-ZÅÄÖ][a-zåäöé]+(?:gatan|vägen|gränd|stigen|backen|torget|"
        r"allén|slingan|leden|platsen)\b|\bBox \d"
    )

    def _score_cell(self, cell: List[Tok], toks: List[Tok], text: str, tab: bool) -> Optional[Span]:
        known = any(x.flags & (FN | SN | MORPH) for x in cell)
        if all(x.flags & HOMO for x in cell if x.flags & (FN | SN)) and not any(x.flags & (UNK | MORPH) for x in cell):
            known = False  # Bo Ek, Per Sten: words unless the neighbours say otherwise
        lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, cell[0].start)))
        hi = text.find("\n", text.find("\n", cell[-1].end) + 1)
        around = text[max(0, lo) : hi if hi > 0 else len(text)]
        evidence = bool(self._EVIDENCE_RE.search(around))
        if not (known or evidence or tab):
            return None
        if not (known or evidence) and len(cell) < 2:
            return None
        score = SCORE_CELL_EVIDENCE if evidence else SCORE_CELL
        signals = ["table_cell"] + (["neighbour_identifier"] if evidence else [])
        return cell[0].start, cell[-1].end, score, signals

    def _label_values(self, toks: List[Tok], context_at: Dict[int, str], text: str) -> List[Span]:
        """``Namn: QADIR, HARDI ZANA``, ``Patient: Moreno Herrera, Josefina``: the capitalised
        words after a name label up to the end of the line, a digit or another field."""
        out: List[Span] = []
        n = len(toks)
        for i, kind in context_at.items():
            if kind not in (LABEL, ROLE) or i >= n:
                continue
            t = toks[i]
            if kind == ROLE and ":" not in t.gap:
                continue
            j = i
            lexical_ok = self._capitalised_line_value(toks, i)
            while j < n and j - i < MAX_RUN and (j == i or toks[j].gap in (" ", ", ", "\u00a0")):
                x = toks[j]
                if x.shape not in (TITLE, UPPER, LETTER) or (
                    (x.flags & LEX or (x.flags & STOP and not x.flags & PLACE))
                    and not x.flags & (FN | SN)
                    and not (lexical_ok and x.flags & LEX and not x.flags & STOP)
                ):  # a place word may be a name here (HAMA); a common word or field label is not
                    break
                j += 1
            words = toks[i:j]
            if not words or (len(words) < 2 and not words[0].flags & (FN | SN | MORPH | UNK)):
                continue
            after = text[words[-1].end : toks[j].start if j < n else len(text)]
            if after[:1].isalpha():
                continue
            known = any(x.flags & (FN | SN | MORPH) for x in words)
            score = SCORE_LABEL_VALUE if known else SCORE_LABEL_VALUE_UNKNOWN
            out.append((words[0].start, words[-1].end, score, ["label_value", f"context:{kind}"]))
        return out

    @staticmethod
    def _capitalised_line_value(toks: List[Tok], i: int) -> bool:
        """After a label: the value up to the end of the line (or a tab) is two to four
        capitalised words of which one is a known or name-like word (``Namn: VY CUC VU``), so a
        common word among them (``Vy``) is part of the name, not the next field."""
        n, j = len(toks), i
        while j < n and (j == i or toks[j].gap in (" ", "\u00a0")) and toks[j].shape in (TITLE, UPPER, LETTER):
            j += 1
        if not 2 <= j - i <= 4 or (j < n and not ("\n" in toks[j].gap or "\t" in toks[j].gap)):
            return False
        return any(x.flags & (FN | SN | MORPH | UNK) for x in toks[i:j])

    _AGE_RE = stdre.compile(r"(?: \(|, ?)\d{1,3} år\b")

    def _aged_names(self, toks: List[Tok], text: str) -> List[Span]:
        """``Nikola (6 år)``, ``Albana, 9 år``: a capitalised name-like word before an age."""
        out: List[Span] = []
        for t in toks:
            if t.shape != TITLE or t.sent_start and t.flags & (LEX | STOP):
                continue
            if t.flags & (STOP | PLACE) and not t.flags & FN:
                continue
            if t.flags & LEX and not t.flags & (FN | SN):
                continue
            if self._AGE_RE.match(text, t.end):
                out.append((t.start, t.end, SCORE_AGE, ["age_after"]))
        return out
