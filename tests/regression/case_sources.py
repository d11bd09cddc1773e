"""Marked-up sources of the regression cases (``build_cases.py`` turns them into JSON).

Every person, number and address here is invented for the tests. A mark is ``[value|TYPE]``;
``TYPE`` is an entity type of ``masking/entities.py`` or one of the short aliases below.

Conventions for the expected spans (what a case-file reader would want masked):

* PERSON spans hold the whole name as written: given names, surnames, initials (``A.``,
  ``P-O``) and particles (``von``, ``af``, ``de la``, ``el-``, ``bin``); not titles or roles
  (``dr``, ``herr``, ``handläggare``). A genitive is marked on its base form:
  ``[Anna Svensson|P]s ansökan`` (masking the ``s`` too is accepted by the comparison rule).
* Name words inside names of streets, places, institutions, diseases, laws and companies with a
  company form (``Dag Hammarskjölds väg``, ``Astrid Lindgrens barnsjukhus``, ``Alzheimers
  sjukdom``, ``Lex Sarah``, ``Andersson Bygg AB``) are not personal data: a company's or a
  street's name is public. Places (``i Lund``, ``Stockholm``) are not personal data outside
  an address. Agency names, agency postal addresses and agency phone numbers are not personal
  data.
* ``c/o`` with the name that follows it is part of the address (``SE_ADDRESS``), as the address
  recognizer and the README define it.
* Dates, amounts, dnr / case numbers, SFS numbers, section signs, form numbers, OCR payment
  references and organisationsnummer of companies are not personal data.
"""

from __future__ import annotations

from typing import Any, Optional

TYPE_ALIASES = {
    "P": "PERSON",
    "PNR": "SE_PERSONNUMMER",
    "SAMN": "SE_SAMORDNINGSNUMMER",
    "ORGNR": "SE_ORGANISATIONSNUMMER",
    "BG": "SE_BANKGIRO",
    "PG": "SE_PLUSGIRO",
    "KONTO": "SE_BANK_ACCOUNT",
    "IBAN": "IBAN_CODE",
    "TEL": "PHONE_NUMBER",
    "MAIL": "EMAIL_ADDRESS",
    "ADR": "SE_ADDRESS",
    "POST": "SE_POSTAL_CODE",
    "REG": "SE_VEHICLE_PLATE",
    "ID": "SE_ID_DOCUMENT",
    "ICD": "ICD10_CODE",
}

NAMES_ONLY = ["PERSON"]
EVERYTHING = [
    "PERSON", "NATIONAL_ID", "ORGANISATION_NUMBER", "BANK", "PHONE", "EMAIL", "ADDRESS",
    "VEHICLE", "ID_DOCUMENT", "HEALTH",
]


def C(markup: str, origin: Optional[str] = None, note: Optional[str] = None) -> dict[str, Any]:
    return {"markup": markup, "origin": origin, "note": note}


