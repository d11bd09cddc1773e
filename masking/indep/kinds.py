"""The document kinds. Each writes blocks with a :class:`~masking.indep.doc.Writer`.

Kinds: citizen appeal (informal), social services' investigation (SoL/LVU), police report with an
interview, school document (åtgärdsprogram / elevhälsa), e-mail thread with quoted replies and
signatures, application form (labelled fields, two columns), decision letter, case notes,
medical certificate, list of persons (table), minutes, housing/financial application.
"""

from __future__ import annotations

import random
from datetime import date

from . import health as hx
from . import lookalikes as lk
from . import places as pl
from . import values as vx
from .doc import Writer
from .frag import Frag, K, P, V, join
from .people import TITLES, Person, any_name, name, new_person


class Ctx:
    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.w = Writer(rng)
        self.meta_values: list[str] = []
        self.title = ""
        self.author = ""

    def person(self, origin: str | None = None) -> Person:
        return new_person(self.rng, origin)

    def pick(self, *xs):
        return self.rng.choice(xs)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def official(self) -> tuple[Person, str]:
        return self.person(), self.rng.choice(TITLES)

    def signature(self, p: Person, title: str, email_too: bool = True) -> None:
        w, r = self.w, self.rng
        w.para(name(p, "full"), ctx="signature")
        w.para(P(title[0].upper() + title[1:] + ", ") + lk.agency(r), ctx="signature")
        line = P("Tel. ") + vx.phone(r)
        if email_too:
            line = line + " | " + vx.email(r, p.given, p.surname)
        w.para(line, ctx="signature")

    def id_number(self) -> Frag:
        r = self.rng
        x = r.random()
        if x < 0.72:
            return vx.personnummer(r)
        if x < 0.84:
            return vx.personnummer(r, samordning=True)
        return r.choice([vx.norwegian_fnr, vx.danish_cpr, vx.finnish_hetu])(r)


def _typos(text: str, rng: random.Random) -> str:
    """Informal writing: lower case, a few swapped letters, å/ä/ö sometimes written without dots."""
    out = []
    words = text.split(" ")
    for wd in words:
        if len(wd) > 4 and rng.random() < 0.07:
            i = rng.randrange(1, len(wd) - 2)
            wd = wd[:i] + wd[i + 1] + wd[i] + wd[i + 2 :]
        if rng.random() < 0.05:
            wd = wd.replace("ä", "a").replace("ö", "o").replace("å", "a")
        out.append(wd)
    return " ".join(out).lower() if rng.random() < 0.6 else " ".join(out)


# -- 1. appeal written by a citizen ------------------------------------------------------------------
def appeal(c: Ctx) -> None:
    r, w = c.rng, c.w
    me = c.person()
    child = c.person(me.origin)
    doctor = c.person()
    c.title = "överklagan"
    w.para(P("Till ") + lk.agency(r))
    w.para(P("Datum: ") + lk.a_date(r, c.today))
    body = (P("hej jag heter ") + any_name(r, me, informal=True) + " och mitt personnummer är " + vx.personnummer(r)
            + " jag vill överklaga beslutet från " + lk.a_date(r, c.today, "words")
            + " om " + hx.process_word(r) + " för att jag har " + hx.lay(r) + " sen flera år och kan inte jobba "
            + "min läkare " + any_name(r, doctor, informal=True) + " på " + hx.care_unit(r)
            + " har skrivit att jag behöver " + hx.treatment(r) + " och jag tar " + hx.medication(r)
            + " varje dag men ni har inte läst det ordentligt")
    w.para(body.map_plain(lambda t: _typos(t, r)), ctx="prose-informal")
    body2 = (P("dessutom har min " + ("dotter " if child.female else "son ")) + name(child, "given", "lower") + " fått diagnosen " + hx.diagnosis(r, 0.2)
             + " och jag måste vara hemma med " + ("henne" if child.female else "honom") + ", ni kan ringa mig på " + vx.phone(r, allow_split=True)
             + " eller maila " + vx.email(r, me.given, me.surname)
             + " pengarna ska in på mitt konto " + vx.bank_account(r) + " tack på förhand")
    w.para(body2.map_plain(lambda t: _typos(t, r)), ctx="prose-informal")
    if c.chance(0.5):
        w.para(P("om det är nåt mer ni undrar kan ni swisha/ringa ") + vx.swish(r) + " eller skriva till "
               + pl.address(r)[0], ctx="prose-informal")
    w.para("mvh")
    w.para(name(me, "full", c.pick("lower", "title", "title")), ctx="signature")
    addr, _ = pl.address(r, c.pick("same-line-no-comma", "next-line", "lower-mixed", "comma"))
    w.para(addr, ctx="signature")


