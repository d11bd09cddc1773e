"""Health information in words: diagnoses (with their modifiers), conditions, medications,
treatments and care units that reveal a condition; ICD-10 codes beside some of them.

Also the process words that are *not* health data (sjukpenning, läkarintyg, vårdcentralen …).
This package's own lists, written from general clinical knowledge.
"""

from __future__ import annotations

import random

from .frag import Frag, K, P, V

# (phrase, ICD-10 code or "", form)
DIAGNOSES = (
    ("medelsvår depressiv episod", "F32.1", "dx:modified"),
    ("lätt depressiv episod", "F32.0", "dx:modified"),
    ("recidiverande depression", "F33.1", "dx:modified"),
    ("generaliserat ångestsyndrom", "F41.1", "dx:plain"),
    ("paniksyndrom", "F41.0", "dx:plain"),
    ("posttraumatiskt stressyndrom", "F43.1", "dx:plain"),
    ("PTSD", "F43.1", "dx:abbrev"),
    ("ADHD", "F90.0", "dx:abbrev"),
    ("autismspektrumtillstånd", "F84.0", "dx:plain"),
    ("bipolär sjukdom typ II", "F31.8", "dx:modified"),
    ("paranoid schizofreni", "F20.0", "dx:modified"),
    ("emotionellt instabil personlighetsstörning", "F60.3", "dx:modified"),
    ("utmattningssyndrom", "F43.8A", "dx:plain"),
    ("kronisk obstruktiv lungsjukdom", "J44.9", "dx:modified"),
    ("KOL", "J44.9", "dx:abbrev"),
    ("multipel skleros", "G35", "dx:plain"),
    ("MS", "G35", "dx:abbrev"),
    ("diabetes mellitus typ 2", "E11.9", "dx:modified"),
    ("typ 1-diabetes", "E10.9", "dx:modified"),
    ("reumatoid artrit", "M06.9", "dx:plain"),
    ("fibromyalgi", "M79.7", "dx:plain"),
    ("kroniskt smärtsyndrom", "R52.2", "dx:modified"),
    ("lumbago med ischias", "M54.4", "dx:modified"),
    ("IBS", "K58.9", "dx:abbrev"),
    ("Crohns sjukdom", "K50.9", "dx:eponym"),
    ("ulcerös kolit", "K51.9", "dx:plain"),
    ("epilepsi", "G40.9", "dx:plain"),
    ("svår migrän", "G43.9", "dx:modified"),
    ("bröstcancer", "C50.9", "dx:plain"),
    ("prostatacancer", "C61", "dx:plain"),
    ("alkoholberoende", "F10.2", "dx:plain"),
    ("opioidberoende", "F11.2", "dx:plain"),
    ("anorexia nervosa", "F50.0", "dx:plain"),
    ("kronisk hjärtsvikt", "I50.9", "dx:modified"),
    ("förmaksflimmer", "I48.9", "dx:plain"),
    ("akut hjärtinfarkt", "I21.9", "dx:modified"),
    ("lindrig intellektuell funktionsnedsättning", "F70", "dx:modified"),
    ("Parkinsons sjukdom", "G20", "dx:eponym"),
    ("Alzheimers sjukdom", "G30.9", "dx:eponym"),
    ("svår astma", "J45.9", "dx:modified"),
    ("hiv-infektion", "B24", "dx:plain"),
    ("kronisk hepatit C", "B18.2", "dx:modified"),
    ("OCD", "F42.2", "dx:abbrev"),
    ("tvångssyndrom", "F42.2", "dx:plain"),
    ("social fobi", "F40.1", "dx:plain"),
)

# informal, lower-case, inflected ways citizens write about health (phrase, form)
LAY = (
    ("adhd", "dx:lay-lower-abbrev"), ("svår ångest", "dx:lay"), ("depressionen", "dx:lay-inflected"),
    ("utbrändheten", "dx:lay-inflected"), ("cancern", "dx:lay-inflected"), ("panikångest", "dx:lay"),
    ("diabetes", "dx:lay"), ("ms-skov", "dx:lay-lower-abbrev"), ("astman", "dx:lay-inflected"),
    ("kol", "dx:lay-lower-abbrev"), ("ptsd", "dx:lay-lower-abbrev"), ("ätstörning", "dx:lay"),
    ("missbruksproblem", "dx:lay"), ("ryggskadan", "dx:lay-inflected"), ("autism", "dx:lay"),
    ("epilepsianfall", "dx:lay"), ("psykos", "dx:lay"), ("självmordstankar", "dx:lay"),
)

