"""The rule-based name recognizer on news prose (#11 point 5): a man named after a nationality
adjective in -ske, a quoted title after a noun for a work, a city of the world alone."""

from __future__ import annotations

import pytest

from recognizers.names.context import masculine_adjective
from recognizers.se_person_name import SePersonNameRecognizer

# the name recognizer (module fixture) and the spans it masks, as in its own tests
from .test_se_person_name import THRESHOLD, found, rec  # noqa: F401 (rec: a fixture)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Tävlingen vanns av serbiske Vukašin före två svenskar.", "Vukašin"),
        ("Sedan tog eritreanske Tesfalem ledningen.", "Tesfalem"),
        ("Det var brittiske Okonkwo Adeyemi som ringde.", "Okonkwo Adeyemi"),
    ],
)
def test_a_capitalised_word_after_a_masculine_nationality_adjective_is_a_name(
    rec: SePersonNameRecognizer, text: str, name: str
) -> None:
    assert found(rec, text) == [name]


@pytest.mark.parametrize("word", ["kanske", "ske", "Norske", "svenska", "norsk"])
def test_kanske_and_other_forms_are_no_masculine_adjective(word: str) -> None:
    assert not masculine_adjective(word)


@pytest.mark.parametrize(
    "text",
    [
        'Hon spelade i tv-serien "Elsa Borg och Kalle Holm" i tre år.',
        "Barnen läser boken «Vera Lindqvist» varje kväll.",
        "Konferensen hölls i Ciudad Juárez förra året.",
    ],
)
def test_titles_and_cities_of_the_world_are_no_names(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


@pytest.mark.parametrize(
    "text, names",
    [
        ('Hon sa: "Vera Lindqvist kommer i morgon" och gick.', ["Vera Lindqvist"]),
        ("Handläggaren Guadalajara ringde tillbaka.", ["Guadalajara"]),
        ("Vi träffade Amina Ostrava på mottagningen.", ["Amina Ostrava"]),
    ],
)
def test_names_beside_quotes_and_places_are_still_found(
    rec: SePersonNameRecognizer, text: str, names: list[str]
) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Frågor och svar\nJohan: Har du ett recept på soppa?", ["Johan"]),  # a speaker
        ("Kerstin: Vad gör du i helgen?\nAmira Hodžić: Jag jobbar.", ["Kerstin", "Amira Hodžić"]),
    ],
)
def test_a_known_name_before_a_colon_at_a_line_start_is_a_speaker(
    rec: SePersonNameRecognizer, text: str, names: list[str]
) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text",
    ["Bakgrund: Ärendet gäller bostadsbidrag.", "Maj: Vi ses på mötet.", "Klockan 10:30 kom Björn."],
)
def test_headings_homographs_and_names_inside_a_line_are_no_speakers(
    rec: SePersonNameRecognizer, text: str
) -> None:
    assert found(rec, text) == []


def test_a_speaker_may_start_a_sentence_and_a_place_is_no_speaker(rec: SePersonNameRecognizer) -> None:
    assert found(rec, "Så gick intervjun. Johan: Har du varit här förut?") == ["Johan"]
    assert found(rec, "Vädret i dag. Berlin: Det regnar hela dagen.") == []


