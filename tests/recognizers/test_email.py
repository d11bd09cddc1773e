"""Tests for the e-mail recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import UNCHECKED, VALID
from recognizers.email import EmailRecognizer

REC = EmailRecognizer()
EMAIL = entities.EMAIL_ADDRESS


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [EMAIL]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "address",
    [
        "anna.andersson@exempel.se",
        "a-b_c+tag@sub.domain.com",
        "åsa.öberg@kommun.se",
        "Åsa.Öberg@Kommun.SE",
        "ANNA.ANDERSSON@EXEMPEL.SE",
        "kalle_2@företag.se",
        "per.o'neil@example.org",
        "registrator@forsakringskassan.se",
        "x@y.museum",
    ],
)
def test_plain_addresses(address: str) -> None:
    assert found(f"Skriv till {address} senast fredag") == [(address, 1.0)]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Kontakta mig på anna@x.se.", "anna@x.se"),
        ("mailto:anna@x.se", "anna@x.se"),
        ("<anna@x.se>", "anna@x.se"),
        ("(anna@x.se)", "anna@x.se"),
        ("E-post: anna@x.se, tel 08-12 34 56", "anna@x.se"),
        ("\"anna@x.se\";", "anna@x.se"),
        ("skickat till anna@exempel.se.Ring oss", "anna@exempel.se"),
        ("anna@exempel.se\nNästa rad", "anna@exempel.se"),
    ],
)
def test_span_excludes_surroundings(text: str, address: str) -> None:
    assert found(text) == [(address, 1.0)]


def test_several_addresses() -> None:
    text = "Kopia: a.b@x.se; c.d@y.org och e@f.nu"
    assert [s for s, _ in found(text)] == ["a.b@x.se", "c.d@y.org", "e@f.nu"]


@pytest.mark.parametrize(
    "address",
    [
        "anna.andersson(at)exempel.se",
        "anna.andersson[at]exempel.se",
        "anna.andersson [at] exempel.se",
        "anna (at) exempel (dot) se",
        "anna[AT]exempel[dot]se",
        "anna(snabel-a)exempel.se",
    ],
)
def test_obfuscated(address: str) -> None:
    assert found(f"Mejla {address} för svar") == [(address, 0.8)]


def test_validation_metadata() -> None:
    [plain] = REC.analyze("anna@x.se", [EMAIL])
    assert plain.recognition_metadata["validation"] == VALID
    [obf] = REC.analyze("anna(at)x.se", [EMAIL])
    assert obf.recognition_metadata["validation"] == UNCHECKED


@pytest.mark.parametrize(
    "text",
    [
        "följ oss @myndigheten",
        "user@123.45",
        "@exempel.se",
        "priset @ 20 kr",
        "kostar 5@st",
        "anna at exempel se",
        "Dnr 2024/12345",
        "anna..b@x.se",
    ],
)
def test_not_addresses(text: str) -> None:
    assert found(text) == []


# -- OCR-damaged addresses (scanned documents) ---------------------------------------------------
@pytest.mark.parametrize(
    "text, address",
    [
        ("Från: Anna Ek <anna.ekGforsakringskassan.se>\nDatum: 3 mars", "anna.ekGforsakringskassan.se"),
        ("Till: Per Holm <per.holmOexempel.se>", "per.holmOexempel.se"),
        ("Cc: Lena Berg <lena.bergQGgmail.com>", "lena.bergQGgmail.com"),  # "@" read as two letters
        ("Till: Ola Ek <ola.ek67dbredband.net>\nÄmne: x", "ola.ek67dbredband.net"),
        ("To: Eva Lind <eva.lindGforsakringska- san.se>", "eva.lindGforsakringska- san.se"),  # broken
        ("Anna Ek <annaekGx.se>", "annaekGx.se"),  # after a name, no dot in the local part
        ("E-post: lars.nilssonepensionsmyndigheten.se", "lars.nilssonepensionsmyndigheten.se"),
        ("E-post: lars.nilsson.x.se.Ring oss", "lars.nilsson.x.se"),
        ("Till: anna.anderssonGx.se, kopia", "anna.anderssonGx.se"),
    ],
)
def test_ocr_damaged_addresses_where_an_address_is_expected(text: str, address: str) -> None:
    assert found(text) == [(address, 0.7)]


@pytest.mark.parametrize(
    "text",
    [
        "Läs mer på <forsakringskassan.se>",  # a domain in brackets after an ordinary word
        "Logga in på <minasidor.forsakringskassan.se>",
        "Läs mer på <www.forsakringskassan.se>",
        "<https://www.forsakringskassan.se/kontakt>",
        "Webb: minasidor.forsakringskassan.se",  # a subdomain, no e-mail label
        "E-post: forsakringskassan.se",  # a bare domain after the label
        "E-post: www.x.y.se",
        "E-post: anna.andersson.x.se/kontakt",
        "Beslut <2024.01.se>",
        "Se <Bilaga 2>",
        "Besök oss på minasidor.forsakringskassan.se eller ring.",
    ],
)
def test_no_damaged_address_without_reason(text: str) -> None:
    assert found(text) == []


def test_intact_address_is_reported_once() -> None:
    assert found("Från: Anna Ek <anna.ek@x.se>") == [("anna.ek@x.se", 1.0)]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Till: Ola Holm <ola.holmQapensionsmyndigheten:se>\nKopia", "ola.holmQapensionsmyndigheten:se"),  # : for .
        ("Från: Ola Holm <ola.holmQpensionsmyndigheten. se>", "ola.holmQpensionsmyndigheten. se"),  # ". se"
        ("To: Eva Berg <eva.berg50(dgmail.:com>\nSubject: x", "eva.berg50(dgmail.:com"),
        ("Keyvan skickar den från keyvan199300telia.com och nås", "keyvan199300telia.com"),  # glued
    ],
)
def test_more_ocr_damage(text: str, address: str) -> None:
    assert found(text) == [(address, 0.7)]


def test_local_part_broken_at_an_underscore_inside_brackets() -> None:
    text = "From: Zuzanna Chmielewska <zuzanna chmielewska@bredband.net>"
    assert found(text) == [("zuzanna chmielewska@bredband.net", 1.0)]


@pytest.mark.parametrize(
    "text",
    ["Besök www.telia.com idag", "mytelia.com", "minasidor.telia.se", "Anna Ek <bilaga 2.pdf>", "Se telia.com"],
)
def test_provider_domains_and_files_are_no_damaged_addresses(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, address",
    [
        # the "@" read as "(" and a glyph or two, or as a space and a "Q"
        ("E-post: per.holm(Ögmail.com\nTelefon", "per.holm(Ögmail.com"),
        ("mejla mig på lisaek(Qspray.se om det", "lisaek(Qspray.se"),
        ("Till: olle1988 Qtelia.com\nÄmne: Svar", "olle1988 Qtelia.com"),
        ("E-post: sara2001Bhotmail.com\nAdress", "sara2001Bhotmail.com"),
        ("skriv till olle.berg(Q gmail.com tack", "olle.berg(Q gmail.com"),
        # a form's label on the line above: any local part before a provider's domain
        ("E-post\nannaekegmail.com\nTelefon", "annaekegmail.com"),
        # an underscore read as a space after a label, or as ". " after a mail word
        ("E-post: maja lind@outlook.com\nMobil", "maja lind@outlook.com"),
        ("maila nils. berg@bredband.net så svarar jag", "nils. berg@bredband.net"),
    ],
)
def test_ocr_damage_around_the_at_sign_and_in_the_local_part(text: str, address: str) -> None:
    assert [a for a, score in found(text) if score >= 0.4] == [address]


def test_sentence_before_an_address_is_not_taken_in() -> None:
    assert found("Det var bra. anna@exempel.se svarar.") == [("anna@exempel.se", 1.0)]


# -- a signature line: a phone number, then the address OCR damaged (class regression cases) ----
@pytest.mark.parametrize(
    "text, address",
    [
        ("Tel. 031-12 34 56 evbergVgmail.com", "evbergVgmail.com"),  # "@" read as a letter, no digit
        ("Tel. 070-111 22 33 ola.holmQspray:se", "ola.holmQspray:se"),  # ":" for the dot
        ("Tel. 070-111 22 33 sara lindQgmail.com-", "sara lindQgmail.com"),  # "_" read as a space
    ],
)
def test_damaged_address_after_a_phone_number_on_a_signature_line(text: str, address: str) -> None:
    assert found(text) == [(address, 0.7)]


@pytest.mark.parametrize(
    "text, found_",
    [
        ("Ring 08-123 45 67 eller kalle99Qgmail.com", [("kalle99Qgmail.com", 0.7)]),  # "eller" is no part
        ("Ring 08-123 45 67 eller mytelia.com", []),
        ("E-post\n.eva.berg@x.se\nBankkonto", [("eva.berg@x.se", 1.0)]),  # a stray "." before it
        ("Den 3 maj skrev sara lind <sara lindQgmail.com>:", [("sara lindQgmail.com", 0.7)]),
    ],
)
def test_more_scanned_address_shapes(text: str, found_: list) -> None:
    assert found(text) == found_


def test_broken_local_part_after_a_label_or_mail_word() -> None:
    # "_" read as ". " after a header label, the "@" lost: the address from its first part
    assert ("sara. lind2outlook.com", 0.7) in found("Från: Ola <o@x.se>\nTill: sara. lind2outlook.com\nÄmne: x")
    # "_" read as a space after "Mejl från"
    assert found("kl 9:50: Mejl från sara lind@telia.com: bilen") == [("sara lind@telia.com", 1.0)]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Tel. 070-111 22 33 kalle1977Q gmail.com", "kalle1977Q gmail.com"),  # "@" read as "Q "
        ("E-post: olle20108 gmail.com\nKlass", "olle20108 gmail.com"),  # "@" read as "8 "
        ("E-post: sara44 (Myahoo.se\nKlass", "sara44 (Myahoo.se"),  # "@" read as " (M"
        ("E-post: sara lindQ gmail.com\nKlass", "sara lindQ gmail.com"),
    ],
)
def test_at_sign_read_as_a_glyph_and_a_space(text: str, address: str) -> None:
    assert found(text) == [(address, 0.7)]


def test_signature_address_broken_at_its_underscore() -> None:
    text = "Tel. +45 88 89 33 06 sara lind@icloud.com"
    assert found(text) == [("sara lind@icloud.com", 1.0)]
    assert found("Jag har 3 gmail.com konton") == [] and found("Läs på x gmail.com") == []


@pytest.mark.parametrize(
    "text, address",
    [
        # the "@" and the provider's name both misread: "rn"/"in" for "m", "I"/"1" for "l", "0" for "o"
        ("Skicka till lisa.berg0hotrnail.com i morgon", "lisa.berg0hotrnail.com"),
        ("E-post: jonas1984Ggrnail.corn\nTelefon", "jonas1984Ggrnail.corn"),
        ("från amir77Qyah0o.se idag", "amir77Qyah0o.se"),
        ("E-post\nannaekQicIoud.com\n", "annaekQicIoud.com"),
        ("Tel. +46 31 650 8235 kalleekcsprotoninall.com", "kalleekcsprotoninall.com"),
        # a phone number written with dots before it on a signature line
        ("Tel. 079.142.72.34 kallebergdicloud.com", "kallebergdicloud.com"),
        # a contact block: the address starts the line below a phone number
        ("Tel: 08-12 34 56\nMobil: 070-111 22 33\noskarlundåägmail.com\nFastighet", "oskarlundåägmail.com"),
        ("Mobil: +46 70 111 22 33\nnils bergQDlive.se\nFastighetsbeteckning", "nils bergQDlive.se"),
    ],
)
def test_at_sign_and_provider_both_misread(text: str, address: str) -> None:
    assert found(text) == [(address, 0.7)]


@pytest.mark.parametrize(
    "text",
    ["Besök hotrnail.com", "Läs på www.grnail.com", "Tel. 070-111 22 33\neller mytelia.com", "070-111 22 33\nwww.telia.com"],
)
def test_misread_provider_names_alone_are_no_addresses(text: str) -> None:
    assert found(text) == []


# -- the "@" read, the domain after it damaged (scanned documents) -------------------------------
@pytest.mark.parametrize(
    "text, address",
    [
        ("Du kan maila mig på tove.ask@gmaii,corn om du vill.", "tove.ask@gmaii,corn"),
        ("Mejla gärna tove.ask@hotrnaii så svarar jag", "tove.ask@hotrnaii"),  # no top-level domain left
        ("Från: Tove Ask <tove.ask@yah0o:se>\nDatum: 2 maj", "tove.ask@yah0o:se"),
        ("Till: tove.ask@ grnail.com\nÄmne: svar", "tove.ask@ grnail.com"),  # a space after the "@"
        ("Till: tove.ask@tel ia.se\nÄmne: svar", "tove.ask@tel ia.se"),  # the domain split in two
        ("maila tove.ask@gmai1 .c0m i morgon", "tove.ask@gmai1 .c0m"),
        ("E-post: tove ask@bredbancl,net", "tove ask@bredbancl,net"),  # and the local part broken
        ("Skriv till tove.ask@kommun-x,se.", "tove.ask@kommun-x,se"),  # the full stop is not taken
        ("maila tove.ask@teIia,se kl.10 i morgon", "tove.ask@teIia,se"),  # nor the next token
        ("a@b.c", "a@b.c"),  # a one-letter top-level domain
        ("anna@localhost", "anna@localhost"),
        ("anna@.se", "anna@.se"),
        ("anna@exempel.", "anna@exempel"),
    ],
)
def test_address_with_a_damaged_domain_is_reported_whole(text: str, address: str) -> None:
    assert found(text) == [(address, 0.7)]


@pytest.mark.parametrize(
    "text",
    ["Skriv till tove.ask@gmail.com.", "Från: Tove Ask <tove.ask@x.se>", "maila tove.ask@exempel.se, tack"],
)
def test_well_formed_address_is_not_reported_again_as_damaged(text: str) -> None:
    assert [score for _, score in found(text)] == [1.0]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Mejl från tove.ask@exempel.se: bilen är såld", "tove.ask@exempel.se"),
        ("E-post till tove.ask@exempel.se", "tove.ask@exempel.se"),
        ("Mejl från toveaskQgmail.com: bilen är såld", "toveaskQgmail.com"),  # "@" read as "Q"
        ("Mejl från tove Qyahoo.se: bilen är såld", "tove Qyahoo.se"),
    ],
)
def test_mail_word_and_from_or_to_are_not_part_of_the_address(text: str, address: str) -> None:
    assert [span for span, _ in found(text)] == [address]


@pytest.mark.parametrize(
    "text, address",
    [
        # after a mail verb the token is an address however OCR read its "@" and provider
        ("ring mig eller maila tovaekggman.com så svarar jag", "tovaekggman.com"),
        ("Du kan mejla mig på tova.ekQhotmai1.com tack", "tova.ekQhotmai1.com"),
        ("Mejla tovaek2gmail.se.", "tovaek2gmail.se"),
    ],
)
def test_damaged_address_after_a_mail_verb(text: str, address: str) -> None:
    assert found(text) == [(address, 0.7)]


@pytest.mark.parametrize(
    "text", ["maila www.forsakringskassan.se", "maila bilagan.pdf", "maila oss", "maila ab.se", "mejla gärna."]
)
def test_no_address_after_a_mail_verb_without_one(text: str) -> None:
    assert found(text) == []
