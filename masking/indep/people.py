"""Invented people: names of many origins (lists written for this generator), written in many ways.

The lists are this package's own, written from general knowledge of naming customs; they are
deliberately not the lists the recognizers or the project's first generator use.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .frag import Frag, V

# origin -> (given names, surnames)
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "nordic": (  # Swedish names
        ("Gunnel", "Torbjörn", "Ylva", "Sixten", "Margareta", "Evert", "Linnea", "Hampus", "Ingegerd", "Ragnar",
         "Tova", "Åke", "Solveig", "Vilgot", "Birgitta", "Melker", "Siv", "Jonatan", "Rut", "Gösta"),
        ("Lindqvist", "Hjalmarsson", "Brännström", "Sjöberg", "Åkesson", "Wikström", "Fagerlund", "Strömgren",
         "Ekdahl", "Bergkvist", "Nyström", "Östlund", "Hellgren", "Sandberg", "Lundmark", "Rosén", "Dahlqvist",
         "Forsell", "Grönlund", "Holmqvist"),
    ),
    "finnish": (
        ("Pirjo", "Jouni", "Tuula", "Kalevi", "Marjatta", "Jyrki", "Sirpa", "Teemu", "Anneli", "Esko", "Riikka",
         "Veikko", "Hannele", "Arto"),
        ("Korhonen", "Mäkelä", "Heikkinen", "Laitinen", "Hyvönen", "Kettunen", "Räsänen", "Väisänen", "Nieminen",
         "Salonen", "Leinonen", "Hämäläinen", "Koskinen", "Turunen"),
    ),
    "arabic": (
        ("Yousef", "Rania", "Khaled", "Amal", "Tariq", "Lubna", "Bilal", "Samira", "Hussein", "Nour", "Walid",
         "Dalia", "Karim", "Huda"),
        ("Al-Hashimi", "Haddad", "Abdulrahman", "Mansour", "Khalil", "Saleh", "Nasser", "Al-Obaidi", "Qasim",
         "Hamdan", "Barakat", "Al-Jaberi", "Darwish", "Aziz"),
    ),
    "persian": (
        ("Shirin", "Dariush", "Parisa", "Behrouz", "Nasrin", "Kourosh", "Mahsa", "Farhad", "Ladan", "Arash",
         "Golnar", "Siavash"),
        ("Rostami", "Tehrani", "Moradi", "Karimzadeh", "Ebrahimi", "Farahani", "Ghorbani", "Sadeghi", "Javadi",
         "Hosseinpour", "Azimi", "Bahrami"),
    ),
    "somali": (
        ("Abdirahman", "Hodan", "Mahad", "Faadumo", "Guled", "Sahra", "Abdiqani", "Ubah", "Liban", "Hibo", "Jama",
         "Idil"),
        ("Warsame", "Farah", "Jama", "Abdulle", "Egal", "Hirsi", "Nur", "Dualeh", "Gedi", "Samatar", "Osman",
         "Yusuf"),
    ),
    "kurdish": (
        ("Rojda", "Dilan", "Berzan", "Hêvî", "Kawa", "Shilan", "Azad", "Nazdar", "Rebwar", "Zhilwan", "Serhat",
         "Bêrîvan"),
        ("Barzani", "Amedi", "Zebari", "Kurdo", "Hawrami", "Sindi", "Baban", "Rekani", "Jaff", "Dosky", "Mahmoud",
         "Shwani"),
    ),
    "vietnamese": (
        ("Thi Lan", "Van Minh", "Thu Hà", "Quang", "Ngoc Anh", "Duc", "Hương", "Tuan", "Mai", "Bao", "Linh",
         "Hieu"),
        ("Nguyen", "Tran", "Pham", "Le", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong", "Ly"),
    ),
    "polish": (
        ("Małgorzata", "Krzysztof", "Agnieszka", "Wojciech", "Dorota", "Grzegorz", "Katarzyna", "Tomasz",
         "Beata", "Paweł", "Ewa", "Jacek"),
        ("Wiśniewska", "Kowalczyk", "Zieliński", "Szymańska", "Wójcik", "Kamiński", "Lewandowska", "Dąbrowski",
         "Jankowski", "Mazur", "Krawczyk", "Piotrowska"),
    ),
    "bosnian": (
        ("Amra", "Edin", "Lejla", "Nermin", "Selma", "Haris", "Aida", "Mirza", "Emina", "Adnan", "Jasmina",
         "Dženan"),
        ("Hodžić", "Begović", "Mehmedović", "Salihović", "Kovačević", "Delić", "Hadžić", "Omerović", "Softić",
         "Mujić", "Ibrahimović", "Alić"),
    ),
    "tigrinya": (
        ("Tesfay", "Selam", "Yohannes", "Mebrat", "Filmon", "Saba", "Dawit", "Helen", "Kidane", "Lemlem", "Habtom",
         "Senait"),
        ("Gebremedhin", "Tesfamariam", "Haile", "Berhane", "Woldu", "Ghebreyesus", "Kahsay", "Andemariam",
         "Mehari", "Teklehaimanot", "Asmerom", "Zerai"),
    ),
    "thai": (
        ("Siriporn", "Somchai", "Kanya", "Niran", "Pranee", "Wichai", "Ratana", "Anong", "Supaporn", "Chaiyaporn"),
        ("Srisuk", "Wongsawat", "Chaiyasit", "Phromma", "Boonmee", "Kaewkla", "Thongchai", "Saengdee",
         "Rattanakorn", "Intharat"),
    ),
    "turkish": (
        ("Elif", "Mehmet", "Zeynep", "Emre", "Ayşe", "Murat", "Gülşen", "Burak", "Fatma", "Onur"),
        ("Yılmaz", "Demir", "Çelik", "Aydın", "Öztürk", "Kaya", "Şahin", "Arslan", "Doğan", "Koç"),
    ),
}
ORIGINS: tuple[str, ...] = tuple(NAMES)

TITLES = ("handläggare", "socialsekreterare", "utredare", "kurator", "specialpedagog", "rektor", "överläkare",
          "leg. psykolog", "polisinspektör", "förhörsledare", "enhetschef", "sjuksköterska")


@dataclass
class Person:
    given: str
    surname: str
    origin: str
    female: bool

    @property
    def full(self) -> str:
        return f"{self.given} {self.surname}"


def new_person(rng: random.Random, origin: str | None = None) -> Person:
    origin = origin or rng.choice(ORIGINS)
    given, sur = NAMES[origin]
    g = rng.choice(given)
    s = rng.choice(sur)
    # sometimes two given names or a double surname (Swedish/Finnish/Polish/Bosnian customs)
    if origin in ("nordic", "finnish") and rng.random() < 0.15:
        g2 = rng.choice(given)
        if g2 != g:
            g = f"{g} {g2}"
    if origin in ("nordic", "polish", "bosnian") and rng.random() < 0.08:
        s2 = rng.choice(sur)
        if s2 != s:
            s = f"{s}-{s2}"
    if origin == "arabic" and rng.random() < 0.2:
        s = f"{rng.choice(given)} {s}"  # a father's name before the family name
    return Person(g, s, origin, rng.random() < 0.5)


def _case(text: str, case: str) -> str:
    if case == "lower":
        return text.lower()
    if case == "upper":
        return text.upper()
    return text


def name(p: Person, form: str = "full", case: str = "title") -> Frag:
    """The person's name as a value fragment (genitive 's' and titles stay outside the span)."""
    o = p.origin
    if form == "full":
        return V(_case(p.full, case), "PERSON", f"name:full:{case}", o)
    if form == "surname":
        return V(_case(p.surname, case), "PERSON", f"name:surname:{case}", o)
    if form == "given":
        return V(_case(p.given, case), "PERSON", f"name:given:{case}", o)
    if form == "initial":  # "G. Lindqvist": the initial is not scored, the surname is
        return _case(p.given[0] + ". ", case) + V(_case(p.surname, case), "PERSON", f"name:after-initial:{case}", o)
    if form == "inverted":  # "LINDQVIST, Gunnel" / "Lindqvist, Gunnel"
        return (V(_case(p.surname, case), "PERSON", f"name:inverted-surname:{case}", o) + ", "
                + V(p.given if case == "upper" else _case(p.given, case), "PERSON", f"name:inverted-given:{case}", o))
    if form == "genitive":
        return V(_case(p.full, case), "PERSON", f"name:genitive:{case}", o) + ("" if p.full.endswith(("s", "x", "z")) else "s")
    raise ValueError(form)


def any_name(rng: random.Random, p: Person, informal: bool = False) -> Frag:
    r = rng.random()
    if informal and r < 0.35:
        return name(p, rng.choice(["full", "given", "full"]), "lower")
    if informal:
        return name(p, "full")
    forms = ["full", "full", "full", "surname", "initial"]
    form = rng.choice(forms)
    case = "upper" if rng.random() < 0.08 else "title"
    return name(p, form, case)
