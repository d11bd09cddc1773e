"""Identifiers written in the many ways people and systems write them.

Each function returns a value :class:`~masking.indep.frag.Frag` whose ``form`` names the written
form (``pnr:yyyymmdd-spaced-dash`` …), so that an evaluation can report misses by class.
Check digits are valid unless a form says otherwise.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .frag import Frag, P, V

# -- check digits ----------------------------------------------------------------------------------


def luhn_digit(digits: str) -> str:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def _mod11_ok(digits: str, weights: list[int]) -> bool:
    return sum(int(d) * w for d, w in zip(digits, weights)) % 11 == 0


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def birth_date(rng: random.Random, lo: int = 1932, hi: int = 2019) -> date:
    return date(lo, 1, 1) + timedelta(days=rng.randrange((date(hi, 12, 31) - date(lo, 1, 1)).days))


# -- Swedish personnummer / samordningsnummer ---------------------------------------------------------
PNR_FORMS = ("yymmdd-nnnn", "yyyymmdd-nnnn", "yyyymmddnnnn", "yymmddnnnn", "yyyymmdd - nnnn", "yymmdd nnnn",
             "yyyymmdd nnnn", "yymmdd - nnnn", "yymmdd–nnnn", "yyyymmdd-nn nn")


def personnummer(rng: random.Random, born: date | None = None, samordning: bool = False, form: str | None = None) -> Frag:
    form = form or rng.choice(PNR_FORMS + ("centenarian+",) if not samordning else PNR_FORMS)
    if form == "centenarian+":
        born = birth_date(rng, 1915, 1925)
    born = born or birth_date(rng)
    day = born.day + (60 if samordning else 0)
    ymd = f"{born.year % 100:02d}{born.month:02d}{day:02d}"
    serial = _digits(rng, 3)
    check = luhn_digit(ymd + serial)
    last4 = serial + check
    cc = f"{born.year // 100}"
    text = {
        "yymmdd-nnnn": f"{ymd}-{last4}",
        "yyyymmdd-nnnn": f"{cc}{ymd}-{last4}",
        "yyyymmddnnnn": f"{cc}{ymd}{last4}",
        "yymmddnnnn": f"{ymd}{last4}",
        "yyyymmdd - nnnn": f"{cc}{ymd} - {last4}",
        "yymmdd nnnn": f"{ymd} {last4}",
        "yyyymmdd nnnn": f"{cc}{ymd} {last4}",
        "yymmdd - nnnn": f"{ymd} - {last4}",
        "yymmdd–nnnn": f"{ymd}\u2013{last4}",
        "yyyymmdd-nn nn": f"{cc}{ymd}-{last4[:2]} {last4[2:]}",
        "centenarian+": f"{ymd}+{last4}",
    }[form]
    kind = "SE_SAMORDNINGSNUMMER" if samordning else "SE_PERSONNUMMER"
    return V(text, kind, ("snr:" if samordning else "pnr:") + form)


# -- Nordic identity numbers (NORDIC_ID) -------------------------------------------------------------


def norwegian_fnr(rng: random.Random) -> Frag:
    while True:
        b = birth_date(rng, 1940, 2015)
        base = f"{b.day:02d}{b.month:02d}{b.year % 100:02d}" + _digits(rng, 3)
        w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
        k1 = 11 - sum(int(d) * w for d, w in zip(base, w1)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        k2 = 11 - sum(int(d) * w for d, w in zip(base + str(k1), w2)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        full = base + str(k1) + str(k2)
        if rng.random() < 0.5:
            return V(full, "NORDIC_ID", "nordic:no-fnr:11")
        return V(f"{full[:6]} {full[6:]}", "NORDIC_ID", "nordic:no-fnr:6+5")


def danish_cpr(rng: random.Random) -> Frag:
    while True:
        b = birth_date(rng, 1940, 2015)
        base = f"{b.day:02d}{b.month:02d}{b.year % 100:02d}" + _digits(rng, 4)
        if _mod11_ok(base, [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]):
            return V(f"{base[:6]}-{base[6:]}", "NORDIC_ID", "nordic:dk-cpr")


def finnish_hetu(rng: random.Random) -> Frag:
    b = birth_date(rng, 1940, 2015)
    sign = "-" if b.year < 2000 else "A"
    ind = f"{rng.randrange(2, 900):03d}"
    n = int(f"{b.day:02d}{b.month:02d}{b.year % 100:02d}{ind}")
    check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31]
    return V(f"{b.day:02d}{b.month:02d}{b.year % 100:02d}{sign}{ind}{check}", "SE_PERSONNUMMER", f"nordic:fi-hetu:{sign}")


# -- bank accounts, giro, IBAN, cards, Swish -----------------------------------------------------------


def _acct(rng: random.Random, n: int) -> str:
    body = _digits(rng, n - 1)
    return body + luhn_digit(body)


def bank_account(rng: random.Random) -> Frag:
    """Swedish account numbers in the written forms of Bankgirot's account-number rules."""
    form = rng.choice(["swedbank-5+grouped", "swedbank-5+plain", "swedbank-no-comma", "handelsbanken", "seb",
                       "nordea-personkonto", "clearing-label-pair", "clearing-kontonr-inline", "plain-joined",
                       "icabanken", "danske"])
    if form.startswith("swedbank"):
        cl = "8" + _digits(rng, 3)
        cl5 = f"{cl}-{luhn_digit(cl)}"
        acc = _acct(rng, 10)
        if form == "swedbank-5+grouped":
            return V(f"{cl5}, {acc[:3]} {acc[3:6]} {acc[6:9]}-{acc[9]}", "SE_BANK_ACCOUNT", "acct:" + form)
        if form == "swedbank-no-comma":
            return V(f"{cl5} {acc[:3]} {acc[3:6]} {acc[6:9]}-{acc[9]}", "SE_BANK_ACCOUNT", "acct:" + form)
        return V(f"{cl5} {acc}", "SE_BANK_ACCOUNT", "acct:" + form)
    if form == "handelsbanken":
        cl = "6" + _digits(rng, 3)
        acc = _acct(rng, 9)
        return V(rng.choice([f"{cl} {acc[:3]} {acc[3:6]} {acc[6:]}", f"{cl}-{acc}", f"{cl} - {acc}"]), "SE_BANK_ACCOUNT", "acct:" + form)
    if form == "seb":
        cl = "5" + _digits(rng, 3)
        acc = _digits(rng, 7)
        return V(rng.choice([f"{cl} {acc[:2]} {acc[2:5]} {acc[5:]}", f"{cl}-{acc}", f"{cl} {acc}"]), "SE_BANK_ACCOUNT", "acct:" + form)
    if form == "nordea-personkonto":
        pnr = personnummer(rng, form="yymmddnnnn").text
        return V(rng.choice([f"3300-{pnr}", f"3300 {pnr[:6]}-{pnr[6:]}", f"3300{pnr}"]), "SE_BANK_ACCOUNT", "acct:" + form)
    if form == "icabanken":
        return V(f"9270-{_digits(rng, 3)} {_digits(rng, 2)} {_digits(rng, 2)}", "SE_BANK_ACCOUNT", "acct:" + form)
    if form == "danske":
        return V(f"12{_digits(rng, 2)}-{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 2)}", "SE_BANK_ACCOUNT", "acct:" + form)
    if form == "plain-joined":
        return V("8" + _digits(rng, 3) + _acct(rng, 10), "SE_BANK_ACCOUNT", "acct:" + form)
    cl = rng.choice(["5", "6", "8", "9"]) + _digits(rng, 3)
    acc = _acct(rng, rng.choice([7, 9, 10]))
    if form == "clearing-label-pair":
        lab1, lab2 = rng.choice([("Clearingnummer: ", "  Kontonummer: "), ("clearingnr ", " kontonr "),
                                 ("Clearing nr ", ", konto nr "), ("clnr: ", " ktonr: ")])
        return (P(lab1) + V(cl, "SE_BANK_ACCOUNT", "acct:labelled-clearing") + lab2
                + V(acc, "SE_BANK_ACCOUNT", "acct:labelled-account"))
    return (P("clearingnummer ") + V(cl, "SE_BANK_ACCOUNT", "acct:inline-clearing") + " och kontonummer "
            + V(acc, "SE_BANK_ACCOUNT", "acct:inline-account"))