# -- 2. social services' investigation -------------------------------------------------------------------
def investigation(c: Ctx) -> None:
    r, w = c.rng, c.w
    child, mum, dad = c.person(), c.person(), c.person()
    if c.chance(0.6):
        mum = c.person(child.origin)
        dad = c.person(child.origin)
    off, title = c.official()
    c.title = "Utredning " + c.pick("enligt 11 kap. 1 § SoL", "enligt LVU")
    w.heading(c.title)
    w.field("Dnr", lk.dnr(r, c.today))
    w.field("Barnet", name(child, "full") + ", " + vx.personnummer(r, born=vx.birth_date(r, 2006, 2019)))
    w.field("Vårdnadshavare", name(mum, "full") + ", " + c.id_number())
    w.field("Vårdnadshavare", name(dad, "inverted", c.pick("upper", "title")) + " " + c.id_number())
    a, layout = pl.address(r)
    w.field("Folkbokföringsadress", a)
    w.field("Telefon", vx.phone(r) + " (mamma), " + vx.phone(r) + " (pappa)")
    w.heading(lk.heading(r), size=11)
    w.para(P("Socialtjänsten fick den ") + lk.a_date(r, c.today, "words") + " en orosanmälan från skolan gällande "
           + name(child, "given") + ". Enligt anmälan har " + name(child, "given") + " varit frånvarande och uppgett att "
           + name(mum, "given") + " inte orkar gå upp på morgnarna. " + name(mum, "genitive") + " "
           + hx.diagnosis(r) + " har förvärrats under hösten och hon har kontakt med " + hx.care_unit(r) + ".")
    w.para(P("Fadern ") + name(dad, "full") + " uppger att han själv behandlas för " + hx.diagnosis(r)
           + " och tar " + hx.medication(r) + ". Han bor sedan separationen på " + pl.address(r, "comma")[0]
           + ". Utredningen har inhämtat uppgifter från " + hx.care_unit(r) + " och från "
           + lk.agency(r) + " med stöd av " + lk.sfs(r) + ".")
    w.table([["Kontakt", "Namn", "Telefon"],
             ["Mentor", name(c.person(), "full"), vx.phone(r)],
             ["Kurator", name(c.person(), "full"), vx.phone(r)],
             ["Morfar", name(c.person(mum.origin), "full"), vx.phone(r)]])
    w.heading("Bedömning", size=11)
    w.para(P("Socialtjänsten bedömer att ") + name(child, "given") + " är i behov av stöd. "
           + "Ekonomiskt bistånd om " + lk.amount(r) + " har beviljats. Ärendet följs upp " + lk.a_date(r, c.today) + ".")
    c.signature(off, title)


