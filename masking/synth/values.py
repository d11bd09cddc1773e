"""Synthetic values for the generator: identifiers in their written forms, and keep values.

Every function takes a :class:`random.Random` so that a document is reproducible from its seed.
Identifiers carry valid check digits (Luhn, mod 11, mod 97) unless a typo is asked for; they are
random, so any match with a real number is chance, and no name is ever attached to a real one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from .names import fold

# -- check digits ---------------------------------------------------------------------------------


def luhn_digit(body: str) -> str:
    """The Luhn (mod 10) check digit that completes ``body``."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def mod11_ok(digits: str) -> bool:
    """Weighted mod 11 (weights 1, 2, ..., 10 repeating from the right), as for bank accounts."""
    total = sum(int(ch) * (i % 10 + 1) for i, ch in enumerate(reversed(digits)))
    return total % 11 == 0


def _mod11_complete(body: str) -> str | None:
    """The digit that makes ``body + digit`` pass :func:`mod11_ok`, or None when it would be 10."""
    for d in "0123456789":
        if mod11_ok(body + d):
            return d
    return None


def iban_check(country: str, bban: str) -> str:
    """ISO 13616 check digits (mod 97) for a country code and BBAN."""
    rearranged = bban + country + "00"
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return f"{98 - int(numeric) % 97:02d}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _weighted(rng: random.Random, options: list[tuple[str, float]]) -> str:
    values, weights = zip(*options)
    return rng.choices(values, weights=weights, k=1)[0]


def group(digits: str, sizes: list[int], sep: str = " ") -> str:
    """Cut ``digits`` into groups of the given sizes (the rest forms a last group)."""
    parts: list[str] = []
    i = 0
    for size in sizes:
        if i >= len(digits):
            break
        parts.append(digits[i : i + size])
        i += size
    if i < len(digits):
        parts.append(digits[i:])
    return sep.join(parts)


# -- personal identity numbers --------------------------------------------------------------------


ID_FORMS: list[tuple[str, float]] = [
    ("short_dash", 0.40),
    ("long_dash", 0.30),
    ("long_plain", 0.12),
    ("short_plain", 0.06),
    ("short_space", 0.06),
    ("long_space", 0.06),
]


@dataclass(frozen=True)
class IdNumber:
    """A personnummer or samordningsnummer: its 12 digits and how to write them."""

    digits: str  # YYYYMMDDNNNC
    birth: date
    samordning: bool
    valid: bool
    centenarian: bool  # the 10-digit form takes "+" instead of "-"

    def text(self, form: str) -> str:
        """The number in one written form (see :data:`ID_FORMS`)."""
        century, head, tail = self.digits[:2], self.digits[2:8], self.digits[8:]
        sep = "+" if self.centenarian else "-"
        return {
            "short_dash": f"{head}{sep}{tail}",
            "long_dash": f"{century}{head}-{tail}",
            "long_plain": f"{century}{head}{tail}",
            "short_plain": f"{head}{tail}",
            "short_space": f"{head} {tail}",
            "long_space": f"{century}{head} {tail}",
        }[form]

    def random_text(self, rng: random.Random) -> str:
        return self.text(_weighted(rng, ID_FORMS))


def birth_date(rng: random.Random, today: date, min_age: int = 18, max_age: int = 90) -> date:
    """A random birth date giving an age between ``min_age`` and ``max_age`` on ``today``."""
    start = date(today.year - max_age, 1, 1)
    end = date(today.year - min_age, 12, 31)
    return start + timedelta(days=rng.randrange((end - start).days))