def bankgiro(rng: random.Random) -> Frag:
    body = _digits(rng, rng.choice([6, 7]))
    full = body + luhn_digit(body)
    return V(f"{full[:-4]}-{full[-4:]}", "SE_BANKGIRO", f"bg:{len(full)}")


def plusgiro(rng: random.Random) -> Frag:
    body = _digits(rng, rng.choice([5, 6, 7]))
    full = body + luhn_digit(body)
    if len(full) == 7 and rng.random() < 0.5:
        return V(f"{full[:2]} {full[2:4]} {full[4:6]}-{full[6]}", "SE_PLUSGIRO", "pg:grouped")
    return V(f"{full[:-1]}-{full[-1]}", "SE_PLUSGIRO", "pg:plain")


_IBAN_LEN = {"SE": 24, "NO": 15, "DK": 18, "FI": 18, "DE": 22, "PL": 28, "GB": 22, "FR": 27}


def _iban_check(cc: str, bban: str) -> str:
    s = bban + cc + "00"
    num = int("".join(str(int(c, 36)) for c in s))
    return f"{98 - num % 97:02d}"


def iban(rng: random.Random, country: str | None = None) -> Frag:
    cc = country or rng.choice(["SE", "SE", "SE", "NO", "DK", "FI", "DE", "PL", "GB", "FR"])
    n = _IBAN_LEN[cc] - 4
    if cc == "GB":
        bban = rng.choice(["NWBK", "BARC", "HBUK"]) + _digits(rng, n - 4)
    elif cc == "FR":
        bban = _digits(rng, n - 2) + _digits(rng, 2)
    else:
        bban = _digits(rng, n)
    code = cc + _iban_check(cc, bban) + bban
    if rng.random() < 0.6:
        text = " ".join(code[i : i + 4] for i in range(0, len(code), 4))
        return V(text, "IBAN_CODE", f"iban:{cc}:grouped")
    return V(code, "IBAN_CODE", f"iban:{cc}:plain")


