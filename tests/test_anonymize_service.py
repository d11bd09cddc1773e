"""POST /v1/anonymize: the integration role gets pseudonymised texts and a report without
values; other roles are refused; an audit event per request holds counts, never values."""

from __future__ import annotations

import json

import pytest

from tests.service_support import shared_service

TEXTS = ["Anna Svensson (811218-9876) ringde från 070-123 45 67. Annas bil.", "Brev till Anna Svensson i dag."]


@pytest.fixture(scope="session")
def svc(request):
    return shared_service(request)  # shared with the other service tests, closed at the session's end


def test_anonymize_endpoint(svc) -> None:
    c = svc.client
    r = c.post("/v1/anonymize", json={"texts": TEXTS, "operator": "tag", "scope": "corpus"}, headers=svc.h("integration"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["texts"][0].startswith("[PERSON_1] ([PNR_1]) ringde från [TELEFON_1]. [PERSON_1]:s bil")
    assert body["texts"][1] == "Brev till [PERSON_1] i dag."
    assert body["report"]["by_type"]["PERSON"] == 3 and body["report"]["operator"] == "tag"
    sur = c.post("/v1/anonymize", json={"texts": TEXTS, "operator": "surrogate"}, headers=svc.h("integration")).json()
    for t in sur["texts"]:
        assert "Anna" not in t and "811218" not in t and "123 45 67" not in t
    assert c.post("/v1/anonymize", json={"texts": TEXTS}, headers=svc.h("registrar")).status_code == 403
    # hmac needs the service's key file: without one, a clear refusal and no text
    r = c.post("/v1/anonymize", json={"texts": TEXTS, "operator": "hmac"}, headers=svc.h("integration"))
    assert r.status_code in (422, 503) and "Anna" not in r.text
    events = [e for e in svc.app.state.documents.audit.events() if e.kind == "anonymization"]
    assert len(events) >= 2 and events[-1].details["channel"] == "api"
    dump = json.dumps([e.to_dict() for e in events], ensure_ascii=False)
    assert "Anna" not in dump and "811218" not in dump
