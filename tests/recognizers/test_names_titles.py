"""Quoted titles of works after a noun for a work (recognizers.names.titles)."""

from __future__ import annotations

import pytest

from recognizers.names.titles import quoted_title


def _at(text: str, span: str) -> bool:
    start = text.index(span)
    return quoted_title(text, start, start + len(span))


@pytest.mark.parametrize(
    "text, span",
    [
        ('Hon spelade i tv-serien "Karin och Lasse" i tre år.', "Karin"),
        ('Hon spelade i tv-serien "Karin och Lasse" i tre år.', "Lasse"),
        ("Barnen läser boken «Hemma hos Elvira» varje kväll.", "Elvira"),
        ("Han skrev låten ”Mira Sand” på en natt.", "Mira Sand"),
        ('Han gillar serier som "Vera Lind", "Kalle Holm" och "Dallas".', "Kalle Holm"),
        ('Kanalen visar dokumentären "Otto Berg" i kväll.', "Otto Berg"),
    ],
)
def test_a_quotation_after_a_work_noun_is_a_title(text: str, span: str) -> None:
    assert _at(text, span)


@pytest.mark.parametrize(
    "text, span",
    [
        ('Anna sa: "Ring Elsa Borg i morgon" och gick.', "Elsa Borg"),  # speech, no work noun
        ("Filmen med Anna Berg visas i kväll.", "Anna Berg"),  # no quotation
        ('Boken handlar om "Elsa Borg", sa hon.', "Elsa Borg"),  # 'handlar om': not the title
        ('Serien "Bron" har en ny säsong. Anna Berg spelar i den.', "Anna Berg"),  # after the quote
        ('Hon kallades "Lotta" av alla i klassen.', "Lotta"),  # a nickname, no work noun
    ],
)
def test_other_quotations_and_names_are_not_titles(text: str, span: str) -> None:
    assert not _at(text, span)
