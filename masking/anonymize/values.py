"""Fake values of the same kind and notation as an input value, and their validity checks.

Each ``fake_*`` takes the input as written and a :class:`random.Random`, and returns a value in
the same notation (separators, spacing, length) that is valid by the type's own rules (Luhn,
mod 97, dates). The caller (:mod:`.surrogate`) makes sure the result differs from the input and
from every other input value in the scope.
"""

from __future__ import annotations

import datetime as _dt
import random
import re

from ..synth.values import POST_TOWNS, PRIVATE_MAIL_DOMAINS, iban_check, luhn_digit

_STREET_SUFFIXES = ("gatan", "vägen", "gränd", "stigen", "backen", "allén", "torget", "plan", "leden",
                    "slingan", "gården", "vägen", "gata", "väg", "stig", "höjden", "ringen", "parken")
# words that begin street names (the generator's own list, and a few more)
_STREET_PREFIXES = (
    "Stor Kyrko Skol Björk Ek Lind Tall Gran Ros Sjö Strand Kvarn Mölle Industri Järnvägs Drottning Kunga "
    "Prästgårds Åker Äng Hag Bäck Berg Dal Skogs Park Tegel Smeds Lärk Hassel Rönn Asp Syren Fläder Lingon "
    "Blåbärs Hjort Räv Falk Örn Svan Trast Vasa Linné Ring Sol Stjärn Norr Söder Öster Väster Nygårds Hamn "
    "Fiskar Mjölnar Bryggar Väver Klöver Ljung Moss Utsikts"
).split()
BIG_CITIES = frozenset({"stockholm", "göteborg", "malmö", "solna", "sundbyberg", "nacka", "huddinge", "täby",
                        "lidingö", "bromma", "hägersten", "skärholmen", "angered", "hisings backa", "järfälla",
                        "botkyrka", "västra frölunda", "mölndal", "kista", "spånga", "farsta", "vällingby"})
PUBLIC_MAIL_DOMAINS = frozenset(PRIVATE_MAIL_DOMAINS) | {"gmail.se", "yahoo.com", "outlook.se", "live.com", "msn.com",
                                                          "me.com", "protonmail.com", "proton.me", "comhem.se"}
# ICD-10 chapters (WHO / ICD-10-SE): first and last three-character code of each
ICD10_CHAPTERS = (
    ("A00", "B99"), ("C00", "D48"), ("D50", "D89"), ("E00", "E90"), ("F00", "F99"), ("G00", "G99"),
    ("H00", "H59"), ("H60", "H95"), ("I00", "I99"), ("J00", "J99"), ("K00", "K93"), ("L00", "L99"),
    ("M00", "M99"), ("N00", "N99"), ("O00", "O99"), ("P00", "P96"), ("Q00", "Q99"), ("R00", "R99"),
    ("S00", "T98"), ("V01", "Y98"), ("Z00", "Z99"), ("U00", "U99"),
)
_PHONE_AREAS_3 = frozenset("011 013 016 018 019 021 023 026 031 033 035 036 040 042 044 046 054 060 063 090".split())


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def put_digits(template: str, digits: str) -> str:
    """``template`` with its digits replaced, in order, by ``digits`` (same count)."""
    it = iter(digits)
    return "".join(next(it) if c.isdigit() else c for c in template)


def luhn_ok(digits: str) -> bool:
    return bool(digits) and luhn_digit(digits[:-1]) == digits[-1]


# -- personnummer / samordningsnummer -----------------------------------------------------------


def pnr_key(text: str) -> str:
    """The linking key of an identity number: its last ten digits (the century is a notation)."""
    d = digits_of(text)
    return d[-10:] if len(d) >= 10 else d


def _full_year(d: str, text: str, today: _dt.date) -> int:
    if len(d) == 12:
        return int(d[:4])
    yy = int(d[:2])
    year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    if "+" in text:
        year -= 100
    return year


def fake_pnr(text: str, rng: random.Random, today: _dt.date | None = None) -> str:
    """Same century, birth decade, gender digit parity and kind (samordningsnummer: day + 60);
    a random valid date and birth number, a correct Luhn digit; same notation."""
    today = today or _dt.date.today()
    d = digits_of(text)
    if len(d) not in (10, 12):
        return fake_digits(text, rng)
    short = d[-10:]
    year = _full_year(d, text, today)
    day = int(short[4:6])
    samordning = day > 60
    decade = year - year % 10
    latest = min(decade + 9, today.year)
    new_year = rng.randrange(decade, latest + 1) if latest >= decade else decade
    month = rng.randrange(1, 13)
    if _dt.date(new_year, month, 1) > today:
        month = max(1, today.month - 1) if new_year == today.year else month
    new_day = rng.randrange(1, 29) + (60 if samordning else 0)
    gender = int(short[8])
    birth = f"{rng.randrange(0, 100):02d}" + str(rng.choice([g for g in range(10) if g % 2 == gender % 2]))
    body = f"{new_year % 100:02d}{month:02d}{new_day:02d}{birth}"
    new10 = body + luhn_digit(body)
    new = (f"{new_year // 100:02d}" + new10) if len(d) == 12 else new10
    return put_digits(text, new)