def id_number(
    rng: random.Random,
    born: date,
    female: bool,
    today: date,
    samordning: bool = False,
    typo_rate: float = 0.03,
) -> IdNumber:
    """A personnummer (or samordningsnummer: day + 60) with a Luhn check digit.

    The 9th digit is odd for a man, even for a woman. With probability ``typo_rate`` the check
    digit is wrong (a typo that must still be masked). From the year the holder turns 100 the
    10-digit form is written with ``+``.
    """
    day = born.day + (60 if samordning else 0)
    serial = rng.randrange(1, 100) * 10 + rng.choice([0, 2, 4, 6, 8] if female else [1, 3, 5, 7, 9])
    body = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial:03d}"
    check = luhn_digit(body)
    valid = rng.random() >= typo_rate
    if not valid:
        check = str((int(check) + rng.randrange(1, 10)) % 10)
    digits = f"{born.year // 100:02d}{body}{check}"
    return IdNumber(digits, born, samordning, valid, today.year - born.year >= 100)


def company_orgnr(rng: random.Random) -> str:
    """An aktiebolag's organisationsnummer ``556NNN-NNNC`` (digits 3-4 >= 20, Luhn valid)."""
    body = rng.choice(["556", "559", "556"]) + _digits(rng, 6)
    if int(body[2:4]) < 20:
        body = body[:2] + str(rng.randrange(20, 100)) + body[4:]
    return f"{body[:6]}-{body[6:]}{luhn_digit(body)}"


# -- payment identifiers ---------------------------------------------------------------------------


def bankgiro(rng: random.Random) -> str:
    """A bankgiro number, ``NNN-NNNN`` or ``NNNN-NNNN``, with a valid mod 10 check digit."""
    if rng.random() < 0.5:
        body = str(rng.randrange(100, 999)) + _digits(rng, 3)
        full = body + luhn_digit(body)
        return f"{full[:3]}-{full[3:]}"
    body = str(rng.randrange(1000, 9999)) + _digits(rng, 3)
    full = body + luhn_digit(body)
    return f"{full[:4]}-{full[4:]}"


def plusgiro(rng: random.Random) -> str:
    """A plusgiro number with a valid mod 10 check digit: ``12 34 56-7``, ``4 56 78-9``, ``1234567-8``."""
    length = rng.choice([5, 6, 7, 7, 8])
    body = str(rng.randrange(1, 10)) + _digits(rng, length - 2)
    check = luhn_digit(body)
    if rng.random() < 0.7:
        # pairs from the right, e.g. 1234567 -> "1 23 45 67"
        pairs: list[str] = []
        rest = body
        while len(rest) > 2:
            pairs.insert(0, rest[-2:])
            rest = rest[:-2]
        pairs.insert(0, rest)
        return f"{' '.join(pairs)}-{check}"
    return f"{body}-{check}"


@dataclass(frozen=True)
class BankAccount:
    """A Swedish bank account as written, with its parts (for the IBAN)."""

    text: str
    clearing: str
    account: str
    iban_bank: str


# (bank name, clearing range, type) - type "c1": mod 11 over clearing[1:] + 7 digits;
# "c2": mod 11 over all 4 clearing digits + 7 digits; "shb": 9-digit account, mod 11;
# "swed": 5-digit clearing (4 + check), account 10 digits with a mod 10 check.
_BANKS: list[tuple[str, int, int, str, str]] = [
    ("SEB", 5000, 5999, "c1", "500"),
    ("Nordea", 3000, 3299, "c1", "300"),
    ("Danske Bank", 1200, 1399, "c1", "120"),
    ("ICA Banken", 9270, 9279, "c1", "927"),
    ("Länsförsäkringar Bank", 9020, 9029, "c2", "902"),
    ("Skandiabanken", 9150, 9169, "c2", "915"),
    ("Handelsbanken", 6000, 6999, "shb", "600"),
    ("Swedbank", 8000, 8999, "swed", "800"),
]