MEDICATIONS = (
    ("sertralin", "{d} mg x 1"), ("Sertralin Accord", "{d} mg dagligen"), ("escitalopram", "{d} mg"),
    ("Elvanse", "{d} mg på morgonen"), ("Concerta", "{d} mg"), ("metylfenidat", "{d} mg"),
    ("Lyrica", "{d} mg två gånger dagligen"), ("pregabalin", "{d} mg"), ("Imovane", "7,5 mg till natten"),
    ("quetiapin", "{d} mg"), ("Seroquel Depot", "{d} mg"), ("lamotrigin", "{d} mg"), ("Keppra", "{d} mg x 2"),
    ("metformin", "{d} mg x 2"), ("NovoRapid", "enligt schema"), ("Lantus", "{d} E till kvällen"),
    ("Oxycodone", "{d} mg vid behov"), ("Subutex", "{d} mg"), ("Antabus", "{d} mg"), ("Lergigan", "{d} mg vid behov"),
    ("Voxra", "{d} mg"), ("litium", "{d} mg"), ("Tegretol Retard", "{d} mg"), ("Atarax", "{d} mg vid behov"),
    ("Ritalin", "{d} mg"), ("Bricanyl Turbuhaler", "vid behov"), ("Spiriva", "en inhalation dagligen"),
    ("Humira", "var annan vecka"), ("Tysabri", "var fjärde vecka"), ("Ozempic", "1 mg per vecka"),
)

TREATMENTS = (
    ("KBT-behandling", "tx"), ("traumafokuserad KBT", "tx"), ("ECT-behandling", "tx"), ("dialys", "tx"),
    ("cytostatikabehandling", "tx"), ("strålbehandling", "tx"), ("abstinensbehandling", "tx"),
    ("läkemedelsassisterad behandling vid opioidberoende", "tx"), ("LARO-behandling", "tx"),
    ("ätstörningsbehandling", "tx"), ("neuropsykiatrisk utredning", "tx"), ("smärtrehabilitering", "tx"),
)

CARE_UNITS = (
    ("BUP", "unit:abbrev"), ("barn- och ungdomspsykiatrin", "unit"), ("beroendemottagningen", "unit"),
    ("psykiatriska akutmottagningen", "unit"), ("vuxenpsykiatrin", "unit"), ("psykiatrisk öppenvård", "unit"),
    ("ätstörningsenheten", "unit"), ("Maria Ungdom", "unit:named"), ("onkologiska kliniken", "unit"),
    ("dialysavdelningen", "unit"), ("smärtmottagningen", "unit"), ("habiliteringen", "unit"),
    ("rättspsykiatriska kliniken", "unit"), ("minnesmottagningen", "unit"),
)

# medical-sounding words of the agency's process (not health data): kept
PROCESS_WORDS = ("sjukpenning", "läkarintyg", "vårdcentralen", "sjukersättning", "arbetsförmåga",
                 "rehabiliteringsplan", "försäkringsmedicinsk rådgivare", "aktivitetsersättning",
                 "försörjningsstöd", "avstämningsmöte", "sjukskrivningsperiod", "vårdnadshavare",
                 "elevhälsoteamet", "tandvård")


def diagnosis(rng: random.Random, with_code: float = 0.4) -> Frag:
    phrase, code, form = rng.choice(DIAGNOSES)
    f = V(phrase, "HEALTH", "health:" + form)
    if code and rng.random() < with_code:
        f = f + rng.choice([" (", " ("]) + V(code, "ICD10_CODE", "icd:paren") + ")"
    return f


def diagnosis_first_code(rng: random.Random) -> Frag:
    """"F32.1 Medelsvår depressiv episod" as in a certificate's diagnosis field."""
    phrase, code, form = rng.choice([d for d in DIAGNOSES if d[1]])
    text = phrase[0].upper() + phrase[1:] if form != "dx:abbrev" else phrase
    return V(code, "ICD10_CODE", "icd:leading") + " " + V(text, "HEALTH", "health:" + form + ":after-code")


def lay(rng: random.Random) -> Frag:
    phrase, form = rng.choice(LAY)
    return V(phrase, "HEALTH", "health:" + form)


def medication(rng: random.Random) -> Frag:
    med, dose = rng.choice(MEDICATIONS)
    d = rng.choice(["10", "25", "50", "75", "100", "150", "200", "300"])
    return V(med, "HEALTH", "health:med") + " " + dose.format(d=d)


def treatment(rng: random.Random) -> Frag:
    t, form = rng.choice(TREATMENTS)
    return V(t, "HEALTH", "health:" + form)


def care_unit(rng: random.Random) -> Frag:
    u, form = rng.choice(CARE_UNITS)
    return V(u, "HEALTH", "health:" + form)


def process_word(rng: random.Random) -> Frag:
    return K(rng.choice(PROCESS_WORDS), "PROCESS_WORD")
