"""The five document kinds: decision letter, case note, medical certificate, e-mail, people table.

Each builder takes a :class:`~masking.synth.context.Ctx` and returns a filled
:class:`~masking.synth.layout.DocBuilder` plus the document's metadata. Wording varies by random
choice among several phrasings so that a model trained on the output learns the values and their
contexts, not one template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import health as H
from .context import Agency, Ctx, agencies, agency, parts_join
from .layout import DocBuilder, Part, Tag, fill
from .people import Person

WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
SFB = "2010:110"


@dataclass(frozen=True)
class Benefit:
    """A benefit with the provisions a decision cites and a plausible amount range."""

    name: str  # indefinite, lower case: "sjukpenning"
    sections: tuple[str, ...]
    low: int
    high: int
    per: str  # "per dag", "per månad", ...
    law: str = "socialförsäkringsbalken"
    sfs: str = SFB


FK_BENEFITS: tuple[Benefit, ...] = (
    Benefit("sjukpenning", ("27 kap. 2 §", "28 kap. 1 §", "27 kap. 46 §"), 350, 1250, "per dag"),
    Benefit("rehabiliteringspenning", ("31 kap. 2 §",), 350, 1200, "per dag"),
    Benefit("aktivitetsersättning", ("33 kap. 5 §",), 9000, 14000, "per månad"),
    Benefit("sjukersättning", ("33 kap. 5 §", "33 kap. 10 §"), 9000, 19000, "per månad"),
    Benefit("assistansersättning", ("51 kap. 2 §", "51 kap. 3 §"), 20000, 300000, "per månad"),
    Benefit("föräldrapenning", ("12 kap. 2 §",), 250, 1100, "per dag"),
    Benefit("tillfällig föräldrapenning", ("13 kap. 16 §",), 250, 1100, "per dag"),
    Benefit("omvårdnadsbidrag", ("22 kap. 2 §",), 2500, 11000, "per månad"),
    Benefit("merkostnadsersättning", ("50 kap. 3 §",), 1000, 6000, "per månad"),
    Benefit("bostadsbidrag", ("96 kap. 2 §",), 500, 5000, "per månad"),
    Benefit("underhållsstöd", ("17 kap. 2 §",), 1500, 2700, "per månad"),
)
OTHER_BENEFITS: dict[str, tuple[Benefit, ...]] = {
    "Centrala studiestödsnämnden": (
        Benefit("studiemedel", ("3 kap. 2 §",), 2000, 13000, "per månad", "studiestödslagen", "1999:1395"),
        Benefit("studiebidrag", ("3 kap. 12 §",), 1000, 4000, "per månad", "studiestödslagen", "1999:1395"),
    ),
    "Migrationsverket": (
        Benefit("dagersättning", ("17 §",), 24, 71, "per dag", "lagen om mottagande av asylsökande m.fl.",
                "1994:137"),
        Benefit("särskilt bidrag", ("18 §",), 500, 5000, "per månad", "lagen om mottagande av asylsökande m.fl.",
                "1994:137"),
    ),
    "Arbetsförmedlingen": (
        Benefit("aktivitetsstöd", ("5 §",), 223, 910, "per dag", "förordningen om ersättning till deltagare i "
                "arbetsmarknadspolitiska insatser", "2017:819"),
        Benefit("etableringsersättning", ("6 §",), 231, 308, "per dag", "förordningen om ersättning till "
                "deltagare i arbetsmarknadspolitiska insatser", "2017:819"),
    ),
    "Kronofogdemyndigheten": (
        Benefit("skuldsanering", ("6 §", "9 §"), 5000, 900000, "totalt", "skuldsaneringslagen", "2016:675"),
    ),
}
PM_BENEFITS: tuple[Benefit, ...] = (
    Benefit("garantipension", ("66 kap. 2 §",), 2000, 10000, "per månad"),
    Benefit("bostadstillägg", ("101 kap. 4 §", "102 kap. 10 §"), 500, 7500, "per månad"),
    Benefit("äldreförsörjningsstöd", ("74 kap. 2 §",), 1000, 6000, "per månad"),
    Benefit("omställningspension", ("80 kap. 2 §",), 5000, 15000, "per månad"),
    Benefit("barnpension", ("78 kap. 2 §",), 1500, 5000, "per månad"),
    Benefit("inkomstpension", ("59 kap. 2 §", "62 kap. 2 §"), 4000, 25000, "per månad"),
)

STAFF_ROLES = ["handläggare", "handläggare", "försäkringsutredare", "beslutsfattare", "specialist",
               "försäkringshandläggare", "samordnare", "utredare"]
RELATIVES_F = ["hustru", "fru", "maka", "sambo", "dotter", "syster", "mamma", "mor", "svärmor", "flickvän"]
RELATIVES_M = ["make", "man", "sambo", "son", "bror", "pappa", "far", "svåger", "pojkvän", "morbror"]

FUNCTION_TEXTS = H.FUNCTION_TEXTS  # marked: [..] is HEALTH
ACTIVITY_TEXTS = [
    "Klarar inte att upprätthålla fokus under en arbetsdag. Har svårt att planera och genomföra "
    "uppgifter.",
    "Kan inte sitta eller stå längre än 20 minuter i taget. Klarar inte tunga lyft.",
    "Klarar inte kontakter med kunder eller kollegor i nuläget. Undviker sociala situationer.",
    "Kan inte utföra sitt ordinarie arbete som undersköterska med förflyttningar av patienter.",
    "Behöver hjälp med inköp och städning. Orkar inte resa kollektivt i rusningstrafik.",
    "Klarar endast korta arbetspass med låga krav på tempo.",
]
TREATMENT_TEXTS = H.TREATMENT_TEXTS  # marked: [..] is HEALTH
PROGNOSIS_TEXTS = [
    "Gynnsam. Förväntas återgå i arbete på halvtid inom tre månader.",
    "Osäker. Tillståndet har varat länge och förbättringen är långsam.",
    "Patienten bedöms kunna återgå i ordinarie arbete efter sjukskrivningsperiodens slut.",
    "Oklar i nuläget. Ny bedömning efter utredning hos specialist.",
    "Successiv upptrappning av arbetstid rekommenderas.",
]
# Sentences where name-like words are ordinary words (must not be tagged).
PLAIN_SENTENCES = [
    "Hon tycker om att gå i skogen och sitta på en sten vid sjön.",
    "Han har tidigare arbetat med att plocka sten och röja sly.",
    "Familjen bor i ett hus med en stor ek på gården.",
    "Hon berättar att de brukar promenera upp på berget bakom huset.",
    "Han har ont efter en vandring i fjällen där de såg en björn på avstånd.",
    "Sonen spelar fotboll i en lund nära skolan på helgerna.",
    "Hon planterade en rosenbuske i trädgården i våras.",
    "Det är svårt för henne att bo kvar, eftersom trappan till lägenheten är brant.",
    "Han säger att han vill bo nära sin familj.",
    "Per dag klarar hon ungefär två timmars stillasittande arbete.",
    "Dag för dag blir det lite bättre, enligt honom själv.",
    "Hans mor bor på ett äldreboende i samma kommun.",
]


@dataclass
class Meta:
    """What a kind builder returns besides the text."""

    title: str
    author: str = ""
    subject: str = ""
    outline: list[tuple[int, str, int]] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # personal values placed in metadata/outline


# -- shared pieces ------------------------------------------------------------------------------


def _decision_agency(ctx: Ctx) -> Agency:
    return agency("Försäkringskassan" if ctx.chance(0.6) else "Pensionsmyndigheten")


def _any_agency(ctx: Ctx) -> Agency:
    if ctx.chance(0.6):
        return agency(ctx.pick(["Försäkringskassan", "Pensionsmyndigheten"]))
    return ctx.pick(list(agencies().values()))


def _benefit(ctx: Ctx, ag: Agency) -> Benefit:
    if ag.name == "Pensionsmyndigheten":
        return ctx.pick(PM_BENEFITS)
    if ag.name in OTHER_BENEFITS:
        return ctx.pick(OTHER_BENEFITS[ag.name])
    return ctx.pick(FK_BENEFITS)


def _letterhead(b: DocBuilder, ctx: Ctx, ag: Agency) -> None:
    b.line([ctx.agency_tag(ag, caps=ctx.chance(0.35))], "letterhead")
    address = ctx.agency_address(ag)
    if ctx.chance(0.5):
        b.line(parts_join([[t] for t in ctx.agency_address_lines(address)], sep=", ", last=", "), "small")
    else:
        b.line([Tag(address, "AGENCY_ADDRESS", keep=True)], "small")


def _footer(ctx: Ctx, ag: Agency) -> list[tuple[list[Part], str]]:
    address = ctx.agency_address(ag)
    return [
        (
            [ctx.agency_tag(ag), " · ", Tag(address, "AGENCY_ADDRESS", keep=True), " · ",
             f"www.{ag.mail_domain}"],
            "footer",
        )
    ]


def _address_block(b: DocBuilder, ctx: Ctx, p: Person, co: Person | None = None) -> None:
    """Recipient block: name, optional c/o, street, postnummer + ort; often in capitals."""
    caps = ctx.chance(0.4)
    b.line([p.name("caps" if caps else ctx.pick(["full", "full", "all"]))])
    if co is not None:
        co_text = f"c/o {co.name('last').text}"
        b.line([Tag(co_text.upper() if caps else co_text, "SE_ADDRESS")])
    b.line([ctx.street(p, caps=caps)])
    b.line([ctx.postal(p, caps_town=True if caps else None)])


def _relation(p: Person) -> str:
    return "Hon" if p.female else "Han"


def _relative_word(ctx: Ctx, rel: Person) -> str:
    return ctx.pick(RELATIVES_F if rel.female else RELATIVES_M)


def _staff(ctx: Ctx) -> Person:
    return ctx.person(min_age=25, max_age=64)


def _signature(b: DocBuilder, ctx: Ctx, ag: Agency, staff: Person, role: str) -> None:
    b.line(ctx.pick(["Med vänliga hälsningar", "Med vänlig hälsning", "Vänliga hälsningar"]))
    b.blank()
    b.line([staff.name(ctx.pick(["full", "full", "all"]))])
    b.line([role.capitalize()])
    b.line([ctx.agency_tag(ag)])
    label = ctx.pick(["Telefon: ", "Tel. ", "Direkt: ", "Telefon "])
    b.line([label, ctx.staff_phone(staff)])
    if ctx.chance(0.75):
        b.line([ctx.pick(["E-post: ", "Mejl: ", "E-post "]), ctx.email(staff, ag.mail_domain)])


def _hhmm(ctx: Ctx) -> str:
    return f"{ctx.rng.randint(7, 17):02d}.{ctx.pick(['00', '05', '10', '15', '20', '30', '40', '45', '50'])}"


# -- decision letter --------------------------------------------------------------------------


def decision_letter(ctx: Ctx) -> tuple[DocBuilder, Meta]:
    """Beslut from Försäkringskassan/Pensionsmyndigheten: letterhead, address, decision, appeal."""
    ag = _decision_agency(ctx)
    ben = _benefit(ctx, ag)
    p = ctx.person(min_age=66 if ag.name == "Pensionsmyndigheten" else 19,
                   max_age=102 if ag.name == "Pensionsmyndigheten" else 66)
    staff = _staff(ctx)
    role = ctx.pick(STAFF_ROLES)
    dnr = ctx.dnr(ag)
    applied = ctx.days(-120, -20)
    start = ctx.days(-60, 20)
    end = ctx.days(40, 300)

    def header(page_no: int) -> list[tuple[list[Part], str]]:
        return [([ctx.agency_tag(ag), "    Dnr ", Tag(dnr.text, "DNR", keep=True), f"    Sida {page_no}"],
                 "small"), ([], "normal")]

    b = DocBuilder(header=header, footer=_footer(ctx, ag) if ctx.chance(0.6) else ())
    _letterhead(b, ctx, ag)
    b.blank()
    b.line(ctx.pick(["BESLUT", "Beslut", "BESLUT", "Meddelande om beslut"]), "bold")
    b.line(["Datum: ", ctx.date(ctx.today, ctx.pick(["iso", "iso", "long"]))])
    b.line([ctx.pick(["Diarienummer: ", "Dnr: ", "Ärendenummer: ", "Vårt dnr: "]), dnr])
    b.blank()
    co = ctx.person(origin=p.origin) if ctx.chance(0.12) else None
    _address_block(b, ctx, p, co)
    b.blank()
    b.line(f"Beslut om {ben.name}", "title")
    idform = ctx.pick(["long_dash", "short_dash", "long_dash", "long_plain", "short_space"])
    b.par(["Personnummer: " if not ctx.chance(0.2) else "Person: ", ctx.idnr(p, idform)])
    b.blank()

    outcome = ctx.pick(["grant", "grant", "grant", "reject", "partial", "stop", "recover"])
    amount = ctx.amount(ben.low, ben.high)
    if outcome == "grant":
        b.par(fill("{ag} har beslutat att du får {ben} med {amount} {per} från och med {d1} till och "
                   "med {d2}.", ag=ctx.agency_tag(ag), ben=ben.name, amount=amount, per=ben.per,
                   d1=ctx.date(start), d2=ctx.date(end)))
    elif outcome == "reject":
        b.par(fill("{ag} avslår din ansökan om {ben} som kom in den {d0}.", ag=ctx.agency_tag(ag),
                   ben=ben.name, d0=ctx.date(applied)))
    elif outcome == "partial":
        b.par(fill("Du får {ben} på {pct} av heltid från och med {d1}. För tiden före detta datum "
                   "får du inte {ben}.", ben=ben.name, pct=ctx.pick(["halv", "en fjärdedel", "tre fjärdedelar"]),
                   d1=ctx.date(start)))
    elif outcome == "stop":
        b.par(fill("Din {ben} upphör från och med den {d1}. Du har fått {amount} {per} till och med "
                   "den {d0}.", ben=ben.name, d1=ctx.date(start, "long"), amount=amount, per=ben.per,
                   d0=ctx.date(ctx.days(-10, 10))))
    else:
        b.par(fill("Du har fått {amount} för mycket i {ben} under perioden {d1}–{d2}. Du ska betala "
                   "tillbaka beloppet senast den {d3}.", amount=ctx.amount(2000, 90000), ben=ben.name,
                   d1=ctx.date(ctx.days(-400, -200)), d2=ctx.date(ctx.days(-150, -30)),
                   d3=ctx.date(ctx.days(30, 60), "long")))
    b.blank()

    # legal grounds
    sections = [ctx.section(s) for s in ben.sections[: ctx.rng.randint(1, len(ben.sections))]]
    if outcome == "recover":
        sections = [ctx.section("108 kap. 2 §")]
    law = ctx.pick(["socialförsäkringsbalken", "socialförsäkringsbalken", "SFB"])
    sfs = [" (", ctx.sfs(SFB), ")"] if law != "SFB" else []
    b.par(fill("Beslutet är fattat med stöd av {secs} {law}", secs=parts_join([[s] for s in sections]),
               law=law) + sfs + ["."])
    b.blank()

    # motivation
    b.line(ctx.pick(["Motivering", "Skäl för beslutet", "Så här har vi kommit fram till beslutet",
                     "Därför har vi fattat detta beslut"]), "bold")
    b.par(fill("Du har ansökt om {ben} den {d0}.", ben=ben.name, d0=ctx.date(applied)))
    icd, diagnosis = ctx.icd()
    doctor = ctx.person()
    unit = ctx.care_unit_tag()
    if ben.name in ("sjukpenning", "rehabiliteringspenning", "sjukersättning", "aktivitetsersättning"):
        b.par(fill("Av läkarintyget från {unit} daterat {d} framgår att du har {diag} ({icd}). "
                   "Läkaren, {doc}, bedömer att din arbetsförmåga är nedsatt med {pct} procent.",
                   unit=unit, d=ctx.date(ctx.days(-90, -5)), diag=diagnosis, icd=icd,
                   doc=doctor.name(ctx.pick(["full", "initial"])), pct=ctx.pick(["25", "50", "75", "100"])))
        if ctx.chance(0.5):
            b.par(["Du har också uppgett att du har ", H.tag(ctx.pick(H.SYMPTOMS)), " och att du behandlas med ",
                   H.tag(ctx.pick(H.DRUG_CLASSES)), "."])
        if ctx.chance(0.6):
            co_name = ctx.company()
            boss = ctx.person()
            b.par(fill("Vi har pratat med din arbetsgivare {co} ({orgnr}). {boss} har uppgett att det inte "
                       "finns några anpassade arbetsuppgifter för dig.", co=ctx.org(co_name), orgnr=ctx.orgnr(),
                       boss=boss.name(ctx.pick(["full", "full", "last"]))))
    elif ben.name in ("omvårdnadsbidrag", "tillfällig föräldrapenning", "underhållsstöd", "barnpension"):
        kid = ctx.people.child(p)
        b.par(fill("Ansökan gäller ditt barn {kid}, {pnr}. Av utredningen framgår att {kidfirst} har "
                   "{diag} ({icd}) och behöver extra tillsyn.", kid=kid.name("full"), pnr=ctx.idnr(kid),
                   kidfirst=kid.name("first"), diag=diagnosis, icd=icd))
    else:
        rel = ctx.person(origin=p.origin)
        b.par(fill("Du bor tillsammans med din {word} {rel} på {street}. Vi har räknat med {relgen} "
                   "inkomst på {amount} per år.", word=_relative_word(ctx, rel), rel=rel.name("full"),
                   street=ctx.street(p), relgen=rel.gen("first"), amount=ctx.amount(60000, 420000)))
    if outcome in ("reject", "partial"):
        b.par(fill("Vi bedömer att det inte är visat att {pron} uppfyller villkoren för hela perioden. "
                   "Underlaget från {doc} räcker inte för att bedöma behovet.",
                   pron="du", doc=doctor.gen("last")))
    if ctx.chance(0.5):
        b.par(fill("Vi har också tagit del av det som {name} berättade vid telefonsamtalet den {d}.",
                   name=p.name(ctx.pick(["first", "full"])), d=ctx.date(ctx.days(-40, -2))))
    b.blank()

    # payment
    if outcome in ("grant", "partial"):
        label, acct = ctx.payment()
        b.line("Utbetalning", "bold")
        b.par(fill("Pengarna betalas ut till ditt {label} {acct} omkring den {d} varje månad.", label=label,
                   acct=acct, d=str(ctx.rng.randint(18, 27))))
        b.blank()

    if outcome in ("grant", "partial", "stop") and ctx.chance(0.6):
        b.line(ctx.pick(["Beräkning", "Så har vi räknat", "Beräkning av ersättningen"]), "bold")
        gross = ctx.amount(ben.low * 20 if ben.per == "per dag" else ben.low, ben.high * 30 if ben.per == "per dag"
                           else ben.high)
        b.par(fill("Vi har utgått från en årsinkomst på {income}. Ersättningen före skatt är {gross} per månad. "
                   "Preliminär skatt {tax} dras av, och {net} betalas ut.", income=ctx.amount(120000, 600000),
                   gross=gross, tax=ctx.amount(500, 9000), net=ctx.amount(2000, 30000)))
        b.blank()
    if ctx.chance(0.35):
        b.line("Sekretess", "bold")
        b.par(fill("Uppgifterna i ditt ärende skyddas av sekretess enligt {sec} offentlighets- och "
                   "sekretesslagen ({sfs}).", sec=ctx.section("28 kap. 1 §"), sfs=ctx.sfs("2009:400")))
        b.blank()

    # appeal
    b.line(ctx.pick(["Om du inte är nöjd med beslutet", "Hur man begär omprövning",
                     "Du kan begära omprövning"]), "bold")
    address = ctx.agency_address(ag)
    b.par(fill("Om du anser att beslutet är fel kan du begära att vi ändrar det. Det kallas omprövning "
               "och regleras i {sec} socialförsäkringsbalken. Din begäran ska ha kommit in till {ag} "
               "inom två månader från den dag du fick del av beslutet. Skicka din begäran till {ag2}, "
               "{addr}.", sec=ctx.section("113 kap. 7 §"), ag=ctx.agency_tag(ag), ag2=ctx.agency_tag(ag),
               addr=Tag(address, "AGENCY_ADDRESS", keep=True)))
    if ctx.chance(0.4):
        b.par(fill("Beslutet har fattats med tillämpning av {sec} förvaltningslagen ({sfs}).",
                   sec=ctx.section(ctx.pick(["32 §", "37 §", "38 §"])), sfs=ctx.sfs("2017:900")))
    b.blank()
    _signature(b, ctx, ag, staff, role)
    if ctx.chance(0.25):
        b.blank()
        ombud = ctx.person()
        b.par(["Kopia till: ", ombud.name("full"), ", ombud, ", ctx.street(ombud), ", ", ctx.postal(ombud)])

    if ctx.chance(0.4):
        b.page_break()
        b.line("Bilaga – Så begär du omprövning", "title")
        b.blank()
        b.par(fill("Skriv vilket beslut du vill att vi ska ompröva, till exempel genom att ange datum för beslutet "
                   "({d}) och ärendenummer ({dnr}). Berätta varför du tycker att beslutet är fel och vilken "
                   "ändring du vill ha.", d=ctx.date(ctx.today), dnr=Tag(dnr.text, "DNR", keep=True)))
        b.par(fill("Skriv under din begäran och skicka den till {ag}, {addr}. Om du har ett ombud, till exempel "
                   "{ombud}, ska fullmakten bifogas.", ag=ctx.agency_tag(ag),
                   addr=Tag(ctx.agency_address(ag), "AGENCY_ADDRESS", keep=True),
                   ombud=ctx.person(origin=p.origin).name("full")))
        b.par(fill("Om du har frågor kan du kontakta {staff} på telefon {phone}. Beslutet har fattats enligt "
                   "{sec} {law} ({sfs}) och {sec2} förvaltningslagen ({fl}).", staff=staff.name("full"),
                   phone=ctx.staff_phone(staff), sec=ctx.section(ctx.pick(ben.sections)), law=ben.law,
                   sfs=ctx.sfs(ben.sfs, prefix=ctx.chance(0.3)), sec2=ctx.section("32 §"), fl=ctx.sfs("2017:900")))
        if ctx.chance(0.5):
            b.par(fill("Beslutet om {ben} gäller {name}. Kopia skickas till {rel}.", ben=ben.name,
                       name=p.name("full"), rel=ctx.person(origin=p.origin).name("full")))
    values: list[str] = []
    title = f"Beslut om {ben.name}"
    author = ag.name
    if ctx.chance(0.5):
        title = f"Beslut om {ben.name} - {p.full_name}"
        values.append(p.full_name)
    if ctx.chance(0.5):
        author = staff.full_name
        values.append(staff.full_name)
    bookmark = f"Beslut {p.full_name}"
    values.append(p.full_name)
    return b, Meta(title=title, author=author, subject=f"Beslut {dnr.text}", outline=[(1, bookmark, 1)],
                   values=sorted(set(values)))


# -- case note -------------------------------------------------------------------------------


def case_note(ctx: Ctx) -> tuple[DocBuilder, Meta]:
    """Tjänsteanteckning / journalanteckning with calls, relatives, health data and dialogue."""
    ag = _any_agency(ctx)
    ben = _benefit(ctx, ag)
    p = ctx.person(min_age=20, max_age=80)
    staff = _staff(ctx)
    dnr = ctx.dnr(ag)
    b = DocBuilder()
    b.line([ctx.agency_tag(ag, caps=ctx.chance(0.3))], "letterhead")
    b.line(ctx.pick(["TJÄNSTEANTECKNING", "Tjänsteanteckning", "Journalanteckning", "Anteckning i ärendet",
                     "Minnesanteckning"]), "title")
    b.blank()
    b.line(["Ärende: ", ben.name.capitalize(), ", ", dnr])
    label = ctx.pick(["Den försäkrade: ", "Namn: ", "Sökande: ", "Kund: ", "Person: "])
    b.line([label, p.name(ctx.pick(["full", "all", "inverted", "caps_inverted"])), ", ", ctx.idnr(p)])
    b.line(["Datum: ", ctx.date(), f" kl. {_hhmm(ctx)}"])
    b.line(["Antecknat av: ", staff.name(ctx.pick(["full", "initial"])), ", ", ctx.pick(STAFF_ROLES)])
    b.blank()

    pron = p.pronoun
    Pron = pron.capitalize()
    icd1, diag1 = ctx.icd()
    icd2, diag2 = ctx.icd()
    rel = ctx.person(origin=p.origin, female=not p.female, surname=p.family if ctx.chance(0.6) else None)
    if rel.female:
        word = ctx.pick(["hustru", "fru", "sambo", "maka", "partner"])
    else:
        word = ctx.pick(["make", "man", "sambo", "partner"])
    kids: list[Person] = [ctx.people.child(p) for _ in range(ctx.rng.randint(1, 3))] if ctx.chance(0.6) else []

    def first() -> Tag:
        return p.name(ctx.pick(["first", "first", "first", "full"]))

    def heading(text: str) -> None:
        if ctx.chance(0.5):
            b.line([ctx.date(ctx.days(-30, 0)), " ", text], "bold")
        else:
            b.line(text, "bold")

    def call() -> None:
        heading(ctx.pick(["Telefonsamtal", "Inkommande samtal", "Samtal med den försäkrade", "Möte på kontoret"]))
        b.par(fill("{first} ringer och vill veta hur det går med ansökan om {ben}. {Pron} berättar att {pron} "
                   "fortfarande har {besvar} av sin {diag} ({icd}) och att {pron} sover dåligt.",
                   first=first(), ben=ben.name, Pron=Pron, pron=pron, diag=diag1, icd=icd1,
                   besvar=H.tag("besvär")))
        if ctx.chance(0.6):
            b.par(ctx.health_sentence(p))
        b.par(["– ", ctx.pick(["Jag orkar inte ens handla mat längre", "Jag vet inte hur jag ska klara ekonomin",
                               "Jag vill tillbaka till jobbet men kroppen säger nej",
                               "Det känns som att ingen lyssnar på mig", "Jag har inte sovit en hel natt på månader"]),
               ", säger ", p.name(ctx.pick(["first", "first", "last"])), "."])
        b.par(fill("{Pron} bor tillsammans med sin {word} {rel} på {street} i {town}.", Pron=Pron, word=word,
                   rel=rel.name(ctx.pick(["full", "first"])), street=ctx.street(p), town=p.town or "kommunen"))
        if kids:
            kid_parts = [[k.name("first"), f" ({ctx.today.year - k.born.year} år)"] for k in kids]
            b.par(["De har ", "ett barn, " if len(kids) == 1 else f"{len(kids)} barn, ", *parts_join(kid_parts), "."])
        if ctx.chance(0.5):
            b.par(ctx.pick(PLAIN_SENTENCES))
        b.par(fill("{relgen} telefonnummer är {phone}. {Pron} har gett sitt medgivande till att vi pratar med {obj}.",
                   relgen=rel.gen("first"), phone=ctx.phone(rel), Pron=Pron, obj=rel.name("first")))
        if ctx.chance(0.5):
            b.par(fill("Hyran är {amount} i månaden och {pron} har en skuld hos {kfm} på {debt}.",
                       amount=ctx.amount(4500, 14000), pron=pron,
                       kfm=ctx.agency_tag(agency("Kronofogdemyndigheten"), short=ctx.chance(0.6)),
                       debt=ctx.amount(3000, 250000)))
        b.blank()

    def relative_call() -> None:
        heading(ctx.pick(["Samtal med anhörig", "Utgående samtal", "Kontakt med anhörig"]))
        b.par(fill("Jag ringer {rel} på {phone}. {Rpron} berättar att {pfirst} inte klarar sig själv hemma och "
                   "att {rpron} hjälper till med matlagning, tvätt och medicinering varje dag.",
                   rel=rel.name("full"), phone=ctx.phone(rel), Rpron=_relation(rel), pfirst=p.name("first"),
                   rpron=rel.pronoun))
        b.par(["– ", ctx.pick(["Hen gråter mycket och vill inte gå ut", "Vi har inte fått några pengar sedan i våras",
                               "Jag har fått gå ner i arbetstid för att hinna med"]).replace(
            "Hen", Pron), ", säger ", rel.name(ctx.pick(["first", "full"])), "."])
        b.blank()

    def employer() -> None:
        heading(ctx.pick(["Kontakt med arbetsgivare", "Samtal med arbetsgivaren", "Arbetsgivarkontakt"]))
        boss = ctx.person()
        co = ctx.org(ctx.company())
        b.par(fill("Jag har ringt {pgen} arbetsgivare {co} och talat med {boss}, {role}, tel. {phone}. "
                   "{bossfirst} uppger att {first} har varit borta sedan {d} och att det finns möjlighet "
                   "till anpassade arbetsuppgifter på deltid. Lönen är {amount} i månaden.",
                   pgen=p.gen("last"), co=co, boss=boss.name("full"),
                   role=ctx.pick(["personalchef", "närmaste chef", "HR-ansvarig", "arbetsledare"]),
                   phone=ctx.phone(boss), bossfirst=boss.name(ctx.pick(["first", "last"])), first=p.name("first"),
                   d=ctx.date(ctx.days(-200, -30)), amount=ctx.amount(18000, 52000)))
        b.blank()

    def medical() -> None:
        heading(ctx.pick(["Medicinskt underlag", "Hälsotillstånd", "Uppgifter om hälsa", "Inkommen journalkopia"]))
        b.par(fill("Enligt journalanteckning från {unit} har {first} diagnoserna {icd1} {diag1} och {icd2} "
                   "{diag2}. Behandlande läkare är {doc}.", unit=ctx.care_unit_tag(), first=p.name("first"),
                   icd1=icd1, diag1=diag1, icd2=icd2, diag2=diag2,
                   doc=ctx.person().name(ctx.pick(["full", "initial"]))))
        b.par(H.parts(ctx.pick(TREATMENT_TEXTS)))
        if ctx.chance(0.7):
            b.par(ctx.health_sentence(p))
        b.blank()

    def misc() -> None:
        heading(ctx.pick(["Övrigt", "Kompletterande uppgifter", "Identitet och kontaktuppgifter"]))
        if ctx.chance(0.6):
            label, iddoc = ctx.id_document()
            b.par(fill("{first} legitimerade sig med {label} {nr}.", first=p.name("first"), label=label, nr=iddoc))
        if ctx.chance(0.6):
            b.par(fill("{Pron} har tillgång till bil ({plate}) men kan inte köra längre sträckor.", Pron=Pron,
                       plate=ctx.plate()))
        if ctx.chance(0.5):
            new = ctx.person(origin=p.origin)
            ctx.home(new)
            b.par(fill("Ny postadress från och med {d}: c/o {co}, {street}, {postal}.",
                       d=ctx.date(ctx.days(1, 40)), co=new.name("last"), street=ctx.street(new),
                       postal=ctx.postal(new)))
        b.par(fill("{first} skickar kompletteringen från {mail} och nås säkrast på {phone}.",
                   first=p.name("first"), mail=ctx.email(p), phone=ctx.phone(p)))
        if kids and ctx.chance(0.6):
            k = kids[0]
            b.par(fill("{kgen} skola har hört av sig om frånvaro. {kid} har personnummer {pnr}.",
                       kgen=k.gen("first"), kid=k.name("first"), pnr=ctx.idnr(k)))
        b.blank()

    def legal() -> None:
        heading(ctx.pick(["Bedömning", "Handläggarens bedömning"]))
        b.par(fill("Uppgifterna om {pgen} hälsa omfattas av sekretess enligt {sec} offentlighets- och "
                   "sekretesslagen ({sfs}). Rätten till {ben} prövas enligt {sec2} {law} ({sfs2}).",
                   pgen=p.gen("first"), sec=ctx.section(ctx.pick(["28 kap. 1 §", "21 kap. 1 §"])),
                   sfs=ctx.sfs("2009:400"), ben=ben.name, sec2=ctx.section(ctx.pick(ben.sections)), law=ben.law,
                   sfs2=ctx.sfs(ben.sfs)))
        b.blank()

    entries = [call, employer, medical, misc, relative_call, legal]
    chosen = [call] + [e for e in entries[1:] if ctx.chance(0.65)]
    for entry in chosen:
        entry()
    b.line("Planering", "bold")
    b.par(fill("Avstämningsmöte bokas den {d} kl. {t}. {first} och {relfirst} kommer båda att delta. "
               "Nästa kontakt med {surname} senast {d2}.", d=ctx.date(ctx.days(7, 30)), t=_hhmm(ctx),
               first=p.name("first"), relfirst=rel.name("first"), surname=p.name("last"),
               d2=ctx.date(ctx.days(30, 60))))
    b.blank()
    b.line([staff.name("full"), ", ", ctx.agency_tag(ag)])
    values = []
    author = ag.name
    if ctx.chance(0.5):
        author = staff.full_name
        values.append(staff.full_name)
    return b, Meta(title="Tjänsteanteckning", author=author, values=values)


# -- medical certificate ----------------------------------------------------------------------


def medical_certificate(ctx: Ctx) -> tuple[DocBuilder, Meta]:
    """Läkarintyg: patient, personnummer, ICD-10 diagnoses, function, doctor and care unit."""
    p = ctx.person(min_age=19, max_age=67)
    doctor = _staff(ctx)
    unit_name = ctx.care_unit()
    exam = ctx.days(-20, -1)
    start = ctx.days(-10, 5)
    end = ctx.days(14, 120)
    b = DocBuilder()
    b.line(ctx.pick(["LÄKARINTYG", "Läkarintyg", "Läkarintyg för sjukpenning", "MEDICINSKT UNDERLAG"]),
           "letterhead")
    b.line([ctx.pick(["för sjukpenning", "till Försäkringskassan", "för bedömning av arbetsförmåga"])], "small")
    b.blank()
    b.line("Patient", "bold")
    style = ctx.pick(["full", "all", "inverted", "caps_inverted", "caps_all"])
    b.line([ctx.pick(["Patientens namn: ", "Namn: ", "Efternamn, förnamn: " if "inverted" in style else "Namn: "]),
            p.name(style)])
    b.line([ctx.pick(["Personnummer: ", "Personnr: ", "Pnr: ", "Person-/samordningsnummer: "]), ctx.idnr(p)])
    if ctx.chance(0.8):
        b.line(["Adress: ", ctx.street(p), ", ", ctx.postal(p)])
    if ctx.chance(0.7):
        b.line(["Telefon: ", ctx.phone(p)])
    b.blank()
    b.line("Intyget är baserat på", "bold")
    b.par(fill("Min undersökning av patienten den {d1}. Journaluppgifter från den {d2}.", d1=ctx.date(exam),
               d2=ctx.date(ctx.days(-200, -30))))
    b.blank()
    b.line("Diagnos", "bold")
    for _ in range(ctx.rng.randint(1, 3)):
        icd, text = ctx.icd(capital=True)
        b.line([icd, " ", *text])
    b.blank()
    b.line("Sjukdomens konsekvenser – funktionsnedsättning", "bold")
    b.par(H.parts(ctx.pick(FUNCTION_TEXTS)))
    b.blank()
    b.line("Aktivitetsbegränsning", "bold")
    b.par(ctx.pick(ACTIVITY_TEXTS))
    b.blank()
    b.line("Pågående och planerad medicinsk behandling", "bold")
    b.par(H.parts(ctx.pick(TREATMENT_TEXTS)))
    if ctx.chance(0.4):
        psych = ctx.person()
        b.par(fill("Patienten går i samtal hos {name}, leg. psykolog, tel. {phone}.", name=psych.name("full"),
                   phone=ctx.phone(psych)))
    b.blank()
    b.line("Bedömning av arbetsförmåga", "bold")
    b.par(fill("Nedsatt med {pct} procent från och med {d1} till och med {d2}.",
               pct=ctx.pick(["100", "75", "50", "25"]), d1=ctx.date(start), d2=ctx.date(end)))
    b.blank()
    b.line("Prognos", "bold")
    b.par(ctx.pick(PROGNOSIS_TEXTS))
    b.blank()
    if ctx.chance(0.6):
        b.line("Övriga upplysningar", "bold")
        rel = ctx.person(origin=p.origin, female=not p.female)
        b.par(fill("{pgen} {word} {rel} var med vid besöket och bekräftar uppgifterna. "
                   "Patienten har {n} barn hemma.", pgen=p.gen("first"),
                   word="make" if not rel.female else "fru", rel=rel.name("first"),
                   n=ctx.pick(["två", "tre", "inga", "ett"])))
        b.blank()
    b.line(["Kontakt med ", ctx.agency_tag(agency("Försäkringskassan")), " önskas: ", ctx.pick(["Ja", "Nej"])])
    b.blank()
    b.line("Underskrift", "bold")
    b.line(["Datum: ", ctx.date(exam)])
    b.line([doctor.name(ctx.pick(["full", "all"]))])
    b.line(ctx.pick(["Leg. läkare, specialist i allmänmedicin", "Leg. läkare", "ST-läkare",
                     "Överläkare, specialist i psykiatri", "Leg. läkare, specialist i ortopedi"]))
    b.line([ctx.care_unit_tag(unit_name)])
    # The care unit's own address is neither personal data nor a configured agency address: untagged.
    clinic = ctx.person()
    ctx.home(clinic)
    b.line(f"{(clinic.street or '').split(',')[0]}, {clinic.postcode} {clinic.town}")
    if ctx.chance(0.6):
        b.line(["Direktnummer: ", ctx.phone(doctor, mobile=False)])
    values: list[str] = []
    author = doctor.full_name if ctx.chance(0.5) else unit_name
    if author == doctor.full_name:
        values.append(author)
    title = "Läkarintyg"
    if ctx.chance(0.4):
        title = f"Läkarintyg {p.full_name}"
        values.append(p.full_name)
    return b, Meta(title=title, author=author, values=values)


# -- e-mail ----------------------------------------------------------------------------------


def _mail_header(b: DocBuilder, ctx: Ctx, english: bool, sender: list[Part], when: date,
                 to: list[Part], cc: list[Part] | None, subject: list[Part]) -> None:
    lab = {"from": "From: ", "sent": "Sent: ", "to": "To: ", "cc": "Cc: ", "subj": "Subject: "} if english else {
        "from": "Från: ", "sent": ctx.pick(["Skickat: ", "Datum: "]), "to": "Till: ",
        "cc": ctx.pick(["Kopia: ", "Cc: "]), "subj": "Ämne: "}
    b.line([lab["from"], *sender])
    day = WEEKDAYS[when.weekday()]
    b.line([lab["sent"], ctx.pick([f"{day} ", "den ", ""]) if not english else "",
            ctx.date(when, "long" if not english else "iso"),
            f" {_hhmm(ctx).replace('.', ':')}"])
    b.line([lab["to"], *to])
    if cc:
        b.line([lab["cc"], *cc])
    b.line([lab["subj"], *subject])


def _addr(ctx: Ctx, p: Person, domain: str | None = None, lower: bool = False) -> list[Part]:
    name = p.name("lower" if lower else "full")
    return [name, " <", ctx.email(p, domain), ">"]


def email(ctx: Ctx) -> tuple[DocBuilder, Meta]:
    """An e-mail printout with headers, informal text, signature and a quoted earlier message."""
    ag = agency(ctx.pick(["Försäkringskassan", "Pensionsmyndigheten", "Försäkringskassan",
                          "Migrationsverket", "Arbetsförmedlingen", "Centrala studiestödsnämnden"]))
    ben = _benefit(ctx, ag)
    citizen = ctx.person(min_age=20, max_age=85)
    staff = _staff(ctx)
    cc_person = ctx.person(origin=citizen.origin, female=not citizen.female) if ctx.chance(0.6) else None
    dnr = ctx.dnr(ag)
    english = ctx.chance(0.3)
    lower = ctx.chance(0.35)  # the citizen types names in lower case
    b = DocBuilder()
    owner = staff
    b.line([owner.name("full")], "bold")
    b.blank()
    subject_base = ctx.pick([f"Komplettering {ben.name}", "Angående mitt ärende", f"Fråga om {ben.name}",
                             "Läkarintyg", "Ändrad adress", "Begäran om omprövning"])
    subj: list[Part] = ["SV: ", subject_base, " (", Tag(dnr.text, "DNR", keep=True), ")"]
    when = ctx.today
    _mail_header(b, ctx, english, _addr(ctx, citizen), when, _addr(ctx, staff, ag.mail_domain),
                 _addr(ctx, cc_person) if cc_person else None, subj)
    if ctx.chance(0.4):
        b.line([("Attachments: " if english else "Bifogade filer: "),
                ctx.pick(["lakarintyg.pdf", "intyg_arbetsgivare.pdf", "kvitton.pdf", "IMG_2041.jpg"])])
    b.blank()
    b.line(["Hej ", staff.name("lower_first" if lower else "first"), ","] if ctx.chance(0.8) else ["Hej!"])
    b.blank()
    icd, diag = ctx.icd()
    sentences: list[list[Part]] = [
        fill("tack för samtalet {d}. jag bifogar läkarintyget som ni bad om.",
             d=ctx.date(ctx.days(-7, -1), "daymonth")) if lower else
        fill("Tack för samtalet {d}. Jag bifogar läkarintyget som ni bad om.",
             d=ctx.date(ctx.days(-7, -1), "daymonth")),
        fill("Läkaren skrev att jag har {diag} ({icd}) och att jag ska vara sjukskriven till {d}.",
             diag=diag, icd=icd, d=ctx.date(ctx.days(20, 60))),
    ]
    if cc_person is not None:
        form = "lower_first" if lower else "first"
        sentences.append(fill("Min {word} {rel} har kopia på mejlet och kan svara om jag inte orkar, "
                              "{pron} nås på {phone}.", word="sambo" if ctx.chance(0.5) else (
                                  "man" if not cc_person.female else "fru"),
                              rel=cc_person.name(form), pron=cc_person.pronoun, phone=ctx.phone(cc_person)))
    if ctx.chance(0.5):
        sentences.append(fill("Vi har flyttat, ny adress är {street}, {postal}.", street=ctx.street(citizen),
                              postal=ctx.postal(citizen, caps_town=False)))
    if ctx.chance(0.4):
        label, acct = ctx.payment()
        sentences.append(fill("Jag har också bytt bank, pengarna ska sättas in på {label} {acct}.", label=label,
                              acct=acct))
    if ctx.chance(0.35):
        kid = ctx.people.child(citizen)
        sentences.append(fill("Min dotter {kid} har också varit sjuk, hennes personnummer är {pnr}."
                              if kid.female else
                              "Min son {kid} har också varit sjuk, hans personnummer är {pnr}.",
                              kid=kid.name("lower_first" if lower else "first"), pnr=ctx.idnr(kid)))
    if ctx.chance(0.5):
        sentences.append(["Jag tar ", H.medication(ctx.rng), " och har fått en tid på ",
                          H.tag(ctx.pick(H.UNITS_IN_TEXT)), "."])
    if ctx.chance(0.3):
        sentences.append([ctx.pick(["Per dag orkar jag bara några timmar.", "Dag för dag går det lite bättre.",
                                    "Vi bor kvar i lägenheten vid parken nära stranden.",
                                    "Jag tog en promenad upp på berget i helgen men fick ont efteråt."])])
    for s in sentences:
        b.par(s)
    b.blank()
    b.line(ctx.pick(["Mvh", "Med vänliga hälsningar", "Hälsningar", "mvh", "/"]))
    b.line([citizen.name(ctx.pick(["full", "first", "lower_first" if lower else "full"]))])
    if ctx.chance(0.8):
        b.line([ctx.pick(["Tel: ", "Mobil: ", "Tfn ", ""]), ctx.phone(citizen)])
    if ctx.chance(0.3):
        b.line([ctx.idnr(citizen)])
    b.blank()

    # the quoted earlier message from the agency
    b.line(ctx.pick(["-----Ursprungligt meddelande-----", "---------- Vidarebefordrat meddelande ---------",
                     "-----Original Message-----"]))
    earlier = ctx.days(-10, -1)
    _mail_header(b, ctx, english, _addr(ctx, staff, ag.mail_domain), earlier, _addr(ctx, citizen), None,
                 [subject_base, " (", Tag(dnr.text, "DNR", keep=True), ")"])
    b.blank()
    b.line(["Hej ", citizen.name("first"), ","])
    b.blank()
    b.par(fill("För att vi ska kunna handlägga din ansökan om {ben} behöver vi ett läkarintyg och ett intyg "
               "från din arbetsgivare. Kompletteringen ska ha kommit in till oss senast den {d}.",
               ben=ben.name, d=ctx.date(ctx.days(5, 30), "long")))
    address = ctx.agency_address(ag)
    b.par(fill("Du kan skicka handlingarna till {ag}, {addr}. Skriv ärendenummer {dnr} på alla papper.",
               ag=ctx.agency_tag(ag), addr=Tag(address, "AGENCY_ADDRESS", keep=True),
               dnr=Tag(dnr.text, "DNR", keep=True)))
    b.blank()
    b.line(ctx.pick(["Med vänlig hälsning", "Vänliga hälsningar"]))
    b.line([staff.name("full")])
    b.line([ctx.pick(STAFF_ROLES).capitalize(), ", ", ctx.agency_tag(ag)])
    b.line([ctx.pick(["Telefon ", "Tel. ", "Direkt: "]), ctx.staff_phone(staff)])
    values = [staff.full_name]
    return b, Meta(title=f"{subject_base}", author=staff.full_name, values=values)


# -- people table ------------------------------------------------------------------------------


def people_table(ctx: Ctx) -> tuple[DocBuilder, Meta]:
    """A list of people: names, identity numbers, addresses, phones, accounts and vehicles."""
    ag = _any_agency(ctx)
    dnr = ctx.dnr(ag)
    b = DocBuilder()
    _letterhead(b, ctx, ag)
    b.blank()
    b.line(ctx.pick(["Förteckning över hushållsmedlemmar", "Bilaga 1 – Sökande och medsökande",
                     "Sammanställning av betalningsmottagare", "Personer i ärendet", "Deltagarförteckning"]),
           "title")
    b.line(["Dnr: ", dnr, "    Datum: ", ctx.date()])
    b.blank()

    main = ctx.person(min_age=25, max_age=70)
    people = [main]
    for _ in range(ctx.rng.randint(3, 8)):
        if ctx.chance(0.4):
            people.append(ctx.person(origin=main.origin, surname=main.family))
        else:
            people.append(ctx.person())
    name_form = ctx.pick(["full", "full", "inverted", "caps", "all"])
    idform = ctx.pick(["short_dash", "long_dash", "long_plain", None])
    rows1: list[list[list[Part]]] = []
    for q in people:
        co = ctx.chance(0.1)
        street: list[Part] = [ctx.street(q)]
        if co:
            street = [Tag(f"c/o {ctx.person(origin=q.origin).surname}", "SE_ADDRESS"), ", ", ctx.street(q)]
        elif ctx.chance(0.06):
            street = [Tag(f"Box {ctx.rng.randrange(10, 9999)}", "SE_ADDRESS")]
        rows1.append([[q.name(name_form)], [ctx.idnr(q, idform)], street,
                      [ctx.postal(q, caps_town=name_form == "caps" or None)]])
    b.table(["Namn", ctx.pick(["Personnummer", "Person-/samordningsnr", "Personnr"]), "Adress",
             ctx.pick(["Postadress", "Postnr och ort", "Postort"])], rows1)
    b.blank()
    b.par(fill("Uppgifterna har hämtats från folkbokföringen den {d}.", d=ctx.date(ctx.days(-30, 0))))
    b.blank()

    konto_label = ctx.pick(["Konto", "Utbetalning till", "Bankkonto"])
    rows2: list[list[list[Part]]] = []
    for q in people:
        _, acct = ctx.payment()
        plate: list[Part] = [ctx.plate()] if ctx.chance(0.6) else ["–"]
        rows2.append([[q.name(name_form)], [ctx.phone(q)], [acct], plate])
    b.table(["Namn", "Telefon", konto_label, ctx.pick(["Fordon", "Reg.nr", "Registreringsnummer"])], rows2)
    b.blank()

    owner = people[ctx.rng.randrange(len(people))]
    trade = ctx.pick(["Bygg", "Städ", "Måleri", "Redovisning", "Transport", "Frisör", "Trädgård"])
    firm = owner.gen("last", apostrophe=False) + [f" {trade}"]
    b.par(fill("{name} driver enskild firma, {firm}, med organisationsnummer {orgnr} och bankgiro {bg}.",
               name=owner.name("full"), firm=firm, orgnr=ctx.firm_orgnr(owner), bg=ctx.bankgiro()))
    if ctx.chance(0.7):
        b.par(fill("Arbetsgivare för {name}: {co}, org.nr {orgnr}.", name=people[1].name("first"),
                   co=ctx.org(ctx.company()), orgnr=ctx.orgnr()))
    if ctx.chance(0.5):
        label, iddoc = ctx.id_document()
        b.par(fill("{name} har styrkt sin identitet med {label} {nr}.", name=main.name("full"), label=label,
                   nr=iddoc))
    b.blank()
    b.line([ctx.agency_tag(ag), ", ", ctx.pick(["enheten för utredning", "avdelningen för kontroll",
                                                "handläggningsenhet 3"])], "small")
    values: list[str] = []
    title = "Förteckning"
    if ctx.chance(0.4):
        title = f"Förteckning {main.full_name}"
        values.append(main.full_name)
    return b, Meta(title=title, author=ag.name, values=values)


KINDS = {
    "decision_letter": decision_letter,
    "case_note": case_note,
    "medical_certificate": medical_certificate,
    "email": email,
    "people_table": people_table,
}