# --- synthetic identifiers with correct check digits --------------------------------------------
def _luhn(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def pnr(body: str) -> str:
    """``"850412-123"`` → ``"850412-1230"``: a personnummer (or samordningsnummer) with its
    Luhn digit, in the form given (``-``, ``+``, space or nothing; 10 or 12 digits)."""
    digits = "".join(ch for ch in body if ch.isdigit())
    return body + _luhn(digits[-9:])


def giro(body: str) -> str:
    """A bankgiro/plusgiro number with its Luhn digit appended (``"5050-105"`` → ``"5050-1055"``)."""
    return body + _luhn("".join(ch for ch in body if ch.isdigit()))


def iban_se(bban: str) -> str:
    """A Swedish IBAN for a 20-digit BBAN, printed in groups of four."""
    rearranged = bban + "2814" + "00"  # S=28, E=14
    check = 98 - int(rearranged) % 97
    raw = f"SE{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


CATEGORIES: dict[str, dict[str, Any]] = {}

# ================================================================================================
CATEGORIES["homographs"] = {
    "description": (
        "Names that are also Swedish words (Sten, Bo, Björn, Berg, Lund, Ek, Rose, Viola, Per, "
        "Hans, Dag, Maj ...): found when they are names, not when they are words or places."
    ),
    "checked": NAMES_ONLY,
    "cases": [
        C("Handläggare [Sten Åkesson|P] har granskat underlaget."),
        C("[Bo Ek|P] ansökte om bostadstillägg den 4 mars 2024.", note="both words are common words"),
        C("Enligt [Björn Lund|P] har han inte kunnat arbeta sedan januari."),
        C("Den sökande, [Viola Berg|P], har kommit in med ett kompletterande läkarintyg."),
        C("Mötet bokades med [Rose Holm|P] och hennes ombud."),
        C("[Hassan Berg|P] uppger att han flyttade till Malmö 2019."),
        C("Vi har talat med [Per Strand|P] om den fortsatta planeringen."),
        C("[Dag Hammar|P] har beviljats sjukersättning från och med den 1 juni 2024."),
        C("Intyget är utfärdat av [Stig Falk|P], leg. läkare."),
        C("Dottern [Saga|P] går i förskoleklass."),
        C("Sonen [Björn|P] bor kvar hos modern."),
        C("Hej [Sten|P]!\nTack för samtalet i går."),
        C("[Iris Lind|P] har anmält att hon återgår i arbete på halvtid."),
        C("Maken [Max Frost|P] är folkbokförd på samma adress."),
        C("[Vera Sund|P] och [Klara Ring|P] kallas till möte på tisdag."),
        C("[Hans Björk|P] har inte lämnat in någon inkomstuppgift."),
        C("Kontaktperson på arbetsplatsen är [Liv Ström|P]."),
        C("Ansökan är undertecknad av [Linnea Svan|P]."),
        C("[Mark Lilja|P] har lämnat felaktiga uppgifter om sin inkomst."),
        C("[August Hjort|P] avled den 12 februari 2024."),
        C("Enligt journalen har [Frank Dahl|P] besvär från ländryggen sedan hösten."),
        C("[Sol Vik|P] har ansökt om tillfällig föräldrapenning för sitt barn."),
        C("Mamman [Lilja|P] har ensam vårdnad om barnen."),
        C("[Maj Lundgren|P] har fått avslag på sin ansökan om bostadstillägg.", note="Maj is also the month"),
        C("Hans handläggare är [Per Lund|P] på lokalkontoret.", note="Hans = his, Per Lund = name"),
        C("Enligt [Hassan|P] har lägenheten stått tom sedan maj.", note="a single first name mid-sentence"),
        C("[Rose|P] har kontakt med sin son varje vecka.", note="a single first name at sentence start"),
        C("Utredaren har pratat med [Bo|P] och hans syster [Ros|P] om situationen."),
        C("[Axel Storm|P] har inte kommit till de bokade mötena."),
        C("Arbetsgivaren, genom [Tom Gran|P], bekräftar anställningen."),
        # --- the words, not names ---
        C("Han snubblade på en sten och bröt handleden."),
        C("Familjen bor i Lund sedan 2015."),
        C("Olyckan inträffade när en björn korsade vägen vid Funäsdalen."),
        C("Hon vill bo kvar i lägenheten efter skilsmässan."),
        C("Han bor i Berg, norr om Östersund.", note="Berg is a municipality"),
        C("Möblerna i lägenheten är gjorda av ek."),
        C("Per den 1 januari 2024 uppgick skulden till 12 400 kronor.", note="Per = preposition"),
        C("Avgiften är 250 kronor per månad."),
        C("Hans ansökan kom in den 3 april och behandlas nu.", note="Hans = his"),
        C("Hon spelar viola i en amatörorkester på fritiden."),
        C("Frost skadade hela odlingen under våren.", note="sentence-initial common noun"),
        C("Björk och gran dominerar på fastigheten enligt skogsbruksplanen."),
        C("Klara besked ska lämnas till den enskilde i god tid."),
        C("Dag 14 i sjukperioden infaller den 3 maj."),
        C("Ring oss på telefon om du har frågor om beslutet."),
        C("Mötet hölls i lokalen på Dag Hammarskjölds väg."),
        C("Hennes bror har hjälpt henne med flytten."),
        C("Vilja att arbeta finns, men förmågan är nedsatt enligt läkaren."),
        C("Det är viktigt med en sund livsstil, skriver läkaren."),
    ],
}

# ================================================================================================
CATEGORIES["genitives"] = {
    "description": (
        "Names in the genitive (Anna Svenssons, Lars', Karimis, Anna's) and name words in the "
        "genitive inside names of places and institutions (Lunds kommun, Astrid Lindgrens "
        "barnsjukhus), which are not persons."
    ),
    "checked": NAMES_ONLY,
    "cases": [
        C("[Anna Svensson|P]s ansökan om sjukpenning har beviljats."),
        C("Vi har tagit del av [Tomas Lindqvist|P]s yttrande."),
        C("[Mohammed Karimi|P]s ombud har begärt anstånd med att komplettera.", origin="persian"),
        C("Enligt [Fatuma Abdi|P]s läkare är hon helt arbetsoförmögen.", origin="somali"),
        C("Vi har beaktat [Ali Hassan|P]s inkomst av tjänst.", origin="arabic"),
        C("[Björn|P]s pappa har ansökt om förlängd föräldrapenning.", note="Björns at sentence start"),
        C("[Nguyen Van Minh|P]s arbetsgivare har inte svarat på förfrågan.", origin="vietnamese"),
        C("[Eva Lund|P]s yttrande kom in den 2 maj.", note="Lunds is also 'Lunds kommun'"),
        C("[Sara Ek|P]s make har samma adress."),
        C("[Maria Berg|P]s och [Johan Berg|P]s gemensamma barn bor växelvis hos föräldrarna."),
        C("Vi har läst [Per-Olof Ståhl|P]s överklagande."),
        C("[Hodan Warsame|P]s dotter har fått plats på förskola.", origin="somali"),
        C("[Zeynep Yılmaz|P]s arbetsgivare har skickat in lönespecifikationer.", origin="turkish"),
        C("[Aleksandra Nowak|P]s ansökan saknar underskrift.", origin="polish"),
        C("Beslutet om [Goran Petrović|P]s sjukpenning ändras.", origin="balkan"),
        C("[Tesfay Gebremedhin|P]s uppehållstillstånd gäller till 2026.", origin="eritrean"),
        C("Enligt [Ingrid Sjöberg|P]s bedömning behövs ingen ytterligare utredning."),
        C("Sonen [Elias|P]' förskola har lämnat ett yttrande.", note="apostrophe genitive after -s"),
        C("Vi har fått [Carl af Klercker|P]s fullmakt."),
        C("[Anna Lindberg|P]'s önskemål om tolk har noterats.", note="English-style 's"),
        C("Sambon [Mats|P]' inkomst ingår i beräkningen.", note="apostrophe genitive"),
        C("Enligt [Marcus Alves|P]' arbetsgivare är anställningen tillsvidare."),
        C("[Anna Svensson|P] har ansökt om bostadsbidrag. [Svensson|P]s arbetsgivare har bekräftat inkomsten.",
          note="surname alone in genitive after the full name"),
        C("[Jonas Karlsson|P]s ex-fru, [Petra Holm|P], har vårdnaden."),
        # --- genitive name words that are not persons ---
        C("Lunds kommun har fattat beslut om försörjningsstöd."),
        C("Patienten vårdas på Astrid Lindgrens barnsjukhus."),
        C("Besöket skedde på Sankt Görans sjukhus."),
        C("Kontoret ligger vid Gustav Adolfs torg i Göteborg."),
        C("Utredningen skickades till Karlskrona kommun och Kristianstads kommun."),
        C("Arkivarien sorterade [Hughes|P] gamla dagböcker.",
          note="a lone known name in -s in the genitive without an extra s"),
    ],
}

# ================================================================================================
_FO = "foreign_origin"
CATEGORIES[_FO] = {
    "description": (
        "Names of every origin common in Sweden, tagged with an origin group per case; spans "
        "whose words are in neither gazetteer are marked out_of_gazetteer (generalisation)."
    ),
    "checked": NAMES_ONLY,
    "cases": [
        # Somali
        C("Sökande: [Hodan Abdirahman Warsame|P]", origin="somali"),
        C("[Ayaanle Dirie Gurey|P] har anmält ändrade familjeförhållanden.", origin="somali"),
        C("Barnens mor, [Khadro Cali Bootaan|P], har ensam vårdnad.", origin="somali"),
        C("Vi har haft ett möte med [Abshir Mohamed Farah|P] och tolken.", origin="somali"),
        C("[Nimco Yusuf|P] uppger att hon har sökt arbete sedan mars.", origin="somali"),
        C("Ombudet för [Dahabo Jimcaale|P] har begärt omprövning.", origin="somali"),
        # Arabic
        C("[Mohammad Khalil|P] har beviljats aktivitetsstöd.", origin="arabic"),
        C("Enligt [Rania Haddad|P] har familjen bott i lägenheten sedan 2017.", origin="arabic"),
        C("Beslutet skickas till [Yousef Nasrallah|P] med rekommenderat brev.", origin="arabic"),
        C("[Layal Qudsi|P] har inte kommit in med de begärda handlingarna.", origin="arabic"),
        C("[Noor Hamoudi|P] och [Hiba Sabbagh|P] deltog i informationsmötet.", origin="arabic"),
        C("Vi har fått en anmälan om ändrad inkomst från [Tariq Shammari|P].", origin="arabic"),
        # Persian
        C("[Kianoush Esfandiari|P] har ansökt om sjukersättning.", origin="persian"),
        C("[Shirin Ahmadi|P] och hennes dotter [Tara|P] har beviljats uppehållstillstånd.", origin="persian"),
        C("Läkarintyget är utfärdat av [Behrouz Jahanbani|P], specialistläkare.", origin="persian"),
        C("[Golnaz Mirzaei|P] arbetar som undersköterska på heltid.", origin="persian"),
        C("Vi har fått ett mejl från [Farshid Nikbakht|P] om utbetalningen.", origin="persian"),
        C("[Parisa Tabatabaei|P] begär att beslutet omprövas.", origin="persian"),
        # Turkish
        C("[Doğukan Erdoğdu|P] har sökt bostadsbidrag för första gången.", origin="turkish"),
        C("[Zeynep Kaya|P] är anställd som lokalvårdare sedan 2020.", origin="turkish"),
        C("[Mehmet Yazıcı|P] har meddelat att han har flyttat.", origin="turkish"),
        C("Utbetalningen till [Cansu Karabulut|P] stoppades den 5 juni.", origin="turkish"),
        C("[Emre Ozturk|P] har inte svarat på våra brev.", origin="turkish", note="ASCII spelling of Öztürk"),
        C("Arbetsgivaren [Selin Kaplanoğlu|P] har fyllt i arbetsgivarintyget.", origin="turkish"),
        # Kurdish
        C("[Shiyar Bapir|P] uppger att han har ont i ryggen.", origin="kurdish"),
        C("[Rojda Zebari|P] har rätt till tolk vid mötet.", origin="kurdish"),
        C("[Berivan Barzani|P] har ansökt om förlängd sjukpenning.", origin="kurdish"),
        C("[Serhad Kakayi|P] deltog inte i mötet den 12 maj.", origin="kurdish"),
        C("Handläggaren ringde [Hêvî Dosky|P] men fick inget svar.", origin="kurdish"),
        C("[Dilan Hawrami|P] har ensam vårdnad om två barn.", origin="kurdish"),
        # Balkan
        C("[Mirsad Begović|P] har varit sjukskriven sedan augusti.", origin="balkan"),
        C("[Dragica Pejčinović|P] bor tillsammans med sin son.", origin="balkan"),
        C("[Jasmina Hadžiahmetović|P] har överklagat beslutet.", origin="balkan"),
        C("[Zlatan Dervišević|P] har fått ett föreläggande.", origin="balkan"),
        C("[Amela Kovacevic|P] har ansökt om underhållsstöd.", origin="balkan", note="ASCII spelling"),
        C("[Arbër Krasniqi|P] har beviljats etableringsersättning.", origin="balkan"),
        # Polish
        C("[Przemysław Jędrzejczak|P] har arbetat som snickare i Sverige sedan 2012.", origin="polish"),
        C("[Małgorzata Szczepańska|P] har sökt arbetslöshetsersättning.", origin="polish"),
        C("[Bożena Brzęczek|P] har inte lämnat något intyg.", origin="polish"),
        C("[Grzegorz Wojciechowski|P] har bytt arbetsgivare.", origin="polish"),
        C("Vi har tagit emot en ansökan från [Katarzyna Lewandowska|P].", origin="polish"),
        # Vietnamese
        C("[Nguyen Thi Huong|P] har ansökt om barnbidrag för två barn.", origin="vietnamese"),
        C("[Tran Van Tuan|P] driver en restaurang tillsammans med sin fru.", origin="vietnamese"),
        C("Enligt [Pham Minh Khoa|P] har inkomsten minskat.", origin="vietnamese"),
        C("[Phuong Dang|P] har anmält sjukdom från den 3 mars.", origin="vietnamese"),
        C("[Lam Quoc Trinh|P] begär omprövning av beslutet.", origin="vietnamese"),
        # Chinese
        C("[Zhang Wei|P] har beviljats studiemedel för höstterminen.", origin="chinese"),
        C("[Liang Yufei|P] har kompletterat sin ansökan.", origin="chinese"),
        C("Mötet med [Chen Jiahui|P] flyttades till fredag.", origin="chinese"),
        C("[Huang Zhiwei|P] är registrerad som arbetssökande.", origin="chinese"),
        C("Enligt [Xu Lin|P] har hon inte fått någon lön sedan april.", origin="chinese", note="lin is a word"),
        # Eritrean / Tigrinya
        C("[Tesfamariam Ghebremedhin|P] har ansökt om familjeåterförening.", origin="eritrean"),
        C("[Abrehet Tsegay|P] har inte kunnat nås per telefon.", origin="eritrean"),
        C("[Haben Teklehaimanot|P] har påbörjat SFI-studier.", origin="eritrean"),
        C("[Luwam Berhe|P] är anställd som vårdbiträde.", origin="eritrean"),
        C("[Fiori Weldemichael|P] har lämnat in en flyttanmälan.", origin="eritrean"),
        C("[Selam Kidane Ghirmay|P] har fått besked om bostad.", origin="eritrean"),
        # Finnish
        C("[Pirjo Mäkinen|P] har ansökt om förtida uttag av pension.", origin="finnish"),
        C("[Jukka Heikkinen|P] har arbetat i Finland under 2022.", origin="finnish"),
        C("[Aila Kärkkäinen|P] har beviljats bostadstillägg.", origin="finnish"),
        C("[Tuulikki Rautiainen|P] har avlidit och dödsboet företräds av sonen.", origin="finnish"),
        C("[Eero Väänänen|P] begär att få beslutet på finska.", origin="finnish"),
        # Sami
        C("[Áile Somby|P] bedriver renskötsel i Jokkmokk.", origin="sami"),
        C("[Máret Sara|P] har ansökt om ersättning för förlorad arbetsinkomst.", origin="sami"),
        C("[Niillas Gaup|P] har lämnat in sin inkomstdeklaration.", origin="sami"),
        C("[Ánte Labba|P] och [Biret Kuhmunen|P] har kallats till förhandling.", origin="sami"),
        # Nordic
        C("[Sigrid Håkansson|P] har ansökt om omvårdnadsbidrag.", origin="nordic"),
        C("[Ingeborg Haugland|P] arbetar i Norge och bor i Strömstad.", origin="nordic"),
        C("[Søren Kjærgaard|P] pendlar från Köpenhamn.", origin="nordic"),
        C("[Guðrún Sigurðardóttir|P] har flyttat till Sverige från Island.", origin="nordic"),
        # Afghan
        C("[Gul Ahmad Rahimi|P] har ansökt om bostadsbidrag.", origin="afghan"),
        C("[Zarghona Sultani|P] har fått avslag på sin ansökan.", origin="afghan"),
        C("[Hamidullah Noori|P] studerar på yrkesvux.", origin="afghan"),
        # Russian / Ukrainian
        C("[Oksana Kovalenko|P] har skyddsstatus enligt massflyktsdirektivet.", origin="ukrainian"),
        C("[Dmitrij Volkov|P] har inte inkommit med något yttrande.", origin="russian"),
        # Latin American, Greek, African
        C("[Camila Rojas Fuentes|P] har fått anstånd till den 30 juni.", origin="latin_american"),
        C("[Eleni Papadopoulou|P] har ansökt om assistansersättning.", origin="greek"),
        C("[Chidinma Okafor|P] har arbetat som sjuksköterska i två år.", origin="west_african"),
        C("[Kwame Mensah|P] har begärt att få ta del av akten.", origin="west_african"),
    ],
}

# ================================================================================================
CATEGORIES["lower_case"] = {
    "description": (
        "Names written in lower case (e-mails, chat, quick notes) and lower-case words that are "
        "also names (bo, sten, per, hans, björn)."
    ),
    "checked": NAMES_ONLY,
    "cases": [
        C("hej [anna|P], tack för ditt svar."),
        C("mvh\n[erik johansson|P]"),
        C("jag heter [fatima hassan|P] och vill veta när pengarna kommer.", origin="arabic"),
        C("min handläggare [lena bergström|P] har inte svarat på mitt mejl."),
        C("har pratat med maken [mohammed|P] i telefon.", origin="arabic"),
        C("[ahmed ali|P] ringde och frågade om beslutet.", origin="arabic"),
        C("min son [noah|P] är sjuk idag och jag vabbar."),
        C("hälsningar [kalle|P]"),
        C("hej, det är [pirjo mäkinen|P] som skriver angående pensionen.", origin="finnish"),
        C("tacksam för snabbt svar /[johanna ek|P]"),
        C("kontakta [anders nilsson|P] på ekonomi om fakturan."),
        C("[nguyen van nam|P] har ringt två gånger i dag.", origin="vietnamese"),
        C("intyg för [hodan farah|P] bifogas.", origin="somali"),
        C("skickat från min iphone\n[sara lindqvist|P]"),
        C("vi har en tid hos dr [andersson|P] på torsdag.", note="dr is a title, not part of the name"),
        C("dottern [ella|P] börjar skolan i augusti."),
        C("det var [bo ek|P] som lämnade in blanketten."),
        # lower-case words that are names elsewhere
        C("vi vill bo kvar i huset efter separationen."),
        C("det låg en sten i skon hela dagen."),
        C("hyran är 6 500 kr per månad."),
        C("hans bil står på verkstaden sedan i måndags."),
        C("vi såg en björn i skogen förra året."),
        C("min bror hjälper mig med pappren."),
    ],
}

# ================================================================================================
CATEGORIES["ocr_noise"] = {
    "description": (
        "Text as it comes out of OCR or a broken PDF text layer: hyphenation over line ends, "
        "lost diacritics, l/1 and rn/m confusions, doubled or missing spaces, stray characters."
    ),
    "checked": NAMES_ONLY,
    "cases": [
        C("Sökande: [Anna Svens-\nson|P], [Storgatan 1|ADR]", note="hyphenated over a line end"),
        C("[Bjorn Akesson|P] har ansökt om sjukpenning.", note="diacritics lost"),
        C("[Kristina  Lundqvist|P] har kommit in med ett yttrande.", note="double space"),
        C("Handläggare: [Ma1in Eriksson|P]", note="l read as 1"),
        C("[Per-Erik Stenrnark|P] har anmält flytt.", note="m read as rn"),
        C("[Gunnar Ols son|P] har inte betalat tillbaka skulden.", note="space inside the surname"),
        C("Ansökan från [Fatima Hassan|P] ink. 2024-03-0l", origin="arabic", note="l for 1 in the date"),
        C("[Svensson, Anna|P] [811218-9876|PNR]", note="list form from a table"),
        C("Sokande: [Ahmed Yusuf|P]", origin="somali", note="diacritics lost in the label"),
        C("[Eva  Marie Lindstrom|P] har beviljats bostadsbidrag."),
        C("Beslut om [Karin Ny-\nström|P]s ansökan om vårdbidrag"),
        C("[Johan Ber g|P] har begärt omprövning.", note="space inside a short surname"),
        C("[Mikael Lindgren|P]~ har tagit del av beslutet.", note="stray character"),
        C("[Leila Moradi|P] ,handläggare", origin="persian", note="misplaced comma"),
        C("[Zoran Jovanovic|P] har lämnat in lönespecifikationer.", origin="balkan"),
        C("[Sofia Hedström|P]\n\nHandläggare", note="signature with blank line"),
        C("Mottagare:[Lars Nordin|P]", note="no space after the label"),
        C("[Aïsha Diallo|P] har sökt bostadsbidrag.", origin="west_african"),
        C("[Hanna Bergqvist|P]  ,  [Olle Bergqvist|P]  och barnen", note="spaced punctuation"),
        C("[ANNA-KARIN Sjöberg|P] har överklagat.", note="mixed case"),
        # noise that is not a name
        C("B E S L U T  om sjukpenning"),
        C("Förs äkringskassan har fattat beslut i ärendet."),
        C("Dnr 2O24/12345 Sida 1 av 3"),
    ],
}

# ================================================================================================
CATEGORIES["all_caps"] = {
    "description": "Names and headings in capitals (forms, letterheads, court documents).",
    "checked": NAMES_ONLY,
    "cases": [
        C("SÖKANDE: [ANNA SVENSSON|P]"),
        C("MOTTAGARE: [FATIMA ABDI HASSAN|P]", origin="somali"),
        C("[KARIMI, MOHAMMAD|P]", origin="persian", note="list form"),
        C("Namn: [BJÖRN EK|P]", note="homographs in capitals"),
        C("[NGUYEN THI LAN|P]\n[Storgatan 4|ADR]", origin="vietnamese"),
        C("PATIENT: [ERIK BERG|P]"),
        C("[ANN-CHARLOTTE VON ESSEN|P]", note="hyphen and particle in capitals"),
        C("ANSÖKAN OM BOSTADSBIDRAG – [SARA LINDQVIST|P]"),
        C("[MARIA BERG|P] / HANDLÄGGARE"),
        C("VÅRDNADSHAVARE 1: [AHMED OSMAN|P]\nVÅRDNADSHAVARE 2: [HAWA OSMAN|P]", origin="somali"),
        C("KLAGANDE\n[LARS-ERIK NILSSON|P]\nOMBUD: ADVOKAT [KERSTIN HOLM|P]"),
        C("UNDERSKRIFT: [PER OLSSON|P]"),
        C("[SHIYAR BAPIR|P] MOT FÖRSÄKRINGSKASSAN", origin="kurdish"),
        C("DOM I MÅL MELLAN [JOHAN ÅBERG|P] OCH SKATTEVERKET"),
        C("[DOĞUKAN ERDOĞDU|P]", origin="turkish"),
        # capitals that are not names
        C("FÖRSÄKRINGSKASSAN"),
        C("BESLUT OM SJUKPENNING"),
        C("KAMMARRÄTTEN I GÖTEBORG\nDOM"),
        C("ÖVERKLAGANDE AV BESLUT, DNR 2024/1234"),
        C("SOCIALFÖRSÄKRINGSBALKEN (2010:110)"),
        C("LUNDS TINGSRÄTT"),
        C("BILAGA 2 – HUR MAN ÖVERKLAGAR"),
        C("MÅNDAG 3 JUNI KL. 10.00"),
    ],
}

# ================================================================================================
CATEGORIES["hyphen_double_particles"] = {
    "description": (
        "Hyphenated and double names, particles (von, af, de la, el-, bin, ibn, van der, Di, "
        "O'), initials and Vietnamese/Hispanic name order."
    ),
    "checked": NAMES_ONLY,
    "cases": [
        C("[Ann-Charlotte Lindberg|P] har ansökt om sjukpenning."),
        C("[Karl-Johan Svensson|P] har fått avslag."),
        C("Vi har talat med [Per-Olof Nilsson|P] om återbetalningen."),
        C("[Eva-Lena Berg-Karlsson|P] är god man för den enskilde."),
        C("Fullmakten är undertecknad av [Carl af Klercker|P]."),
        C("[Gustaf von Essen|P] har begärt att få ta del av handlingarna."),
        C("[María José de la Cruz|P] har ansökt om bostadsbidrag.", origin="latin_american"),
        C("Enligt [Hassan el-Amin|P] har familjen inga andra inkomster.", origin="arabic"),
        C("[Khalid bin Saleh|P] har ansökt om studiemedel.", origin="arabic"),
        C("[Ahmad ibn Rashid|P] har lämnat in ett överklagande.", origin="arabic"),
        C("[Nguyen Van Long|P] är registrerad som egenföretagare.", origin="vietnamese"),
        C("[Mohammed Al-Sayed|P] har kommit in med läkarintyg.", origin="arabic"),
        C("[Anna Svensson Lind|P] har bytt efternamn.", note="double surname without hyphen"),
        C("[Maja Lindh-Eriksson|P] har ansökt om föräldrapenning."),
        C("[Jean-Pierre Dubois|P] har arbetat i Frankrike.", origin="french"),
        C("[Hans-Göran Ek|P] har beviljats sjukersättning.", note="homograph parts"),
        C("[Lise-Lotte van der Berg|P] har flyttat till Nederländerna.", origin="dutch"),
        C("[Paolo Di Marco|P] har ansökt om arbetslöshetsersättning.", origin="italian"),
        C("[Luca De Angelis|P] har kompletterat ansökan.", origin="italian"),
        C("[Sean O'Brien|P] har lämnat in ett intyg från arbetsgivaren.", origin="english"),
        C("[Mary McAllister|P] har flyttat från Skottland.", origin="english"),
        C("[Abdul Rahman Yousef|P] har ansökt om etableringsersättning.", origin="arabic"),
        C("[Abd al-Karim Mansour|P] har inte kommit till mötet.", origin="arabic"),
        C("[Ulla von Sydow|P] har beviljats bostadstillägg."),
        C("Beslutet är fattat av [P-O Larsson|P]."),
        C("Kopia till [A. Svensson|P], enhetschef."),
        C("Anteckningen är gjord av [K.-E. Andersson|P]."),
        C("[Anna-Karin af Ugglas|P] har överklagat beslutet."),
        C("[Tom van den Broek|P] har anmält ändrad inkomst.", origin="dutch"),
        C("[Juan Carlos García López|P] har beviljats sjukpenning.", origin="latin_american"),
        C("[Fatma Nur Yıldız|P] har påbörjat en utbildning.", origin="turkish"),
        C("[Carina Eriksson-Ek|P] har ansökt om vårdbidrag."),
        C("[Gustaf von Essen|P] har yttrat sig. [von Essen|P] anser att beslutet är felaktigt.",
          note="particle-led surname alone after the full name"),
        C("[Mustafa Abu Zaid|P] har beviljats aktivitetsersättning.", origin="arabic"),
        C("[Ana Paula dos Santos|P] har ansökt om underhållsstöd.", origin="latin_american"),
        C("[Jan-Erik Öhman|P] och [Britt-Marie Öhman|P] har gemensam vårdnad."),
    ],
}

# ================================================================================================
CATEGORIES["context"] = {
    "description": (
        "Names recognised by their context: greetings, sign-offs, labels, roles and relation "
        "words, signatures; and the same context words without a name."
    ),
    "checked": NAMES_ONLY,
    "cases": [
        C("Hej [Amira|P],\nTack för ditt mejl.", origin="arabic"),
        C("Med vänliga hälsningar\n[Johanna Lindqvist|P]\nHandläggare, Försäkringskassan"),
        C("Namn: [Xhiljola Berisha|P]", origin="balkan"),
        C("Handläggare: [Ronja Wiik|P]"),
        C("Jag har pratat med maken [Farid|P] om ansökan.", origin="arabic"),
        C("Dottern [Alva|P], 7 år, bor hos modern."),
        C("Kontaktperson: [Tekle Habte|P]", origin="eritrean"),
        C("Tack för hjälpen!\n/[Lena|P]"),
        C("Mvh [Ahmed|P]", origin="arabic"),
        C("Vänlig hälsning\n[Sanna Öberg|P]\nSocialsekreterare"),
        C("Beslutsfattare: [Kjell Andersson|P]\nFöredragande: [Malin Holm|P]"),
        C("Ombud: advokat [Cecilia Granath|P]"),
        C("Sökanden [Mersiha|P] uppger att hon inte har några inkomster.", origin="balkan"),
        C("Herr [Lindqvist|P] informerades om beslutet per telefon."),
        C("Uppgiftslämnare [Oskar Lindahl|P]\nBostadsort Hudiksvall\nFörhörsperson Referensperson",
          note="form labels in a label column, without a colon, are no names"),
        C("Vårdnadshavare\tFolkbokföringsort\tKontaktuppgifter\n[Emir Kovačević|P]\tSkellefteå\tsaknas",
          origin="balkan"),
        C("[Gertrud|P] ringde till växeln och bad om en ny tid.",
          note="a known given name alone before a verb of a person"),
        C("[Cornelia|P] skrev att hon inte kan komma på mötet."),
        C("Ring [Tove Bergkvist|P] på fredag om hyran.", note="an imperative verb before a name is not part of it"),
        C("Hälsa [Jonatan Ek|P] från hela gruppen!"),
        C("Kontakta [Samira Haddad|P] på enheten vid frågor.", origin="arabic"),
        C("Dr [Saeed|P] bedömer att arbetsförmågan är nedsatt med hälften.", origin="arabic"),
        C("[Nikola|P] (6 år) bor växelvis hos föräldrarna.", origin="balkan"),
        C("God man: [Britt-Marie Sjögren|P]"),
        C("Underskrift\n[Tove Nyberg|P]"),
        C("Till: [Jonas Ek|P]\nFrån: [Karin Björk|P]"),
        C("Patientens namn: [Liridona Gashi|P]", origin="balkan"),
        C("Intygsskrivande läkare: [Gunnel Palm|P], leg. läkare"),
        C("[Sara Virtanen|P], handläggare", origin="finnish"),
        C("Jag, [Dalia Younis|P], intygar att uppgifterna är riktiga.", origin="arabic"),
        C("Deltagare: [Oskar Lind|P], [Yasmin Haddad|P], [Peter Åberg|P]"),
        C("Kopia till: [Hanna Forsberg|P], enhetschef"),
        C("Vårdnadshavare: [Hiwet Tesfay|P]", origin="eritrean"),
        C("Samtal med modern [Ayan|P] den 4 mars.", origin="somali"),
        C("Hej [Zamzam|P],\nDin ansökan är mottagen.", origin="somali"),
        C("Namn: [Qorsho Diriye|P]", origin="somali"),
        C("Sambon [Emil|P] arbetar natt och kan inte delta."),
        C("[Anders Öhman|P]\nEnhetschef\nAvdelningen för sjukpenning"),
        C("Hälsningar\n[Mirja Kallio|P] och [Kalle Kallio|P]", origin="finnish"),
        C("Fru [Johansson|P] kom till mötet tillsammans med sin son."),
        C("Förvaltare: [Reza Ghasemi|P]", origin="persian"),
        C("Elevens namn: [Wilmer Strand|P]"),
        # context words without a name
        C("Hej!\nVi har tagit emot din ansökan."),
        C("Med vänliga hälsningar\nFörsäkringskassan"),
        C("Maken har inte kommit in med något yttrande."),
        C("Handläggare: se ovan"),
        C("Vänliga hälsningar\nKundcenter, Pensionsmyndigheten"),
        C("Loppet vanns av [Sven Ek|P]. Tvåan [Bas Kuipers|P] var en sekund efter.",
          note="an ordinal noun of a contest before a name"),
    ],
}

# ================================================================================================
CATEGORIES["non_names"] = {
    "description": (
        "Sentences with no personal data at all: agencies, places, months, weekdays, legal terms, "
        "sentence-initial nouns, dates, dnr, SFS numbers, amounts; and hard cases where person "
        "names are part of a public name (companies with a company form, streets, hospitals, "
        "diseases, laws), which are not personal data."
    ),
    "checked": EVERYTHING,
    "cases": [
        C("Försäkringskassan har fattat beslut i ditt ärende."),
        C("Skatteverket och Pensionsmyndigheten har tagit del av underlaget."),
        C("Kammarrätten i Göteborg avslår överklagandet."),
        C("Beslutet meddelades måndagen den 4 mars 2024."),
        C("Ansökan kom in i januari och avgjordes i februari."),
        C("Enligt 27 kap. 2 § socialförsäkringsbalken (2010:110) har den försäkrade rätt till sjukpenning."),
        C("Stockholm den 12 april 2024"),
        C("Mötet ägde rum i Malmö på onsdagen."),
        C("Sjukpenning betalas ut med 80 procent av den sjukpenninggrundande inkomsten."),
        C("Arbetsförmedlingen, Migrationsverket och Kronofogdemyndigheten har underrättats."),
        C("Du kan överklaga beslutet till förvaltningsrätten."),
        C("Nämnden beslutar att bevilja ansökan."),
        C("Tingsrätten i Uppsala har meddelat dom i målet."),
        C("Läkaren bedömer att arbetsförmågan är nedsatt med hälften."),
        C("Sökanden har inte styrkt sin inkomst."),
        C("Barnet bor växelvis hos föräldrarna."),
        C("Maken avled under hösten."),
        C("Hon flyttade från Sundsvall till Ludvika i maj."),
        C("Familjen har bott i Kristianstad, Karlstad och Kristinehamn."),
        C("Beslutet fattas med stöd av offentlighets- och sekretesslagen (2009:400)."),
        C("Föräldrabalken och socialtjänstlagen (2001:453) är tillämpliga."),
        C("Insatsen beviljas enligt LSS."),
        C("Måndag 3 juni: möte med arbetsgivaren."),
        C("Fredagen den 7 juni stänger kontoret kl. 12.00."),
        C("Mars och april var den enskilde inlagd på sjukhus."),
        C("Dnr 2024/12345"),
        C("Sida 2 av 5"),
        C("Bakgrund\nMotivering\nBedömning"),
        C("Enligt Lex Sarah ska missförhållanden rapporteras.", note="a law named after a person"),
        C("En Lex Maria-anmälan har gjorts till IVO."),
        C("Hon har [Alzheimers sjukdom|HEALTH] och behöver hjälp med hygienen.", note="a disease named after a person"),
        C("Utredningen visar att han har [Aspergers syndrom|HEALTH]."),
        C("Andersson Bygg AB har anställt sökanden som snickare.",
          note="company with a company form: public, not personal data"),
        C("Lindqvists Måleri AB har betalat ut lön för mars."),
        C("Han arbetar på Volvo Personvagnar AB i Torslanda."),
        C("Patienten remitterades till Karolinska universitetssjukhuset i Huddinge."),
        C("Mottagningen ligger på Sankt Eriks ögonsjukhus."),
        C("Region Skåne och Västra Götalandsregionen har yttrat sig."),
        C("Kristi himmelfärdsdag och midsommarafton räknas inte som arbetsdagar."),
        C("Inspektionen för vård och omsorg har inlett tillsyn."),
        C("Ärendet har överlämnats till Centrala studiestödsnämnden."),
        C("Åklagarmyndigheten har lagt ned förundersökningen."),
        C("Hon bor i Lund och arbetar i Malmö."),
        C("Utbetalning sker den 25:e varje månad."),
        C("Skulden uppgår till 34 500 kronor inklusive ränta."),
        C("Beslut om bostadstillägg enligt 101 kap. 5 § SFB."),
        C("Vi behöver ditt svar senast tisdagen den 9 januari."),
        C("Ersättningen för perioden 2024-01-01 – 2024-06-30 är 4 250 kr per månad."),
        C("Personbeviset är utfärdat av Maria Magdalena församling.", note="a parish named after a saint"),
        C("Hon kör en Mercedes och han en Ford.", note="car makes that are also a first name and a surname"),
        C("Lucia firades på förskolan den 13 december."),
        C("Under ramadan och Eid al-Fitr var mottagningen stängd."),
        C("Juni är en svår månad för familjen."),
        C("Ansökan Om Bostadsbidrag För Barnfamiljer", note="a heading in Title Case"),
        C("Behandlingen bygger på Maslows behovstrappa, enligt kuratorn."),
        C("Han har hämtat ut läkemedlen på Apoteket Hjärtat i Sollentuna."),
        C("Biträdande jurist, Hovrätten för Västra Sverige, har läst yttrandet.",
          note="a court after a role word is an organisation"),
        C("Överklagandet skickades till Socialnämnden och Diskrimineringsombudsmannen.",
          note="agency compounds are organisations"),
        C("Utredare, Arbetsmiljöverket\nKontaktperson, Pensionsmyndigheten",
          note="agency names in a signature's role line"),
        C("Sökanden äger en Škoda Octavia och en Renault Clio från 2012.",
          note="car makes with a model are vehicles, not names"),
        C("Fordonet, en Hyundai i30, är belånat."),
        C("[Kia Nordström|P] har ingen bil, men maken kör en Opel Astra.", note="a make as a given name"),
    ],
}

# ================================================================================================
_PNR_1 = pnr("850412-123")
_PNR_2 = pnr("19920630-456")
_PNR_3 = pnr("770101234")
_PNR_4 = pnr("630228 987")
_PNR_5 = pnr("010915-543")
_PNR_OLD = pnr("231124+765")
_SAMN_1 = pnr("880761-432")  # day 01 + 60
_SAMN_2 = pnr("19950878-213")  # day 18 + 60
_BAD_PNR = _PNR_1[:-1] + str((int(_PNR_1[-1]) + 1) % 10)
_BG = giro("5050-105")
_BG_2 = giro("297-147")
_PG = giro("12 34 56-")
_IBAN = iban_se("50000000058398257466")

CATEGORIES["structured"] = {
    "description": (
        "Structured personal data (personnummer, samordningsnummer, phone, e-mail, bank, "
        "address, plate, ID document, diagnosis code) and non-personal look-alikes (dnr, SFS "
        "numbers, dates, amounts, OCR references, organisationsnummer, agency addresses)."
    ),
    "checked": EVERYTHING,
    "cases": [
        C(f"Personnummer: [{_PNR_1}|PNR]"),
        C(f"Pnr [{_PNR_2}|PNR]"),
        C(f"Beslutet gäller [{_PNR_3}|PNR] från och med i dag.", note="10 digits without separator"),
        C(f"Den sökande ([{_PNR_4}|PNR]) har inte svarat.", note="space as separator"),
        C(f"Barnet, född [{_PNR_5}|PNR], bor hos modern."),
        C(f"Personnummer [{_PNR_OLD}|PNR] (över 100 år)"),
        C(f"Samordningsnummer: [{_SAMN_1}|SAMN]"),
        C(f"Samordningsnr [{_SAMN_2}|SAMN] har tilldelats av Skatteverket."),
        C(f"Personnummer: [{_BAD_PNR}|PNR]", note="wrong check digit: still masked (README)"),
        C("Tel: [070-123 45 67|TEL]"),
        C("Du når mig på [+46 70 123 45 67|TEL] efter kl. 16."),
        C("Telefon hem [08-123 456 78|TEL]"),
        C("Ring gärna på [031-12 34 56|TEL] eller [0733-98 76 54|TEL]."),
        C("Mobil: [0046701234567|TEL]"),
        C("E-post: [fatima.hassan@exempel.se|MAIL]"),
        C("Skicka intyget till [j.lindqvist71@example.com|MAIL] senast fredag."),
        C(f"Utbetalning till bankgiro [{_BG}|BG] (enskild firma)."),
        C(f"Plusgiro: [{_PG}|PG]"),
        C("Kontonummer: [1234-123 456 7|KONTO]"),
        C("Swedbank [8327-9, 123 456 789-0|KONTO]"),
        C("Clearingnummer [6123|KONTO] kontonummer [123 456 789|KONTO]"),
        C(f"IBAN: [{_IBAN}|IBAN]"),
        C("Adress: [Storgatan 12|ADR], [123 45 Stockholm|POST]"),
        C("Hon har flyttat till [Björkvägen 7 B, lgh 1102|ADR], [415 02 Göteborg|POST]."),
        C("Postadress: [c/o Lindström|ADR], [Parkvägen 3|ADR], [582 22 Linköping|POST]",
          note="c/o + name is part of the address"),
        C("Bilen med reg.nr [ABC 123|REG] stod parkerad utanför."),
        C("Passnummer: [87654321|ID]"),
        C("Diagnos: [F32.1|ICD] [Medelsvår depressiv episod|HEALTH]"),
        C("Huvuddiagnos [M54.5|ICD] [lumbago|HEALTH], bidiagnos [F43.8A|ICD] [utmattningssyndrom|HEALTH]."),
        C(f"[Anna Svensson|P], [{_PNR_1}|PNR], [Storgatan 1|ADR], [123 45 Stockholm|POST], tel [070-123 45 67|TEL]"),
        C(f"Sökande: [Abdirahman Warsame Farah|P]\nPersonnummer: [{_PNR_2}|PNR]\nTelefon: [072-555 12 34|TEL]",
          origin="somali"),
        # non-personal look-alikes
        C("Dnr 2024/12345, SFS 2010:110, den 2024-03-15, belopp 12 345 kr."),
        C("Ärendenummer 123-456789-2024"),
        C("Vårt diarienummer: FK 2023/004512"),
        C("Org.nr 556123-4567", note="a company's organisationsnummer is public"),
        C(f"Betala 1 250 kr till Kronofogdens bankgiro {_BG_2} med OCR-nummer 4512345678901.",
          note="an agency's bankgiro and an OCR reference are not personal data (hard case)"),
        C("Försäkringskassan, Box 1164, 621 22 Visby", note="agency postal address (allow-listed)"),
        C("Skicka blanketten till Pensionsmyndigheten, Box 38190, 100 64 Stockholm."),
        C("Ring Försäkringskassans kundcenter på 0771-524 524.", note="an agency's phone number (hard case)"),
        C("Blankett FK 7263 ska användas för ansökan."),
        C("Ersättningen är 1 234 567,00 kr för hela perioden."),
        C("Mötet är bokat till kl. 14.30–15.00 i rum 2.114."),
        C("Enligt 2 kap. 5 § tredje stycket och 110 kap. 13 § SFB."),
        C("Perioden 2024-03-15 – 2024-06-30 (vecka 11–26)."),
        C("Sjukpenninggrundande inkomst: 312 000 kr per år."),
        C("Fakturanummer 20240315 förföll den 30 april."),
        C("Han kör sträckan på väg E4 mellan Uppsala och Gävle."),
        C("Arbetsförmågan är nedsatt med 25 % sedan 2023-11-01."),
        # #11: labels in short and hasty forms, foreign numbers in table cells, a final O
        C("Utbetalning till clnr: [9150|KONTO] ktonr: [4411276530|KONTO] enligt beslutet.",
          note="abbreviated clearing and account labels"),
        C("pengarna kan sättas in på mitt kotno [7123-4455667|KONTO] tack", note="swapped letters in the label"),
        C("[Ek, Eva|P]\n[+45 11 22 33 44|TEL]\n[Nilsson, Per|P]", note="foreign number outside the known ranges, alone in a cell"),
        C("Han kör bilen [KLM45O|REG] till jobbet.", note="a plate's zero typed as the letter O"),
        C(f"§ 4 Ärende gällande [Karin Holm|P], [{pnr('850709-980')[:-1] + str((int(pnr('850709-980')[-1]) + 1) % 10)}|PNR]. Ansökan om bostadsanpassning.",
          note="a personnummer with a failed check right after a name and a comma"),
        C("Diarienummer\n442198-2024\nSökande", note="a case number under its label on the line above"),
    ],
}


CATEGORIES["addresses"] = {
    "description": (
        "Addresses in every layout: postnummer and postort on the same line without a comma, on "
        "the next line, in labelled form/table cells and on lines of their own (OCR, table "
        "extraction), lower-case postort, c/o and Box lines, rural place + number, foreign "
        "(Nordic, German, UK) addresses, property designations (fastighetsbeteckning) and "
        "look-alikes that are not addresses (law references, times, agency addresses)."
    ),
    "checked": EVERYTHING,
    "cases": [
        C("Sökanden bor på [Lärkvägen 9|ADR] [582 30 Linköping|POST] sedan i våras.",
          note="postnummer after the house number without a comma"),
        C("Adress: [Ringvägen 44 B|ADR] [118 60 STOCKHOLM|POST]"),
        C("[Tallstigen 3|ADR]\n[791 31 Falun|POST]"),
        C("Gatuadress | [Hamngatan 17|ADR]\nPostnummer | [252 21|POST]\nOrt | [Helsingborg|POST]",
          note="table cells: labelled postnummer and postort"),
        C("Adress\n[Skolgatan 4 A|ADR]\n[972 34|POST]\n[Luleå|POST]",
          note="OCR/table lines: code and town on lines of their own"),
        C("[Kvarnbacken 6|ADR], [671 91 arvika|POST]", note="lower-case postort"),
        C("Hon är bosatt i Norge: [Thereses gate 14|ADR], [0452 Oslo|POST]."),
        C("Ny adress: [Nørrebrogade 40, 3. th|ADR], [DK-2200 København N|POST]"),
        C("Han flyttade till [Hämeentie 12 B 8|ADR], [00530 Helsinki|POST]."),
        C("Postadress: [Lindenstraße 8|ADR], [D-04109 Leipzig|POST]"),
        C("Adress i England: [22 Elm Grove|ADR], [Bristol BS8 1XY|POST]"),
        C("Hemadress: [Ede 214|ADR], [834 98 Brunflo|POST]", note="rural place name + number"),
        C("Post skickas till [c/o Nyberg|ADR], [Box 1043|ADR], [901 20 Umeå|POST]"),
        C("Sökanden äger fastigheten [Luleå Notviken 3:41|ADR] tillsammans med sin bror.",
          note="fastighetsbeteckning: kommun, trakt, block:enhet"),
        C("Fastighetsbeteckning: [Ljusdal Järvsö-Kåsjö 2:15|ADR]"),
        C("Ärendet rör [Hedemora Vikmanshyttan 8:12|ADR].", note="designation without a property word"),
        # not addresses
        C("Enligt 26 kap. 1 § OSL och OSL 21:7 samt SFS 2001:453 hålls mötet kl. 13:15.",
          note="law references and times are not property designations"),
        C("Se Bilaga 3:2 och Förvaltningslagen 2017:900 om detaljplanen."),
        C("Under 2019 Stockholm hade fler ärenden än 2018 Malmö.", note="year + town is no postal code"),
        C("Skatteverket\nBox 2820\n403 20 Göteborg", note="agency postal address"),
        C("Vi bor nu på [Granstigen 5; lgh 1201|ADR], [641 37 Katrineholm|POST].",
          note="OCR reads the comma before the flat number as a semicolon"),
        C("Kontakt: [Skolvägen 2|ADR] · [54230 Mariestad|POST]", note="separator between street and code"),
        C("jag bor på [ekbacken 7|ADR], [352 46 växjö|POST] sen i höstas", note="informal lower case"),
        C("Modern bor numera på [Kyrkvägen 31 A|ADR] [643\n32 Vingåker|POST] enligt folkbokföringen.",
          note="prose wrapped inside the postnummer"),
        C("Kontaktperson: [c/o Linnea Borg|ADR], [Åsgatan 6, 2\ntr|ADR], [784 33 Borlänge|POST]",
          note="floor wrapped onto the next line"),
        C("Han uppger adressen [Nygårdsveien 9|ADR], [5008\nBergen|POST], Norge.",
          note="Norwegian code with the town after a line wrap"),
        C("Bostad i Danmark: [Algade 14, st. tv.|ADR], [4000 Roskilde|POST]", note="Danish floor part"),
        C("Adres: [ul. Kwiatowa 7/2|ADR], [31-042 Kraków|POST], Polska.", note="Polish street and code"),
        # #11: lower-case modifiers, wrapped house numbers, table cells
        C("skicka det till [västra skolgatan 4, 3 tr|ADR], [753 20 uppsala|POST]", note="lower-case modifier"),
        C("Brev kan skickas till [Björkvägen\n12B|ADR], [582 87 Linköping|POST].", note="house number wrapped"),
        C("[Ek, Eva|P]\n[Linvägen 12A|ADR]\n[214\n65\nMalmö|POST]\nVittne", note="postnummer wrapped in a narrow cell"),
    ],
}


_PNR_SOFT = pnr("780315-241").replace("-", "\u00ad")
CATEGORIES["unicode_forms"] = {
    "description": (
        "Values written with the code points PDFs produce (masking/normalize.py): soft hyphen "
        "for '-', non-breaking, thin and narrow spaces, non-breaking hyphens, full-width digits, "
        "zero-width characters, ligatures in the surrounding text."
    ),
    "checked": EVERYTHING,
    "cases": [
        C(f"Personnummer: [{_PNR_SOFT}|PNR]", note="soft hyphen (Liberation Sans, office fonts)"),
        C("Telefon: [070\u00ad123\u00a045\u00a067|TEL]", note="soft hyphen and non-breaking spaces"),
        C("Mobil [073\u2011987\u202f65\u202f43|TEL] efter kl. 16.", note="non-breaking hyphen, narrow spaces"),
        C("Pnr [\uff11\uff19\uff18\uff15\uff10\uff17\uff10\uff19\uff0d\uff19\uff18\uff10\uff15|PNR]",
          note="full-width digits and hyphen-minus"),
        C("Ansökan om \ufb01nansiering av \ufb02ytt: ring [070\u200b-555\u200b 12 34|TEL].",
          note="ligatures before the value, zero-width spaces inside it"),
        C("Adress: [Storgatan\u00a012|ADR], [123\u00a045\u00a0Malmö|POST]"),
    ],
}

# ================================================================================================
CATEGORIES["health"] = {
    "description": (
        "Health information in words (HEALTH, grouped with ICD-10 codes): diagnoses and "
        "conditions, symptoms, functional impairment, mental health and addiction, medications "
        "and doses, treatments and tests, care units that reveal a condition, reproductive and "
        "sexual health, injuries; the span is the diagnostic phrase with its modifiers. Negatives: "
        "words of the agency's process (sjukpenning, läkarintyg, vårdcentralen, arbetsförmåga), "
        "look-alike words and general statements about no one."
    ),
    "checked": ["HEALTH"],
    "cases": [
        # diagnoses and conditions
        C("Av intyget framgår att hon har [hjärtsvikt|HEALTH] och [förmaksflimmer|HEALTH]."),
        C("Den försäkrade har sedan 2019 [reumatoid artrit|HEALTH]."),
        C("Han fick diagnosen [multipel skleros|HEALTH] förra året."),
        C("Diagnos: [M79.7|ICD] [Fibromyalgi|HEALTH]"),
        C("Sjukskriven på grund av [recidiverande depression|HEALTH] enligt läkaren."),
        C("Hon har fått besked om [bröstcancer|HEALTH] och [opereras|HEALTH] i maj."),
        C("Sökanden lider av [svår astma|HEALTH] och [KOL|HEALTH]."),
        C("Han har [typ 1-diabetes|HEALTH] sedan barndomen."),
        C("Sonen har [ADHD|HEALTH] och [autism|HEALTH] enligt utredningen."),
        C("Diagnoser: [ME/CFS|HEALTH], [IBS|HEALTH]"),
        C("[Astman|HEALTH] har förvärrats under vintern."),
        C("[Migränanfallen|HEALTH] kommer nu varje vecka."),
        # symptoms and functional impairment
        C("Han beskriver [yrsel|HEALTH], [sömnsvårigheter|HEALTH] och [minnesproblem|HEALTH]."),
        C("Hon har [kroniska smärtor i ländryggen|HEALTH] och kan inte sitta länge."),
        C("Patienten har [panikattacker|HEALTH] flera gånger i veckan."),
        C("Han har en [synnedsättning|HEALTH] och behöver ledsagning."),
        C("Dottern har en [intellektuell funktionsnedsättning|HEALTH] och bor i [gruppbostad|HEALTH].",
          note="an LSS group home reveals the impairment"),
        # mental health and addiction
        C("Han uppger [självmordstankar|HEALTH] under hösten."),
        C("Hon har ett [alkoholberoende|HEALTH] och går på [beroendemottagningen|HEALTH]."),
        C("Den enskilde har ett [spelberoende|HEALTH] sedan flera år."),
        C("Han har [posttraumatiskt stressyndrom|HEALTH] efter flykten."),
        # medications and doses
        C("Hon tar [Sertralin 100 mg|HEALTH] dagligen."),
        C("Han medicinerar med [Elvanse 50 mg|HEALTH] och [Melatonin 3 mg|HEALTH] till natten."),
        C("Hon behandlas med [insulin|HEALTH] och [metformin|HEALTH]."),
        C("Han har fått [antidepressiva|HEALTH] utskrivet av läkaren."),
        # treatments and tests
        C("Hon får [dialys|HEALTH] tre dagar i veckan."),
        C("Han har genomgått [strålbehandling|HEALTH] och [cytostatikabehandling|HEALTH]."),
        C("Hon går i [KBT|HEALTH] hos psykolog varannan vecka."),
        C("En [MR-undersökning|HEALTH] av nacken är planerad."),
        # care units that reveal a condition
        C("Sonen har kontakt med [BUP|HEALTH] sedan i våras."),
        C("Hon är inskriven vid [psykiatrisk öppenvård|HEALTH]."),
        C("Han följs upp på [onkologen|HEALTH] varje månad."),
        C("Remitterad till [smärtkliniken|HEALTH] för bedömning."),
        # reproductive and sexual health, injuries
        C("Hon fick ett [missfall|HEALTH] i vecka 11."),
        C("Han har [hiv|HEALTH] och är välbehandlad."),
        C("Hon genomgår [fertilitetsbehandling|HEALTH]."),
        C("Han fick en [whiplashskada|HEALTH] vid olyckan."),
        C("Hon har en [fraktur på handleden|HEALTH] och kan inte skriva."),
        # not health data
        C("Du har rätt till sjukpenning från och med den 1 mars."),
        C("Läkarintyget kom in till oss den 12 april."),
        C("Hon har besökt vårdcentralen flera gånger."),
        C("Arbetsförmågan bedöms vara nedsatt med hälften."),
        C("Medicinskt underlag saknas i ärendet."),
        C("Han anmälde en arbetsskada till Försäkringskassan."),
        C("Mötet hålls i MS Teams klockan tio."),
        C("Beroende på svaret fattar vi ett nytt beslut."),
        C("Det blev en driftstörning i e-tjänsten."),
        # lay phrasing, eponyms, units named by an adjective
        C("Jag har haft [ont i ryggen|HEALTH] sedan olyckan och kan inte lyfta."),
        C("Barnet har [Downs syndrom|HEALTH] och behöver tillsyn."),
        C("Hon var inlagd på [psykiatrisk avdelning|HEALTH] i tre veckor."),
        C("Han är [beroende av alkohol|HEALTH] enligt socialtjänsten."),
        C("Skadan på bilen var större än väntat."),
        # #11: the person's own care unit after a work verb, treatment kinds, wrapped compounds
        C("Jag orkar inte arbeta och min psykolog på [ätstörningsenheten|HEALTH] har skrivit intyg."),
        C("Hon har erbjudits [internetbaserad KBT|HEALTH] under våren."),
        C("Hon har tidigare haft kontakt med [barn- och\nungdomspsykiatrin|HEALTH] i länet."),
        C("Hon går i [KBT vid social fobi|HEALTH] sedan i höstas."),
    ],
}

# ================================================================================================
CATEGORIES["written_forms"] = {
    "description": (
        "Every written form of the structured identifiers (#11 item 3): personnummer with spaced "
        "or long dashes and broken over lines, phone numbers in every notation and broken over "
        "lines, bank accounts in any grouping after a konto label, Swish, payment cards, foreign "
        "IBANs, Nordic identity numbers, LMA numbers; and the number net (UNKNOWN_ID) with the "
        "non-personal numbers it must leave alone."
    ),
    "checked": EVERYTHING + ["UNKNOWN_ID"],
    "cases": [
        # personnummer and samordningsnummer
        C(f"Personnummer [{pnr('19520311 - 482')}|PNR] enligt ansökan."),
        C(f"Den enskilde ([{pnr('520311 – 482')}|PNR]) har överklagat.", note="en dash with spaces"),
        C(f"Sökande: [Ylva Holm|P], [{pnr('19520311')[:8]}\n{pnr('19520311482')[8:]}|PNR]",
          note="the number broken over two lines by the layout"),
        C(f"Samordningsnummer [{pnr('710366 234')}|SAMN] har tilldelats."),
        # phone numbers
        C("Tel [+46 (0)8-123 45 67|TEL] eller [08/123 45 67|TEL]"),
        C("Mobil: [46702418819|TEL]", note="country code without +"),
        C("Nås på tel. [070-241\n88 19|TEL] dagtid.", note="broken over two lines"),
        C("Ring [00 46 70 241 88 19|TEL] eller [+49 30 1234567|TEL]."),
        # bank accounts, Swish, cards, IBAN
        C("Kontonummer: [8105-9, 914 123 456-7|KONTO]"),
        C("Utbetalning till konto [5000 12 34567|KONTO] hos SEB."),
        C("Konto [5000.12.34567|KONTO]", note="dots between the groups"),
        C("Clearingnr: [6789|KONTO]\nKontonr: [123 456 789|KONTO]", note="value split over two labels"),
        C("Bankkonto: [60879-2781066945|KONTO]", note="clearing out of range: still masked, lower score"),
        C("Gåvan swishades till föreningens Swish [123 274 55 10|KONTO].",
          note="a business Swish number is an alias of a bank account"),
        C("Swisha till [070-241 88 19|TEL].", note="a private Swish number is the phone number"),
        C("Kortnummer [4539 1488 0343 6467|PAYMENT_CARD] spärrades."),
        C("Utländskt konto: IBAN [DE89 3704 0044 0532 0130 00|IBAN]."),
        # Nordic identity numbers, LMA
        C("Norskt fødselsnummer [150765 00565|NORDIC_ID]"),
        C("Hennes danska CPR-nr. är [070761-4285|NORDIC_ID]."),
        C("Finsk henkilötunnus [131052-308T|NORDIC_ID]"),
        C("Han har LMA-kort med nummer [31-804217/1|ID]."),
        # the number net: identifiers written in forms nobody recognises
        C("Kundnummer [4581 1219 8763|UNKNOWN_ID] hos elbolaget."),
        C("Medlemsnummer: [73-551-902|UNKNOWN_ID]"),
        C("Hans försäkringsnummer är [5539 2047 18|UNKNOWN_ID]."),
        # non-personal numbers the net leaves alone
        C("Dnr 2024/1234 och FK 2024-123456 gäller samma sak."),
        C("Enligt SFS 2010:110 och lagen (2009:400), se prop. 2008/09:111 s. 12."),
        C("Beslut i ärende 7.2.1-40512/2024 bifogas."),
        C("Beloppet 1 234 567,50 kr betalas ut i maj."),
        C("Mötet den 2024-03-15 kl. 10.30-11.45 i rum 4."),
        C("Bolaget med org.nr 5566778899 är registrerat."),
        C("Under åren 2019–2023 ökade antalet till 412 000 personer."),
        C("Se HFD 4732-19 och sidorna 112-115."),
    ],
}

# ================================================================================================
CATEGORIES["prose"] = {
    "description": (
        "Precision on agency prose (#11 item 5): headings, English words and phrases, organisation "
        "names (with a place or a name word inside) are no person names, a title after a name "
        "ends it, a common word found in a heading is never masked in running text, and a name "
        "found in one form is masked in every occurrence."
    ),
    "checked": EVERYTHING,
    "cases": [
        C("Status\nArbetet med den nya e-tjänsten pågår och beräknas vara klart i höst."),
        C("Analys\nUnderlaget visar att handläggningstiderna har ökat under året."),
        C("Slutsatser och rekommendationer\nMyndigheten bör se över rutinerna för uppföljning."),
        C("Myndigheten har prövat hur Large Language Models kan stödja handläggningen.",
          note="an English phrase in Swedish prose"),
        C("Rapporten föreslår en gemensam Digital Strategy för hela förvaltningen."),
        C("Tjänsten bygger på Retrieval Augmented Generation och en intern kunskapsbas."),
        C("Studien genomfördes av Swedish Institute for Social Research på uppdrag av regeringen.",
          note="an English organisation name"),
        C("Region Västerbotten och Karolinska Institutet har lämnat synpunkter på förslaget.",
          note="a place and a name word inside organisation names"),
        C("Samarbetet med Linnéuniversitetet och Mittuniversitetet fortsätter."),
        C("Myndigheten använder artificiell intelligens för att sortera inkomna ärenden.\n"
          "Artificiell Intelligens\nUtvecklingen av artificiell intelligens följs noga.",
          note="a heading of common words: never masked in running text"),
        C("Beslut fattat av [Lejla Mrkonjic|P] Enhetschef vid lokalkontoret i Gävle.",
          note="a title after the name ends the name"),
        C("[Tomas Kihlberg|P] Handläggare\nAvdelningen för sjukförsäkring"),
        C("Utredare [Noora Haapala|P] har gått igenom underlaget."),
        C("Namn: [Elsa Vinter|P]\n[Vinter|P] har kompletterat ansökan med ett intyg. Ansökan kom in i vinter.",
          note="a surname that is a common word: every capitalised occurrence, not the word"),
        C("Riktlinjerna gäller för Kvarnby och dess projekt.\nKvarnbys riktlinjer finns på webbplatsen.\n"
          "Frågor om Kvarnby skickas till registraturen.",
          note="an organisation named over and over, never beside a person's evidence"),
        C("Komponenten testas med Tralvex.\nInstallera tralvex-config innan du kör Tralvex.",
          note="a product name written in lower case elsewhere in the document"),
        C("Sökande: [Wrya Xhemajli|P]\n[Xhemajli|P] har kompletterat ansökan.\n[Xhemajli|P]s ombud har ringt.\n"
          "Beslutet skickas till [Xhemajli|P].",
          note="a name introduced once with a label is masked wherever it recurs alone"),
        C("Verktyg Beskrivning\nTralvex Beskrivning\nBeskrivning\nFältet visas i listan.",
          note="a heading word beside a product name is not spread as a name"),
        C("Navigera i appen med Kvarnby Tralvex.\nInstallera först paketet kvarnby-tralvex.",
          note="a product name written in lower case elsewhere as a package name"),
        C("Listan bläddras med Page Up och Page Down när den har fokus.",
          note="English words that are also names (Page) beside English words"),
        C("Beslutet fattades av [Will Smith|P] och [Grace Page|P] vid mötet.",
          note="given names that are English words still make names"),
        C("Publicera paketen på Kvarnby Central.\nKvarnby Central tar emot utgåvor.\n"
          "Läs mer om Kvarnby Central i guiden.",
          note="a recurring product name with a common word, never beside a person's evidence"),
        C("Konferensen hölls i Guadalajara och nästa år i Sapporo.",
          note="cities of the world (world_places.txt, from GeoNames) are no persons"),
        C("Hon reste vidare till Ciudad Juárez med bussen.", note="a city of two words"),
        C("Kumasis marknad är den största i regionen.", note="a city's genitive"),
        C("Förenta staterna har svarat på förfrågan.", note="a country of two words, one in lower case"),
        C('Hon har sett alla säsonger av tv-serien "Karin och Lasse".',
          note="a quoted title after a noun for a work, though it holds given names"),
        C("Artikeln stod i Lindberg Post i går.", note="a newspaper: an organisation word after a surname"),
        C("Laget mötte Hallberg IF i finalen.", note="a sports club: a club form after a surname"),
        C("Vi träffade [Amina Ostrava|P] på mottagningen.",
          note="a city of the world after a given name is a surname"),
        C("[Jackson|P] kom hem sent i går kväll.",
          note="a surname that is also a city abroad stays a name (left out of world_places.txt)"),
        C('Sedan läste [Elsa Borg|P] upp brevet från sin dotter.',
          note="no quoted title: a name after a verb"),
        C("Sökande: [Tova Ford|P]\n[Ford|P] har kompletterat ansökan. Hon kör en Ford Focus till jobbet.",
          note="a name part that is a car make is not linked to the car (make and model)"),
        C("Utställningen om [Elin Qerimi|P] öppnar i maj. Besök Qerimi-museet i sommar.",
          note="a name part is not linked to an institution named after the person"),
        C("Koncernen sålde Saab, Ford och Kia till nya ägare.",
          note="car makes listed together are the makes"),
    ],
}
