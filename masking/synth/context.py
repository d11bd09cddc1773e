"""Per-document generation context: random source, people, agencies and tagged values."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from masking import entities as E

from . import health as H
from . import values as V
from .layout import Part, Tag
from .people import Person, PersonFactory

# keep types (spans that are not personal data and must survive masking)
DATE = "DATE"
AMOUNT = "AMOUNT"
DNR = "DNR"
SFS = "SFS"
SECTION = "SECTION"
AGENCY = "AGENCY"
AGENCY_ADDRESS = "AGENCY_ADDRESS"
ORGANISATION = "ORGANISATION"
KEEP_TYPES: tuple[str, ...] = (DATE, AMOUNT, DNR, SFS, SECTION, AGENCY, AGENCY_ADDRESS, ORGANISATION)

AGENCIES_FILE = Path(__file__).resolve().parent.parent / "config" / "agencies.yaml"

_MAIL_DOMAINS = {
    "Försäkringskassan": "forsakringskassan.se",
    "Pensionsmyndigheten": "pensionsmyndigheten.se",
    "Skatteverket": "skatteverket.se",
    "Centrala studiestödsnämnden": "csn.se",
    "Arbetsförmedlingen": "arbetsformedlingen.se",
    "Migrationsverket": "migrationsverket.se",
    "Kronofogdemyndigheten": "kronofogden.se",
    "Transportstyrelsen": "transportstyrelsen.se",
    "Socialstyrelsen": "socialstyrelsen.se",
    "Inspektionen för socialförsäkringen": "isf.se",
}
_SHORT_CODES = {"Försäkringskassan": "FK", "Pensionsmyndigheten": "PM", "Migrationsverket": "MIG"}


@dataclass(frozen=True)
class Agency:
    """An agency as configured in ``masking/config/agencies.yaml``."""

    name: str
    short: str | None
    addresses: tuple[str, ...]

    @property
    def mail_domain(self) -> str:
        if self.name in _MAIL_DOMAINS:
            return _MAIL_DOMAINS[self.name]
        return "dom.se" if "rätt" in self.name else V.email_local(self.name.split()[0]) + ".se"

    @property
    def code(self) -> str:
        """Letters used in its case numbers."""
        return _SHORT_CODES.get(self.name, self.short or self.name[:2].upper())


@lru_cache(maxsize=None)
def agencies() -> dict[str, Agency]:
    """The shipped agency list (names and public postal addresses), by name."""
    raw = yaml.safe_load(AGENCIES_FILE.read_text("utf-8"))
    out: dict[str, Agency] = {}
    for item in raw["agencies"]:
        out[item["name"]] = Agency(item["name"], item.get("short"), tuple(item.get("addresses") or ()))
    return out


class Ctx:
    """Everything one document draws on; every choice comes from ``rng``."""

    def __init__(self, rng: random.Random, split: str, today: date) -> None:
        self.rng = rng
        self.today = today
        self.people = PersonFactory(rng, split, today)

    # -- random helpers -------------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options):  # type: ignore[no-untyped-def]
        return self.rng.choice(options)

    def days(self, low: int, high: int) -> date:
        """A date ``low``..``high`` days from the document date (negative = before)."""
        return self.today + timedelta(days=self.rng.randint(low, high))

    # -- people ---------------------------------------------------------------------------------
    def person(self, **kwargs) -> Person:  # type: ignore[no-untyped-def]
        return self.people.make(**kwargs)

    def idnr(self, person: Person, form: str | None = None, samordning: bool | None = None) -> Tag:
        """The person's personnummer or samordningsnummer, tagged with the right type."""
        if person.idnr is None:
            if samordning is None:
                samordning = self.chance(0.03 if person.origin == "nordic" else 0.14)
            person.idnr = V.id_number(self.rng, person.born, person.female, self.today, samordning)
        nr = person.idnr
        text = nr.text(form) if form else nr.random_text(self.rng)
        return Tag(text, E.SE_SAMORDNINGSNUMMER if nr.samordning else E.SE_PERSONNUMMER)

    def firm_orgnr(self, owner: Person) -> Tag:
        """An enskild firma's organisationsnummer: the owner's personnummer (personal data)."""
        self.idnr(owner)
        assert owner.idnr is not None
        return Tag(owner.idnr.text("short_dash"), E.SE_ORGANISATIONSNUMMER)

    def home(self, person: Person) -> None:
        if person.street is None:
            person.street = V.street_address(self.rng)
            person.postcode, person.town = V.postal_code(self.rng)

    def street(self, person: Person, caps: bool = False) -> Tag:
        self.home(person)
        assert person.street is not None
        return Tag(person.street.upper() if caps else person.street, E.SE_ADDRESS)

    def postal(self, person: Person, caps_town: bool | None = None) -> Tag:
        """``123 45 Stockholm`` or ``123 45 STOCKHOLM`` as one span."""
        self.home(person)
        if caps_town is None:
            caps_town = self.chance(0.5)
        town = person.town.upper() if caps_town else person.town  # type: ignore[union-attr]
        return Tag(f"{person.postcode} {town}", E.SE_POSTAL_CODE)

    def phone(self, person: Person | None = None, mobile: bool | None = None) -> Tag:
        if person is None:
            return Tag(V.phone_number(self.rng, mobile), E.PHONE_NUMBER)
        if person.phone is None:
            person.phone = V.phone_number(self.rng, mobile)
        return Tag(person.phone, E.PHONE_NUMBER)

    def staff_phone(self, person: Person) -> Tag:
        if person.phone is None:
            person.phone = V.staff_phone(self.rng)
        return Tag(person.phone, E.PHONE_NUMBER)

    def email(self, person: Person, domain: str | None = None) -> Tag:
        if person.email is None:
            first = person.called
            person.email = V.email_address(self.rng, first, person.surname, domain)
        return Tag(person.email, E.EMAIL_ADDRESS)

    def bank(self) -> Tag:
        return Tag(V.bank_account(self.rng).text, E.SE_BANK_ACCOUNT)

    def iban(self) -> Tag:
        return Tag(V.iban_se(self.rng), E.IBAN_CODE)

    def bankgiro(self) -> Tag:
        return Tag(V.bankgiro(self.rng), E.SE_BANKGIRO)

    def plusgiro(self) -> Tag:
        return Tag(V.plusgiro(self.rng), E.SE_PLUSGIRO)

    def payment(self) -> tuple[str, Tag]:
        """A person's payment account with its label."""
        r = self.rng.random()
        if r < 0.55:
            return self.pick(["bankkonto", "kontonummer", "konto"]), self.bank()
        if r < 0.75:
            return "IBAN", self.iban()
        if r < 0.88:
            return "bankgiro", self.bankgiro()
        return "plusgiro", self.plusgiro()

    def plate(self) -> Tag:
        return Tag(V.vehicle_plate(self.rng), E.SE_VEHICLE_PLATE)

    def id_document(self) -> tuple[str, Tag]:
        """(context phrase, document number): the number only counts after a context word."""
        label = self.pick(
            ["pass nr", "passnummer", "passnr", "ID-kort nr", "nationellt id-kort nummer",
             "ID-kortsnummer", "pass med nummer"]
        )
        return label, Tag(V.id_document_number(self.rng), E.SE_ID_DOCUMENT)

    def icd(self, capital: bool = False) -> tuple[Tag, list[Part]]:
        """An ICD-10 code and its Swedish title, the title tagged as HEALTH."""
        code, text = self.pick(V.ICD10)
        return Tag(V.icd10_form(self.rng, code), E.ICD10_CODE), H.diagnosis_parts(text, capital)

    def health_sentence(self, person: Person) -> list[Part]:
        """One sentence about the person's health: medication, care unit, symptoms, treatment."""
        poss = {"hon": "hennes", "han": "hans"}.get(person.pronoun, "hens")
        return H.sentence(self.rng, person.pronoun, poss)

    # -- keep values ------------------------------------------------------------------------------
    def date(self, d: date | None = None, form: str | None = None) -> Tag:
        return Tag(V.date_text(self.rng, d or self.today, form), DATE, keep=True)

    def amount(self, low: int, high: int) -> Tag:
        return Tag(V.amount_text(self.rng, low, high), AMOUNT, keep=True)

    def dnr(self, agency: Agency) -> Tag:
        return Tag(V.dnr_text(self.rng, agency.code, self.today.year), DNR, keep=True)

    @staticmethod
    def sfs(number: str, prefix: bool = False) -> Tag:
        return Tag(f"SFS {number}" if prefix else number, SFS, keep=True)

    @staticmethod
    def section(text: str) -> Tag:
        return Tag(text, SECTION, keep=True)

    @staticmethod
    def agency_tag(agency: Agency, caps: bool = False, short: bool = False) -> Tag:
        name = agency.short if short and agency.short else agency.name
        return Tag(name.upper() if caps else name, AGENCY, keep=True)

    def agency_address(self, agency: Agency) -> str:
        return self.pick(agency.addresses)

    @staticmethod
    def agency_address_lines(address: str) -> list[Tag]:
        """An agency address cut at its commas, one keep tag per line."""
        return [Tag(part.strip(), AGENCY_ADDRESS, keep=True) for part in address.split(",")]

    @staticmethod
    def org(name: str) -> Tag:
        return Tag(name, ORGANISATION, keep=True)

    def orgnr(self) -> Tag:
        return Tag(V.company_orgnr(self.rng), ORGANISATION, keep=True)

    def company(self) -> str:
        first = self.pick(
            ["Nordbygg", "Svea Städservice", "Mälardalens Transport", "Lagerlogistik Väst",
             "Norrlands Trä", "Kustens Vård och Omsorg", "Bergslagens Mekaniska", "Östgöta Elteknik",
             "Skånska Måleri", "Fjällnära Turism", "Citybud Stockholm", "Västkustens Fisk",
             "Hälsans Hus", "Gröna Gårdar", "Tekniska Konsulter Syd", "Handelshuset Nord",
             "Omsorgsgruppen", "Lärcentrum Mitt", "Byggservice Öst", "Restaurang Solsidan"]
        )
        return f"{first} {self.pick(['AB', 'AB', 'AB', 'HB', 'ek. för.', 'AB'])}"

    def care_unit_tag(self, name: str | None = None) -> Tag:
        """A care unit: HEALTH when its name reveals a condition (psychiatry, addiction, pain,
        orthopaedics), otherwise an organisation that must survive."""
        name = name or self.care_unit()
        return Tag(name, E.HEALTH) if name in H.REVEALING_UNITS else self.org(name)

    def care_unit(self) -> str:
        return self.pick(
            ["Vårdcentralen Centrum", "Vårdcentralen Norra", "Hälsocentralen Älven",
             "Vårdcentralen Söder", "Psykiatriska mottagningen", "Ortopedkliniken",
             "Smärtmottagningen", "Rehabiliteringsmottagningen", "Företagshälsovården",
             "Vårdcentralen Väster", "Capio Vårdcentral City", "Husläkarmottagningen Parken",
             "Akademiska sjukhuset", "Universitetssjukhuset", "Länssjukhuset",
             "Närhälsan Vårdcentral", "Vuxenpsykiatrin", "Beroendemottagningen"]
        )


def agency(name: str) -> Agency:
    return agencies()[name]


def parts_join(items: list[list[Part]], sep: str = ", ", last: str = " och ") -> list[Part]:
    """Join part lists as a Swedish enumeration: ``a, b och c``."""
    out: list[Part] = []
    for i, item in enumerate(items):
        if i:
            out.append(last if i == len(items) - 1 else sep)
        out.extend(item)
    return out