def bank_account(rng: random.Random) -> BankAccount:
    """A bank account (clearing + account) with valid check digits, in a common written form."""
    _, low, high, kind, iban_bank = rng.choice(_BANKS)
    while True:
        clearing = str(rng.randrange(low, high + 1))
        if kind == "c1":
            body = _digits(rng, 6)
            d = _mod11_complete(clearing[1:] + body)
        elif kind == "c2":
            body = _digits(rng, 6)
            d = _mod11_complete(clearing + body)
        elif kind == "shb":
            body = _digits(rng, 8)
            d = _mod11_complete(body)
        else:
            body = _digits(rng, 9)
            d = luhn_digit(body)
        if d is not None:
            account = body + d
            break
    if kind == "swed":
        clearing = clearing + luhn_digit(clearing)
        text = _weighted(
            rng,
            [
                (f"{clearing[:4]}-{clearing[4]}, {group(account[:-1], [3, 3, 3])}-{account[-1]}", 0.4),
                (f"{clearing[:4]}-{clearing[4]} {account}", 0.3),
                (f"{clearing}-{account}", 0.3),
            ],
        )
    elif kind == "shb":
        text = _weighted(
            rng,
            [
                (f"{clearing}-{group(account, [3, 3, 3])}", 0.45),
                (f"{clearing} {account}", 0.3),
                (f"{clearing}-{account}", 0.25),
            ],
        )
    else:
        text = _weighted(
            rng,
            [
                (f"{clearing}-{account}", 0.4),
                (f"{clearing} {group(account, [2, 3, 2])}", 0.25),
                (f"{clearing}-{group(account, [3, 2, 2])}", 0.15),
                (f"{clearing} {account}", 0.2),
            ],
        )
    return BankAccount(text=text, clearing=clearing, account=account, iban_bank=iban_bank)


def iban_se(rng: random.Random, account: BankAccount | None = None) -> str:
    """A Swedish IBAN (24 characters, valid mod 97), grouped by four or compact."""
    acc = account or bank_account(rng)
    digits = (acc.clearing[:4] + acc.account)[-17:].rjust(17, "0")
    bban = acc.iban_bank + digits
    compact = "SE" + iban_check("SE", bban) + bban
    if rng.random() < 0.75:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


# -- contact data -------------------------------------------------------------------------------

_MOBILE_PREFIXES = ["70", "72", "73", "76", "79", "70", "73", "76"]
# (area code without 0, subscriber lengths)
_AREAS: list[tuple[str, tuple[int, ...]]] = [
    ("8", (7, 8)),
    ("31", (6, 7)),
    ("40", (6, 7)),
    ("18", (6, 7)),
    ("13", (6, 7)),
    ("19", (6, 7)),
    ("21", (6, 7)),
    ("90", (6,)),
    ("60", (6,)),
    ("54", (6,)),
    ("36", (6, 7)),
    ("498", (5, 6)),
    ("920", (5, 6)),
    ("470", (5, 6)),
    ("380", (5, 6)),
    ("650", (5, 6)),
]


def _subscriber_groups(sub: str) -> str:
    """Swedish grouping of a subscriber number: 123 45 67, 12 34 56, 123 456 78, 123 45."""
    n = len(sub)
    if n == 8:
        return group(sub, [3, 3, 2])
    if n == 7:
        return group(sub, [3, 2, 2])
    if n == 6:
        return group(sub, [2, 2, 2])
    return group(sub, [3, 2])


def phone_number(rng: random.Random, mobile: bool | None = None) -> str:
    """A Swedish phone number in one of its written forms (national or international)."""
    if mobile is None:
        mobile = rng.random() < 0.65
    if mobile:
        area = rng.choice(_MOBILE_PREFIXES)
        sub = str(rng.randrange(1, 10)) + _digits(rng, 6)
    else:
        area, lengths = rng.choice(_AREAS)
        sub = str(rng.randrange(2, 10)) + _digits(rng, rng.choice(lengths) - 1)
    grouped = _subscriber_groups(sub)
    return _weighted(
        rng,
        [
            (f"0{area}-{grouped}", 0.38),
            (f"0{area}-{sub}", 0.1),
            (f"0{area}{sub}", 0.1),
            (f"0{area} {grouped}", 0.12),
            (f"+46 {area} {grouped}", 0.1),
            (f"+46 (0){area}-{grouped}", 0.08),
            (f"+46{area}{sub}", 0.07),
            (f"0046 {area} {grouped}", 0.05),
        ],
    )


def staff_phone(rng: random.Random) -> str:
    """An agency employee's direct number (010 numbers are common at agencies)."""
    sub = "1" + _digits(rng, 6)
    return rng.choice([f"010-{_subscriber_groups(sub)}", f"010-{sub}", f"010 {_subscriber_groups(sub)}"])


_EMAIL_TRANSLIT = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "ø": "o", "æ": "ae", "ß": "ss"}
)


def email_local(text: str) -> str:
    """Lower-case ASCII form of a name part for an e-mail local part (å/ä/ö -> a/a/o)."""
    folded = fold(text.lower().translate(_EMAIL_TRANSLIT))
    return "".join(ch for ch in folded if ch.isalnum() or ch in ".-")


PRIVATE_MAIL_DOMAINS = [
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "telia.com",
    "yahoo.se",
    "live.se",
    "icloud.com",
    "bredband.net",
    "hotmail.se",
    "spray.se",
]


def email_address(rng: random.Random, first: str, surname: str, domain: str | None = None) -> str:
    """An e-mail address derived from a name, e.g. ``anna.svensson@gmail.com``."""
    f = email_local(first.split()[0].split("-")[0])
    s = email_local(surname.replace(" ", "").replace("-", ""))
    if domain is not None:  # agency / organisation style
        style = _weighted(rng, [("f.s", 0.8), ("fs_initial", 0.1), ("f.x.s", 0.1)])
    else:
        domain = rng.choice(PRIVATE_MAIL_DOMAINS)
        style = _weighted(
            rng,
            [("f.s", 0.35), ("fs", 0.12), ("f_s", 0.08), ("fs_initial", 0.1), ("f.sNN", 0.15),
             ("fNN", 0.1), ("f.x.s", 0.05), ("s.f", 0.05)],
        )
    local = {
        "f.s": f"{f}.{s}",
        "fs": f"{f}{s}",
        "f_s": f"{f}_{s}",
        "fs_initial": f"{f[:1]}{s}",
        "f.sNN": f"{f}.{s}{rng.randrange(10, 99)}",
        "fNN": f"{f}{rng.randrange(1950, 2005)}",
        "f.x.s": f"{f}.{rng.choice('abcdeghijklmnoprst')}.{s}",
        "s.f": f"{s}.{f}",
    }[style]
    return f"{local}@{domain}"


# -- addresses ------------------------------------------------------------------------------------

_STREET_PREFIXES = (
    "Stor Kyrko Skol Björk Ek Lind Tall Gran Ros Sjö Strand Kvarn Mölle Industri Järnvägs "
    "Drottning Kunga Prästgårds Åker Äng Hag Bäck Berg Dal Skogs Park Tegel Smeds Lärk Hassel "
    "Rönn Al Asp Sälg Syren Fläder Vinbärs Lingon Blåbärs Tranbärs Hjort Räv Falk Örn Svan Trast "
    "Vasa Linné Ring Sol Mån Stjärn Norr Söder Öster Väster Nygårds Gamla_Kungs "
    "Vallgrav Hamn Fiskar Båtsmans Mjölnar Kopparslagar Bryggar Garvar Skomakar Väver Slottsskogs "
    "Lövsta Ängsmarks Klöver Blåklints Prästkrage Tistel Ljung Moss Myr Kärr Klev Höjd Utsikts"
).split()
_STREET_SUFFIXES = [
    ("gatan", 0.34),
    ("vägen", 0.34),
    ("gränd", 0.05),
    ("stigen", 0.07),
    ("backen", 0.05),
    ("allén", 0.04),
    ("torget", 0.02),
    ("plan", 0.02),
    ("leden", 0.03),
    ("slingan", 0.04),
]

