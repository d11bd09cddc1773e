"""The stages and their one entry point (masking.stages.run): behaviour, not structure."""

from __future__ import annotations

import pytest

from masking import entities
from masking.errors import MaskingError
from masking.model import Detection
from masking.policy import load_policy, parse_policy
from masking.stages import Proposal, Recorder, Result, Source, run
from masking.stages.decide import Decider

from .conftest import make_pdf, page_text

PNR = "19811218-9876"


def _page(text: str, number: int = 0):
    from masking.api import text_page

    return text_page(text, number)


def _policy(**entity_rules):
    raw = {
        "name": "t", "grounds": {"G": "ground", "P": "protected"},
        "default": {"action": "mask", "ground": "G", "threshold": 0.5, "review_threshold": 0.3},
        "entities": entity_rules, "include_agency_allow_list": False,
        "protected_identity": {"enabled": False, "ground": "P", "types": ["PHONE_NUMBER"]},
    }
    return parse_policy(raw)


def test_decide_classifies_by_threshold_and_action() -> None:
    d = Decider.of(_policy(SE_ORGANISATIONSNUMMER={"action": "ignore"}, HEALTH={"action": "review"}))
    assert d.classify(entities.PERSON, 0.5) == "auto"
    assert d.classify(entities.PERSON, 0.4) == "review"
    assert d.classify(entities.PERSON, 0.29) == "ignore"
    assert d.classify(entities.SE_ORGANISATIONSNUMMER, 1.0) == "ignore"
    assert d.classify(entities.HEALTH, 1.0) == "review"  # review action: never automatic
    assert d.should_mask(entities.PERSON, 0.9) and not d.should_mask(entities.HEALTH, 1.0)
    assert d.min_score == 0.3 and entities.SE_ORGANISATIONSNUMMER in d.excluded_types


def _found(page, spans):
    return [[Detection(t, page.number, page.text.index(v), page.text.index(v) + len(v), s, "test") for v, t, s in spans]]


def test_decide_masks_every_occurrence_of_a_value_and_links_review_candidates() -> None:
    text = "Ring 070-123 45 67. Numret 070-123 45 67 gäller. Kod X-1."
    page = _page(text)
    d = Decider.of(_policy())
    out = d.decide([page], _found(page, [("070-123 45 67", entities.PHONE_NUMBER, 0.9)]))
    spans = [(text[x.start : x.end], x.auto, x.source) for x in out]
    assert spans == [("070-123 45 67", True, "analyzer"), ("070-123 45 67", True, "propagated")]
    # a review candidate is linked to the same value; without review it is not proposed
    weak = _found(page, [("070-123 45 67", entities.PHONE_NUMBER, 0.4)])
    assert d.decide([page], weak) == []
    weak = _found(page, [("070-123 45 67", entities.PHONE_NUMBER, 0.4)])
    out = d.decide([page], weak, include_review=True)
    assert [x.auto for x in out] == [False, False] and len({x.value_key for x in out}) == 1


def _ocr_page(text: str):
    from dataclasses import fields

    from masking.ocr.pages import OcrPageText

    page = _page(text)
    return OcrPageText(**{f.name: getattr(page, f.name) for f in fields(page)}, engine="tesseract")


def _person_spans(text, found_names, page_of=_ocr_page):
    page = page_of(text)
    out = Decider.of(_policy()).decide([page], _found(page, [(n, entities.PERSON, 0.9) for n in found_names]))
    return [text[x.start : x.end] for x in out]


def test_scanned_page_misread_name_beside_a_masked_name_is_masked() -> None:
    """OCR read "Jyrki" as "IvrK" before a masked surname: that word is masked too (one edit
    away once OCR's look-alikes are folded), at the end of the line above as well."""
    text = "Elev: Jyrki Laitinen\nSkolan har kontakt med IvrK\nNiemis läkare. Hej Jyrki."
    assert "IvrK" in _person_spans(text, ["Jyrki Laitinen", "Niemis"])
    text = "Elev: Tuulikki Salo\nMöte med Salo och Tuu1ikkl Salo i dag."
    assert "Tuu1ikkl" in _person_spans(text, ["Tuulikki Salo"])


