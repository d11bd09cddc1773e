"""Line gates (``SwedishPatternRecognizer.LINE_GATES``): a gated pattern runs only over the lines
its gate marks, and must find exactly what it finds over the whole text."""

from __future__ import annotations

import pytest
import regex as re

from recognizers.base import gated_lines, gated_matches
from recognizers.email import EmailRecognizer
from recognizers.se_address import SeAddressRecognizer

GATED = [EmailRecognizer, SeAddressRecognizer]

# Invented texts with damaged, bracketed, labelled and glued addresses among ordinary lines.
TEXTS = [
    "Från: Kalle Ström <kalle.strom@exempel.se>\nTill: registrator\nÄmne: Ansökan",
    "Hej,\nE-post: lisa.varg.exempel.se\nRing mig gärna.\nMvh Lisa",
    "Kontakta oss på webben, www.exempel.se, eller skriv till\nbo.nilsson1988Qhotmail.com i dag.",
    "Tel. 070-123 45 67 bosse karlssonQgmail.com\nAdress: Storgatan 1",
    "Mobil: 073-111 22 33\ngreta lundQDlive.se\n",
    "Olle Berg <olle berg@bredband.net> skrev:\n> tack för svaret",
    "Till: anna. ek2x.se\nKopia: kansliet\n",
    "Maila mig på nisse(at)exempel(dot)se eller nisse1977(Öhotmail.com\n<>\n:se .se",
    "Ingen adress här.\nBara text utan något alls",
    "",
    "\n\n<\n",
    # invented foreign, English and Swedish street lines
    "Adress: Bergstraße 12, 10115 Berlin\nTidigare: Amagerbrogade 3, 2. tv\nKöbenhavn",
    "Flyttade från Karl Johans gate 7\ntill 14 Mill Lane, Leeds och sedan\nFlat 2, 9 Baker Street",
    "Mannerheimintie 5 A 3\n00100 Helsinki\nHauptstrasse\n12",
    "Storgatan 12\n123 45 Lund\nVästra Vägen 3 B, lgh 1102\nvej 12 och gate 4 samt Str. 9",
    "Han bor på Lindvej,\n4 tr, nära Ringvej 19",
]


@pytest.mark.parametrize("cls", GATED)
@pytest.mark.parametrize("text", TEXTS)
def test_gated_recognizer_equals_ungated(cls, text: str) -> None:
    gated = cls()
    assert gated._gates, "the recognizer has line gates"
    plain = cls()
    plain._gates = {}

    def key(results):
        return sorted((r.start, r.end, r.entity_type, r.score) for r in results)

    assert key(gated.analyze(text, [])) == key(plain.analyze(text, []))


@pytest.mark.parametrize("cls", GATED)
@pytest.mark.parametrize("text", TEXTS)
def test_gated_matches_are_the_pattern_matches(cls, text: str) -> None:
    rec = cls()
    for pattern, compiled in rec._compiled:
        gate = rec._gates.get(pattern.name)
        if gate is None:
            continue
        assert [m.span() for m in gated_matches(compiled, gate, text)] == [m.span() for m in compiled.finditer(text)]


def test_gated_lines_lists_each_marked_line_once() -> None:
    gate = re.compile("x")
    text = "ax x\nbbb\nxc\n\nx"
    assert gated_lines(gate, text) == [(0, 4), (9, 11), (13, 14)]
    assert gated_lines(gate, "none") == []


def test_a_line_gate_sees_the_line_break_in_lookaheads() -> None:
    # a match at the end of a line whose pattern looks at the next character
    pattern = re.compile(r"ab(?=\n)", re.MULTILINE)
    text = "ab\nab c\nxab"
    gate = re.compile("a")
    assert [m.span() for m in gated_matches(pattern, gate, text)] == [m.span() for m in pattern.finditer(text)] == [(0, 2)]
