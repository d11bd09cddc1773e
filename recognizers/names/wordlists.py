"""Rule word lists of the name recognizer: particles, pronouns, homographs, street and
institution words, company forms, prepositions of place."""

from __future__ import annotations

import re
from typing import Callable, FrozenSet, Tuple

PARTICLES: FrozenSet[str] = frozenset(
    "von af de van der den ter ten al el bin ibn abu ben di da dos das del della du le la".split()
)
LEADING_PARTICLES: FrozenSet[str] = frozenset("von af van bin ibn abu".split())  # von Sydow
# Pronouns that are also names (Vi, Han, Min): at the start of a sentence they are pronouns.
FUNCTION_WORDS: FrozenSet[str] = frozenset("vi du han hon man ni jag en ett den det de min din sin".split())

# Imperative verbs that open a sentence before a name (Ring Elsa Borg i morgon, Hälsa Anna):
# the verb is not part of the name. Ring is also a surname; first in a run at the start of a
# sentence it is the verb.
IMPERATIVES: FrozenSet[str] = frozenset(
    "ring ringa skicka kontakta fråga hälsa tacka meddela informera kalla boka påminn maila mejla "
    "hämta träffa besök bjud hjälp visa säg berätta be ge ta lämna skriv svara tipsa".split()
)

# Greetings and sign-off formulas written right before a name (Mvh Lisa Ek, Hälsningar Lisa,
# Hej Oskar): never part of the name, wherever they stand.
SALUTATIONS: FrozenSet[str] = frozenset("mvh vh mbh hälsningar hälsning hälsn hej hejsan hallå".split())

# Verbs, in the past tense, of what a person does (ringde, berättade, skrev): a known given name
# alone right before one is its subject, a person (Florence ringde till mottagningen).
PERSON_VERBS: FrozenSet[str] = frozenset(
    "ringde sa sade berättade skrev svarade frågade mejlade mailade uppgav förklarade meddelade "
    "kom besökte träffade bad tackade ville tyckte kände log skrattade grät somnade vaknade "
    "åkte flyttade började slutade jobbade arbetade studerade pratade talade hälsade lovade "
    "sms:ade messade berättar ringer skriver säger frågar svarar uppger".split()
)

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

# Gaps between two words of one name: a space, a no-break space or two spaces.
SPACE_GAPS = frozenset({" ", "\u00a0", "  "})

# Lower-case nouns (or compound heads) in definite form that, right before a capitalised word,
# make it an organisation's or a product's name (klädföretaget Kvarnby, tidningen Tralvex).
ORGANISATION_APPOSITIVES: Tuple[str, ...] = (
    "företaget", "bolaget", "koncernen", "kedjan", "tidningen", "förlaget", "klubben",
    "föreningen", "förbundet", "partiet", "myndigheten", "organisationen", "operatören",
    "banken", "stiftelsen", "institutet", "museet", "universitetet", "restaurangen",
    "hotellet", "appen", "plattformen", "verktyget", "programmet", "varumärket", "webbplatsen",
    "tjänsten", "tillverkaren", "leverantören", "rederiet", "flygbolaget", "storbanken",
)

# Nouns for a house, a care home or a venue that, first in a capitalised run, make the run its
# name (Villa Solbacken, Hotell Gripen, Café Linnea): a person is not written after them. Villa
# is also a surname, but then a given name comes first (David Villa).
VENUE_WORDS: FrozenSet[str] = frozenset(
    "villa hotell hotel café kafé restaurang pensionat vandrarhem".split()
)

# Heads of Swedish agency, court and public-body names (Polismyndigheten, Förvaltningsrätten,
# Justitieombudsmannen, Skatteverket, Socialstyrelsen, Barn- och ungdomsnämnden,
# Arbetsmiljöinspektionen, Försäkringskassan): a word ending in one is an organisation, never a
# person, also after a role word (Kurator, Förvaltningsrätten).
AUTHORITY_HEADS: Tuple[str, ...] = tuple(
    f"{head}{end}"
    for head in (
        "myndighet", "myndigheten", "rätt", "rätten", "ombudsman", "ombudsmannen", "verket",
        "styrelsen", "nämnd", "nämnden", "inspektionen", "kassan", "kommun", "kommunen",
        "regionen", "förvaltningen", "domstol", "domstolen",
    )
    for end in ("", "s")
)
AUTHORITY_MIN_PREFIX = 3  # Polis|myndigheten; the head alone is in organisation_words.txt