@pytest.mark.parametrize(
    "text, names",
    [
        ("Hon flyttade till Villa Solbacken i mars.", []),  # a care home
        ("Mötet hölls på Hotell Gripen i Karlstad.", []),
        ("Vi åt lunch på Café Linnea vid torget.", []),
        ("Målet gjorde David Villa i andra halvlek.", ["David Villa"]),  # a surname after a given name
        ("Handläggaren Villa Hernández ringde i går.", ["Villa Hernández"]),  # a role word before it
    ],
)
def test_a_house_or_venue_word_first_in_a_run_names_the_place(
    rec: SePersonNameRecognizer, text: str, names: list[str]
) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Tack för samtalet.\nMvh Lisa Ek", ["Lisa Ek"]),
        ("Mvh. Jonatan Ek, handläggare", ["Jonatan Ek"]),
        ("Hälsningar Samira Haddad\nEnheten för bostadsbidrag", ["Samira Haddad"]),
    ],
)
def test_a_sign_off_before_a_name_is_not_part_of_it(rec: SePersonNameRecognizer, text: str, names: list[str]) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Ring Tove Bergkvist på fredag om hyran.", ["Tove Bergkvist"]),  # Ring: also a surname
        ("Hälsa Jonatan Ek från hela gruppen!", ["Jonatan Ek"]),
        ("Han sa det. Fråga Lisa Wennberg om schemat.", ["Lisa Wennberg"]),
        ("Ring mig när du kan.", []),
        ("Idag träffade vi Karin Ring på kontoret.", ["Karin Ring"]),  # the surname mid-sentence
    ],
)
def test_an_imperative_verb_opening_a_sentence_is_not_part_of_the_name(
    rec: SePersonNameRecognizer, text: str, names: list[str]
) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Grannen parkerade sin Nissan Qashqai på gården.", []),
        ("Han lånade en Peugeot 208 av svågern.", []),
        ("Försäkringen gäller en Kia Sportage och en Ford Kuga.", []),
        ("Kia Lundström och Mercedes Ahmadi kom till mötet.", ["Kia Lundström", "Mercedes Ahmadi"]),
        ("Filmen med Harrison Ford visades i går.", ["Harrison Ford"]),  # the make after a name
    ],
)
def test_a_car_make_with_a_model_is_a_vehicle_not_a_name(
    rec: SePersonNameRecognizer, text: str, names: list[str]
) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Uppgiftslämnare Oskar Lindahl", ["Oskar Lindahl"]),  # a label column, no colon
        ("Bostadsort Hudiksvall", []),
        ("Folkbokföringsort\nVistelseadress\nUppgiftslämnare", []),
        ("Förhörsperson Referensperson Kontaktpersoner", []),
        ("Ärendemening Beslutsdatum Fakturaadress", []),
    ],
)
def test_form_label_nouns_are_no_names(rec: SePersonNameRecognizer, text: str, names: list[str]) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Valentina ringde till kontoret i morse.", ["Valentina"]),
        # the verb before: no subject here, but a given name inside a sentence
        ("Efteråt berättade Ottilia att hon var trött.", ["Ottilia"]),
        ("Dolores skrev ett klagomål.", ["Dolores"]),
        ("Maj ringde.", []),  # a month and a name: a homograph stays unsure
        ("Sofia kom hem.", []),  # a city and a name: left to the model
        ("Valentina är sjuk.", []),  # no verb of a person: one known name alone stays a proposal
    ],
)
def test_a_known_given_name_before_a_persons_verb_is_a_name(
    rec: SePersonNameRecognizer, text: str, names: list[str]
) -> None:
    assert found(rec, text) == names


@pytest.mark.parametrize(
    "text, name",
    [
        ("Arkivarien sorterade Hughes gamla dagböcker.", "Hughes"),  # ends in s: no extra s
        ("Vi hittade Jennings anteckningar i lådan.", "Jennings"),
        ("Hon läste Lindhs nya bok i somras.", "Lindhs"),  # a genitive s of its own owns too
    ],
)
def test_a_lone_known_name_in_the_genitive_before_a_noun_is_a_name(
    rec: SePersonNameRecognizer, text: str, name: str
) -> None:
    assert found(rec, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Hon kör en Mercedes varje dag.",  # a car make in the genitive position: no owner
        "Vi pratade om Hughes och om vädret.",  # a lone name without the genitive stays unsure
        "Hon läste om Lindhs i tidningen.",  # a genitive s of its own without an owned word
    ],
)
def test_a_lone_name_without_an_owned_noun_stays_below_the_threshold(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


@pytest.mark.parametrize(
    "text, names",
    [
        ("Loppet vanns av Sven Ek. Tvåan Bas Kuipers var en sekund efter.", ["Sven Ek", "Bas Kuipers"]),
        ("Belgaren och fyran Wout Dijkhuis föll i sista kurvan.", ["Wout Dijkhuis"]),
        ("Segraren Tomek Wrzosek tog hem priset.", ["Tomek Wrzosek"]),
    ],
)
def test_a_name_after_an_ordinal_noun_of_a_contest_is_a_name(
    rec: SePersonNameRecognizer, text: str, names: list[str]
) -> None:
    assert found(rec, text) == names


def test_an_ordinal_noun_without_a_name_after_it_finds_nothing(rec: SePersonNameRecognizer) -> None:
    assert found(rec, "Han går i tvåan och tar sexan till skolan. Trean blev Sverige.") == []