# -- 3. police report and interview --------------------------------------------------------------------------
def police(c: Ctx) -> None:
    r, w = c.rng, c.w
    victim, suspect, witness = c.person(), c.person(), c.person()
    officer = c.person()
    c.title = "Anmälan"
    w.heading("Polisanmälan – " + c.pick("misshandel", "stöld", "olaga hot", "skadegörelse", "bedrägeri"))
    w.field("Ärendenummer", lk.dnr(r, c.today))
    w.field("Anmälningsdatum", lk.a_date(r, c.today) + " " + lk.clock(r))
    w.table([["Roll", "Namn", "Personnummer", "Adress", "Postnr", "Ort"],
             _person_row(c, "Målsägande", victim), _person_row(c, "Misstänkt", suspect)])
    w.field("Fordon", vx.plate(r) + ", " + c.pick("Volvo V70", "VW Golf", "Toyota Corolla", "Saab 9-5"))
    w.field("Vittne", name(witness, "full") + ", tel " + vx.phone(r))
    w.heading("Händelseförlopp", size=11)
    w.para(P("Målsäganden uppger att ") + name(suspect, "full") + " " + c.pick("kom fram", "ringde", "sms:ade")
           + " från nummer " + vx.phone(r) + " och hotade. Den misstänkte körde därefter iväg i bil med reg.nr "
           + vx.plate(r) + ". " + name(victim, "surname") + " söktes senare vid akuten och har enligt egen uppgift "
           + hx.lay(r) + ". Se " + lk.sfs(r) + ".")
    if c.chance(0.5):
        w.para(P("Den misstänkte har uppvisat pass nr ") + vx.passport(r) + " och uppger sig bo på "
               + pl.foreign_address(r) + ".")
    w.page_break()
    w.heading("Förhör med " + c.pick("målsägande", "vittne"))
    w.field("Förhörsperson", name(witness, "inverted", "upper"))
    w.field("Personnummer", c.id_number())
    w.field("Förhörsledare", P(c.pick("Insp. ", "Polisassistent ")) + name(officer, "full"))
    w.field("Tid", lk.a_date(r, c.today) + " " + lk.clock(r))
    w.para(P("F: Kan du berätta vad som hände?"))
    w.para(P("S: Jag stod utanför porten på ") + V(pl.street(r), "SE_ADDRESS", "addr:street:alone-in-speech") + " när " + name(suspect, "given")
           + " kom. Han sa att han visste var " + name(victim, "given") + " bor. Jag känner honom sen tidigare, han har "
           + hx.lay(r) + " och har varit inlagd på " + hx.care_unit(r) + ".", ctx="interview")
    w.para(P("F: Har du något telefonnummer till honom?"))
    w.para(P("S: Ja, ") + vx.phone(r, allow_split=True) + ", och han swishade mig en gång från " + vx.swish(r) + ".",
           ctx="interview")
    w.para(P("Förhöret avslutat ") + lk.clock(r) + ". Uppläst och godkänt.")


def _person_row(c: Ctx, role: str, p: Person) -> list:
    r = c.rng
    prefix, town = r.choice(pl.TOWNS)
    pc = f"{prefix} {r.randrange(10, 99)}"
    case = c.pick("title", "upper", "title")
    st = pl.street(r)
    if case == "upper":
        st, town = st.upper(), town.upper()
    return [role, name(p, "full", case), c.id_number(), V(st, "SE_ADDRESS", f"addr:street:table-cell:{case}"),
            V(pc, "SE_POSTAL_CODE", "addr:pc:table-cell"), V(town, "SE_POSTAL_CODE", f"addr:town:table-cell:{case}")]


