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
    old_code = digits_of(m.group("code"))
    while True:  # never the input's postnummer (with another town it would still be the input's)
        new_town, (lo, hi) = rng.choice(towns or POST_TOWNS)
        code = f"{rng.randrange(lo, hi + 1)}{rng.randrange(10, 100):02d}"
        if code != old_code:
            break
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


# -- bank accounts ------------------------------------------------------------------------------
# Bankgirot, "Bankernas kontonummeruppbyggnad" (the banks' account number rules, public facts):
# clearing range → rule. "1.1": type 1 comment 1, a 7-digit account, mod 11 over the last three
# clearing digits and the account; "1.2": type 1 comment 2, mod 11 over all four clearing digits
# and the account; "2.1": type 2 comment 1, a 10-digit account, mod 10 (Luhn); "2.2": type 2
# comment 2 (Handelsbanken), a 9-digit account, mod 11; "2.3": type 2 comment 3 (Swedbank 8xxx,
# Plusgirot), up to 10 digits, mod 10; "pnr": Nordea personkonto, the account is a personnummer.
_BANK_RULES: tuple[tuple[int, int, str], ...] = (
    (1100, 1199, "1.1"), (1200, 1399, "1.1"), (1400, 2099, "1.1"), (2300, 2399, "1.1"), (2400, 2499, "1.1"),
    (3000, 3299, "1.1"), (3300, 3300, "pnr"), (3301, 3399, "1.1"), (3400, 3409, "1.1"), (3410, 3781, "1.1"),
    (3782, 3782, "pnr"), (3783, 3999, "1.1"), (4000, 4999, "1.2"), (5000, 5999, "1.1"), (6000, 6999, "2.2"),
    (7000, 7999, "1.1"), (8000, 8999, "2.3"), (9020, 9029, "1.2"), (9040, 9049, "1.2"), (9060, 9069, "1.1"),
    (9100, 9109, "1.2"), (9120, 9124, "1.1"), (9130, 9149, "1.1"), (9150, 9169, "1.2"), (9170, 9179, "1.1"),
    (9180, 9189, "2.1"), (9190, 9199, "1.2"), (9230, 9239, "1.1"), (9250, 9259, "1.1"), (9270, 9279, "1.1"),
    (9280, 9289, "1.1"), (9390, 9399, "1.2"), (9400, 9449, "1.1"), (9460, 9469, "1.1"), (9470, 9479, "1.2"),
    (9500, 9549, "2.3"), (9550, 9569, "1.2"), (9570, 9579, "2.1"), (9630, 9639, "1.1"), (9640, 9649, "1.2"),
    (9660, 9669, "1.2"), (9670, 9679, "1.2"), (9680, 9689, "1.1"), (9700, 9709, "1.2"), (9880, 9889, "2.1"),
    (9960, 9969, "2.3"),
)
_BANK_ACCOUNT_LENGTH = {"1.1": (7,), "1.2": (7,), "2.1": (10,), "2.2": (9,), "2.3": tuple(range(5, 11)), "pnr": (10,)}


def bank_rule(clearing: str) -> str | None:
    """The account rule of a 4-digit clearing number, or None for a range without one."""
    if len(clearing) < 4 or not clearing[:4].isdigit():
        return None
    c = int(clearing[:4])
    return next((rule for low, high, rule in _BANK_RULES if low <= c <= high), None)


def _mod11_ok(digits: str) -> bool:
    return sum(int(ch) * (i % 10 + 1) for i, ch in enumerate(reversed(digits))) % 11 == 0


def split_bank_account(text: str) -> tuple[str, str] | None:
    """(clearing digits, account digits) of a bank account as written; Swedbank's five-digit
    clearing (8xxx and its check digit) stays whole. None without a clearing number in front."""
    d = digits_of(text)
    if len(d) < 9 or bank_rule(d[:4]) is None:
        return None
    if d[0] == "8" and (len(d) > 14 or (d[4] == luhn_digit(d[:4]) and luhn_ok(d[5:]) and not luhn_ok(d[4:]))):
        return d[:5], d[5:]
    return d[:4], d[4:]


def bank_account_valid(text: str, today: _dt.date | None = None) -> bool:
    """Whether the account passes its clearing range's rule (length and check digit)."""
    parts = split_bank_account(text)
    if parts is None:
        return False
    clearing, account = parts
    rule = bank_rule(clearing)
    if rule is None or len(account) not in _BANK_ACCOUNT_LENGTH[rule]:
        return False
    if len(clearing) == 5 and clearing[4] != luhn_digit(clearing[:4]):
        return False
    if rule == "1.1":
        return _mod11_ok(clearing[1:4] + account)
    if rule == "1.2":
        return _mod11_ok(clearing[:4] + account)
    if rule == "2.2":
        return _mod11_ok(account)
    if rule == "pnr":
        return pnr_valid(account, today)
    return luhn_ok(account)


def fake_bank_account(text: str, rng: random.Random) -> str:
    """The same clearing number (it names a bank, not a person) and a new account number of the
    same length that passes the clearing range's check (mod 10 or mod 11; a Nordea personkonto
    gets a surrogate personnummer); a clearing range without a known rule gets random digits."""
    parts = split_bank_account(text)
    if parts is None:
        return fake_digits(text, rng, keep_first=4)
    clearing, account = parts
    rule = bank_rule(clearing)
    if rule is None or len(account) not in _BANK_ACCOUNT_LENGTH[rule]:
        return fake_digits(text, rng, keep_first=len(clearing))
    if rule == "pnr":
        return put_digits(text, clearing + fake_pnr(account, rng))
    while True:
        body = "".join(rng.choice("0123456789") for _ in range(len(account) - 1))
        if rule in ("2.1", "2.3"):
            return put_digits(text, clearing + body + luhn_digit(body))
        prefix = clearing[1:4] if rule == "1.1" else clearing[:4] if rule == "1.2" else ""
        check = next((c for c in "0123456789" if _mod11_ok(prefix + body + c)), None)
        if check is not None:  # a body whose check digit would be 10 is drawn again
            return put_digits(text, clearing + body + check)
