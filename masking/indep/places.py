"""Addresses in the layouts found in letters, forms, tables and e-mails (this generator's own lists)."""

from __future__ import annotations

import random

from .frag import Frag, P, V

STREETS = ("Kvarnbacken", "Rönnbärsvägen", "Lilla Torggatan", "Hagtornsgatan", "Skolvägen", "Norra Allén",
           "Timmermansgatan", "Fiskartorpsvägen", "Gamla Landsvägen", "Sjöbjörnsvägen", "Ekbacksgatan",
           "Vallgatan", "Pilgrimsvägen", "Östra Hamngatan", "Lärkstigen", "Brunnsgatan", "Mjölnarvägen",
           "Tallåsvägen", "Kronogårdsgatan", "Stationsvägen", "Blåklintsvägen", "Sockenvägen", "Furuhöjden",
           "Malmgatan", "Västra Storgatan", "Badhusgatan", "Klövervägen", "Ängsvägen", "Snickargränd")
TOWNS = (("753", "Uppsala"), ("903", "Umeå"), ("582", "Linköping"), ("413", "Göteborg"), ("214", "Malmö"),
         ("721", "Västerås"), ("702", "Örebro"), ("851", "Sundsvall"), ("972", "Luleå"), ("803", "Gävle"),
         ("352", "Växjö"), ("831", "Östersund"), ("451", "Uddevalla"), ("611", "Nyköping"), ("123", "Farsta"),
         ("175", "Järfälla"), ("136", "Haninge"), ("691", "Karlskoga"), ("931", "Skellefteå"), ("541", "Skövde"),
         ("871", "Härnösand"), ("591", "Motala"), ("441", "Alingsås"), ("261", "Landskrona"))
VILLAGES = ("Björkbacka", "Lillsjön", "Stormyren", "Övre Ås", "Västanby", "Ängebo")


def _pc(rng: random.Random, prefix: str) -> str:
    return f"{prefix} {rng.randrange(10, 99)}" if rng.random() < 0.8 else f"{prefix}{rng.randrange(10, 99)}"


def street(rng: random.Random) -> str:
    s = f"{rng.choice(STREETS)} {rng.randrange(1, 120)}"
    r = rng.random()
    if r < 0.2:
        s += rng.choice("ABCD")
    elif r < 0.3:
        s += f" lgh {rng.randrange(1001, 1702)}"
    elif r < 0.38:
        s += f", {rng.randrange(1, 6)} tr"
    return s


LAYOUTS = ("comma", "same-line-no-comma", "next-line", "upper", "lower-mixed", "pc-nospace-comma", "town-upper-only")


def address(rng: random.Random, layout: str | None = None) -> tuple[Frag, str]:
    """A Swedish postal address; returns (fragment, layout). Lines are joined by ``\\n``."""
    layout = layout or rng.choice(LAYOUTS)
    prefix, town = rng.choice(TOWNS)
    st = street(rng)
    pc = _pc(rng, prefix)
    if layout == "upper":
        st, town = st.upper(), town.upper()
    elif layout == "lower-mixed":
        st, town = st.lower(), town.lower()
    elif layout == "town-upper-only":
        town = town.upper()
    elif layout == "pc-nospace-comma":
        pc = pc.replace(" ", "")
    sep = {"comma": ", ", "same-line-no-comma": " ", "next-line": "\n", "upper": "\n", "lower-mixed": ", ",
           "pc-nospace-comma": ", ", "town-upper-only": "\n"}[layout]
    f = V(st, "SE_ADDRESS", f"addr:street:{layout}") + sep + V(f"{pc} {town}", "SE_POSTAL_CODE", f"addr:pc-town:{layout}")
    return f, layout


def co_address(rng: random.Random, co_name: Frag) -> Frag:
    prefix, town = rng.choice(TOWNS)
    return ("c/o " + co_name + ", " + V(street(rng), "SE_ADDRESS", "addr:street:after-c/o") + ", "
            + V(f"{_pc(rng, prefix)} {town}", "SE_POSTAL_CODE", "addr:pc-town:after-c/o"))


def box_address(rng: random.Random) -> Frag:
    prefix, town = rng.choice(TOWNS)
    return (V(f"Box {rng.randrange(10, 9999)}", "SE_ADDRESS", "addr:box") + ", "
            + V(f"{_pc(rng, prefix)} {town}", "SE_POSTAL_CODE", "addr:pc-town:after-box"))


def rural(rng: random.Random) -> Frag:
    prefix, town = rng.choice(TOWNS)
    return (V(f"{rng.choice(VILLAGES)} {rng.randrange(1, 40)}", "SE_ADDRESS", "addr:rural-place-number") + ", "
            + V(f"{_pc(rng, prefix)} {town}", "SE_POSTAL_CODE", "addr:pc-town:rural"))


FOREIGN = (
    ("Thereses gate {n}", "{pc4} Oslo", "Norge", "no"),
    ("Kongens gate {n}", "{pc4} Trondheim", "Norge", "no"),
    ("Hämeenkatu {n} B {m}", "33{n2}0 Tampere", "Finland", "fi"),
    ("Aleksanterinkatu {n} A {m}", "00{n2}0 Helsinki", "Finland", "fi"),
    ("Vesterbrogade {n}, {m}. tv.", "{pc4} København V", "Danmark", "dk"),
    ("Jægergårdsgade {n}", "8000 Aarhus C", "Danmark", "dk"),
    ("Schillerstraße {n}", "10{n3} Berlin", "Deutschland", "de"),
    ("ul. Piotrkowska {n}/{m}", "90-{n3} Łódź", "Polen", "pl"),
    ("{n} Grange Road", "Leeds LS{m} {m}AB", "United Kingdom", "uk"),
    ("Ulica Ferhadija {n}", "71000 Sarajevo", "Bosnien och Hercegovina", "ba"),
)


def foreign_address(rng: random.Random) -> Frag:
    st, city, country, cc = rng.choice(FOREIGN)
    vals = {"n": rng.randrange(2, 90), "m": rng.randrange(1, 9), "n2": rng.randrange(1, 9),
            "n3": f"{rng.randrange(100, 999)}", "pc4": f"{rng.randrange(1000, 9899)}"}
    st = st.format(**vals)
    city = city.format(**vals)
    sep = rng.choice([", ", "\n"])
    return (V(st, "SE_ADDRESS", f"addr:foreign-street:{cc}") + sep + V(city, "SE_POSTAL_CODE", f"addr:foreign-pc-town:{cc}")
            + sep + country)


_PROPERTY_AREAS = ("Sunnersta", "Gottsunda", "Tuna", "Vreta", "Berga", "Ekeby", "Norrby", "Skälby", "Ryd", "Hallstahammar Nibble")


def property_designation(rng: random.Random, town_prefix: bool | None = None) -> Frag:
    area = rng.choice(_PROPERTY_AREAS)
    num = f"{rng.randrange(1, 40)}:{rng.randrange(1, 300)}"
    if town_prefix if town_prefix is not None else rng.random() < 0.4:
        text = f"{rng.choice(TOWNS)[1]} {area} {num}"
        form = "property:town-area-n:n"
    else:
        text = f"{area} {num}"
        form = "property:area-n:n"
    return V(text, "SE_ADDRESS", form)
