"""Canonical entity types: one table read by recognizers, analyzer, policy, UI, reports and
evaluation.

Every recognizer reports one of these types (a test checks every recognizer registered in
``masking/config/analyzer.yaml``); the policy maps each to an action and a legal ground. Keep the
names stable: they appear in reports, audit records and the CLI contract.

To add a type: a constant below and one :class:`EntityType` row in :data:`ENTITY_TABLE` (name,
Swedish label, colour, ground class, analyzer priority). Nothing else keeps a list of types.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON = "PERSON"
SE_PERSONNUMMER = "SE_PERSONNUMMER"
SE_SAMORDNINGSNUMMER = "SE_SAMORDNINGSNUMMER"
SE_ORGANISATIONSNUMMER = "SE_ORGANISATIONSNUMMER"
SE_BANKGIRO = "SE_BANKGIRO"
SE_PLUSGIRO = "SE_PLUSGIRO"
SE_BANK_ACCOUNT = "SE_BANK_ACCOUNT"
IBAN_CODE = "IBAN_CODE"
PHONE_NUMBER = "PHONE_NUMBER"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
SE_ADDRESS = "SE_ADDRESS"
SE_POSTAL_CODE = "SE_POSTAL_CODE"
SE_VEHICLE_PLATE = "SE_VEHICLE_PLATE"
SE_ID_DOCUMENT = "SE_ID_DOCUMENT"
ICD10_CODE = "ICD10_CODE"
# A Norwegian fødselsnummer, Danish CPR-nummer or Finnish henkilötunnus: a national identity
# number, but not a Swedish one (grouped with the personnummer in evaluation).
NORDIC_ID = "NORDIC_ID"
# A payment card number (13-19 digits, Luhn).
PAYMENT_CARD = "PAYMENT_CARD"
# Health information in words: diagnoses, conditions, symptoms, medications, treatments and care
# units that reveal a condition (OSL 28:1 in social insurance, OSL 21:1 / 25:1 elsewhere; GDPR art. 9).
HEALTH = "HEALTH"
# A long number that no recognizer explains and that is not positively non-personal (date, amount,
# dnr, SFS reference ...): the fail-closed net for identifiers written in forms we do not know.
UNKNOWN_ID = "UNKNOWN_ID"
# A workplace named as someone's employer. Not personal data by itself; masked when a person has
# protected identity (skyddade personuppgifter), where it can reveal where they are found.
WORKPLACE = "WORKPLACE"

# A box drawn or a text marked by an official (review): not found by any recognizer, but listed,
# coloured and named like the others.
MANUAL = "MANUAL"

# Ground classes: which kind of legal ground covers a type by default (the policy files name the
# provision per class: in `general`, OSL 21:7 for personal data and OSL 21:1 for health).
PERSONAL = "personal"  # personal data in general
HEALTH_DATA = "health"  # health or sexual life (a special category, GDPR art. 9)
PUBLIC = "public"  # not personal data by itself (a company number, an employer): ignored by default
GROUND_CLASSES = (PERSONAL, HEALTH_DATA, PUBLIC)


@dataclass(frozen=True)
class EntityType:
    name: str
    label_sv: str  # in the maskeringsförteckning, decision drafts and the review page
    colour: str  # boxes and legend on the review page
    ground_class: str  # one of GROUND_CLASSES
    # the analyzer's merge: when overlapping findings tie on score, the higher priority names the
    # span (an identifier with a checksum beats a name or a guessed number)
    priority: int


ENTITY_TABLE: tuple[EntityType, ...] = (
    EntityType(PERSON, "namn", "#d62728", PERSONAL, 2),
    EntityType(SE_PERSONNUMMER, "personnummer", "#1f77b4", PERSONAL, 10),
    EntityType(SE_SAMORDNINGSNUMMER, "samordningsnummer", "#17becf", PERSONAL, 10),
    EntityType(SE_ORGANISATIONSNUMMER, "organisationsnummer", "#7f7f7f", PUBLIC, 7),
    EntityType(SE_BANKGIRO, "bankgironummer", "#8c564b", PERSONAL, 6),
    EntityType(SE_PLUSGIRO, "plusgironummer", "#a0522d", PERSONAL, 6),
    EntityType(SE_BANK_ACCOUNT, "bankkontonummer", "#9467bd", PERSONAL, 8),
    EntityType(IBAN_CODE, "kontonummer (IBAN)", "#6a3d9a", PERSONAL, 9),
    EntityType(PHONE_NUMBER, "telefonnummer", "#2ca02c", PERSONAL, 5),
    EntityType(EMAIL_ADDRESS, "e-postadress", "#bcbd22", PERSONAL, 8),
    EntityType(SE_ADDRESS, "adress", "#ff7f0e", PERSONAL, 5),
    EntityType(SE_POSTAL_CODE, "postnummer och ort", "#e6550d", PERSONAL, 4),
    EntityType(SE_VEHICLE_PLATE, "registreringsnummer", "#393b79", PERSONAL, 3),
    EntityType(SE_ID_DOCUMENT, "pass- eller id-kortsnummer", "#637939", PERSONAL, 4),
    EntityType(NORDIC_ID, "nordiskt identitetsnummer", "#4a90c2", PERSONAL, 9),
    EntityType(PAYMENT_CARD, "kortnummer", "#b15928", PERSONAL, 8),
    EntityType(ICD10_CODE, "uppgift om hälsa (diagnoskod)", "#e377c2", HEALTH_DATA, 3),
    EntityType(HEALTH, "uppgift om hälsa", "#f7b6d2", HEALTH_DATA, 3),
    EntityType(UNKNOWN_ID, "oförklarat nummer", "#525252", PERSONAL, 1),
    EntityType(WORKPLACE, "arbetsplats", "#843c39", PUBLIC, 1),
)
MANUAL_TYPE = EntityType(MANUAL, "uppgift maskerad av handläggaren", "#000000", PERSONAL, 0)

TYPES: dict[str, EntityType] = {t.name: t for t in ENTITY_TABLE}
ALL_TYPES: tuple[str, ...] = tuple(TYPES)
# read by the analyzer, the reports and disclosure, and the review page (MANUAL included, last)
PRIORITY: dict[str, int] = {t.name: t.priority for t in ENTITY_TABLE}
LABELS_SV: dict[str, str] = {t.name: t.label_sv for t in (*ENTITY_TABLE, MANUAL_TYPE)}
COLOURS: dict[str, str] = {t.name: t.colour for t in (*ENTITY_TABLE, MANUAL_TYPE)}


def label_sv(entity_type: str) -> str:
    """The Swedish name of a type (an unknown one is spelled out in lower case)."""
    return LABELS_SV.get(entity_type, entity_type.replace("_", " ").lower())


def types_of_class(ground_class: str) -> frozenset[str]:
    return frozenset(t.name for t in ENTITY_TABLE if t.ground_class == ground_class)


# Groups used by evaluation and the README's accuracy table.
STRUCTURED_IDENTIFIERS = frozenset(
    {
        SE_PERSONNUMMER,
        SE_SAMORDNINGSNUMMER,
        NORDIC_ID,
        PHONE_NUMBER,
        EMAIL_ADDRESS,
        SE_BANKGIRO,
        SE_PLUSGIRO,
        SE_BANK_ACCOUNT,
        IBAN_CODE,
        PAYMENT_CARD,
        SE_VEHICLE_PLATE,
        SE_ID_DOCUMENT,
    }
)
ADDRESS_TYPES = frozenset({SE_ADDRESS, SE_POSTAL_CODE})
HEALTH_TYPES = frozenset({HEALTH, ICD10_CODE})

# What a protected identity (skyddade personuppgifter) hides besides names and numbers: every
# way to find the person.
LOCATING_TYPES = frozenset({SE_ADDRESS, SE_POSTAL_CODE, PHONE_NUMBER, EMAIL_ADDRESS, WORKPLACE})
