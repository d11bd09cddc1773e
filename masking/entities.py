"""Canonical entity type names shared by recognizers, policy, report and evaluation.

Every recognizer reports one of these types; the policy maps each to an action and a legal
ground. Keep the names stable: they appear in reports, audit records and the CLI contract.
"""

from __future__ import annotations

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
# Health information in words: diagnoses, conditions, symptoms, medications, treatments and care
# units that reveal a condition (OSL 28:1 in social insurance, OSL 21:1 / 25:1 elsewhere; GDPR art. 9).
HEALTH = "HEALTH"
# A long number that no recognizer explains and that is not positively non-personal (date, amount,
# dnr, SFS reference ...): the fail-closed net for identifiers written in forms we do not know.
UNKNOWN_ID = "UNKNOWN_ID"
# A workplace named as someone's employer. Not personal data by itself; masked when a person has
# protected identity (skyddade personuppgifter), where it can reveal where they are found.
WORKPLACE = "WORKPLACE"

ALL_TYPES: tuple[str, ...] = (
    PERSON,
    SE_PERSONNUMMER,
    SE_SAMORDNINGSNUMMER,
    SE_ORGANISATIONSNUMMER,
    SE_BANKGIRO,
    SE_PLUSGIRO,
    SE_BANK_ACCOUNT,
    IBAN_CODE,
    PHONE_NUMBER,
    EMAIL_ADDRESS,
    SE_ADDRESS,
    SE_POSTAL_CODE,
    SE_VEHICLE_PLATE,
    SE_ID_DOCUMENT,
    ICD10_CODE,
    HEALTH,
    UNKNOWN_ID,
    WORKPLACE,
)

# Groups used by evaluation and the README's accuracy table.
STRUCTURED_IDENTIFIERS = frozenset(
    {
        SE_PERSONNUMMER,
        SE_SAMORDNINGSNUMMER,
        PHONE_NUMBER,
        EMAIL_ADDRESS,
        SE_BANKGIRO,
        SE_PLUSGIRO,
        SE_BANK_ACCOUNT,
        IBAN_CODE,
        SE_VEHICLE_PLATE,
        SE_ID_DOCUMENT,
    }
)
ADDRESS_TYPES = frozenset({SE_ADDRESS, SE_POSTAL_CODE})
HEALTH_TYPES = frozenset({HEALTH, ICD10_CODE})

# What a protected identity (skyddade personuppgifter) hides besides names and numbers: every
# way to find the person.
LOCATING_TYPES = frozenset({SE_ADDRESS, SE_POSTAL_CODE, PHONE_NUMBER, EMAIL_ADDRESS, WORKPLACE})
