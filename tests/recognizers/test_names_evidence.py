"""recognizers.names.evidence: a lone capitalised word that the whole document shows is no name
(written in lower case elsewhere, or recurring without any name evidence), and the names it must
leave alone (known names, words introduced beside a name, a title or a label, rare words)."""

from __future__ import annotations

import pytest

from recognizers.names.evidence import RECURS, DocumentEvidence


def test_an_unknown_word_written_in_lower_case_elsewhere_is_no_name() -> None:
    pages = ["Komponenten testas med Tralvex.\n", "Installera tralvex-config först.\n"]
    assert DocumentEvidence(pages).not_a_name("Tralvex")
    assert DocumentEvidence(pages).not_a_name("Tralvexs")  # its genitive too


def test_a_name_in_lower_case_in_an_address_is_no_common_word() -> None:
    pages = ["Kopia: Saynab Xhemajli <saynab.xhemajli@example.se>\nMin sambo Saynab svarar.\n"]
    ev = DocumentEvidence(pages)
    assert not ev.written_in_lower_case("Saynab") and not ev.not_a_name("Saynab")
    ev = DocumentEvidence(["Se www.tralvex.se och https://example.se/tralvex/ om Tralvex.\n"])
    assert not ev.written_in_lower_case("Tralvex")


def test_a_recurring_word_without_name_evidence_is_no_name() -> None:
    text = (
        "Riktlinjerna gäller för Kvarnby och dess projekt.\n"
        "Kvarnbys riktlinjer finns på webbplatsen.\n"
        "Frågor skickas till Kvarnby via formuläret.\n"
    )
    ev = DocumentEvidence([text])
    assert ev.not_a_name("Kvarnby") and ev.not_a_name("Kvarnbys")


def test_a_common_word_recurring_capitalised_is_no_name() -> None:
    text = "Fönster\nÖppna ett nytt fönster.\nFönster kan stängas.\nSe Fönster ovan.\n"
    assert DocumentEvidence([text]).not_a_name("Fönster")


def test_a_rare_unknown_word_is_left_to_the_recognizers() -> None:
    text = "Beslutet skickades till Xhemajli.\nXhemajli har inte svarat.\n"
    assert RECURS > 2
    assert not DocumentEvidence([text]).not_a_name("Xhemajli")


@pytest.mark.parametrize(
    "introduced",
    [
        "Sökande: Xhemajli",  # a label
        "Handläggaren Xhemajli har ringt.",  # a role word
        "Beslutet är signerat av Xhemajli.",  # a whole label phrase ending in 'av'
        "Hej Xhemajli!",  # a greeting
        "Arben Xhemajli kom till mötet.",  # a known first name before it
        "Anna Xhemajli kom till mötet.",  # ... also when English has the word
        "A. Xhemajli kom till mötet.",  # an initial
        "Xhemajli Hirvonen kom till mötet.",  # a word with a surname's ending beside it
    ],
)
def test_a_recurring_word_introduced_once_as_a_name_is_a_name(introduced: str) -> None:
    text = introduced + "\nXhemajli har inte svarat.\nXhemajli skickade in intyget.\nXhemajlis ombud ringde.\n"
    assert not DocumentEvidence([text]).not_a_name("Xhemajli")


def test_a_word_before_that_only_ends_a_label_phrase_is_no_evidence() -> None:
    # 'av' ends 'signerat av', but alone it announces nothing
    text = "Projektet drivs av Kvarnby.\nKvarnby publicerar koden.\nLäs mer hos Kvarnby.\n"
    assert DocumentEvidence([text]).not_a_name("Kvarnby")


def test_an_english_or_swedish_word_beside_the_word_is_no_evidence() -> None:
    text = "Navigera med Kvarnby Router.\nKvarnby Central har paketen.\nKvarnby Sweden och Kvarnby.\n"
    assert DocumentEvidence([text]).not_a_name("Kvarnby")


def test_an_unknown_word_beside_the_word_is_no_evidence_but_is_name_like() -> None:
    text = "Samarbetsplatser Kvarnby\nKvarnby har öppnat.\nFrågor till Kvarnby.\n"
    ev = DocumentEvidence([text])
    assert ev.not_a_name("Kvarnby")
    assert ev.name_like("Wrya") and ev.name_like("Anna")
    assert not ev.name_like("Router") and not ev.name_like("Central") and not ev.name_like("An")


def test_a_common_first_name_beside_the_word_is_no_evidence() -> None:
    # 'An' is a first name and an English word: it stands beside anything
    text = "Returns An array.\nReturns the list.\nReturns nothing.\n"
    assert DocumentEvidence([text]).not_a_name("Returns")


@pytest.mark.parametrize("name", ["Warsame", "Tesfamariam", "Hosseinzadeh", "Korhonen", "Nguyen", "Svensson"])
def test_known_names_of_every_origin_are_never_judged(name: str) -> None:
    text = f"Rapporten skrevs av {name}.\n{name} har svarat.\nFrågor till {name}.\nSe {name.lower()} nedan.\n"
    assert not DocumentEvidence([text]).not_a_name(name)


def test_only_one_capitalised_word_is_judged() -> None:
    ev = DocumentEvidence(["kvarnby kvarnby Kvarnby Kvarnby Kvarnby"])
    assert not ev.not_a_name("Kvarnby Tralvex") and not ev.not_a_name("kvarnby") and not ev.not_a_name("Kv")


def test_a_recurring_phrase_with_a_common_word_and_no_name_evidence_is_no_name() -> None:
    text = "Publicera på Kvarnby Central.\nKvarnby Central Portal har paketen.\nLäs om Kvarnby Central.\n"
    assert DocumentEvidence([text]).phrase_not_a_name("Kvarnby Central")


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Wrya Raouf\n070-123 45 67\nWrya Raouf\nWrya Raouf driver firman.\n", "Wrya Raouf"),  # unknown words only
        ("Anna Svan ringde.\nAnna Svan skrev.\nAnna Svan kom.\n", "Anna Svan"),  # a name-only word
        ("Sökande: Xhiljola Svan\nXhiljola Svan skrev.\nXhiljola Svan kom.\n", "Xhiljola Svan"),  # a label
        ("Publicera på Kvarnby Central.\nLäs om Kvarnby Central.\n", "Kvarnby Central"),  # rare
    ],
)
def test_phrases_that_may_be_names_are_not_judged(text: str, phrase: str) -> None:
    assert not DocumentEvidence([text]).phrase_not_a_name(phrase)


def test_a_lower_case_occurrence_found_as_a_name_is_no_common_word() -> None:
    text = "Sökande: Wrya Tralvex\nhej tralvex, tack för svaret.\nTralvex har ringt.\n"
    at = text.index("tralvex,")
    assert DocumentEvidence([text]).not_a_name("Tralvex")  # nothing found there: a word
    ev = DocumentEvidence([text], named=[[(at, at + 7)]])
    assert not ev.not_a_name("Tralvex") and not ev.written_in_lower_case("Tralvex")