def pnr_valid(text: str, today: _dt.date | None = None) -> bool:
    d = digits_of(text)
    if len(d) not in (10, 12) or not luhn_ok(d[-10:]):
        return False
    short = d[-10:]
    year = _full_year(d, text, today or _dt.date.today())
    day = int(short[4:6])
    day = day - 60 if day > 60 else day
    try:
        _dt.date(year, int(short[2:4]), day)
    except ValueError:
        return False
    return True


# -- phone numbers ------------------------------------------------------------------------------


def phone_key(text: str) -> str:
    d = digits_of(text)
    if d.startswith("0046"):
        d = d[4:]
    elif text.lstrip().startswith("+") and d.startswith("46"):
        d = d[2:]
    return d if d.startswith("0") else "0" + d


def _kept_phone_digits(text: str) -> int:
    """How many leading digits are country and area code (kept: the notation and region)."""
    d = digits_of(text)
    pre = 0
    if d.startswith("0046"):
        pre = 4
    elif text.lstrip().startswith("+") and d.startswith("46"):
        pre = 2
    rest = d[pre:]
    national = rest if rest.startswith("0") else "0" + rest
    if national.startswith("07") or national[:3] in _PHONE_AREAS_3 or national.startswith("010"):
        area = 3
    elif national.startswith("08"):
        area = 2
    else:
        area = 4
    return pre + (area if rest.startswith("0") else area - 1)


def fake_phone(text: str, rng: random.Random) -> str:
    d = digits_of(text)
    keep = min(_kept_phone_digits(text), max(0, len(d) - 2))
    tail = str(rng.randrange(2, 10)) + "".join(rng.choice("0123456789") for _ in range(len(d) - keep - 1))
    return put_digits(text, d[:keep] + tail)


def phone_valid(original: str, fake: str) -> bool:
    """Same notation (every non-digit in place), same number of digits, same area code."""
    skeleton = lambda s: re.sub(r"\d", "9", s)  # noqa: E731
    k = _kept_phone_digits(original)
    return skeleton(original) == skeleton(fake) and digits_of(fake)[:k] == digits_of(original)[:k]


# -- addresses ----------------------------------------------------------------------------------

_POSTAL = re.compile(r"^(?P<code>\d{3}\s?\d{2})(?P<sep>\s+)?(?P<town>\D.*)?$")
_BOX = re.compile(r"^(?P<box>box|pl|postbox)(?P<sep>\s+)(?P<num>\d+)(?P<rest>.*)$", re.I)
_CO = re.compile(r"^(?P<co>c/o|co)(?P<sep>\s+)(?P<rest>.+)$", re.I)
_STREET = re.compile(r"^(?P<street>[^\d,]*?[^\W\d_])(?P<sep>\s+)(?P<num>\d+)(?P<rest>.*)$")


def _fake_number(num: str, rng: random.Random) -> str:
    lo, hi = (1, 9) if len(num) == 1 else (10 ** (len(num) - 1), 10 ** len(num) - 1)
    out = str(rng.randrange(lo, hi + 1))
    return out if out != num else str(rng.randrange(lo, hi + 1))


def _fake_rest(rest: str, rng: random.Random) -> str:
    """The part after the house number (``B``, ``, lgh 1102``, ``, 2 tr``): digits renewed."""
    return re.sub(r"\d+", lambda m: _fake_number(m.group(), rng), rest)


def fake_street_name(street: str, rng: random.Random) -> str:
    """Another street name with the same ending (``-gatan`` in a town, ``-vägen``, ``-stigen`` …)."""
    low = street.lower()
    suffix = next((s for s in sorted(_STREET_SUFFIXES, key=len, reverse=True) if low.endswith(s)), None)
    if suffix is None:
        suffix = "vägen"
    name = rng.choice(_STREET_PREFIXES) + suffix
    if " " in street.strip() and not street.strip().lower().startswith(("gamla", "norra", "södra", "östra", "västra", "lilla", "stora")):
        name = rng.choice(_STREET_PREFIXES) + " " + rng.choice(_STREET_PREFIXES).lower() + suffix
    return name


def town_kind(town: str) -> str:
    return "city" if town.strip().lower() in BIG_CITIES else "town"


def fake_postal(text: str, rng: random.Random) -> str:
    """A postnummer (and post town) of the same kind of place: a big city's for a big city's."""
    m = _POSTAL.match(text.strip())
    if not m:
        return fake_digits(text, rng)
    town = (m.group("town") or "").strip()
    kind = town_kind(town) if town else None
    first = m.group("code")[0]
    towns = [(t, r) for t, r in POST_TOWNS if (kind is None or town_kind(t) == kind) and t.lower() != town.lower()]
    if kind is None:  # a code alone: the same first digit (the same part of the country) where possible
        towns = [(t, r) for t, r in towns if str(r[0])[0] == first] or towns
    new_town, (lo, hi) = rng.choice(towns or POST_TOWNS)
    code = f"{rng.randrange(lo, hi + 1)}{rng.randrange(10, 100):02d}"
    out = put_digits(m.group("code"), code)
    if town:
        out += (m.group("sep") or " ") + (new_town.upper() if town.isupper() else new_town)
    lead = text[: len(text) - len(text.lstrip())]
    return lead + out


def fake_address(text: str, rng: random.Random, name_for) -> str:  # type: ignore[no-untyped-def]
    """An address of the same kind: street + number (same ending of the street name), Box,
    c/o a surrogate name, postnummer + ort; part by part (comma or line separated)."""
    parts = re.split(r"(,\s*|\n)", text)
    out = []
    for part in parts:
        if not part or re.fullmatch(r",\s*|\n", part):
            out.append(part)
            continue
        lead = part[: len(part) - len(part.lstrip())]
        p = part.strip()
        if m := _POSTAL.match(p):
            out.append(lead + fake_postal(p, rng))
        elif m := _BOX.match(p):
            out.append(lead + m.group("box") + m.group("sep") + _fake_number(m.group("num"), rng) + _fake_rest(m.group("rest"), rng))
        elif m := _CO.match(p):
            out.append(lead + m.group("co") + m.group("sep") + name_for(m.group("rest")))
        elif re.fullmatch(r"(lgh|lägenhet)\s*\d+", p, re.I) or re.fullmatch(r"\d+\s*tr", p, re.I):
            out.append(lead + _fake_rest(p, rng))
        elif m := _STREET.match(p):
            street = fake_street_name(m.group("street"), rng)
            if m.group("street").isupper():
                street = street.upper()
            out.append(lead + street + m.group("sep") + _fake_number(m.group("num"), rng) + _fake_rest(m.group("rest"), rng))
        elif re.search(r"\d", p):
            out.append(lead + fake_digits(p, rng))
        else:  # a street or place name without a number
            out.append(lead + fake_street_name(p, rng))
    return "".join(out)


# -- diagnoses ----------------------------------------------------------------------------------


def icd10_chapter(code: str) -> str | None:
    """The chapter range of an ICD-10 code (``F32.1`` → ``F00–F99``), or None."""
    m = re.match(r"\s*([A-Z])\s?(\d{2})", code.upper())
    if not m:
        return None
    key = m.group(1) + m.group(2)
    for lo, hi in ICD10_CHAPTERS:
        if lo <= key <= hi:
            return f"{lo}–{hi}"
    return None


# -- other identifiers --------------------------------------------------------------------------


def fake_digits(text: str, rng: random.Random, keep_first: int = 0) -> str:
    """Every digit renewed (the first ``keep_first`` kept), letters renewed in their case."""
    out = []
    seen = 0
    for c in text:
        if c.isdigit():
            out.append(c if seen < keep_first else rng.choice("0123456789"))
            seen += 1
        elif c.isascii() and c.isalpha():
            letters = "ABCDEFGHJKLMNPRSTUWXYZ"
            out.append(rng.choice(letters) if c.isupper() else rng.choice(letters.lower()))
        else:
            out.append(c)
    return "".join(out)


def fake_luhn(text: str, rng: random.Random, keep_first: int = 0) -> str:
    """Random digits in the same notation with a correct Luhn digit last (bankgiro, plusgiro,
    payment cards, organisationsnummer)."""
    d = digits_of(text)
    if len(d) < 2:
        return fake_digits(text, rng)
    body = d[:keep_first] + "".join(rng.choice("0123456789") for _ in range(len(d) - 1 - keep_first))
    return put_digits(text, body + luhn_digit(body))


def fake_orgnr(text: str, rng: random.Random) -> str:
    d = digits_of(text)
    if len(d) != 10:
        return fake_luhn(text, rng)
    body = d[0] + rng.choice("0123456789") + str(rng.randrange(2, 10)) + "".join(rng.choice("0123456789") for _ in range(6))
    return put_digits(text, body + luhn_digit(body))


def fake_iban(text: str, rng: random.Random) -> str:
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", compact):
        return fake_digits(text, rng)
    country, bban = compact[:2], compact[4:]
    new_bban = bban[:3] + "".join(rng.choice("0123456789") if c.isdigit() else c for c in bban[3:])
    new = country + iban_check(country, new_bban) + new_bban
    it = iter(new)
    return "".join(c if c.isspace() else next(it) for c in text)


def iban_valid(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def fake_plate(text: str, rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUWXYZ"
    out = []
    for i, c in enumerate(text):
        if c.isdigit():
            out.append(rng.choice("0123456789"))
        elif c.isalpha():
            out.append(rng.choice(letters.replace("O", "") if i == len(text) - 1 else letters))
        else:
            out.append(c)
    return "".join(out)


def email_domain(text: str) -> str:
    return text.rsplit("@", 1)[-1].lower() if "@" in text else ""