# -- 4. school -----------------------------------------------------------------------------------------------
def school(c: Ctx) -> None:
    r, w = c.rng, c.w
    pupil = c.person()
    parent = c.person(pupil.origin)
    teacher, sp = c.person(), c.person()
    c.title = c.pick("Åtgärdsprogram", "Anteckning från elevhälsomöte")
    w.heading(c.title)
    w.cols([P("Elev: ") + name(pupil, "full"), P("Personnummer: ") + vx.personnummer(r, born=vx.birth_date(r, 2007, 2017),
                                                                                        samordning=c.chance(0.2)),
            P("Klass: ") + c.pick("4B", "7A", "9C", "2 Natur")],
           [P("Vårdnadshavare: ") + name(parent, "full"), P("Tel: ") + vx.phone(r),
            P("E-post: ") + vx.email(r, parent.given, parent.surname)])
    w.heading("Elevens behov", size=11)
    w.para(name(pupil, "given") + " har " + hx.diagnosis(r, 0.1) + " enligt utredning från " + hx.care_unit(r)
           + " och medicineras med " + hx.medication(r) + ". " + K("Elevhälsoteamet", "PROCESS_WORD")
           + " har också noterat " + hx.lay(r) + ". Skolan har kontakt med " + name(parent, "genitive")
           + " läkare inför " + lk.a_date(r, c.today, "words") + ".")
    w.table([["Åtgärd", "Ansvarig", "Uppföljning"],
             ["Anpassad studiegång", P(c.pick("Rektor ", "")) + name(teacher, "full"), lk.a_date(r, c.today)],
             ["Särskilt stöd i matematik", name(sp, "initial"), lk.a_date(r, c.today)],
             ["Samtal med kurator", name(c.person(), "full"), lk.a_date(r, c.today)]])
    w.para(P("Beslut enligt ") + lk.sfs(r) + ". " + name(teacher, "full") + ", " + c.pick("mentor", "rektor") + ".")


# -- 5. e-mail thread --------------------------------------------------------------------------------------------
def email_thread(c: Ctx) -> None:
    r, w = c.rng, c.w
    citizen = c.person()
    off, title = c.official()
    ce = vx.email(r, citizen.given, citizen.surname)
    oe = vx.email(r, off.given, off.surname)
    c.title = "SV: Komplettering"
    w.para(P("Från: ") + name(off, "full") + " <" + oe + ">", size=9)
    w.para(P("Till: ") + ce, size=9)
    w.para(P("Skickat: ") + lk.a_date(r, c.today, "words") + " " + lk.clock(r), size=9)
    w.para("Ämne: SV: Komplettering av ansökan", size=9)
    w.rule()
    w.para(P("Hej ") + name(citizen, "given", c.pick("title", "lower")) + "!")
    w.para(P("Tack för kompletteringen. Jag har noterat ditt nya kontonummer och att du nu bor på ")
           + pl.address(r, c.pick("comma", "same-line-no-comma"))[0] + ". Intyget om " + hx.diagnosis(r)
           + " har kommit in.")
    c.signature(off, title)
    w.para(P(f"Den {lk.a_date(r, c.today, 'words').text} skrev ") + name(citizen, "full", c.pick("title", "lower"))
           + " <" + ce + ">:")
    w.quote(P("hej igen, här kommer det som saknades. mitt personnummer är ") + vx.personnummer(r)
            + " och kontot är " + vx.bank_account(r) + ". jag har " + hx.lay(r) + " och går på "
            + hx.care_unit(r) + " varannan vecka. ring mig på " + vx.phone(r)
            + " om det är något. adressen är " + pl.address(r, c.pick("comma", "same-line-no-comma", "lower-mixed"))[0])
    w.quote(P("/") + name(citizen, "given", "lower"))
    w.quote(P("> Från: ") + name(off, "full") + "\n> Du behöver komplettera med " + hx.process_word(r)
            + " och kontouppgifter senast " + lk.a_date(r, c.today) + ".")