def test_misread_name_rule_needs_a_scanned_page_a_name_beside_it_and_no_common_word() -> None:
    text = "Elev: Jyrki Laitinen\nSkolan har kontakt med IvrK\nNiemis läkare."
    assert "IvrK" not in _person_spans(text, ["Jyrki Laitinen", "Niemis"], page_of=_page)  # a text page
    text = "Elev: Jyrki Laitinen\nIvrK har kontakt med skolan. Niemis kom."
    assert "IvrK" not in _person_spans(text, ["Jyrki Laitinen", "Niemis"])  # no masked name beside it
    text = "Elev: Karin Ek\nHon ringde Karina i går. Med Karin Ek kom Kari."
    spans = _person_spans(text, ["Karin Ek"])
    assert "Med" not in spans  # a common word beside a name, even if near one of its parts


def test_decide_allow_deny_and_protected_identity() -> None:
    text = "Anna Berg ringde från 070-123 45 67 om Myndigheten."
    page = _page(text)
    policy = parse_policy({
        "name": "t", "grounds": {"G": "g", "P": "p"}, "include_agency_allow_list": False,
        "default": {"action": "mask", "ground": "G", "threshold": 0.5, "review_threshold": 0.3},
        "allow_list": ["Myndigheten"], "deny_list": ["Anna Berg"],
        "protected_identity": {"enabled": False, "ground": "P", "types": ["PHONE_NUMBER"]},
    })
    found = _found(page, [("070-123 45 67", entities.PHONE_NUMBER, 0.9), ("Myndigheten", entities.PERSON, 0.9)])
    out = Decider.of(policy).decide([page], found)
    got = {(text[x.start : x.end], x.source) for x in out}
    assert ("Anna Berg", "deny_list") in got and ("070-123 45 67", "analyzer") in got
    assert not any(text[x.start : x.end] == "Myndigheten" for x in out)  # allow list
    found = _found(page, [("070-123 45 67", entities.PHONE_NUMBER, 0.9)])
    out = Decider.of(policy.with_protected_identity()).decide([page], found, include_review=True)
    assert out and not any(x.auto for x in out)  # protected identity: everything needs review


@pytest.mark.parametrize("gap", [" ", "\u00a0", ", "])
def test_an_allowed_postal_address_after_a_persons_street_is_that_persons(gap: str) -> None:
    # the agency's postal address is allowed in its letterhead, not where it ends a person's
    # street address on the same line (then it is that person's address)
    policy = parse_policy({
        "name": "t", "grounds": {"G": "g"}, "include_agency_allow_list": False,
        "default": {"action": "mask", "ground": "G", "threshold": 0.5, "review_threshold": 0.3},
        "allow_list": ["Myndigheten", "Box 12, 111 22 Kvarnby", "111 22 Kvarnby"],
    })
    text = f"Myndigheten, 111 22 Kvarnby\nBox 12, 111 22 Kvarnby\nadressen är Tallvägen 24{gap}111 22 Kvarnby\n"
    page = _page(text)
    street = text.index("Tallvägen")
    codes = [i for i in range(len(text)) if text.startswith("111 22 Kvarnby", i)]
    found = [[
        Detection(entities.SE_ADDRESS, 0, street, street + len("Tallvägen 24"), 0.9, "test"),
        Detection(entities.SE_ADDRESS, 0, text.index("Box 12"), text.index("Box 12") + 6, 0.9, "test"),
    ] + [Detection(entities.SE_POSTAL_CODE, 0, c, c + 14, 0.9, "test") for c in codes]]
    out = Decider.of(policy).decide([page], found)
    got = sorted((x.start, x.source) for x in out)
    # the person's code and town are masked, and then (decided per value, as verification
    # searches) every other occurrence of them
    assert got == [(codes[0], "propagated"), (codes[1], "propagated"), (street, "analyzer"), (codes[2], "analyzer")]
    # without the street before it, the agency's address stays
    alone = text.replace(f"Tallvägen 24{gap}", "")
    page = _page(alone)
    at = alone.rindex("111 22 Kvarnby")
    assert Decider.of(policy).decide([page], [[Detection(entities.SE_POSTAL_CODE, 0, at, at + 14, 0.9, "test")]]) == []