# Post towns with a plausible first three digits of their postnummer.
POST_TOWNS: list[tuple[str, tuple[int, int]]] = [
    ("Stockholm", (111, 129)),
    ("Göteborg", (411, 427)),
    ("Malmö", (211, 218)),
    ("Uppsala", (751, 757)),
    ("Västerås", (721, 725)),
    ("Örebro", (702, 703)),
    ("Linköping", (582, 589)),
    ("Helsingborg", (252, 256)),
    ("Jönköping", (553, 556)),
    ("Norrköping", (602, 605)),
    ("Lund", (222, 227)),
    ("Umeå", (903, 907)),
    ("Gävle", (802, 806)),
    ("Borås", (503, 507)),
    ("Södertälje", (151, 152)),
    ("Eskilstuna", (632, 635)),
    ("Halmstad", (302, 305)),
    ("Växjö", (352, 355)),
    ("Karlstad", (652, 656)),
    ("Sundsvall", (852, 856)),
    ("Östersund", (831, 832)),
    ("Trollhättan", (461, 462)),
    ("Luleå", (972, 975)),
    ("Borlänge", (781, 784)),
    ("Kalmar", (392, 393)),
    ("Kristianstad", (291, 291)),
    ("Skövde", (541, 541)),
    ("Falun", (791, 791)),
    ("Uddevalla", (451, 451)),
    ("Varberg", (432, 432)),
    ("Skellefteå", (931, 931)),
    ("Nyköping", (611, 611)),
    ("Motala", (591, 591)),
    ("Landskrona", (261, 261)),
    ("Kiruna", (981, 981)),
    ("Visby", (621, 621)),
    ("Hässleholm", (281, 281)),
    ("Piteå", (941, 941)),
    ("Alingsås", (441, 441)),
    ("Sandviken", (811, 811)),
    ("Märsta", (195, 195)),
    ("Tumba", (147, 147)),
    ("Solna", (169, 171)),
    ("Sundbyberg", (172, 174)),
    ("Huddinge", (141, 141)),
    ("Kungsbacka", (434, 434)),
    ("Karlskrona", (371, 371)),
    ("Ängelholm", (262, 262)),
    ("Trelleborg", (231, 231)),
    ("Mölndal", (431, 431)),
    ("Ystad", (271, 271)),
    ("Enköping", (745, 745)),
    ("Norrtälje", (761, 761)),
    ("Hudiksvall", (824, 824)),
    ("Härnösand", (871, 871)),
    ("Örnsköldsvik", (891, 891)),
    ("Mora", (792, 792)),
    ("Katrineholm", (641, 641)),
    ("Arvika", (671, 671)),
    ("Gällivare", (982, 982)),
    ("Haparanda", (953, 953)),
    ("Värnamo", (331, 331)),
    ("Västervik", (593, 593)),
    ("Falköping", (521, 521)),
    ("Strängnäs", (645, 645)),
    ("Älvsjö", (125, 125)),
    ("Bromma", (161, 168)),
    ("Hägersten", (126, 129)),
    ("Farsta", (123, 123)),
    ("Spånga", (163, 163)),
    ("Vällingby", (162, 162)),
    ("Skärholmen", (127, 127)),
    ("Angered", (424, 424)),
    ("Hisings Backa", (422, 422)),
    ("Järfälla", (175, 177)),
    ("Botkyrka", (147, 147)),
]


def street_name(rng: random.Random) -> str:
    """A plausible Swedish street name (Björkvägen, Storgatan, Kvarnbacken, ...)."""
    prefix = rng.choice(_STREET_PREFIXES).replace("_", " ")
    return prefix + _weighted(rng, _STREET_SUFFIXES)