def payment_card(rng: random.Random) -> Frag:
    kind = rng.choice(["visa", "mastercard", "amex"])
    if kind == "amex":
        body = rng.choice(["34", "37"]) + _digits(rng, 12)
        full = body + luhn_digit(body)
        return V(f"{full[:4]} {full[4:10]} {full[10:]}", "PAYMENT_CARD", "card:amex")
    body = ("4" if kind == "visa" else "5" + str(rng.randrange(1, 6))) + _digits(rng, 14 if kind == "visa" else 13)
    full = body + luhn_digit(body)
    sep = rng.choice([" ", "-", ""])
    return V(sep.join(full[i : i + 4] for i in range(0, 16, 4)), "PAYMENT_CARD", f"card:{kind}:{'sep' + sep if sep else 'plain'}")


# -- phone numbers -------------------------------------------------------------------------------------


def phone(rng: random.Random, allow_split: bool = False) -> Frag:
    form = rng.choice(["mobile-dash", "mobile-spaced", "mobile-plain", "mobile-intl", "mobile-intl-paren0",
                       "mobile-00", "landline-08", "landline-3", "landline-4-spaced-dash", "landline-intl",
                       "foreign-no", "foreign-fi", "foreign-dk", "mobile-dots", "mobile-pairs"]
                      + (["mobile-split-line"] if allow_split else []))
    pre = rng.choice(["70", "72", "73", "76", "79"])
    a, b, c = _digits(rng, 3), _digits(rng, 2), _digits(rng, 2)
    text = {
        "mobile-dash": f"0{pre}-{a} {b} {c}",
        "mobile-spaced": f"0{pre} {a} {b} {c}",
        "mobile-plain": f"0{pre}{a}{b}{c}",
        "mobile-intl": f"+46 {pre} {a} {b} {c}",
        "mobile-intl-paren0": f"+46 (0){pre}-{a} {b} {c}",
        "mobile-00": f"0046 {pre} {a}{b}{c}",
        "landline-08": f"08-{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 2)}",
        "landline-3": f"0{rng.choice(['31', '40', '18', '13', '19', '21', '35', '46', '60', '90'])}-{_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)}",
        "landline-4-spaced-dash": f"0{rng.choice(['485', '531', '611', '950', '651', '247'])} - {_digits(rng, 2)} {_digits(rng, 3)}",
        "landline-intl": f"+46 8 {_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 2)}",
        "foreign-no": f"+47 {rng.choice('49')}{_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 3)}",
        "foreign-fi": f"+358 4{rng.randrange(10)} {_digits(rng, 3)} {_digits(rng, 4)}",
        "foreign-dk": f"+45 {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)}",
        "mobile-dots": f"0{pre}.{a}.{b}.{c}",
        "mobile-pairs": f"0{pre}-{a[0]}{a[1]} {a[2]}{b[0]} {b[1]}{c}",
        "mobile-split-line": f"0{pre}-{a} {b}\n{c}",
    }[form]
    return V(text, "PHONE_NUMBER", "phone:" + form)