def test_run_masks_bytes_in_memory(masker) -> None:
    data = make_pdf([f"Personnummer {PNR}"]).tobytes()
    result = run(data, masker)
    assert isinstance(result, Result) and result.output_path is None
    assert PNR not in page_text(result.output) and result.verification.passed
    assert result.report["input"]["pages"] == 1 and result.page_heights[0] > 0


def test_run_file_to_sink_and_report(masker, tmp_path) -> None:
    src = tmp_path / "in.pdf"
    src.write_bytes(make_pdf([f"Personnummer {PNR}"]).tobytes())
    before = src.read_bytes()
    out, rep = tmp_path / "sub" / "out.pdf", tmp_path / "r.json"
    result = run(src, masker, sink=out, report_path=rep)
    assert result.output_path == out and out.is_file() and rep.is_file()
    assert PNR not in page_text(out.read_bytes()) and src.read_bytes() == before
    with pytest.raises(MaskingError):
        run(src, masker, sink=src)
    assert src.read_bytes() == before


def test_run_review_stops_after_decide(masker, tmp_path) -> None:
    src = tmp_path / "in.pdf"
    src.write_bytes(make_pdf([f"Personnummer {PNR}"]).tobytes())
    proposal = run(Source.of(src), masker, review=True, sink=tmp_path / "never.pdf")
    assert isinstance(proposal, Proposal) and proposal.pages == 1
    assert any(d.entity_type == entities.SE_PERSONNUMMER and d.boxes for d in proposal.detections)
    assert not (tmp_path / "never.pdf").exists()


def test_run_with_decisions_masks_only_what_they_say(masker) -> None:
    data = make_pdf([f"Personnummer {PNR}", "Anna Svensson"]).tobytes()

    class OnlyTheNumber:
        def to_mask(self, pages):
            text = pages[0].text
            s = text.index(PNR)
            return [Detection(entities.SE_PERSONNUMMER, 0, s, s + len(PNR), 1.0, "official")], []

    result = run(data, masker, OnlyTheNumber())
    text = page_text(result.output)
    assert PNR not in text and "Anna Svensson" in text


class _Log:
    def __init__(self):
        self.events = []

    def record(self, kind, **kw):
        self.events.append((kind, kw))

    def value_hmac(self, value):
        return "hmac-sha256:" + "0" * 64


def test_recorder_writes_the_channels_events(masker) -> None:
    data = make_pdf([f"Personnummer {PNR}"]).tobytes()
    log = _Log()
    run(data, masker, recorder=Recorder(log, "u-1", "registrar", "doc-1", channel="api", upload=True,
                                        analysis=False, case_ref="KS 1"))
    assert [k for k, _ in log.events] == ["upload", "application", "verification"]
    assert log.events[0][1]["details"]["case_ref"].startswith("hmac-sha256:")
    areas = log.events[1][1]["areas"]
    assert areas and all(a.decided_by == "auto" for a in areas)
    log = _Log()
    run(data, masker, recorder=Recorder(log, "u-1", "registrar", "doc-2", channel="cli"))
    assert [k for k, _ in log.events] == ["analysis", "application", "verification"]
    assert PNR not in repr(log.events)


def test_recorder_records_a_withheld_output(masker, monkeypatch) -> None:
    import masking.stages.redact as stage

    monkeypatch.setattr(stage, "redact_document", lambda doc, pages, dets, policy, manual_boxes=(): (doc.tobytes(), []))
    log = _Log()
    data = make_pdf([f"Personnummer {PNR}"]).tobytes()
    with pytest.raises(MaskingError):
        run(data, masker, recorder=Recorder(log, "u-1", "registrar", "doc-3", channel="cli"))
    assert [(k, kw["details"]["outcome"]) for k, kw in log.events] == [("verification", "withheld")]