def street_address(rng: random.Random, allow_lgh: bool = True) -> str:
    """``Storgatan 12``, ``Björkvägen 7 B``, ``Kvarnbacken 3B, lgh 1102``, ``Ekgränd 4, 2 tr``."""
    number = str(rng.choice([rng.randrange(1, 20), rng.randrange(1, 80), rng.randrange(1, 200)]))
    text = f"{street_name(rng)} {number}"
    r = rng.random()
    if r < 0.15:
        text += " " + rng.choice("ABCD")
    elif r < 0.22:
        text += rng.choice("ABC")
    elif r < 0.25:
        text += " " + rng.choice("abc")
    if allow_lgh:
        r = rng.random()
        if r < 0.25:
            text += f", lgh {rng.randrange(10, 16)}{rng.randrange(1, 5):02d}"
        elif r < 0.32:
            text += f" lgh {rng.randrange(10, 16)}{rng.randrange(1, 5):02d}"
        elif r < 0.37:
            text += f", {rng.randrange(1, 6)} tr"
    return text


def box_address(rng: random.Random) -> str:
    """A post-office box, ``Box 123``."""
    return f"Box {rng.randrange(10, 9999)}"


def postal_code(rng: random.Random) -> tuple[str, str]:
    """(postnummer ``NNN NN``, post town)."""
    town, (low, high) = rng.choice(POST_TOWNS)
    head = rng.randrange(low, high + 1)
    return f"{head} {rng.randrange(10, 100):02d}", town


# -- vehicles, documents, health ----------------------------------------------------------------

PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"  # 23 letters: no I, Q, V, Å, Ä, Ö


def vehicle_plate(rng: random.Random) -> str:
    """A Swedish registration number: ``ABC 123``, ``ABC123`` or (since 2019) ``ABC 12A``."""
    letters = "".join(rng.choice(PLATE_LETTERS) for _ in range(3))
    last = rng.choice("0123456789") if rng.random() < 0.75 else rng.choice(PLATE_LETTERS.replace("O", ""))
    digits = f"{rng.randrange(0, 10)}{rng.randrange(0, 10)}{last}"
    return f"{letters} {digits}" if rng.random() < 0.65 else f"{letters}{digits}"


def id_document_number(rng: random.Random) -> str:
    """A passport / national ID-card number: 8 digits (older) or 9 alphanumerics (newer)."""
    if rng.random() < 0.5:
        return str(rng.randrange(1, 10)) + _digits(rng, 7)
    alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    return letters + "".join(rng.choice(alphabet) for _ in range(7))


# ICD-10(-SE) codes with a Swedish description, chosen to be typical of sickness-benefit files.
ICD10: list[tuple[str, str]] = [
    ("F43.8A", "utmattningssyndrom"),
    ("F32.1", "medelsvår depressiv episod"),
    ("F32.0", "lindrig depressiv episod"),
    ("F32.9", "depressiv episod, ospecificerad"),
    ("F33.1", "recidiverande depression, medelsvår episod"),
    ("F41.1", "generaliserat ångestsyndrom"),
    ("F41.0", "paniksyndrom"),
    ("F41.2", "blandade ångest- och depressionstillstånd"),
    ("F43.1", "posttraumatiskt stressyndrom"),
    ("F43.2", "anpassningsstörning"),
    ("F84.5", "Aspergers syndrom"),
    ("F90.0", "ADHD"),
    ("F31.3", "bipolär sjukdom, lindrig eller medelsvår depressiv episod"),
    ("F10.2", "alkoholberoende"),
    ("F60.3", "emotionellt instabil personlighetsstörning"),
    ("G35", "multipel skleros"),
    ("G40.9", "epilepsi, ospecificerad"),
    ("G43.9", "migrän, ospecificerad"),
    ("G93.3", "kroniskt trötthetssyndrom"),
    ("M54.5", "lumbago"),
    ("M54.4", "lumbago med ischias"),
    ("M54.2", "cervikalgi"),
    ("M79.7", "fibromyalgi"),
    ("M17.1", "primär gonartros"),
    ("M51.1", "diskbråck i ländryggen med radikulopati"),
    ("M75.1", "rotatorkuffsyndrom"),
    ("M06.9", "reumatoid artrit, ospecificerad"),
    ("M47.8", "spondylos"),
    ("S83.5", "korsbandsskada i knäled"),
    ("S62.3", "fraktur på mellanhandsben"),
    ("I10", "essentiell hypertoni"),
    ("I21.9", "akut hjärtinfarkt"),
    ("I63.9", "cerebral infarkt"),
    ("E11.9", "diabetes mellitus typ 2"),
    ("E10.9", "diabetes mellitus typ 1"),
    ("J45.9", "astma, ospecificerad"),
    ("J44.9", "kroniskt obstruktiv lungsjukdom"),
    ("C50.9", "bröstcancer"),
    ("C18.9", "tjocktarmscancer"),
    ("K50.9", "Crohns sjukdom"),
    ("K51.9", "ulcerös kolit"),
    ("R52.2", "annan kronisk smärta"),
    ("R53.9", "sjukdomskänsla och trötthet"),
    ("Z73.0", "utbrändhet"),
    ("H91.9", "hörselnedsättning"),
    ("N18.3", "kronisk njursjukdom, stadium 3"),
    ("L40.0", "psoriasis vulgaris"),
    ("U07.1", "covid-19"),
    ("U09.9", "postcovid-tillstånd"),
]