def swish(rng: random.Random) -> Frag:
    pre = rng.choice(["70", "72", "73", "76"])
    a, b, c = _digits(rng, 3), _digits(rng, 2), _digits(rng, 2)
    return V(rng.choice([f"0{pre}-{a} {b} {c}", f"0{pre}{a}{b}{c}", f"+46{pre}{a}{b}{c}"]), "PHONE_NUMBER", "swish")


# -- e-mail --------------------------------------------------------------------------------------------
_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "ø": "o", "æ": "ae", "ł": "l",
                        "ś": "s", "ą": "a", "ę": "e", "ń": "n", "ż": "z", "ź": "z", "ó": "o", "ć": "c",
                        "č": "c", "š": "s", "ž": "z", "đ": "d", "ı": "i", "ş": "s", "ç": "c", "ğ": "g",
                        "ê": "e", "î": "i", "ư": "u", "ơ": "o", "à": "a", "ô": "o"})


def email(rng: random.Random, given: str, surname: str) -> Frag:
    g = given.split()[0].lower().translate(_ASCII)
    s = surname.split()[-1].lower().translate(_ASCII).replace("-", "")
    user = rng.choice([f"{g}.{s}", f"{g}{s}{rng.randrange(50, 99)}", f"{g[0]}{s}", f"{g}_{s}", f"{s}.{g}",
                       f"{g}{rng.randrange(1970, 2010)}"])
    dom = rng.choice(["gmail.com", "hotmail.com", "outlook.com", "live.se", "telia.com", "yahoo.se", "icloud.com",
                      "bredband.net", "spray.se", "protonmail.com"])
    text = f"{user}@{dom}"
    if rng.random() < 0.1:
        text = text[0].upper() + text[1:]
    return V(text, "EMAIL_ADDRESS", "email")


# -- vehicles and documents ------------------------------------------------------------------------
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"


def plate(rng: random.Random) -> Frag:
    letters = "".join(rng.choice(_PLATE_LETTERS) for _ in range(3))
    form = rng.choice(["old-space", "old-joined", "new-space", "new-joined", "lower"])
    if form.startswith("old"):
        num = _digits(rng, 3)
    else:
        num = _digits(rng, 2) + rng.choice(_PLATE_LETTERS)
    text = f"{letters} {num}" if form.endswith("space") else f"{letters}{num}"
    if form == "lower":
        text = f"{letters.lower()} {num.lower()}"
    return V(text, "SE_VEHICLE_PLATE", "plate:" + form)


def passport(rng: random.Random) -> Frag:
    form = rng.choice(["se-pass", "se-idkort", "foreign-alnum", "nordic-alnum"])
    if form in ("se-pass", "se-idkort"):
        return V(_digits(rng, 8), "SE_ID_DOCUMENT", "id:" + form)
    if form == "foreign-alnum":
        return V(rng.choice(["P", "A", "N"]) + _digits(rng, 8), "SE_ID_DOCUMENT", "id:" + form)
    return V(rng.choice(["FE", "XP", "KC"]) + _digits(rng, 7), "SE_ID_DOCUMENT", "id:" + form)


def lma(rng: random.Random) -> Frag:
    form = rng.choice(["lma-dashed", "lma-plain", "dossier"])
    if form == "lma-dashed":
        return V(f"{_digits(rng, 2)}-{_digits(rng, 6)}", "SE_ID_DOCUMENT", "id:" + form)
    if form == "lma-plain":
        return V(_digits(rng, 9), "SE_ID_DOCUMENT", "id:" + form)
    return V(f"{rng.randrange(1, 10)}-{_digits(rng, 6)}", "SE_ID_DOCUMENT", "id:" + form)
