"""Swedish street and postal addresses (the street line, c/o lines, Box addresses).

What is found:

* a street name ending in a Swedish street word (``Storgatan``, ``Kungsvägen``,
  ``Tallbacken``; ``STORGATAN`` in letterheads), optionally after a closed list of modifiers
  (``Norra``, ``Stora``, ``Sankt``, ``S:t`` …), or a free-standing street word after a genitive
  or modifier (``Drottning Kristinas väg``, ``Gamla Stans gränd``, ``Norra Vägen``), followed by
  a house number with an optional letter or range and optional floor/flat parts (``12 B``,
  ``12-14``, ``3 tr``, ``, lgh 1102``, ``nb``): 0.85;
* definite nature words common in rural addresses (``Lillgården 4``, ``Solhagen 3``): 0.6, or
  0.85 with address evidence (a postnummer after it, a flat/floor part, a house letter, an
  address word such as "bor på" or "adress" before it);
* street words that are also ordinary nouns or end surnames (``-leden``, ``-plan``, ``-gård``,
  ``-strand`` …): 0.85 with address evidence, else 0.35, which only context words can lift;
* a street name without a number: 0.5 after "bor på", "adress", "folkbokförd" …, else nothing;
* a full stop for the space before the number or the house letter (``Skogsgatan.15 D``,
  ``Svanslingan 63.C``: OCR), a look-alike letter OCR put before the number
  (``Tranbärsgatan S55A``) are accepted too, and
  OCR misreadings of ``gatan`` and ``vägen`` with one typical confusion (``Granväden 3``,
  ``Ekgaten 14 A``) count as medium street words;
* ``c/o Anna Svensson`` (the name after c/o is part of the span): 0.95; ``Box 123``,
  ``Postbox 45``, ``Fack 12``: 0.7; a lone ``lgh 1102``: 0.6.

Also found: street compounds in lower case with address evidence (``jag bor på storgatan 12``);
foreign streets (``Kirkeveien 12``, ``Vesterbrogade 12``, ``Amagerbrogade 3, 2. tv``,
``Mannerheimintie 5 A 3``, ``Hauptstraße 5``, ``Karl Johans gate 5``; 0.85 with a strong street
word or address evidence, else 0.5) and English number-first streets (``10 Baker Street``,
``Flat 2, 14 Mill Lane``); a place name and a number right before a postnummer (rural
addresses: ``Sjöbotten 123, 937 91 Burträsk``) and a postlåda (``PL 1234``) there: 0.7.
:func:`street_ends_at` tells the postnummer recognizer that a street ends right before a number
(``Storgatan 12 123 45 Malmö``). Property designations are in ``se_property.py``.

An address in an organisation's address block (``Skatteverket, Box 2820`` on one line, or an
agency's name on the line above) is not personal data and is skipped
(:func:`follows_organisation`, also used by the postnummer recognizer).
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer

_SP = r"[ \u00a0]"
_HY = r"[-\u2010\u2011\u2013]"

# Street words that are (almost) only used for streets at the end of a capitalised compound.
_STRONG_SUFFIXES: tuple[str, ...] = (
    "gatan", "gata", "vägen", "väg", "gränden", "gränd", "stigen", "stig", "allén", "allé",
    "alle", "torget", "torg", "kajen", "kaj", "promenaden", "esplanaden", "slingan", "backen",
    "backe", "stråket",
)  # fmt: skip
# Definite nature/place words, common in rural street names and rare otherwise before a number.
_MEDIUM_SUFFIXES: tuple[str, ...] = (
    "gården", "hagen", "liden", "berget", "udden", "näset", "stranden", "tået", "höjden",
    "kroken", "svängen", "dalen", "lunden", "ängen", "vallen", "kullen", "viken", "holmen",
    "backarna", "hällen", "gärdet", "vången", "slätten", "torpet", "terrassen", "bryggan",
    "allen",  # "allén" with its accent lost (OCR, plain keyboards)
)  # fmt: skip
# OCR misreadings of the commonest street words, one typical confusion each ("Granväden",
# "Ekgaten"): taken as medium evidence, so they need a number and, to reach 0.85, more.
_OCR_CONFUSIONS = {"g": "q", "a": "eåä", "t": "f", "n": "m", "v": "y", "ä": "aå", "e": "c"}
_OCR_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            word[:i] + alt + word[i + 1 :]
            for word, extra in (("gatan", {}), ("vägen", {"g": "qd"}))
            for i, ch in enumerate(word)
            for alt in {**_OCR_CONFUSIONS, **extra}.get(ch, "")
        }
    )
)
_MEDIUM_SUFFIXES = _MEDIUM_SUFFIXES + _OCR_SUFFIXES
# Street words that are also ordinary nouns or end surnames: need address evidence.
_WEAK_SUFFIXES: tuple[str, ...] = (
    "leden", "gången", "ringen", "planen", "plan", "gård", "strand", "parken", "platsen",
    "plats", "fältet", "skogen", "hamnen", "passagen", "trappan",
)  # fmt: skip
_ALL_SUFFIXES = sorted(set(_STRONG_SUFFIXES + _MEDIUM_SUFFIXES + _WEAK_SUFFIXES), key=len, reverse=True)

# Free-standing street words, written after a genitive or a modifier ("Karl Johans gata").
_FREE_STRONG = frozenset(
    {"vägen", "väg", "gatan", "gata", "gränden", "gränd", "torget", "torg", "allén", "allé",
     "stigen", "stig", "backen", "backe", "kajen", "kaj"}
)  # fmt: skip
_FREE_MEDIUM = frozenset(
    {"strand", "stranden", "plats", "platsen", "esplanaden", "esplanad", "promenaden", "promenad"}
)  # fmt: skip
_FREE_WORDS = _FREE_STRONG | _FREE_MEDIUM
_MODIFIERS: tuple[str, ...] = (
    "Norra", "Södra", "Östra", "Västra", "Stora", "Lilla", "Gamla", "Nya", "Övre", "Nedre",
    "Yttre", "Inre", "Bortre", "Främre", "Sankt", "Sankta", "S:t", "S:ta", "St.", "Norr",
    "Söder", "Öster", "Väster",
)  # fmt: skip

# Compounds that end like a street word but are ordinary words (lower-cased, whole word).
_NOT_STREETS = frozenset(
    {
        "riksväg", "riksvägen", "länsväg", "länsvägen", "motorväg", "motorvägen", "europaväg",
        "europavägen", "omväg", "omvägen", "genväg", "genvägen", "landsväg", "cykelväg",
        "gångväg", "vandringsled", "farled", "ingång", "ingången",
        "utgång", "utgången", "uppgång", "uppgången", "nedgång", "genomgång", "genomgången",
        "övergång", "övergången", "tillgång", "tillgången", "avgång", "avgången",
        "handlingsplan", "handlingsplanen", "åtgärdsplan", "åtgärdsplanen", "behandlingsplan",
        "behandlingsplanen", "vårdplan", "vårdplanen", "genomförandeplan", "genomförandeplanen",
        "rehabiliteringsplan", "rehabiliteringsplanen", "arbetsplan", "verksamhetsplan",
        "utbildningsplan", "kursplan", "läroplan", "detaljplan", "detaljplanen", "översiktsplan",
        "stadsplan", "arbetsplats", "arbetsplatsen", "parkeringsplats", "praktikplats",
        "praktikplatsen", "vårdplats", "vårdplatsen", "förskoleplats", "studieplats",
        "boendeplats", "sittplats", "startplats", "gårdsplan", "skolgården", "skolgård",
        "bondgård", "kyrkogård", "kyrkogården", "lekplats", "lekplatsen", "mötesplats",
        "mötesplatsen", "marknadsplats", "bakgård", "bakgården", "innergård", "innergården",
        "arbetsmarknaden", "rundgång", "rundgången", "förloppet",
    }
)  # fmt: skip

_LAST_LETTERS = "".join(sorted({ch for sfx in _ALL_SUFFIXES for ch in (sfx[-1], sfx[-1].upper())}))
# A capitalised word (possessive: no backtracking) that ends in a street word; the cheap
# last-letter test runs before the suffix alternation.
_STREET_WORD = (
    rf"\p{{Lu}}\p{{L}}*+(?:{_HY}\p{{L}}++)?+"
    rf"(?<=[{_LAST_LETTERS}])(?<=(?i:{'|'.join(_ALL_SUFFIXES)}))"
)
# Title case, or all capitals in a letterhead ("GAMLA KUNGSALLÉN 9 C").
_MODIFIER = rf"(?:{'|'.join(re.escape(m) for m in _MODIFIERS + tuple(m.upper() for m in _MODIFIERS))})"
_CAP_WORD = r"\p{Lu}\p{Ll}+"
_GENITIVE = r"\p{Lu}\p{Ll}+s"
_FREE_WORD = (
    rf"(?:(?i:{'|'.join(sorted(_FREE_WORDS, key=len, reverse=True))})"
    rf"|\p{{Ll}}{{2,}}(?:{'|'.join(sorted(_STRONG_SUFFIXES, key=len, reverse=True))}))"
)  # "väg", "Vägen", or a lower-case compound: "Adolf Fredriks kyrkogata"

# A street name: [modifier] Compoundgatan | [Name] Genitives/Modifier street-word. A modifier
# may end a line and its street begin the next ("Södra\nLångvägen 3": a wrapped line).
_STREET = (
    rf"(?:(?:{_MODIFIER}(?:{_SP}|{_SP}*\r?\n{_SP}*))?{_STREET_WORD}"
    rf"|(?:{_CAP_WORD}{_SP})?(?:{_GENITIVE}|{_MODIFIER}){_SP}{_FREE_WORD})"
)
# "12B", "12 B", and the lower-case "12 b" (a–h only: "Storgatan 5 i Malmö" keeps its "i").
_LETTER = rf"(?:[A-Za-z]|{_SP}[A-Z]|{_SP}[a-h](?![\p{{Pd}}])|\.[A-Z])(?![\p{{L}}\d])"  # ".C": OCR
# A house number (never a year), optional letter, optional range "12-14".
_HOUSE_NUMBER = (
    rf"(?:[SIlO](?=[1-9]))?"  # a letter OCR put before the number ("S55A")
    rf"(?!(?:19|20)\d\d(?!\d))[1-9]\d{{0,3}}(?:{_LETTER})?"
    rf"(?:{_SP}?{_HY}{_SP}?[1-9]\d{{0,3}}(?:[A-Za-z](?![\p{{L}}\d]))?)?"
)
_FLAT = (
    rf"(?:[Ll]gh|LGH|[Ll]ägenhet(?:snummer|snr)?|LÄGENHET(?:SNUMMER)?)\.?(?:{_SP}*\r?\n)?{_SP}*"
    rf"(?:(?:nr|NR)\.?{_SP}*)?\d{{4}}(?!\d)"
)
_FLOOR = rf"\d{{1,2}}(?:{_SP}|\r?\n)?(?:tr|TR|trappor|trappa|trp)\.?(?![\p{{L}}\d])"  # "5\ntr": wrapped
_GROUND = r"(?:nb|NB|n\.b\.|bv|BV|ög|ÖG)(?![\p{L}\d])"
# ";": a comma as OCR reads it; a line break where prose wraps ("Storgatan 12,\nlgh 1102")
_EXTRA = rf"(?:[,;]?{_SP}*(?:{_FLAT}|{_FLOOR}|{_GROUND})|[,;]?{_SP}*\r?\n{_SP}*(?:{_FLAT}|{_FLOOR}))"
# After the number: no decimal/ratio/date digits, no unit or currency that makes it a quantity.
_NOT_QUANTITY = (
    rf"(?![.,:/]\d(?!\d?{_SP}?(?:tr|TR|trappor|trappa)(?![\p{{L}}\d])))"  # "98,5 TR": OCR lost the space
    rf"(?![.:/]\d)(?!{_SP}?(?:%|§|kr\b|kronor\b|SEK\b|kap\b|st\b|år\b|dagar\b|dag\b|"
    rf"timmar\b|tim\b|min\b|km\b|m\b|mil\b|procent\b|gånger\b|(?:jan|feb|mar|apr|maj|jun|jul|"
    rf"aug|sep|okt|nov|dec)[a-zé]*\b))"
)
# not inside a word or number; a full stop or hyphen is allowed when nothing stands before it
# (an OCR speck at a line's start: ".Ekvägen 12", "-EKVÄGEN 81")
_LEFT = r"(?<![\p{L}\p{N}:/])(?<![\p{L}\p{N}:/.\-][.\-])"  # ".Ekvägen", "-EKVÄGEN": specks

# The number on the next line ("Ekvägen\n14 B": a wrapped line), but not a postnummer there.
_WRAP_TO_NUMBER = rf",?{_SP}*\r?\n{_SP}*(?![1-9]\d{{2}}{_SP}?\d{{2}}(?!\d))"
_STREET_WITH_NUMBER = (
    rf"{_LEFT}(?P<value>(?P<street>{_STREET})(?:,?{_SP}+|\.|{_WRAP_TO_NUMBER})(?P<number>{_HOUSE_NUMBER}){_NOT_QUANTITY}"
    rf"(?P<extra>{_EXTRA}{{0,3}}))(?!\d)"
)
_STREET_ONLY = rf"{_LEFT}(?P<value>(?P<street>{_STREET}))(?![\p{{L}}\d])(?!,?{_SP}+\d)"
# c/o + a name: capitalised words (and name particles), up to six, on the same line.
_NAME_TOKEN = rf"(?:(?:af|av|von|van|de|der|den|la|le|&){_SP})?\p{{Lu}}[\p{{L}}'\-]*\.?"
_CARE_OF = (
    # "c/o", the older "c:o", and OCR's "c/0", "c / o"
    rf"(?<![\p{{L}}\p{{N}}])(?P<value>[cC](?:{_SP}?/{_SP}?[oO0]|:[oO])\.?:?{_SP}*\p{{Lu}}[\p{{L}}'\-]*\.?"
    rf"(?:{_SP}{_NAME_TOKEN}(?![\p{{L}}\d])){{0,5}})"
)
_BOX = (
    rf"(?<![\p{{L}}\p{{N}}])(?P<value>(?:Box|BOX|Postbox|POSTBOX|Postfack|POSTFACK|Fack|FACK)"
    rf"(?:{_SP}+|:{_SP}*)[1-9]\d{{0,5}})(?![\d\p{{L}}]|[.,/:]\d)"  # "Box:123": OCR's colon for a space
)
_FLAT_ONLY = rf"(?<![\p{{L}}\p{{N}}])(?P<value>{_FLAT})"
# A street compound in lower case ("jag bor på storgatan 12"): informal writing; only the
# strong street words, and sure only with address evidence.
_STRONG_RE = "|".join(sorted(_STRONG_SUFFIXES, key=len, reverse=True))
# "norra allén 47", "stora torget 3": a lower-case modifier and a free-standing street word
_LOWER_MODIFIERS = "|".join(m.lower() for m in _MODIFIERS if m.isalpha())
_FREE_STRONG_RE = "|".join(sorted(_FREE_STRONG, key=len, reverse=True))
_LOWER_STREET_WITH_NUMBER = (  # anchored on the number (rare), the street found behind it
    rf"(?=[SIlO1-9])(?<=(?<![\p{{L}}\p{{N}}:/.\-])(?:\p{{Ll}}{{2,}}(?:{_STRONG_RE})|(?:{_LOWER_MODIFIERS}){_SP}+(?:{_FREE_STRONG_RE}))"
    rf",?(?:{_SP}{{1,3}}|{_SP}*\n{_SP}*))"
    rf"(?P<value>(?P<number>{_HOUSE_NUMBER}){_NOT_QUANTITY}(?P<extra>{_EXTRA}{{0,3}}))(?!\d)"
)
_LOWER_STREET_BEFORE = re.compile(r"(?<![\p{L}\p{N}:/.\-])(\p{Ll}+),?(?:[ \u00a0]{1,3}|[ \u00a0]*\n[ \u00a0]*)$")
# A modifier in lower case before it ("västra storgatan 9"), also at the end of the line above.
_LOWER_MODIFIER_BEFORE = re.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(m.lower() for m in _MODIFIERS if m.isalpha())})[ \u00a0]*\r?\n?[ \u00a0]*$"
)
# A rural postlåda number ("PL 1234", "Pl. 45"): only right before a postnummer (below).
_POSTLADA_NUMBER = r"(?:PL|Pl)\.?[ \u00a0][1-9]\d{0,4}"

# Foreign streets (Nordic, German): a compound ending in the country's street word, or a name and
# a free-standing street word ("Karl Johans gate", "Bygdøy allé", "Berliner Str."), then a house
# number with the country's staircase/flat parts ("Mannerheimintie 5 A 3", "Amagerbrogade 3, 2. tv").
_FOREIGN_STRONG: tuple[str, ...] = (
    "straße", "strasse", "gade", "gaden", "vej", "vejen", "veien", "vegen", "gata", "gate",
    "gaten", "katu", "katu", "stræde", "allee",
)  # fmt: skip
_FOREIGN_WEAK: tuple[str, ...] = ("tie", "weg", "vei", "veg", "platz", "plass", "plads", "kuja", "tori", "polku")
_FOREIGN_FREE = ("Straße", "Strasse", "Str.", "straße", "strasse", "gate", "gata", "gade", "vej", "vei", "veg",
                 "allé", "Allé", "Allee", "Weg", "Platz", "plass", "plads", "Gate", "Vej")
_FOREIGN_SUFFIX_RE = "|".join(sorted(set(_FOREIGN_STRONG + _FOREIGN_WEAK), key=len, reverse=True))
# Scanned: a Nordic letter (æ, ø, å) OCR read as a digit or a sign inside the word
# ("J2egergårdsgade", "N0rrebrogade"); only with a postal code after the street (assessed below).
_OCR_IN_WORD = r"(?<=\p{L})[0-9@©$&](?=\p{Ll})"
_FOREIGN_STREET = (
    rf"(?:\p{{Lu}}(?:\p{{Ll}}|{_OCR_IN_WORD})+(?:{_HY}\p{{Lu}}?\p{{Ll}}+)?(?<=\p{{Ll}}(?:{_FOREIGN_SUFFIX_RE}))"
    rf"|\p{{Lu}}\p{{Ll}}+stra[B8β]e"  # scanned: the "ß" of "-straße" read as B, 8 or β
    rf"|(?:\p{{Lu}}[\p{{Ll}}ø]+{_SP}){{1,2}}(?:{'|'.join(re.escape(w) for w in _FOREIGN_FREE)}))"
)
_FOREIGN_STREET_WITH_NUMBER = (
    rf"(?=\p{{Lu}}){_LEFT}(?P<value>(?P<street>{_FOREIGN_STREET}),?{_SP}+(?P<number>[1-9]\d{{0,3}}[a-zA-Z]?"
    rf"(?:{_HY}[1-9]\d{{0,3}})?)(?!\d)(?![.,:/]\d){_NOT_QUANTITY}"
    rf"(?P<extra>(?:{_SP}[A-H](?:{_SP}[1-9]\d{{0,2}})?(?![\p{{L}}\d])"  # Finnish "5 A 3"
    rf"|,?{_SP}(?:st|[1-9]\d?)\.{_SP}?(?:tv|th|mf)\.?(?![\p{{L}}]))?))"  # Danish "2. tv"
)
# Streets whose street word comes first: Polish "ul. Piotrkowska 48/6", "al. Jerozolimskie 5",
# Romance "Calle Mayor 5", "Via Roma 12", "Rua Augusta 3", "Avenida da Liberdade 10".
_PREFIX_STREET = (
    rf"(?<![\p{{L}}\p{{N}}.])(?P<value>(?:(?:ul|al|os|pl)\.{_SP}?|(?:Calle|Via|Viale|Rua|Avenida|Rue|Corso|Piazza){_SP})"
    rf"(?:(?:\p{{Lu}}\p{{L}}+|de|da|do|del|della|di|la|le|du|des){_SP}){{0,3}}\p{{Lu}}\p{{L}}+\.?{_SP}"
    rf"[1-9]\d{{0,3}}[A-Za-z]?(?:/\d{{1,4}}[A-Za-z]?)?)(?![\p{{L}}\d])(?![.,:]\d)"
)
# English number-first streets: "10 Baker Street", "Flat 2, 14 Mill Lane".
_UK_STREET_WORDS = (
    "Street", "Road", "Avenue", "Lane", "Close", "Drive", "Way", "Gardens", "Square", "Place",
    "Crescent", "Terrace", "Court", "Grove", "Row", "Mews", "Walk", "Hill", "Rd", "St", "Ave",
)  # fmt: skip
_UK_STREET = (
    rf"(?=[F1-9])(?<![\p{{L}}\p{{N}}])(?P<value>(?:Flat{_SP}\d{{1,4}}[A-Za-z]?,?{_SP})?[1-9]\d{{0,3}}[A-Za-z]?,?{_SP}"
    rf"(?:\p{{Lu}}\p{{Ll}}+{_SP}){{1,3}}(?:{'|'.join(_UK_STREET_WORDS)})\.?)(?![\p{{L}}\d])"
)
# A place name and a house number right before a postnummer (rural addresses without a street
# word: "Sjöbotten 123, 937 91 Burträsk", the postnummer on the same or the next line).
_POSTCODE_AHEAD = rf"(?=,?{_SP}*(?:\r?\n{_SP}*)?(?:SE-?|S-)?[1-9]\d{{2}}{_SP}?\d{{2}}(?!\d){_SP}*(?:\r?\n{_SP}*)?\p{{Lu}})"
_PLACE_WITH_NUMBER = (
    rf"{_LEFT}(?P<value>(?P<street>(?:\p{{Lu}}\p{{Ll}}+{_SP})?\p{{Lu}}\p{{Ll}}{{2,}}(?:{_HY}\p{{Lu}}?\p{{Ll}}+)?)"
    rf"{_SP}(?P<number>(?!(?:19|20)\d\d(?!\d))[1-9]\d{{0,3}}(?:{_LETTER})?))(?!\d){_POSTCODE_AHEAD}"
)
# Capitalised words before a number that are no place ("Sida 2", "Rum 12", "Vecka 12" …).
_NOT_PLACES = frozenset(
    {
        "sida", "sidan", "bilaga", "rum", "plan", "våning", "vecka", "dag", "kapitel", "kap",
        "avsnitt", "punkt", "steg", "fråga", "tabell", "figur", "nummer", "nr", "telefon", "tel",
        "fax", "mobil", "ärende", "ärendet", "dnr", "diarienummer", "klass", "grupp", "version",
        "den", "det", "de", "vi", "jag", "han", "hon", "år", "kl", "klockan", "totalt", "summa",
        "belopp", "lgh", "lägenhet", "box", "postbox", "postfack", "fack", "bilagor", "område",
        "kvarter", "rad", "ruta", "fält", "datum", "sektion", "enhet", "team", "avdelning",
        "månad", "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
        "september", "oktober", "november", "december", "måndag", "tisdag", "onsdag", "torsdag",
        "fredag", "lördag", "söndag", "adress", "gatuadress", "postadress", "utdelningsadress",
    }
)  # fmt: skip

# Words before a street name that say "this is where someone lives / can be reached".
_ADDRESS_CONTEXT = re.compile(
    r"(?i)(?:\bbor\b|\bbodde\b|\bboende\b|\bbosatt|\bfolkbokf|adress|\bvistas\b|\bvistades\b|"
    r"\bflytta[rt]?\b|\bflyttade\b|\bbostad|\bc/o\b)[^\n]{0,30}$"
)
# A postnummer after the street (", 123 45 Ort" or on the next line).
_POSTCODE_AFTER = re.compile(
    r"(?:[ \u00a0]*(?:,[ \u00a0]*|\r?\n[ \u00a0]*)(?:SE-?|S-)?[1-9]\d{2}[ \u00a0]?\d{2}(?!\d)"
    r"|[ \u00a0]{1,3}(?:SE-?|S-)?[1-9]\d{2}[ \u00a0]?\d{2}[ \u00a0]+\p{Lu})"  # same line: a postort follows
)
# Words that end an organisation's or agency's name.
_ORGANISATION = re.compile(
    r"(?i:\b\w*(?:verket|kassan|myndigheten|myndighet|nämnden|styrelsen|inspektionen|"
    r"förvaltningen|förmedlingen|rätten|domstolen|polisen|departementet|kommun|kommunen|"
    r"regionen|landstinget|universitet|universitetet|högskolan|institutet|centralen|"
    r"ombudsmannen|kollegiet|kronofogden|riksdagen|kansliet|akademin|sjukhuset|"
    r"vårdcentralen|mottagningen|kliniken)\b)"
    r"|\b(?:AB|HB|KB|Aktiebolag|Region\s+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+s\s+(?:[Ss]tad|kommun)|"
    r"CSN|ISF|IVO|MSB|SCB|SKR|Kundcenter|Kundtjänst)\b"
)
_ADDRESS_LINE = re.compile(
    r"(?i:^(?:box|postbox|postfack|fack|c/o)\b)"
    r"|^(?:SE-?|S-)?[1-9]\d{2}[ \u00a0]?\d{2}[ \u00a0]+\p{Lu}"
    r"|\d[A-Za-z]?$"
)


_PROSE_LINE = re.compile(r"\p{Ll}[.!?][ \u00a0]+\p{L}")  # a sentence ends inside the line
_PART_SEPARATOR = re.compile(r"[,|\u2013\u2022\u00b7]")
_HY_RE = re.compile(_HY)
_POSTCODE_NEXT = re.compile(r"[ \u00a0]+(?:SE-?)?[1-9]\d{2}[ \u00a0]?\d{2}(?!\d)")


def follows_organisation(text: str, start: int, max_lines: int = 2) -> bool:
    """True when the address at ``start`` is part of an organisation's address block.

    Either the same line starts with an organisation's name followed by a separator
    (``Skatteverket, Box 2820``), or a short line above it is an organisation's name, walking
    back through at most ``max_lines`` lines and only through address lines (``Box 123``,
    ``Storgatan 1``). A person's name on the line above stops the walk.
    """
    line_start = text.rfind("\n", 0, start) + 1
    same_line = text[line_start:start]
    if same_line.strip():
        parts = _PART_SEPARATOR.split(same_line)
        return len(same_line) <= 80 and len(parts) > 1 and bool(_ORGANISATION.search(parts[0]))
    pos = line_start - 1
    for _ in range(max_lines):
        if pos <= 0:
            return False
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos].strip()
        if not line or len(line) > 70 or _PROSE_LINE.search(line) or len(line.split()) > 8:
            return False  # a line of running text is no part of an address block
        if _ORGANISATION.search(line):
            return True
        if not _ADDRESS_LINE.search(line):
            return False
        pos = prev_start - 1
    return False


def _casing_ok(street: str) -> bool:
    """Title case (``Storgatan``, ``Karl-Johansgatan``) or ALL CAPS (``STORGATAN``).

    A free-standing street word after a genitive may be lower case (``Drottning Kristinas väg``).
    """
    words = street.split()
    last = words[-1]
    letters = "".join(ch for ch in last if ch.isalpha())
    if len(words) > 1 and last.lower() in _FREE_WORDS:
        return letters.islower() or letters.istitle() or letters.isupper()
    if len(words) > 1 and letters.islower():
        return True  # "Adolf Fredriks kyrkogata": the pattern only allows street compounds here
    if letters.isupper():
        return True
    return all(part[:1].isupper() and part[1:].islower() for part in _HY_RE.split(last) if part)


def _suffix_strength(street: str) -> Optional[str]:
    """'strong', 'medium', 'weak', or None for an ordinary word, for a street name."""
    words = street.split()
    last = words[-1].lower()
    if last in _NOT_STREETS:
        return None
    if len(words) > 1 and last in _FREE_WORDS:
        return "strong" if last in _FREE_STRONG else "medium"
    for tier, suffixes in (
        ("strong", _STRONG_SUFFIXES),
        ("medium", _MEDIUM_SUFFIXES),
        ("weak", _WEAK_SUFFIXES),
    ):
        if any(last.endswith(sfx) and len(last) - len(sfx) >= 2 for sfx in suffixes):
            return tier
    return None


class SeAddressRecognizer(SwedishPatternRecognizer):
    """Street addresses, c/o lines and Box addresses (``SE_ADDRESS``)."""

    ENTITY = entities.SE_ADDRESS
    NAME = "SeAddressRecognizer"
    PATTERNS = [
        Pattern("se_street_number", _STREET_WITH_NUMBER, 0.85),
        Pattern("se_street_name", _STREET_ONLY, 0.5),
        Pattern("se_care_of", _CARE_OF, 0.85),
        Pattern("se_box", _BOX, 0.7),
        Pattern("se_flat_number", _FLAT_ONLY, 0.6),
        Pattern("foreign_street_number", _FOREIGN_STREET_WITH_NUMBER, 0.85),
        Pattern("uk_street", _UK_STREET, 0.85),
        Pattern("prefix_street", _PREFIX_STREET, 0.85),
        Pattern("se_place_number", _PLACE_WITH_NUMBER, 0.7),
        Pattern("se_lower_street_number", _LOWER_STREET_WITH_NUMBER, 0.85),
        Pattern("se_postlada", rf"(?<![\p{{L}}\p{{N}}])(?P<value>{_POSTLADA_NUMBER})(?!\d){_POSTCODE_AHEAD}", 0.7),
    ]
    # Foreign and English streets lie within one line (spaces, no line breaks) and hold their
    # street word right before the number, or after a space: they run on those lines only.
    LINE_GATES = {
        "foreign_street_number": (
            rf"(?:{_FOREIGN_SUFFIX_RE}|stra[B8β]e|{'|'.join(re.escape(w) for w in _FOREIGN_FREE)}),?{_SP}+[1-9]"
        ),
        "uk_street": rf"{_SP}(?:{'|'.join(_UK_STREET_WORDS)})",
    }
    CONTEXT = [
        "adress",
        "bor",
        "boende",
        "bosatt",
        "folkbokf",
        "gatuadress",
        "besöksadress",
        "postadress",
        "c/o",
        "hemadress",
        "bostad",
        "vistas",
        "adresse",
        "address",
    ]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        start = match.start("value")
        if pattern.name in ("se_street_number", "se_street_name"):
            return self._assess_street(match, text, pattern, start)
        if pattern.name == "se_care_of":
            value = match.group("value")
            trimmed = value.rstrip(" \u00a0.-")
            # 0.95: "c/o" makes the line an address for certain; the name in it is also a
            # person's, and the merged span is then typed as the address it is part of
            return Assessment(score=0.95, validation=UNCHECKED, end_offset=len(trimmed) - len(value))
        if pattern.name == "se_lower_street_number":
            before = _LOWER_STREET_BEFORE.search(text, max(0, start - 60), start)
            if before is None:
                return None
            start = before.start(1)
            modifier = _LOWER_MODIFIER_BEFORE.search(text, max(0, start - 20), start)
            modified = modifier is not None and modifier.end() == start and modifier.start() < start - 1
            if _suffix_strength(before.group(1)) != "strong" and not (modified and before.group(1) in _FREE_STRONG):
                return None
            if modified:
                start = modifier.start()
            evidence = (
                _ADDRESS_CONTEXT.search(text, max(0, start - 60), start) is not None
                or bool(match.group("extra"))
                or _POSTCODE_AFTER.match(text, match.end("value")) is not None
                or _POSTCODE_NEXT.match(text, match.end("value")) is not None
            )
            offset = start - match.start("value")
            return Assessment(score=0.85, validation=UNCHECKED, start_offset=offset) if evidence else None
        if pattern.name == "foreign_street_number":
            return _assess_foreign_street(match, text, start)
        if pattern.name in ("uk_street", "prefix_street"):
            if follows_organisation(text, start):
                return None
            return Assessment(score=0.85, validation=UNCHECKED)
        if pattern.name == "se_place_number":
            words = match.group("street").split()
            if any(w.lower() in _NOT_PLACES or w.lower() in _NOT_STREETS for w in words):
                return None
            if follows_organisation(text, start):
                return None
            return Assessment(score=0.7, validation=UNCHECKED)
        if pattern.name in ("se_box", "se_postlada"):
            if follows_organisation(text, start):
                return None
            return Assessment(score=0.7, validation=UNCHECKED)
        return Assessment(score=0.6, validation=UNCHECKED)

    @staticmethod
    def _assess_street(
        match: "re.Match[str]", text: str, pattern: Pattern, start: int
    ) -> Optional[Assessment]:
        street = match.group("street")
        if not _casing_ok(street):
            return None
        strength = _suffix_strength(street)
        if strength is None:
            return None
        has_context = _ADDRESS_CONTEXT.search(text, max(0, start - 60), start) is not None
        if pattern.name == "se_street_name":
            return Assessment(score=0.5, validation=UNCHECKED) if has_context else None
        if not has_context and follows_organisation(text, start):
            return None
        value = match.group("value")
        trim = len(value.rstrip(".")) - len(value)  # "3 tr." → "3 tr"
        if strength == "strong":
            return Assessment(score=0.85, validation=UNCHECKED, end_offset=trim)
        evidence = (
            has_context
            or bool(match.group("extra"))
            or not match.group("number").isdigit()
            or _POSTCODE_AFTER.match(text, match.end("value")) is not None
        )
        score = 0.85 if evidence else 0.6 if strength == "medium" else 0.35
        return Assessment(score=score, validation=UNCHECKED, end_offset=trim)


_FOREIGN_POSTCODE_AFTER = re.compile(
    r"[ \u00a0]*(?:,[ \u00a0]*|\r?\n[ \u00a0]*|[ \u00a0])(?:(?:DK|N|NO|FI|FIN|SF|D|DE|A|AT|CH)-)?\d{4,5}(?!\d)[ \u00a0]+\p{Lu}"
)


def _assess_foreign_street(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    """A foreign street: sure with a strong street word, else with address evidence."""
    street = match.group("street")
    last = street.split()[-1].lower().rstrip(".")
    if last in _NOT_STREETS or street.lower() in _NOT_STREETS:
        return None
    if follows_organisation(text, start):
        return None
    if any(c.isdigit() or c in "@©$&" for c in street):  # OCR-damaged: a postal code after it
        if sum(not c.isalpha() for c in street) > 2 or not (
            _FOREIGN_POSTCODE_AFTER.match(text, match.end("value")) or _POSTCODE_AFTER.match(text, match.end("value"))
        ):
            return None
    strong = len(street.split()) > 1 or any(last.endswith(sfx) for sfx in _FOREIGN_STRONG)
    evidence = (
        _ADDRESS_CONTEXT.search(text, max(0, start - 60), start) is not None
        or bool(match.group("extra"))
        or _FOREIGN_POSTCODE_AFTER.match(text, match.end("value")) is not None
        or _POSTCODE_AFTER.match(text, match.end("value")) is not None
    )
    if strong or evidence:
        return Assessment(score=0.85, validation=UNCHECKED)
    return Assessment(score=0.5, validation=UNCHECKED)


_HOUSE_NUMBER_LINE = re.compile(r"[ \u00a0]*[1-9]\d{0,3}[A-Za-z]?[ \u00a0,;]*$")
_END_PATTERNS = ("se_street_number", "se_lower_street_number", "prefix_street", "se_box", "foreign_street_number", "uk_street", "se_place_number", "se_postlada")
_ender: Optional["SeAddressRecognizer"] = None


def street_ends_at(text: str, end: int, box: bool = True) -> bool:
    """True when a street address (Swedish or foreign street + number, Box, a place + number
    before a postnummer) ends at ``end`` in ``text``, or right before a comma there: the number
    that follows is then a postal code in an address layout (``Storgatan 12 123 45 Malmö``).
    ``box=False``: a Box number does not count (``Box 123 456 78`` may be one grouped number)."""
    global _ender
    if _ender is None:
        _ender = SeAddressRecognizer()
    line_start = text.rfind("\n", 0, end) + 1
    if _HOUSE_NUMBER_LINE.match(text, line_start, end) and line_start > 0:
        line_start = text.rfind("\n", 0, line_start - 1) + 1  # "Ekvägen" / "12 123 45 Lund": wrapped
    frag = text[line_start:end].rstrip(" \u00a0,;|\u00b7\u2022")
    if frag.endswith("."):  # "Vesterbrogade 41, 1. tv.": the part may end with its full stop
        frag = frag[:-1]
    if not frag or not frag[-1].isalnum():
        return False
    lo = line_start
    for pattern, compiled in _ender._compiled:
        if pattern.name not in _END_PATTERNS or (not box and pattern.name == "se_box"):
            continue
        for m in compiled.finditer(text, lo, line_start + len(frag) + 40):
            if m.end("value") not in (line_start + len(frag), line_start + len(frag) + 1):
                continue
            if _ender.assess(m, text, pattern) is not None:
                return True
    return False