# -- 6. application form ------------------------------------------------------------------------------------------
def form(c: Ctx) -> None:
    r, w = c.rng, c.w
    app, co = c.person(), c.person()
    c.title = c.pick("Ansökan om ekonomiskt bistånd", "Ansökan om skuldsanering", "Ansökan om bidrag")
    w.heading(c.title.upper())
    w.field("Sökande (efternamn, förnamn)", name(app, "inverted", c.pick("upper", "title")))
    w.field("Personnummer", c.id_number())
    w.field("Medsökande", name(co, "full", c.pick("upper", "title")) + "  " + c.id_number())
    a, layout = pl.address(r)
    w.field("Adress", a)
    w.field("Telefon dagtid", vx.phone(r))
    w.field("E-post", vx.email(r, app.given, app.surname))
    w.field("Bankkonto", vx.bank_account(r))
    if c.chance(0.5):
        w.field("Utländskt konto (IBAN)", vx.iban(r))
    if c.chance(0.5):
        w.field("Kortnummer (spärrat)", vx.payment_card(r))
    w.field("Bankgiro / Plusgiro", vx.bankgiro(r) + " / " + vx.plusgiro(r))
    w.cols([P("Inkomster: ") + lk.amount(r), P("Hyra: ") + lk.amount(r), P("Hyresvärd org.nr ") + lk.orgnr(r)],
           [P("Hälsa: ") + hx.diagnosis(r, 0.5), P("Läkemedel: ") + hx.medication(r),
            P("Handläggs enligt ") + lk.sfs(r)])
    w.field("Underskrift", name(app, "full") + ", " + lk.a_date(r, c.today))


# -- 7. decision letter -----------------------------------------------------------------------------------------------
def decision(c: Ctx) -> None:
    r, w = c.rng, c.w
    p = c.person()
    off, title = c.official()
    c.title = "Beslut"
    w.para(lk.agency(r), bold=True)
    w.para(P("Dnr ") + lk.dnr(r, c.today) + "    " + lk.a_date(r, c.today))
    w.para(name(p, "full", c.pick("title", "upper")), ctx="address-block")
    which = r.random()
    if which < 0.6:
        w.para(pl.address(r)[0], ctx="address-block")
    elif which < 0.75:
        w.para(pl.co_address(r, name(c.person(), "full")), ctx="address-block")
    elif which < 0.85:
        w.para(pl.box_address(r), ctx="address-block")
    else:
        w.para(pl.foreign_address(r), ctx="address-block")
    w.heading("Beslut om " + hx.process_word(r).text)
    w.para(lk.agency(r) + " har beslutat att bevilja dig " + hx.process_word(r) + " med " + lk.amount(r)
           + " per månad från och med " + lk.a_date(r, c.today, "words") + ". Beslutet gäller " + name(p, "full")
           + " (" + vx.personnummer(r) + ").")
    w.heading("Skäl för beslutet", size=11)
    w.para(P("Av läkarintyget framgår att du har ") + hx.diagnosis(r, 0.6) + " och att du behandlas med "
           + hx.medication(r) + ". Din arbetsförmåga är nedsatt med hälften. Vi har stöd av " + lk.sfs(r) + ".")
    w.para(P("Pengarna betalas ut till konto ") + vx.bank_account(r) + ".")
    if c.chance(0.4):
        w.para(P("Bor du utomlands betalar vi till ") + vx.iban(r) + " (BIC " + c.pick("NDEASESS", "DABADKKK", "DNBANOKK") + ").")
    if c.chance(0.3):
        w.para(P("Ersättningen till din enskilda firma, ") + lk.amount(r) + ", betalas till firmans bankgiro "
               + vx.bankgiro(r) + " (tidigare plusgiro " + vx.plusgiro(r) + ").")
    w.para(P("Om du vill överklaga ska du skriva till ") + lk.agency(r) + " inom tre veckor.")
    c.signature(off, title, email_too=c.chance(0.5))