def icd10_form(rng: random.Random, code: str) -> str:
    """An ICD-10 code as written: mostly ``F43.8A`` / ``M54.5``, sometimes without the dot."""
    if "." in code and rng.random() < 0.15:
        return code.replace(".", "")
    return code


# -- keep values (must survive masking) ---------------------------------------------------------

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def date_text(rng: random.Random, d: date, form: str | None = None) -> str:
    """A date in one of the forms used in Swedish documents (ISO first)."""
    if form is None:
        form = _weighted(
            rng,
            [("iso", 0.5), ("long", 0.25), ("compact", 0.05), ("dotted", 0.05), ("slash", 0.07),
             ("daymonth", 0.08)],
        )
    return {
        "iso": d.isoformat(),
        "long": f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        "compact": d.strftime("%Y%m%d"),
        "dotted": d.strftime("%d.%m.%Y"),
        "slash": f"{d.day}/{d.month} {d.year}",
        "daymonth": f"{d.day} {MONTHS[d.month - 1]}",
    }[form]


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def amount_text(rng: random.Random, low: int, high: int) -> str:
    """An amount of money: ``12 345 kr``, ``1 234 567,00 kronor``, ``12 345:-``, ``SEK 12 345``."""
    n = rng.randrange(low, high + 1)
    form = _weighted(
        rng,
        [("kr", 0.5), ("kronor", 0.15), ("ore", 0.12), ("colon", 0.06), ("sek", 0.07),
         ("plain_kr", 0.1)],
    )
    return {
        "kr": f"{_thousands(n)} kr",
        "kronor": f"{_thousands(n)} kronor",
        "ore": f"{_thousands(n)},{rng.randrange(0, 100):02d} kr",
        "colon": f"{_thousands(n)}:-",
        "sek": f"SEK {_thousands(n)}",
        "plain_kr": f"{n} kr",
    }[form]


def dnr_text(rng: random.Random, agency_short: str, year: int) -> str:
    """A diarienummer / ärendenummer in an agency's style."""
    form = _weighted(rng, [("slash", 0.3), ("fk", 0.25), ("arende", 0.2), ("dotted", 0.15),
                           ("dash", 0.1)])
    return {
        "slash": f"{year}/{rng.randrange(1000, 999999)}",
        "fk": f"{agency_short} {rng.randrange(1000, 9999)}-{rng.randrange(10000, 99999)}/{year}",
        "arende": f"{rng.randrange(100, 999)}-{rng.randrange(100000, 999999)}-{year}",
        "dotted": f"{rng.randrange(1, 9)}.{rng.randrange(1, 9)}.{rng.randrange(1, 9)}-"
        f"{rng.randrange(1000, 99999)}/{year}",
        "dash": f"{agency_short} {year}-{rng.randrange(1000, 999999)}",
    }[form]
