"""Every text the review page shows an official, in Swedish, in one place.

The library and the API speak English (CLI, JSON errors, logs); the page never shows their
words. An error is shown by its kind and, where one kind covers several causes, by a pattern on
its (English, content-free) message: :func:`error_text`. A message with no row of its own gets
its kind's sentence, and an unknown kind the general one, so nothing English reaches the page.
Also here: the Swedish names of statuses, of where a candidate came from (:func:`source_text`)
and of the document states.
"""

from __future__ import annotations

import re
from typing import Optional

# --- errors ----------------------------------------------------------------------------------------

GENERAL = "Åtgärden kunde inte utföras."

# kind -> the sentence shown when no more specific row matches
KINDS: dict[str, str] = {
    "not_pdf": "Filen är inte en PDF.",
    "encrypted": "PDF:en är krypterad. Ta bort lösenordet och ladda upp igen.",
    "corrupt": "PDF:en är skadad och kan inte läsas.",
    "empty": "Filen är tom.",
    "limit": "Handlingen är större än vad tjänsten tar emot (för många sidor eller för stora bilder).",
    "needs_ocr": "Handlingen saknar läsbart textlager (skannad sida) och måste OCR-behandlas.",
    "ocr_unavailable": "Textigenkänning (OCR) finns inte installerad på servern.",
    "ocr_failed": "Textigenkänningen (OCR) misslyckades.",
    "verification": "Kontrollen av resultatet hittade uppgifter som fortfarande går att läsa: "
                    "den maskerade handlingen hålls inne. Kontrollera rutorna och försök igen.",
    "review_pending": "Alla kandidater som kräver beslut är inte granskade.",
    "plan": "Beslutet kunde inte genomföras.",
    "too_large": "Filen är för stor.",
    "overloaded": "Tjänsten är hårt belastad. Försök igen om en stund.",
    "timeout": "Bearbetningen tog för lång tid och avbröts.",
    "config": "Ogiltigt val.",
    "csrf": "Sessionen är inaktuell. Ladda om sidan.",
    "forbidden": "Din roll ger inte behörighet till detta.",
    "unauthorized": "Du är inte inloggad.",
    "not_found": "Handlingen finns inte.",
    "expired": "Handlingens filer är raderade (gallrade eller borttagna på begäran).",
    "released": "Handlingen är frisläppt och kan inte längre ändras.",
    "not_applied": "Tillämpa beslutet och kontrollera förhandsgranskningen först.",
    "state": "Handlingen är inte i ett läge där detta går.",
    "busy": "Handlingen bearbetas just nu. Försök igen när den är klar.",
    "validation": "Uppgifterna i formuläret är ofullständiga eller felaktiga.",
    "redaction": "Maskeringen kunde inte genomföras.",
    "model": "Analysmodellen kunde inte läsas in.",
    "internal": "Ett tekniskt fel inträffade.",
    "worker_crashed": "Ett tekniskt fel inträffade i bearbetningen. Försök igen.",
    "closed": "Tjänsten startar om. Försök igen om en stund.",
    "worker_init": "Bearbetningen kunde inte starta. Kontakta driften.",
    "pool": "Ett tekniskt fel inträffade i bearbetningen.",
    "interrupted": "Bearbetningen avbröts. Försök igen.",
    "not_released": "Handlingen är inte frisläppt än.",
    "not_ready": "Bearbetningen är inte klar än.",
    "job_failed": "Bearbetningen misslyckades.",
    "keys": "Nyckeln kunde inte hanteras.",
    "callback": "Återanropsadressen (callback_url) godtas inte av tjänsten.",
    "login_invalid": "Ogiltig nyckel.",
    "login_role": "Nyckelns roll ger inte tillgång till granskningen.",
}

# (kind, pattern on the English message, Swedish sentence): the first match wins
PATTERNS: list[tuple[str, str, str]] = [
    ("plan", r"rejection needs a reason", "Skriv ett skäl för att inte maskera."),
    ("plan", r"is not in the policy", "Grunden finns inte i policyn."),
    ("plan", r"official's identity", "Beslutet saknar handläggarens identitet."),
    ("plan", r"^page .* is outside", "Sidan finns inte i handlingen."),
    ("plan", r"not offered by this service", "Policyn erbjuds inte av tjänsten."),
    ("plan", r"^a box is", "Rutan måste ha en bredd och en höjd."),
    ("plan", r"too short", "Texten är för kort (minst två tecken)."),
    ("plan", r"does not occur in the document", "Texten finns inte i handlingen."),
    ("plan", r"proposed by the analysis", "Ett förslag från analysen kan inte tas bort, bara avvisas med skäl."),
    ("plan", r"^no (candidate|manual area)|no candidates given", "Kandidaten finns inte (längre) i planen. Ladda om sidan."),
    ("plan", r"does not match the plan|does not match the text|outside the document's text",
     "Handlingen stämmer inte med granskningsplanen."),
    ("plan", r"policy has changed", "Policyn har ändrats sedan handlingen analyserades. Ladda upp den igen."),
    ("plan", r"needs a ground", "Välj en grund."),
    ("plan", r"unknown action", "Okänd åtgärd."),
    ("plan", r"did not pass verification|not the one that was verified",
     "Den maskerade handlingen är inte verifierad och kan inte frisläppas."),
    ("plan", r"plan file|not a masking plan|status must be", "Granskningsplanen är skadad."),
    ("validation", r"^entity_type", "Välj en typ ur listan."),
    ("validation", r"^deny_list", "Spärrlistan får ha högst 200 rader om högst 200 tecken."),
    ("validation", r"^case_ref", "Diarienumret får vara högst 200 tecken."),
    ("validation", r"^box_coordinates", "Rutan saknar sida eller koordinater."),
    ("validation", r"^box_page", "Sidan finns inte."),
    ("validation", r"^text_length", "Texten ska vara 2–200 tecken."),
    ("validation", r"^confirm_release", "Bekräfta att förhandsgranskningen är kontrollerad."),
    ("validation", r"^file_missing", "Välj en PDF-fil att ladda upp."),
    ("state", r"analysing", "Handlingen analyseras fortfarande."),
    ("state", r"failed", "Analysen av handlingen misslyckades."),
    ("state", r"deleted|expired", "Handlingen är raderad."),
    ("released", r"already been released", "Handlingen är redan frisläppt."),
    ("not_found", r"no such page", "Sidan finns inte."),
    ("too_large", r"text is longer", "Texten är för lång."),
    ("limit", r"pages", "Handlingen har fler sidor än tjänsten tar emot."),
]
_COMPILED = [(k, re.compile(p, re.IGNORECASE), sv) for k, p, sv in PATTERNS]


