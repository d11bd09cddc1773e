"""Tests for the health-information recognizer (HEALTH): per sub-class, positives and negatives."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_health import SeHealthRecognizer

REC = SeHealthRecognizer()
HEALTH = entities.HEALTH
THRESHOLD = 0.4  # the shipped policies' automatic masking threshold


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [HEALTH]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


def masked(text: str) -> list[str]:
    return [span for span, score in found(text) if score >= THRESHOLD]


# -- diagnoses and conditions --------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, span",
    [
        ("Diagnos: F32.1 Medelsvår depressiv episod", "Medelsvår depressiv episod"),
        ("Hon har fibromyalgi sedan flera år.", "fibromyalgi"),
        ("Han har multipel skleros och går på kontroller.", "multipel skleros"),
        ("Hon har bröstcancer och är sjukskriven.", "bröstcancer"),
        ("Han fick en stroke i våras.", "stroke"),
        ("Astman har blivit sämre under hösten.", "Astman"),
        ("Hon har generaliserat ångestsyndrom.", "generaliserat ångestsyndrom"),
        ("Han har kronisk njursjukdom, stadium 3.", "kronisk njursjukdom, stadium 3"),
        ("Diagnos: diabetes mellitus typ 2", "diabetes mellitus typ 2"),
        ("Läkaren bedömer att han har hjärtsvikt.", "hjärtsvikt"),
        ("Diagnoser: lumbago med ischias", "lumbago med ischias"),
        ("Hon har diskbråck i ländryggen.", "diskbråck i ländryggen"),
        ("Han har urinvägsinfektion igen.", "urinvägsinfektion"),
        ("Hon har psoriasis, ospecificerad.", "psoriasis, ospecificerad"),
    ],
)
def test_diagnoses(text: str, span: str) -> None:
    assert masked(text) == [span]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Han har ADHD och autism.", "ADHD"),
        ("Hon har KOL.", "KOL"),
        ("Han lider av PTSD efter olyckan.", "PTSD"),
        ("Diagnos: IBS", "IBS"),
        ("Hon har ME/CFS sedan 2019.", "ME/CFS"),
        ("ADHD:n gör att hon har svårt att planera.", "ADHD:n"),
        ("Hon har fått en adhd-diagnos.", "adhd-diagnos"),
        ("Han är KOL-patient.", "KOL-patient"),
    ],
)
def test_abbreviations(text: str, span: str) -> None:
    assert span in masked(text)


def test_inflections_and_compounds() -> None:
    assert masked("Diabetesbehandlingen fungerar men migränanfallen kommer tillbaka.") == [
        "Diabetesbehandlingen",
        "migränanfallen",
    ]
    assert masked("Depressionen och astmamedicinen påverkar henne.") == ["Depressionen", "astmamedicinen"]


def test_ambiguous_abbreviation_needs_a_cue() -> None:
    assert masked("Diagnos: MS") == ["MS"]
    assert masked("Hon har MS sedan länge.") == ["MS"]
    assert found("Mötet hålls i MS Teams.") == []
    assert found("Blanketten skickas med MR-numret.") == []


# -- symptoms, impairment, mental health and addiction -----------------------------------------
@pytest.mark.parametrize(
    "text, span",
    [
        ("Han har kroniska smärtor i ländryggen.", "kroniska smärtor i ländryggen"),
        ("Hon besväras av yrsel och huvudvärk.", "yrsel"),
        ("Hon har sömnsvårigheter och minnesproblem.", "sömnsvårigheter"),
        ("Han har panikattacker flera gånger i veckan.", "panikattacker"),
        ("Hon har ryggsmärta vid stillasittande.", "ryggsmärta"),
        ("Han har en synnedsättning.", "synnedsättning"),
        ("Hon har en intellektuell funktionsnedsättning.", "intellektuell funktionsnedsättning"),
        ("Han har självmordstankar.", "självmordstankar"),
        ("Han har ett alkoholmissbruk sedan tonåren.", "alkoholmissbruk"),
        ("Hon har ett spelberoende.", "spelberoende"),
        ("Han har substansbrukssyndrom.", "substansbrukssyndrom"),
    ],
)
def test_symptoms_impairment_mental_health(text: str, span: str) -> None:
    assert span in masked(text)


# -- medications, treatments, care units -------------------------------------------------------
def test_medications_with_dose() -> None:
    assert masked("Hon tar Alvedon 500 mg vid behov.") == ["Alvedon 500 mg"]
    assert masked("Sertralin 50 mg 1x1.") == ["Sertralin 50 mg 1x1"]
    assert masked("Han medicinerar med insulin.") == ["insulin"]
    assert masked("Hon behandlas med antidepressiva.") == ["antidepressiva"]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Han får dialys tre gånger i veckan.", "dialys"),
        ("Hon genomgår strålbehandling.", "strålbehandling"),
        ("Han går i KBT hos psykolog.", "KBT"),
        ("Hon väntar på en MR-undersökning.", "MR-undersökning"),
        ("Han är remitterad till beroendemottagningen.", "beroendemottagningen"),
        ("Sonen har kontakt med BUP.", "BUP"),
        ("Hon har kontakt med psykiatrisk öppenvård.", "psykiatrisk öppenvård"),
        ("Han behandlas på onkologen.", "onkologen"),
        ("Hon är inskriven på habiliteringen.", "habiliteringen"),
        ("Han har fått tid på smärtkliniken.", "smärtkliniken"),
    ],
)
def test_treatments_and_care_units(text: str, span: str) -> None:
    assert span in masked(text)


# -- reproductive and sexual health, injuries ---------------------------------------------------
@pytest.mark.parametrize(
    "text, span",
    [
        ("Hon fick ett missfall i vecka 10.", "missfall"),
        ("Hon är gravid i vecka 20.", "gravid"),
        ("Graviditeten har varit komplicerad.", "Graviditeten"),
        ("Han har hiv och går på kontroller.", "hiv"),
        ("Hon genomgår fertilitetsbehandling.", "fertilitetsbehandling"),
        ("Han fick en fraktur på handleden.", "fraktur på handleden"),
        ("Hon har en whiplashskada efter olyckan.", "whiplashskada"),
        ("Han fick en brännskada på armen.", "brännskada på armen"),
        ("Hon har en knäskada.", "knäskada"),
    ],
)
def test_reproductive_health_and_injuries(text: str, span: str) -> None:
    assert span in masked(text)


# -- what is not health data ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Du har rätt till sjukpenning från och med den 1 mars.",
        "Sjukersättning beviljas enligt 33 kap. SFB.",
        "Läkarintyget kom in den 12 april.",
        "Hon har varit på vårdcentralen.",
        "Arbetsförmågan är nedsatt med 25 procent.",
        "Medicinskt underlag saknas.",
        "Hon har varit sjukskriven sedan mars.",
        "Han anmälde en arbetsskada.",
        "Beroende på vädret kommer vi senare.",
        "Det blev en driftstörning i systemet.",
        "Det var ett maktmissbruk av chefen.",
        "Vi använder MS Teams för mötet.",
        "Stora Operationen i trädgården.",
        "Han har sympati för förslaget.",
    ],
)
def test_process_words_and_look_alikes(text: str) -> None:
    assert masked(text) == []


def test_general_statement_is_proposed_not_masked() -> None:
    assert found("Depression är vanligt bland unga vuxna.") == [("Depression", 0.3)]
    assert masked("Andelen personer med diabetes ökar i befolkningen.") == []
    # the same words about a person are masked
    assert masked("Hon har depression och diabetes.") == ["depression", "diabetes"]


def test_span_keeps_modifiers_not_the_sentence() -> None:
    assert masked("Han har en lindrig depressiv episod sedan i vintras.") == ["lindrig depressiv episod"]
    assert masked("Hon har akut hjärtinfarkt.") == ["akut hjärtinfarkt"]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Jag har haft ont i ryggen sedan olyckan.", "ont i ryggen"),
        ("Han har fått en skada i knät.", "skada i knät"),
        ("Hon fick problem med magen.", "problem med magen"),
        ("Barnet har Downs syndrom.", "Downs syndrom"),
        ("Hon har varit inlagd på psykiatrisk avdelning.", "psykiatrisk avdelning"),
        ("Han är beroende av alkohol.", "beroende av alkohol"),
        ("Hon är blind sedan födseln.", "blind"),
        ("Hon har en depression av medelsvår grad.", "depression av medelsvår grad"),
        ("Han har rygg- och nackbesvär.", "rygg- och nackbesvär"),
        ("Hon bröt armen i vintras.", "bröt armen"),
        ("Målsäganden fick en spricka i käkbenet.", "spricka i käkbenet"),
        ("Hon har ryggont sedan flytten.", "ryggont"),
        ("Han har hotat att ta sitt liv.", "ta sitt liv"),
        ("Diagnos: bipolär sjukdom, lindrig eller medelsvår depressiv episod",
         "bipolär sjukdom, lindrig eller medelsvår depressiv episod"),
    ],
)
def test_lay_phrasing_and_title_forms(text: str, span: str) -> None:
    assert masked(text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        "Det gör ont att se.",
        "Skadan på bilen var stor.",
        "Hon har problem med ekonomin.",
        "Projektet Operation Sommar startade i juni.",
        "Sjukdomens konsekvenser – funktionsnedsättning",
        "Det finns sprickor i samhället.",
        "Han bröt mot lagen.",
        "Brott på nätet ökar.",
        "Hans sjukdom har förvärrats.",
        "Hon arbetar som undersköterska inom psykiatrin.",
    ],
)
def test_words_that_need_a_body_part_or_a_cue(text: str) -> None:
    assert masked(text) == []


def test_only_asked_entity() -> None:
    assert REC.analyze("Hon har astma.", [entities.PERSON]) == []


# -- recall classes from documents written outside the project (#11) ---------------------------
@pytest.mark.parametrize(
    "text, span",
    [
        # the person's own care unit, though a work verb stands before it
        ("Jag orkar inte arbeta och min psykolog på ätstörningsenheten har skrivit intyg.", "ätstörningsenheten"),
        ("Kan inte jobba, hennes läkare vid smärtkliniken vet om det.", "smärtkliniken"),
        # a compound participle naming the kind of treatment
        ("Hon har erbjudits internetbaserad KBT under våren.", "internetbaserad KBT"),
        # a modifier and its term on two lines; a shared first part across a line break
        ("Han har sedan länge kronisk\nnjursvikt enligt intyget.", "kronisk\nnjursvikt"),
        ("Hon har tidigare haft kontakt med barn- och\nungdomspsykiatrin i länet.", "barn- och\nungdomspsykiatrin"),
        # a treatment for a condition is one phrase
        ("Hon går i KBT vid social fobi sedan i höstas.", "KBT vid social fobi"),
        # the formulation word after the product's name
        ("Hon använder Pulmicort Turbuhaler morgon och kväll.", "Pulmicort Turbuhaler"),
    ],
)
def test_indep_recall_classes(text: str, span: str) -> None:
    assert span in masked(text)


def test_lower_case_abbreviation_of_a_diagnosis_with_a_person() -> None:
    assert masked("sen i våras är det svårt, jag har als och kan inte gå till jobbet.") == ["als"]
    assert masked("Vi köpte kol till grillen igår.") == []


def test_care_unit_as_workplace_still_not_health() -> None:
    assert masked("Han arbetar som skötare på beroendemottagningen sedan 2019.") == []


def test_type_in_roman_numerals_is_part_of_the_diagnosis() -> None:
    assert masked("Eleven har bipolär sjukdom typ II och behöver stöd.") == ["bipolär sjukdom typ II"]


def test_self_report_is_a_personal_reference() -> None:
    text = "Mannen kom till akuten i natt och har enligt egen uppgift als sedan flera år."
    assert "als" in masked(text)


# -- scanned text: one OCR look-alike in a long word (class regression cases) --------------------
@pytest.mark.parametrize(
    "text, span",
    [
        ("Hon har lungcåncer sedan i fjol.", "lungcåncer"),  # a diacritic gained
        ("Han går på psykiåtrin varje vecka.", "psykiåtrin"),
        ("Han har alkoholprobiem.", "alkoholprobiem"),  # "l" read as "i"
        ("Jag har ångestsyndrorn sedan länge.", "ångestsyndrorn"),  # "m" read as "rn"
    ],
)
def test_one_ocr_look_alike_in_a_long_word(text: str, span: str) -> None:
    assert [s for s, score in found(text) if score >= 0.6] == [span]


# -- scanned text: a care unit OCR damaged by more than one look-alike ---------------------------
@pytest.mark.parametrize(
    "text, span",
    [
        # two letters misread at the start and one added near the end, no full stop after it
        ("Klienten har tidigare vårdats inom Bialysavdeiningaen och bor nu hemma.", "Bialysavdeiningaen"),
        ("Hon vårdades på Beroendemottaqninqen under våren.", "Beroendemottaqninqen"),
        ("Sökanden har kontakt med Psykosmotaqningen varannan vecka.", "Psykosmotaqningen"),
        ("Han är inskriven vid Minnesmotagningen.", "Minnesmotagningen"),
    ],
)
def test_ocr_damaged_care_unit_with_a_cue_or_a_person(text: str, span: str) -> None:
    assert masked(text) == [span]


@pytest.mark.parametrize(
    "text, span",
    [
        ("jag behöver smärtrehabilitering'och jag orkar inte", "smärtrehabilitering"),  # a space read as '
        ("han går på beroendemottagningen’varje vecka", "beroendemottagningen"),
        ("hon har ångestsyndrom-enligt läkaren", "ångestsyndrom"),  # ... or as a hyphen
    ],
)
def test_term_glued_to_the_next_word_by_ocr(text: str, span: str) -> None:
    assert masked(text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hölls i Konferensavdelningen på plan 3.",  # a long word near no unit
        "Planeringsavdelningen ansvarar för budgeten.",
        "Chefen för Bialysavdeiningaen presenterade budgeten.",  # a unit's look-alike, nobody's care
    ],
)
def test_no_fuzzy_care_unit_without_a_person_or_cue(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Vi skickar beslutet till kommunen och försäkringskassan.",
        "Handläggaren har kontrollerat uppgifterna i ansökan om bostadsbidrag.",
        "Sammanträdet avslutades med att ordföranden tackade.",
    ],
)
def test_ordinary_long_words_are_no_look_alikes(text: str) -> None:
    assert found(text) == []


def test_ambiguous_abbreviation_with_its_code_after_it_or_under_a_diagnosis_label() -> None:
    assert "MS" in masked("Enligt intyget har Karins MS (G35) förvärrats under året.")
    assert "MS" in masked("Diagnos\nG35 MS\nBidiagnos\nF32.1 Medelsvår depressiv episod")
    # the line wraps between the abbreviation and its code: the code still says it
    assert "MS" in masked("Under hösten har Tova Qerimis MS\n(G35) blivit sämre.")
    assert "RA" in masked("Under hösten har Tova Qerimis RA \n (M06.9) blivit sämre.")


def test_speciality_adjective_and_care_word_across_a_line_wrap() -> None:
    assert "rättspsykiatriska\nkliniken" in masked("Han har utretts vid rättspsykiatriska\nkliniken under våren.")


def test_space_read_as_a_hyphen_after_a_term() -> None:
    """Scanned text: "bronkit-sedan" is the term and the next word; the term alone is reported."""
    assert found("Han har kronisk bronkit-sedan flera år.") == [("kronisk bronkit", 0.85)]
    assert found("Läget är stabil-enligt rapporten.") == []


def test_sentence_wrapped_after_a_short_line_keeps_its_person() -> None:
    assert masked("Mannen kom in i natt och har enligt\negen uppgift als sedan flera år.") == ["als"]


def test_ambiguous_abbreviation_alone_under_a_diagnosis_label() -> None:
    assert "MS" in masked("Diagnos\nM79.7 Fibromyalgi\nBidiagnos\nMS\nFunktionsnedsättning\nHon orkar inte gå.")


def test_word_classes_are_cached_per_word_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # a word's class does not depend on its document: a fresh recognizer, the cache nearly full
    # (it starts over) and a warm one find the same, also for an OCR look-alike
    texts = [
        "Hon har fibromyalgi och bröstcancer sedan flera år.",
        "Patienten har missbruksprobiem och ångestsyndrom-enligt journalen.",
        "Han har fibromyalgi, men inte bröstcancer.",
    ]
    expected = [found(t) for t in texts]
    assert all(expected)
    rec = SeHealthRecognizer()
    monkeypatch.setattr(SeHealthRecognizer, "MAX_CACHE", 4)
    for _ in range(2):
        for text, want in zip(texts, expected):
            got = sorted(rec.analyze(text, [HEALTH]), key=lambda r: r.start)
            assert [(text[r.start : r.end], round(r.score, 2)) for r in got] == want
            assert len(rec._word_classes) <= 4
