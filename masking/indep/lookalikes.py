"""Non-personal values that look like personal data and must survive masking (precision)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .frag import Frag, K
from .values import luhn_digit

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")

AGENCIES = ("Försäkringskassan", "Socialnämnden", "Polismyndigheten", "Migrationsverket", "Skatteverket",
            "Arbetsförmedlingen", "Kronofogden", "Barn- och utbildningsnämnden", "Inspektionen för vård och omsorg",
            "Region Västerbotten", "Förvaltningsrätten i Umeå", "Justitieombudsmannen", "Åklagarmyndigheten",
            "Individ- och familjeomsorgen")

HEADINGS = ("Bakgrund", "Bedömning", "Beslut", "Status", "Analys", "Sammanfattning", "Underlag", "Åtgärder",
            "Uppföljning", "Motivering", "Yttrande", "Ärendet", "Övrigt", "Resultat", "Utredning", "Kontakt")


def a_date(rng: random.Random, today: date, form: str | None = None) -> Frag:
    d = today - timedelta(days=rng.randrange(0, 400))
    form = form or rng.choice(["iso", "words", "dotted", "compact"])
    text = {"iso": d.isoformat(), "words": f"{d.day} {MONTHS[d.month - 1]} {d.year}",
            "dotted": f"{d.day}.{d.month}.{d.year}", "compact": d.strftime("%Y%m%d")}[form]
    return K(text, "DATE")


def amount(rng: random.Random) -> Frag:
    v = rng.randrange(150, 480000)
    s = f"{v:,}".replace(",", " ")
    return K(rng.choice([f"{s} kr", f"{s}:-", f"{s},00 SEK", f"{s} kronor"]), "AMOUNT")


def dnr(rng: random.Random, today: date) -> Frag:
    y = today.year
    return K(rng.choice([f"{y}/{rng.randrange(100, 9999)}", f"SN {y}-{rng.randrange(100, 99999):05d}",
                         f"{rng.randrange(100000, 999999)}-{y}", f"5000-K{rng.randrange(100000, 999999)}-{y % 100}",
                         f"BUN {y}/{rng.randrange(10, 999)}", f"FK {rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}/{y}"]),
             "DNR")


def sfs(rng: random.Random) -> Frag:
    return K(rng.choice(["11 kap. 1 § socialtjänstlagen (2001:453)", "SFS 2001:453", "2 § LVU", "3 kap. 9 § skollagen",
                         "27 kap. 2 § socialförsäkringsbalken", "SFS 2009:400", "6 kap. 1 § OSL", "4 kap. 1 § SoL",
                         "23 kap. 31 § rättegångsbalken", "5 kap. 3 § brottsbalken"]), "SFS")


def orgnr(rng: random.Random) -> Frag:
    body = rng.choice(["556", "559", "212", "202", "802"]) + "".join(str(rng.randrange(10)) for _ in range(6))
    full = body + luhn_digit(body)
    return K(f"{full[:6]}-{full[6:]}", "ORGNR")


def agency(rng: random.Random) -> Frag:
    return K(rng.choice(AGENCIES), "AGENCY")


def heading(rng: random.Random) -> Frag:
    return K(rng.choice(HEADINGS), "HEADING")


def clock(rng: random.Random) -> Frag:
    return K(rng.choice([f"kl. {rng.randrange(7, 18)}.{rng.choice(['00', '15', '30', '45'])}",
                         f"kl {rng.randrange(7, 18)}:{rng.choice(['00', '10', '30', '50'])}"]), "TIME")