def error_text(kind: str, detail: Optional[str] = None) -> str:
    """The Swedish sentence for an error of ``kind`` whose English message is ``detail``."""
    if detail:
        for k, pattern, sv in _COMPILED:
            if k == kind and pattern.search(detail):
                return sv
    return KINDS.get(kind, GENERAL)


def all_texts() -> set[str]:
    """Every error sentence the page can show (tests: nothing else is shown)."""
    return set(KINDS.values()) | {sv for _, _, sv in PATTERNS} | {GENERAL}


# --- names -------------------------------------------------------------------------------------------

STATUS = {"pending": "väntar", "accepted": "maskeras", "rejected": "maskeras inte"}
DOC_STATUS = {"analysing": "analyseras", "review": "granskas", "applied": "förhandsgranskas", "released": "frisläppt",
              "failed": "misslyckades", "deleted": "raderad", "expired": "gallrad"}
ROLES = {"registrar": "registrator", "reviewer": "granskare", "auditor": "revisor", "integration": "integration",
         "admin": "administratör"}

# recognizer -> where a candidate was found, in words an official reads
RECOGNIZERS = {
    "SePersonNameRecognizer": "namn i löptext",
    "SeNerPersonRecognizer": "namn enligt språkmodellen",
    "spacy_ner": "namn enligt språkmodellen",
    "SpacyRecognizer": "namn enligt språkmodellen",
    "SePersonnummerRecognizer": "personnummer",
    "SeOrganisationsnummerRecognizer": "organisationsnummer",
    "SeBankgiroRecognizer": "bankgironummer",
    "SePlusgiroRecognizer": "plusgironummer",
    "SeBankAccountRecognizer": "kontonummer",
    "IbanRecognizer": "IBAN-kontonummer",
    "PaymentCardRecognizer": "kortnummer",
    "SeSwishRecognizer": "Swishnummer",
    "SePhoneRecognizer": "telefonnummer",
    "EmailRecognizer": "e-postadress",
    "SeAddressRecognizer": "gatuadress",
    "SePostalCodeRecognizer": "postnummer och ort",
    "SePropertyRecognizer": "fastighetsbeteckning",
    "SeVehiclePlateRecognizer": "registreringsnummer",
    "SeIdDocumentRecognizer": "nummer på id-handling",
    "SeLmaRecognizer": "LMA- eller dossiernummer",
    "NordicIdRecognizer": "nordiskt identitetsnummer",
    "Icd10Recognizer": "diagnoskod (ICD-10)",
    "SeHealthRecognizer": "hälsouppgift i löptext",
    "SeWorkplaceRecognizer": "arbetsplats",
    "UnknownIdRecognizer": "långt nummer som inget annat förklarar",
    "deny_list": "står på spärrlistan",
    "propagation": "samma uppgift maskeras på ett annat ställe",
    "manual": "tillagd av handläggare",
    "visual_ocr": "text i bild (läst med OCR)",
}
SOURCES = {"analyzer": "analys", "propagated": "annan förekomst", "deny_list": "spärrlista", "manual": "handläggare"}
# validation outcome -> what it says; "valid" depends on whether the type has a check digit
CHECKSUM_TYPES = {"SE_PERSONNUMMER", "SE_SAMORDNINGSNUMMER", "SE_ORGANISATIONSNUMMER", "SE_BANKGIRO", "SE_PLUSGIRO",
                  "IBAN_CODE", "PAYMENT_CARD", "NORDIC_ID", "SE_BANK_ACCOUNT"}
VALIDATION = {
    "invalid_checksum": "kontrollsiffran stämmer inte",
    "invalid_date": "datumdelen är inte ett giltigt datum",
    "valid_without_stray_digit": "kontrollsiffran stämmer om första siffran tas bort",
    "valid_without_stray_letter": "kontrollsiffran stämmer om en inläst extra bokstav tas bort",
}


def source_text(recognizer: str, validation: str, entity_type: str, source: str = "analyzer") -> str:
    """Where a candidate comes from, in plain Swedish ("namn i löptext", "personnummer,
    kontrollsiffra stämmer")."""
    what = RECOGNIZERS.get(recognizer) or (SOURCES.get(source) if source != "analyzer" else None) or "analys"
    if validation == "valid":
        return f"{what}, {'kontrollsiffra stämmer' if entity_type in CHECKSUM_TYPES else 'giltig form'}"
    if validation in VALIDATION:
        return f"{what}, {VALIDATION[validation]}"
    return what
