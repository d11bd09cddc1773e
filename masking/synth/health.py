"""Health information in words for the generated documents (``HEALTH`` tags).

Diagnoses next to ICD codes come from :data:`masking.synth.values.ICD10`; this module adds the
other ways case files carry health data: symptoms, functional impairment, medications with
doses, treatments and tests, care units that reveal a condition, reproductive health and injuries.
Texts are written with marks, ``"[Nedstämdhet] och [sömnstörning]."``: each bracketed phrase
becomes a ``HEALTH`` tag (:func:`parts`).
"""

from __future__ import annotations

import re

from masking import entities as E

from .layout import Part, Tag

_MARK = re.compile(r"\[([^\[\]]+)\]")


def parts(marked: str) -> list[Part]:
    """``"Har [yrsel] ibland."`` -> ``["Har ", Tag("yrsel", HEALTH), " ibland."]``."""
    out: list[Part] = []
    pos = 0
    for m in _MARK.finditer(marked):
        if m.start() > pos:
            out.append(marked[pos : m.start()])
        out.append(Tag(m.group(1), E.HEALTH))
        pos = m.end()
    if pos < len(marked):
        out.append(marked[pos:])
    return out


def tag(text: str) -> Tag:
    return Tag(text, E.HEALTH)


# Medications as written in certificates and notes: product or substance, dose.
MEDICATIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Sertralin", ("50 mg", "100 mg", "150 mg")),
    ("Escitalopram", ("10 mg", "20 mg")),
    ("Citalopram", ("20 mg", "40 mg")),
    ("Mirtazapin", ("15 mg", "30 mg")),
    ("Venlafaxin", ("75 mg", "150 mg")),
    ("Alvedon", ("500 mg", "665 mg", "1 g")),
    ("Paracetamol", ("500 mg", "1 g")),
    ("Ipren", ("200 mg", "400 mg")),
    ("Naproxen", ("250 mg", "500 mg")),
    ("Tramadol", ("50 mg",)),
    ("Pregabalin", ("75 mg", "150 mg")),
    ("Lyrica", ("75 mg",)),
    ("Elvanse", ("30 mg", "50 mg", "70 mg")),
    ("Concerta", ("36 mg", "54 mg")),
    ("Metformin", ("500 mg", "1 g")),
    ("Levaxin", ("50 mikrogram", "100 mikrogram")),
    ("Eliquis", ("5 mg",)),
    ("Waran", ("2,5 mg",)),
    ("Imovane", ("5 mg", "7,5 mg")),
    ("Propavan", ("25 mg",)),
    ("Lamotrigin", ("100 mg", "200 mg")),
    ("Quetiapin", ("25 mg", "50 mg")),
    ("Atorvastatin", ("20 mg", "40 mg")),
    ("Omeprazol", ("20 mg",)),
]
DRUG_CLASSES = ["antidepressiva", "insulin", "smärtstillande", "sömnmedel", "cytostatika",
                "blodtrycksmedicin", "lugnande tabletter", "kortison", "antibiotika"]

# Care units whose name tells what the person is treated for.
REVEALING_UNITS = ["Psykiatriska mottagningen", "Vuxenpsykiatrin", "Beroendemottagningen",
                   "Smärtmottagningen", "Ortopedkliniken", "Onkologiska kliniken", "Habiliteringen",
                   "Minnesmottagningen", "Diabetesmottagningen", "BUP", "Psykiatrisk öppenvård",
                   "Smärtkliniken", "Reumatologiska kliniken", "Neurologiska kliniken"]
# Lower case, after "på"/"vid"/"till" in running text.
UNITS_IN_TEXT = ["beroendemottagningen", "vuxenpsykiatrin", "psykiatriska mottagningen", "BUP",
                 "smärtkliniken", "onkologen", "habiliteringen", "minnesmottagningen",
                 "psykiatrisk öppenvård", "reumatologen", "neurologen", "diabetesmottagningen"]

SYMPTOMS = ["yrsel", "huvudvärk", "sömnsvårigheter", "panikattacker", "nedstämdhet", "minnesproblem",
            "koncentrationssvårigheter", "illamående", "andfåddhet", "kroniska smärtor i ländryggen",
            "smärtor i nacken", "ryggsmärta", "domningar i händerna", "hjärtklappning",
            "självmordstankar", "ångest", "uttalad uttröttbarhet", "ledvärk"]
TREATMENTS = ["KBT", "dialys", "strålbehandling", "fysioterapi", "sjukgymnastik", "psykoterapi",
              "substitutionsbehandling", "cytostatikabehandling", "samtalsbehandling",
              "multimodal rehabilitering", "insulinbehandling", "smärtbehandling"]
TESTS = ["en MR-undersökning", "en datortomografi", "en gastroskopi", "en neuropsykiatrisk utredning",
         "en koloskopi", "ett EKG", "en röntgenundersökning"]
OTHER_CONDITIONS = ["graviditet", "missfall", "hiv", "whiplashskada", "hjärnskakning", "fraktur på handleden",
                    "ett alkoholberoende", "ett spelberoende", "en synnedsättning", "en hörselnedsättning",
                    "endometrios", "en knäskada", "tinnitus", "sömnapné", "migrän", "psoriasis"]

