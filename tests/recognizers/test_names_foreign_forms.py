"""Foreign names in the forms news prose writes them (#11 point 5, "no named person missed"):
two unknown words joined by a name particle, the genitive of an unknown or known surname
before what it owns; and what is no person there: a company or brand the lists know (also in
the genitive), a common word in definite genitive form, a thing owned after a possessive."""

from __future__ import annotations

import pytest

from recognizers.names.flags import LEX, STOP, UNK
from recognizers.se_ner_person import SCORE_NOT_A_NAME, SeNerPersonRecognizer
from recognizers.se_person_name import SePersonNameRecognizer

# the name recognizer (module fixture) and the spans it masks, as in its own tests
from .test_se_person_name import THRESHOLD, found, rec  # noqa: F401 (rec: a fixture)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Romanens hjälte Gerolt van Haaksteeg reser norrut.", "Gerolt van Haaksteeg"),
        ("Pjäsen handlar om Tancrède le Ouvrard och hans bror.", "Tancrède le Ouvrard"),
        ("I går talade Ilario di Montevarchi inför publiken.", "Ilario di Montevarchi"),
    ],
)
def test_unknown_words_joined_by_a_name_particle_are_a_name(
    rec: SePersonNameRecognizer, text: str, name: str
) -> None:
    assert found(rec, text) == [name]


def test_the_given_name_of_a_particle_name_alone_is_that_person(rec: SePersonNameRecognizer) -> None:
    text = "Hjälten, Gerolt van Haaksteeg (Gerolt från Leiden), reser norrut."
    assert found(rec, text) == ["Gerolt van Haaksteeg", "Gerolt"]


@pytest.mark.parametrize(
    "text",
    [
        "Vi åkte för att se Tour de France i juli.",
        "Hon har bott i Rio de Janeiro sedan 2010.",
        "Filmen visades på Festival de Cannes.",
        "Tack de Haaksteeg",  # a particle right after a sentence-opening word: no particle name
    ],
)
def test_places_and_events_with_particles_are_no_names(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Bra sagt. Dufresnays reformer ledde till strejker.", "Dufresnays"),  # sentence start
        ("Kritiken mot Bouvrains förslag växte under hösten.", "Bouvrains"),
        ("Sedan kom Mbekwes bok ut på svenska.", "Mbekwes"),
        ("Vautrins hjälte reser till Paris.", "Vautrins"),  # v-au-trins reads as a compound only with its s
        ("Kritiken mot Bouchards reformer växte.", "Bouchards"),  # a known surname's genitive
        ("Allt detta ska en dag bli Mbekwes. Sedan går vi.", "Mbekwes"),  # the predicate of a copula
    ],
)
def test_a_genitive_before_what_it_owns_is_a_name(rec: SePersonNameRecognizer, text: str, name: str) -> None:
    assert found(rec, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Netflix har höjt priset. Netflixs utbud växer.",  # a brand the lists know
        "Sedan kom Spotifys nya tjänst.",
        "I spåren av Renaults försäljning föll kursen.",  # a car maker, also a surname
        "Man öppnar en popup. Popupens position kan ändras.",  # written in lower case here
        "Kolumnens bredd justeras automatiskt.",  # a Swedish noun in definite genitive
        "Ostravas borgmästare talade länge.",  # a city of the world
        "Skolverkets rapport kom i dag.",  # a compound whose stem is one too
        "Allt detta ska en dag bli Spotifys.",  # a brand's, after a copula too
        "Vi såg Mbekwes i går.",  # no owned word, no copula: left to the model
    ],
)
def test_genitives_of_companies_places_and_words_are_no_names(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hon red på sin Quiranto Z. i finalen.",  # a horse
        "Han seglade över sundet med sin Vindrosen B. i fjol.",  # a boat
    ],
)
def test_what_stands_after_a_possessive_is_owned_not_a_person(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Han kom med sin Anna Berg till festen.", "Anna Berg"),  # a known name still is one
        ("Hon hälsade på sin mormor Xhiljola Krasniqi.", "Xhiljola Krasniqi"),  # a relation word
    ],
)
def test_names_after_a_possessive_with_name_evidence_are_found(
    rec: SePersonNameRecognizer, text: str, name: str
) -> None:
    assert found(rec, text) == [name]


@pytest.mark.parametrize("word", ["Spotify", "Netflix", "Ryanair", "Marabou", "Spotifys", "Googles"])
def test_brands_and_their_genitives_are_never_names(rec: SePersonNameRecognizer, word: str) -> None:
    assert rec.classify(word)[1] & STOP


def test_a_genitive_only_compound_is_an_unknown_word_not_a_common_word(rec: SePersonNameRecognizer) -> None:
    assert rec.classify("Vautrins")[1] & UNK
    assert rec.classify("Felstatus")[1] & LEX  # status is no genitive: a Swedish compound
    assert rec.classify("Byggnadsnämndens")[1] & LEX  # byggnadsnämnden is a compound too
    assert rec.classify("Värmlands")[1] & LEX  # a place's genitive stays a word, as before


@pytest.fixture(scope="module")
def ner() -> SeNerPersonRecognizer:
    r = SeNerPersonRecognizer()
    r.load()
    return r