def authority_word(word: str) -> bool:
    """A compound ending in an agency or court head with at least a short prefix."""
    low = word.lower().rstrip("'’")
    return low.endswith(AUTHORITY_HEADS) and any(
        low.endswith(h) and len(low) - len(h) >= AUTHORITY_MIN_PREFIX for h in AUTHORITY_HEADS
    )

# Car makes and model words (Toyota Corolla, Volvo V70, Saab 9-3, Honda Civic): a make followed
# by a model word or an alphanumeric model is a vehicle, not a person. Some makes are also names
# (Ford, Mercedes, Kia, Saab, Honda), so a make alone, without a model after it, is not decided.
VEHICLE_MAKES: FrozenSet[str] = frozenset(
    "volvo saab toyota honda nissan mazda mitsubishi subaru suzuki lexus hyundai kia ford "
    "chevrolet dodge jeep tesla volkswagen vw audi bmw mercedes mercedes-benz opel porsche skoda škoda "
    "seat cupra fiat alfa citroën citroen peugeot renault dacia polestar mini jaguar "
    "rover ferrari lamborghini maserati scania iveco".split()
)
VEHICLE_MODELS: FrozenSet[str] = frozenset(
    "corolla yaris auris prius camry avensis aygo hilux rav civic accord jazz cr-v golf passat "
    "polo tiguan touran caddy transporter up octavia fabia superb kodiaq karoq focus fiesta "
    "mondeo kuga transit ka astra corsa insignia zafira vectra clio megane mégane captur kangoo "
    "twingo qashqai micra leaf juke note outlander pajero lancer swift vitara forester outback "
    "impreza legacy ceed sportage picanto niro tucson kona ioniq model ibiza leon panda punto "
    "tipo berlingo partner sprinter vito benz cayenne macan mustang wrangler cherokee discovery "
    "defender evoque cooper romeo".split()
)
_MODEL_AFTER = re.compile(r"[ \u00a0]+([\w]+(?:-[\w]+)*)")


def vehicle_model_at(text: str, pos: int) -> bool:
    """A car model word, or a model code with a digit (V70, 9-3, XC60, A4), right after ``pos``."""
    m = _MODEL_AFTER.match(text, pos)
    if m is None:
        return False
    word = m.group(1)
    return word.lower() in VEHICLE_MODELS or (any(c.isdigit() for c in word) and len(word) <= 8)


def vehicle_make(word: str) -> bool:
    return word.lower() in VEHICLE_MAKES

# Heads of Swedish form-label nouns for a role or a field (Förhörsperson, Uppgiftslämnare,
# Gatuadress, Ärendenummer, Födelsedatum, Bostadsort, Ärendemening, Kontaktuppgift,
# Vårdnadshavare): a compound of a Swedish word and one of these is a label, never a name.
LABEL_HEADS: Tuple[str, ...] = tuple(
    f"{head}{end}"
    for head, ends in (
        ("person", ("", "en", "er", "erna")),
        ("adress", ("", "en", "er")),
        ("nummer", ("", "n")),
        ("numret", ("",)),
        ("datum", ("", "et")),
        ("ort", ("", "en")),
        ("mening", ("", "en")),
        ("uppgift", ("", "en", "er", "erna")),
        ("lämnare", ("", "n")),
        ("havare", ("", "n")),
    )
    for end in ends
)


def label_word(low: str, is_word: Callable[[str], bool]) -> bool:
    """``low`` (lower case) is a compound of a Swedish word (``is_word``, with or without a
    linking s) and a label head (``förhörs|person``, ``bostads|ort``, ``ärende|mening``)."""
    for head in LABEL_HEADS:
        if low.endswith(head) and len(low) > len(head) + 1:
            prefix = low[: -len(head)]
            if is_word(prefix) or (prefix.endswith("s") and is_word(prefix[:-1])):
                return True
    return False