# -- 8. case notes ------------------------------------------------------------------------------------------------------
def case_notes(c: Ctx) -> None:
    r, w = c.rng, c.w
    client = c.person()
    c.title = "Journalanteckningar"
    w.heading("Journal – " + c.pick("försörjningsstöd", "mottagande av ensamkommande", "vuxenenheten"))
    w.field("Klient", name(client, "full") + ", " + c.id_number())
    for _ in range(r.randrange(3, 5)):
        off = c.person()
        d = lk.a_date(r, c.today) + " " + lk.clock(r)
        kind = r.randrange(5)
        if kind == 0:
            txt = (P("Tel från ") + name(client, "given") + " som meddelar nytt nummer " + vx.phone(r, allow_split=True)
                   + ". Har fått " + hx.lay(r) + " och är sjukskriven.")
        elif kind == 1:
            txt = (P("Besök. ") + name(client, "surname") + " visar LMA-kort " + vx.lma(r) + " och pass "
                   + vx.passport(r) + ". Bor tillfälligt hos " + name(c.person(client.origin), "full") + ", "
                   + pl.address(r, c.pick("comma", "same-line-no-comma"))[0] + ".")
        elif kind == 2:
            txt = (P("Kontakt med ") + hx.care_unit(r) + " angående " + hx.diagnosis(r) + ". Läkemedel: "
                   + hx.medication(r) + ". Nästa " + K("avstämningsmöte", "PROCESS_WORD") + " " + lk.a_date(r, c.today) + ".")
        elif kind == 3:
            txt = (P("Utbetalning ") + lk.amount(r) + " till konto " + vx.bank_account(r) + ". Kortet "
                   + vx.payment_card(r) + " är spärrat. Hyresvärd "
                   + lk.orgnr(r) + ". Fastighet " + pl.property_designation(r) + ".")
        else:
            txt = (P("Mejl från ") + vx.email(r, client.given, client.surname) + ": bilen " + vx.plate(r)
                   + " är såld. Ny adress " + pl.address(r, c.pick("next-line", "upper", "comma"))[0])
        w.para(d + " " + name(off, "initial") + ": " + txt)


# -- 9. medical certificate -----------------------------------------------------------------------------------------------
def certificate(c: Ctx) -> None:
    r, w = c.rng, c.w
    patient, doctor = c.person(), c.person()
    c.title = "Läkarintyg"
    w.heading("LÄKARINTYG för " + c.pick("sjukpenning", "aktivitetsersättning", "färdtjänst"))
    w.field("Patientens namn", name(patient, "full", c.pick("title", "upper")))
    w.field("Personnummer", c.id_number())
    w.field("Adress", pl.address(r)[0])
    w.field("Diagnos", hx.diagnosis_first_code(r))
    w.field("Bidiagnos", hx.diagnosis(r, 0.8))
    w.field("Funktionsnedsättning", P("Patienten har ") + hx.lay(r) + " och " + hx.diagnosis(r, 0.0)
            + ", svårt att koncentrera sig mer än korta stunder.")
    w.field("Pågående behandling", hx.treatment(r) + " via " + hx.care_unit(r) + "; " + hx.medication(r) + ", "
            + hx.medication(r))
    w.field("Arbetsförmåga", P("Nedsatt med 75 % ") + lk.a_date(r, c.today) + " – " + lk.a_date(r, c.today))
    w.field("Intygande läkare", P("Leg. läkare ") + name(doctor, "full") + ", " + hx.care_unit(r))
    w.field("Telefon", vx.phone(r))
    w.para(P("Intyget är skrivet på begäran av ") + lk.agency(r) + ". Se " + lk.sfs(r) + ".", size=8.5)


# -- 10. list of persons --------------------------------------------------------------------------------------------------
def person_list(c: Ctx) -> None:
    r, w = c.rng, c.w
    c.title = c.pick("Förteckning över deltagare", "Kölista", "Deltagarlista")
    w.heading(c.title)
    w.para(P("Upprättad ") + lk.a_date(r, c.today) + ", dnr " + lk.dnr(r, c.today))
    rows: list[list] = [["Namn", "Personnummer", "Adress", "Telefon"]]
    for _ in range(r.randrange(5, 9)):
        p = c.person()
        a, _ = pl.address(r, c.pick("comma", "next-line", "upper", "same-line-no-comma"))
        rows.append([name(p, c.pick("full", "inverted"), c.pick("title", "upper", "title")), c.id_number(), a,
                     vx.phone(r)])
    w.table(rows)
    w.para(P("Listan lämnas ut med stöd av ") + lk.sfs(r) + ". Antal platser: 12.")


# -- 11. minutes -----------------------------------------------------------------------------------------------------------
def minutes(c: Ctx) -> None:
    r, w = c.rng, c.w
    c.title = "Protokoll"
    members = [c.person() for _ in range(4)]
    w.heading(P("Protokoll – ") + lk.agency(r) + " individutskott")
    w.para(P("Datum: ") + lk.a_date(r, c.today) + ", " + lk.clock(r) + " – " + lk.clock(r))
    w.para(P("Närvarande: ") + join([name(m, "full") + " (" + c.pick("S", "M", "C", "V", "KD", "L", "MP", "SD") + ")" for m in members], ", "))
    w.para(P("Sekreterare: ") + name(c.person(), "full") + ", " + c.pick("nämndsekreterare", "utredare"))
    for i in range(r.randrange(2, 4)):
        p = c.person()
        w.heading(P(f"§ {r.randrange(10, 200)} ") + lk.dnr(r, c.today), size=10.5)
        w.para(P("Ärende gällande ") + name(p, "full") + ", " + c.id_number() + ". "
               + c.pick("Ansökan om stöd enligt LSS. ", "Fråga om vård enligt LVM. ", "Ansökan om färdtjänst. ")
               + "Av utredningen framgår att sökande har " + hx.diagnosis(r, 0.3) + " och tidigare vårdats inom "
               + hx.care_unit(r) + ". Utskottet beslutar att bevilja insatsen. Yrkande från "
               + name(r.choice(members), "surname") + " om avslag avslogs.")
    w.para(P("Justeras: ") + name(members[0], "full") + " och " + name(members[1], "initial"))


# -- 12. housing / financial application (two columns) ----------------------------------------------------------------------
def housing(c: Ctx) -> None:
    r, w = c.rng, c.w
    app, rel = c.person(), c.person()
    c.title = c.pick("Ansökan om bostadsanpassningsbidrag", "Ansökan om god man", "Ansökan om boendestöd")
    w.heading(c.title)
    a, _ = pl.address(r, c.pick("next-line", "same-line-no-comma", "upper"))
    w.cols([P("SÖKANDE"), name(app, "full"), c.id_number(), a, P("Mobil: ") + vx.phone(r)],
           [P("KONTAKTPERSON"), name(rel, "full") + " (" + c.pick("dotter", "son", "granne", "god man") + ")",
            pl.foreign_address(r) if c.chance(0.4) else pl.co_address(r, name(c.person(), "full")),
            P("Tel: ") + vx.phone(r), vx.email(r, rel.given, rel.surname)])
    w.field("Fastighetsbeteckning", pl.property_designation(r))
    w.field("Ägare", name(c.person(), "full") + ", " + pl.box_address(r))
    w.para(P("Sökanden har ") + hx.diagnosis(r, 0.4) + " och använder rullator sedan " + lk.a_date(r, c.today, "words")
           + ". Behovet styrks av arbetsterapeut vid " + hx.care_unit(r) + ". Fastigheten "
           + pl.property_designation(r, False) + " ägs av ett bolag med org.nr " + lk.orgnr(r) + ".")
    payee = P("konto ") + vx.bank_account(r) if c.chance(0.6) else P("IBAN ") + vx.iban(r)
    w.para(P("Bidraget betalas till ") + payee
           + " eller via Swish " + vx.swish(r) + ". Kostnad enligt offert " + lk.amount(r) + ".")
    w.para(P("Fordon för färdtjänst: ") + vx.plate(r) + ". Ärendet handläggs enligt " + lk.sfs(r) + ".")


KINDS = {
    "appeal": appeal,
    "investigation": investigation,
    "police": police,
    "school": school,
    "email_thread": email_thread,
    "form": form,
    "decision": decision,
    "case_notes": case_notes,
    "certificate": certificate,
    "person_list": person_list,
    "minutes": minutes,
    "housing": housing,
}