@pytest.mark.parametrize(
    "text, span",
    [
        ("Förändringen görs eftersom Marabou vill ta ansvar.", "Marabou"),
        ("Musiken finns också i Netflix nu.", "Netflix"),
    ],
)
def test_the_model_s_per_span_on_a_brand_is_only_proposed(ner: SeNerPersonRecognizer, text: str, span: str) -> None:
    start = text.index(span)
    score, _ = ner.assess(text, start, start + len(span))
    assert score == pytest.approx(SCORE_NOT_A_NAME) and score < THRESHOLD


@pytest.mark.parametrize(
    "text, name",
    [
        ("Operan bjöd på en Ximena i strumplästen.", "Ximena"),  # a given name inside a sentence
        ("Sedan visade Yesenia oss vägen.", "Yesenia"),
    ],
)
def test_a_lone_given_name_inside_a_sentence_is_a_name(rec: SePersonNameRecognizer, text: str, name: str) -> None:
    assert found(rec, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Ximena.",  # alone, no sentence around it: unsure as before
        "Yesenia, 2024",
    ],
)
def test_a_lone_given_name_without_a_sentence_stays_unsure(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nu planerar Bora Bora en ny skiva.",  # the same unknown word twice: a band's name
        "Nu planerar Duran Duran en ny turné.",  # the same surname twice
    ],
)
def test_a_repeated_word_is_no_person(rec: SePersonNameRecognizer, ner: SeNerPersonRecognizer, text: str) -> None:
    assert found(rec, text) == []
    span = " ".join(text.split()[2:4])
    start = text.index(span)
    assert ner.assess(text, start, start + len(span))[0] < THRESHOLD


def test_a_repeated_given_name_is_a_person(rec: SePersonNameRecognizer, ner: SeNerPersonRecognizer) -> None:
    text = "Han heter Mohamed Mohamed och bor i Rinkeby."  # given name and father's given name
    assert found(rec, text) == ["Mohamed Mohamed"]
    start = text.index("Mohamed")
    assert ner.assess(text, start, start + len("Mohamed Mohamed"))[0] >= THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "Huset rasade i Mbekwes gamla stadskärna.",  # after a preposition of place
        "På Mbekwes hemsida finns allt.",  # ... opening the sentence
        "Enligt nyhetsbyrån Yesenia ökade exporten.",  # a noun naming an organisation before it
        "Skadorna efter tyfonen Mbekwes framfart var stora.",  # ... or a storm
        "Det gäller Ximena Elementarskola i år.",  # a longer proper noun after it
    ],
)
def test_weak_single_word_signals_stand_only_alone_in_prose(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


class _Ent:
    def __init__(self, text: str, word: str, label: str) -> None:
        self.start_char = text.index(word)
        self.end_char = self.start_char + len(word)
        self.label_ = label


class _Artifacts:
    """The part of Presidio's NLP artifacts the name recognizer reads: the spaCy doc's entities."""

    def __init__(self, ents: list) -> None:
        self.tokens = self
        self.ents = ents
        self.entities: list = []
        self.scores: list = []


def _with_model(rec: SePersonNameRecognizer, text: str, word: str, label: str) -> list[str]:
    results = rec.analyze(text, ["PERSON"], _Artifacts([_Ent(text, word, label)]))
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start) if r.score >= THRESHOLD]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Det återstår att se om Ximena kan hålla takten.", "Ximena"),  # a club the model knows
        ("Kritiken mot Mbekwes ledning växte.", "Mbekwes"),  # a company's genitive
    ],
)
def test_the_model_s_place_or_organisation_lowers_a_weak_single_word(
    rec: SePersonNameRecognizer, text: str, word: str
) -> None:
    assert found(rec, text) == [word]  # the rules alone
    assert _with_model(rec, text, word, "ORG") == []
    assert _with_model(rec, text, word, "LOC") == []
    assert _with_model(rec, text, word, "PER") == [word]


def test_the_model_s_label_never_removes_a_name_with_stronger_evidence(rec: SePersonNameRecognizer) -> None:
    text = "Hjälten Gerolt van Haaksteeg reser norrut med Anna Berg."
    assert _with_model(rec, text, "Gerolt van Haaksteeg", "ORG") == ["Gerolt van Haaksteeg", "Anna Berg"]
    assert _with_model(rec, text, "Anna Berg", "LOC") == ["Gerolt van Haaksteeg", "Anna Berg"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("En ny generation ledare med Jorvik Tallaksen i spetsen tog över.", "Jorvik Tallaksen"),
        ("Vi ringde talesmannen Jay Varkney i går.", "Jay Varkney"),  # an English given name is a word
    ],
)
def test_two_capitalised_words_inside_a_sentence_are_a_name(
    rec: SePersonNameRecognizer, text: str, name: str
) -> None:
    assert found(rec, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Läs mer Format Plugin\nÖvriga ändringar finns i loggen.",  # a link's words end the line
        "Testa utseendet med Cypress Komponenttest i webbläsaren.",  # komponent|test: a compound
        "Installera en plugin först. Sedan laddar du Format Plugin i appen.",  # plugin in lower case
        "Planet från Lion Vargair landade sent.",  # after a preposition of place
        "Hon spelar nu i Manchester Vargair och trivs.",
        "Jay Varkney i spetsen tog över.",  # opening the sentence: left to the model
    ],
)
def test_capitalised_pairs_that_are_no_names(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []
