"""The review page without a browser: login, session cookie, CSRF, rendering and the gate.

The whole page in a real browser (drawing, keyboard, release, download) is in
tests/test_browser_review.py.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest

from service import messages
from tests.service_support import NAME, PNR, new_client, sample_pdf, shared_service, upload_file


@pytest.fixture(scope="session")
def service_session(request):
    return shared_service(request)


def _login(c, key) -> str:
    r = c.post("/ui/login", data={"api_key": key}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = c.get("/ui/documents").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_login_needs_a_valid_key_of_a_review_role(service_session) -> None:
    svc = service_session
    c = new_client(svc)
    assert c.get("/ui/documents", follow_redirects=False).headers["location"] == "/ui/login"
    r = c.post("/ui/login", data={"api_key": "msk_nope"})
    assert r.status_code == 401 and "Ogiltig nyckel" in r.text
    r = c.post("/ui/login", data={"api_key": svc.keys["auditor"]})
    assert r.status_code == 403 and "masking_session" not in r.headers.get("set-cookie", "")
    r = c.post("/ui/login", data={"api_key": svc.keys["reviewer"]}, follow_redirects=False)
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert svc.keys["reviewer"].split("_", 2)[2] not in cookie  # the key's secret never goes to the browser
    page = c.get("/ui/documents")
    assert page.status_code == 200 and "Ladda upp" not in page.text  # a reviewer cannot upload
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "cdn" not in page.text.lower() and "/static/htmx.min.js" in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = c.post("/ui/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and 'masking_session=""' in r.headers["set-cookie"]
    c.cookies.clear()
    assert c.get("/ui/documents", follow_redirects=False).status_code == 303


def test_session_cookie_works_on_the_api_and_changes_need_the_csrf_token(service_session) -> None:
    svc = service_session
    c = new_client(svc)
    csrf = _login(c, svc.keys["registrar"])
    doc = c.post("/v1/documents", files=upload_file(sample_pdf()), headers={"X-CSRF-Token": csrf})
    assert doc.status_code == 201
    did = doc.json()["document_id"]
    no_token = c.post("/v1/documents", files=upload_file(sample_pdf()))
    assert no_token.status_code == 403 and no_token.json()["error"] == "csrf"
    assert c.get(f"/v1/documents/{did}/candidates").status_code == 200  # reading needs no token
    r = c.post(f"/ui/documents/{did}/decide", data={"ids": "c0001", "action": "accept"})
    assert r.status_code == 403  # a form post without the token
    c.cookies.clear()


def test_review_page_shows_boxes_candidates_and_a_closed_gate(service_session) -> None:
    svc = service_session
    c = new_client(svc)
    csrf = _login(c, svc.keys["registrar"])
    r = c.post("/ui/documents", files=upload_file(sample_pdf()), data={"csrf_token": csrf, "deny_list": ""},
               follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"]).text
    assert 'data-type="SE_PERSONNUMMER"' in page and 'data-type="PERSON"' in page
    assert re.search(r'class="box st-pending auto"[^>]+--c:#1f77b4', page)  # colour per entity type
    assert "kräver beslut" in page and 'id="apply-button" disabled' in page  # the completion gate
    did = r.headers["location"].rsplit("/", 1)[1]
    weak = re.search(r'id="cand-(c\d+)"[^>]*class="[^"]*needs|class="cand st-pending needs" id="cand-(c\d+)"', page)
    cid = weak.group(1) or weak.group(2)
    part = c.post(f"/ui/documents/{did}/decide", data={"ids": cid, "action": "reject", "reason": "Eget nummer"},
                  headers={"X-CSRF-Token": csrf})
    assert part.status_code == 200 and 'id="apply-button" disabled' not in part.text
    assert "skäl: Eget nummer" in part.text
    r = c.post(f"/ui/documents/{did}/apply", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.headers["location"].endswith("/preview")
    preview = c.get(r.headers["location"]).text
    assert "Verifieringen godkänd" in preview and 'id="confirm-release"' in preview
    r = c.post(f"/ui/documents/{did}/release", data={"csrf_token": csrf})  # not confirmed
    assert r.status_code == 422
    c.cookies.clear()


def test_an_expired_session_moves_an_htmx_request_to_the_login_page(service_session) -> None:
    c = new_client(service_session)
    r = c.post(f"/ui/documents/{'0' * 8}-0000-4000-8000-{'0' * 12}/decide", data={"ids": "c0001", "action": "accept"},
               headers={"HX-Request": "true"}, follow_redirects=False)
    assert r.status_code == 200 and r.headers["hx-redirect"] == "/ui/login"


def _upload(c, csrf, data=None, **form) -> str:
    r = c.post("/ui/documents", files=upload_file(data or sample_pdf(), form.pop("name", "brev.pdf")),
               data={"csrf_token": csrf, **form}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"].rsplit("/", 1)[1]


def _error(page: str) -> str:
    m = re.search(r'<p class="error[^"]*" role="alert">(.*?)</p>', page, re.S)
    assert m, "no error shown"
    return html.unescape(m.group(1)).strip()


def test_candidates_show_their_words_grouped_with_a_swedish_source(service_session, caplog) -> None:
    svc = service_session
    c = new_client(svc)
    csrf = _login(c, svc.keys["registrar"])
    caplog.set_level(logging.DEBUG)
    did = _upload(c, csrf)
    page = c.get(f"/ui/documents/{did}").text
    # the words each candidate covers, in their line, on the registrar's screen
    assert "Sökande: <mark>Anna Svensson</mark>, personnummer" in page
    assert f"<mark>{PNR}</mark>" in page
    # the same name twice: one entry, one decision for both occurrences
    name = re.search(r'<li class="cand [^"]*" id="cand-(c\d+)"[^>]*data-count="2">', page)
    assert name and "2 förekomster" in page and "Maskera alla" in page
    # where it came from, in plain Swedish
    assert "namn i löptext" in page and "personnummer, kontrollsiffra stämmer" in page
    assert "Recognizer" not in page and "analys:" not in page
    # never in a URL, a log or the audit
    urls = re.findall(r'(?:href|src|action|hx-post)="([^"]*)"', page)
    assert urls and not any("Svensson" in u or PNR in u for u in urls)
    assert not any("Svensson" in r.getMessage() or PNR in r.getMessage() for r in caplog.records)
    cid = name.group(1)
    block = re.search(rf'id="cand-{cid}".*?</form>', page, re.S).group(0)
    ids = re.findall(r'name="ids" value="(c\d+)"', block)
    assert len(ids) == 2
    part = c.post(f"/ui/documents/{did}/decide", data={"ids": ids, "action": "reject", "reason": "Offentlig tjänsteperson"},
                  headers={"X-CSRF-Token": csrf})
    assert part.status_code == 200 and part.text.count('class="box st-rejected') == 2  # both occurrences
    events = c.get("/v1/audit/events", params={"document_id": did},
                   headers={"Authorization": f"Bearer {svc.keys['auditor']}"})
    assert events.status_code == 200 and events.json()
    assert "Svensson" not in events.text and PNR not in events.text and "Offentlig" not in events.text
    c.cookies.clear()


def test_a_drawn_box_can_be_undone_and_a_rejected_one_is_shown(service_session) -> None:
    svc = service_session
    c = new_client(svc)
    csrf = _login(c, svc.keys["registrar"])
    did = _upload(c, csrf)
    h = {"X-CSRF-Token": csrf}
    box = {"page": "1", "x0": "60", "y0": "95", "x1": "300", "y1": "112"}
    part = c.post(f"/ui/documents/{did}/box", data=box, headers=h).text
    assert 'id="cand-m0001"' in part and 'data-cid="m0001"' in part
    part = c.post(f"/ui/documents/{did}/decide", data={"ids": "m0001", "action": "delete"}, headers=h).text
    assert 'id="cand-m0001"' not in part and 'data-cid="m0001"' not in part
    part = c.post(f"/ui/documents/{did}/box", data=box, headers=h).text
    assert 'id="cand-m0002"' in part  # a new id, never the deleted one's
    part = c.post(f"/ui/documents/{did}/decide", data={"ids": "m0002", "action": "reject"}, headers=h).text
    assert _error(part) == "Skriv ett skäl för att inte maskera."
    part = c.post(f"/ui/documents/{did}/decide", data={"ids": "m0002", "action": "reject", "reason": "Fel ruta"},
                  headers=h).text
    assert re.search(r'class="box st-rejected drawn" data-cid="m0002"', part)  # outlined and struck, not filled
    assert "Maskera igen" in part and "1 avvisade rutor" in part
    plan = c.get(f"/v1/documents/{did}/candidates", headers=h).json()
    assert [(m["id"], m["status"]) for m in plan["manual_areas"]] == [("m0002", "rejected")]
    assert [x["action"] for x in plan["history"]] == ["add_box", "delete", "add_box", "reject"]
    c.cookies.clear()


def test_every_error_is_swedish_and_the_layout_holds(service_session) -> None:
    svc = service_session
    c = new_client(svc)
    csrf = _login(c, svc.keys["registrar"])
    h = {"X-CSRF-Token": csrf}
    swedish = messages.all_texts()
    did = _upload(c, csrf)
    shown = []
    # in the workspace (htmx): the page images and the candidate list stay in place
    cid = re.search(r'class="cand st-pending needs" id="cand-(c\d+)"', c.get(f"/ui/documents/{did}").text).group(1)
    for url, data in ((f"/ui/documents/{did}/decide", {"ids": cid, "action": "reject"}),
                      (f"/ui/documents/{did}/decide", {"ids": cid, "action": "change_ground", "ground": "nope"}),
                      (f"/ui/documents/{did}/decide", {"ids": "c0001", "action": "delete"}),
                      (f"/ui/documents/{did}/decide", {"ids": "c9999", "action": "accept"}),
                      (f"/ui/documents/{did}/box", {"page": "9", "x0": "1", "y0": "1", "x1": "9", "y1": "9"}),
                      (f"/ui/documents/{did}/box", {"page": "1", "x0": "x"}),
                      (f"/ui/documents/{did}/text", {"text": "Finns inte alls"}),
                      (f"/ui/documents/{did}/text", {"text": "x"})):
        r = c.post(url, data=data, headers=h)
        assert r.status_code == 200, r.text
        assert r.text.count('<p class="error workspace-error"') == 1
        assert '<section class="pages"' in r.text and '<ol class="candidates"' in r.text
        shown.append(_error(r.text))
    # the completion gate, on the review page
    r = c.post(f"/ui/documents/{did}/apply", data={"csrf_token": csrf})
    assert r.status_code == 409 and '<section class="pages"' in r.text
    shown.append(_error(r.text))
    # uploads: the reason
    r = c.post("/ui/documents", files=upload_file(b"not a pdf at all"), data={"csrf_token": csrf})
    shown.append(_error(r.text))
    r = c.post("/ui/documents", data={"csrf_token": csrf})  # no file
    shown.append(_error(r.text))
    assert "Filen är inte en PDF." in shown and "Välj en PDF-fil att ladda upp." in shown
    for text in shown:
        assert text in swedish, text
    assert len(set(shown)) >= 8
    # the failed upload is listed with its reason
    listing = c.get("/ui/documents").text
    assert "misslyckades" in listing and '<span class="error-reason">Filen är inte en PDF.</span>' in listing
    c.cookies.clear()


def test_document_list_shows_file_case_status_pending_uploader_and_times(service_session) -> None:
    svc = service_session
    c = new_client(svc)
    csrf = _login(c, svc.keys["registrar"])
    did = _upload(c, csrf, name="C:\\Ärenden\\beslut 7.pdf", case_ref="KS 2026/1234")
    listing = c.get("/ui/documents").text
    row = re.search(rf'<tr class="doc st-review" data-document="{did}">(.*?)</tr>', listing, re.S).group(1)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", x)).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[0] == "beslut 7.pdf" and cells[1] == "KS 2026/1234" and cells[2] == "granskas"
    assert cells[3] == "1" and cells[4] == "registrar-1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", cells[5])
    # the name is kept with the document's files only (deleted with them), not in the database
    assert (svc.root / "store").exists()
    metas = list(Path(svc.root / "store").rglob("meta.json"))
    assert metas and any("beslut 7.pdf" in m.read_text(encoding="utf-8") for m in metas)
    c.cookies.clear()


def test_every_error_the_service_raises_has_a_swedish_text() -> None:
    """The one table (service/messages.py) covers every error kind raised in service/ and every
    plan error of the review flow with a sentence of its own."""
    root = Path(__file__).resolve().parent.parent
    sources = {p: p.read_text(encoding="utf-8") for p in [*root.glob("service/*.py"), root / "masking/review.py"]}
    kinds, plan_messages = set(), []
    for text in sources.values():
        kinds |= set(re.findall(r'ServiceError\(\s*\d+,\s*"(\w+)"', text))
        kinds |= set(re.findall(r'conflict\(\s*"(\w+)"', text))
        kinds |= set(re.findall(r'kind = "(\w+)"', text))
        plan_messages += re.findall(r'PlanError\(\s*f?"([^"]+)"', text)
    assert {"validation", "state", "released"} <= kinds and len(plan_messages) > 15
    missing = sorted(k for k in kinds if k not in messages.KINDS)
    assert not missing, f"error kinds without a Swedish text: {missing}"
    generic = [m for m in plan_messages if messages.error_text("plan", m) == messages.KINDS["plan"]]
    assert not generic, f"plan errors without a Swedish text of their own: {generic}"


def test_api_undoes_a_drawn_box_and_rejects_one(service_session) -> None:
    svc = service_session
    c = svc.client
    h = svc.h("registrar")
    did = c.post("/v1/documents", files=upload_file(sample_pdf()), headers=h).json()["document_id"]
    box = {"page": 1, "box": [60, 95, 300, 112]}
    assert c.post(f"/v1/documents/{did}/boxes", json=box, headers=h).json()["area"]["id"] == "m0001"
    r = c.post(f"/v1/documents/{did}/decisions", json={"action": "delete", "ids": ["m0001"]}, headers=h)
    assert r.status_code == 200 and r.json()["counts"]["manual_areas"] == 0
    assert c.post(f"/v1/documents/{did}/boxes", json={**box, "all_occurrences": True}, headers=h).status_code == 200
    r = c.post(f"/v1/documents/{did}/decisions", json={"action": "reject", "ids": ["m0002"], "reason": "Fel"},
               headers=h)
    assert r.status_code == 200 and r.json()["counts"]["manual_rejected"] == 1
    r = c.post(f"/v1/documents/{did}/decisions", json={"action": "delete", "ids": ["c0001"]}, headers=h)
    assert r.status_code == 422 and r.json()["error"] == "plan"  # a proposal is rejected, not deleted
    plan = c.get(f"/v1/documents/{did}/candidates", headers=h).json()
    assert plan["manual_areas"][0]["all_occurrences"] is True


def test_an_unknown_review_address_answers_in_swedish(service_session) -> None:
    c = new_client(service_session)
    r = c.get("/ui/finns/inte")
    assert r.status_code == 404 and _error(r.text) == "Sidan finns inte." and "<html" in r.text