FUNCTION_TEXTS = [
    "[Nedsatt koncentrationsförmåga] och [uttalad uttröttbarhet]. [Minnesstörningar].",
    "[Smärta i ländryggen] med utstrålning i vänster ben. [Nedsatt rörlighet i bålen].",
    "[Nedstämdhet], [sömnstörning] och [ångest]. Svårt att hantera stress och krav.",
    "[Nedsatt gångförmåga], klarar cirka 200 meter. Begränsad lyft- och bärförmåga.",
    "[Yrsel] och [huvudvärk] vid belastning. Ljus- och ljudkänslighet.",
    "[Nedsatt rörlighet] och kraft i höger axel. Kan inte arbeta med armarna över axelhöjd.",
    "[Påtaglig trötthet], [andfåddhet] vid lätt ansträngning och [nedsatt uthållighet].",
    "Svårt att fokusera, lättdistraherad, behöver täta pauser.",
    "[Panikattacker] flera gånger i veckan och [sömnsvårigheter].",
    "[Kroniska smärtor i nacken] och [domningar i höger hand].",
]
TREATMENT_TEXTS = [
    "[Sertralin 50 mg 1x1]. [Samtalsbehandling] ([KBT]) hos psykolog varannan vecka.",
    "[Fysioterapi] med träningsprogram. [Paracetamol] vid behov.",
    "[Escitalopram 10 mg 1x1] och sömnhygieniska råd. Remiss till [psykiatrin].",
    "Väntar på [operation]. [Smärtlindring med naproxen] och [tramadol] vid behov.",
    "[Insulinbehandling] och regelbundna kontroller hos [diabetessköterska].",
    "Arbetsterapeutisk bedömning planerad. [Multimodal rehabilitering] påbörjad.",
    "[Dialys] tre gånger i veckan på [dialysmottagningen].",
    "[Strålbehandling] avslutad, [cytostatikabehandling] pågår på [onkologen].",
    "[Elvanse 50 mg] på morgonen. Uppföljning på [vuxenpsykiatrin].",
    "[Pregabalin 75 mg 1x2] och [sjukgymnastik] en gång i veckan.",
]


def diagnosis_parts(text: str, capital: bool = False) -> list[Part]:
    """An ICD title as tagged parts: ``"sjukdomskänsla och trötthet"`` is two tags (the ``och``
    between two conditions is not health data); ``"ångest- och depressionstillstånd"`` is one."""
    if capital:
        text = text[0].upper() + text[1:]
    pieces = re.split(r"(?<!-) och ", text)
    out: list[Part] = []
    for i, piece in enumerate(pieces):
        if i:
            out.append(" och ")
        out.append(tag(piece))
    return out


def medication(rng) -> Tag:  # type: ignore[no-untyped-def]
    name, doses = rng.choice(MEDICATIONS)
    text = f"{name} {rng.choice(doses)}"
    if rng.random() < 0.3:
        text += " " + rng.choice(["1x1", "1x2", "2x2", "1x3"])
    if rng.random() < 0.25:
        text = text[0].lower() + text[1:] if name not in ("Alvedon", "Ipren", "Lyrica", "Elvanse", "Concerta",
                                                           "Levaxin", "Eliquis", "Waran", "Imovane", "Propavan") else text
    return tag(text)


def _article(phrase: str) -> list[Part]:
    """``"en MR-undersökning"`` -> ``["en ", Tag("MR-undersökning")]``."""
    for art in ("en ", "ett "):
        if phrase.startswith(art):
            return [art, tag(phrase[len(art):])]
    return [tag(phrase)]


def sentence(rng, pron: str, poss: str) -> list[Part]:  # type: ignore[no-untyped-def]
    """One sentence about a person's health (``pron``: hon/han/hen, ``poss``: hennes/hans/hens)."""
    Pron = pron.capitalize()
    form = rng.randrange(8)
    when = rng.choice(["i våras", "förra året", "några månader", "i höstas", "flera år"])
    since = "sedan " + when if not when.endswith(("månader", "år")) else f"sedan {when} tillbaka"
    if form == 0:
        return [f"{Pron} tar ", medication(rng), " dagligen."]
    if form == 1:
        return [f"{Pron} medicinerar med ", medication(rng), f" {since}."]
    if form == 2:
        return [f"{Pron} har kontakt med ", tag(rng.choice(UNITS_IN_TEXT)), " och går i ",
                tag(rng.choice(TREATMENTS)), "."]
    if form == 3:
        a, b = rng.sample(SYMPTOMS, 2)
        return [f"{Pron} besväras av ", tag(a), " och ", tag(b), "."]
    if form == 4:
        return [f"{Pron} har remitterats till ", tag(rng.choice(UNITS_IN_TEXT)), " för ",
                *_article(rng.choice(TESTS)), "."]
    if form == 5:
        return [f"Enligt {poss} läkare har {pron} ", *_article(rng.choice(OTHER_CONDITIONS)), "."]
    if form == 6:
        return [f"{Pron} har sedan tidigare ", *_article(rng.choice(OTHER_CONDITIONS)), " och behandlas med ",
                tag(rng.choice(DRUG_CLASSES)), "."]
    return [f"{Pron} uppger ", tag(rng.choice(SYMPTOMS)), f" {since} och har fått ",
            tag(rng.choice(DRUG_CLASSES)), " utskrivet."]
