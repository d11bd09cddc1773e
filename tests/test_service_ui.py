"""The review page without a browser: login, session cookie, CSRF, rendering and the gate.

The whole page in a real browser (drawing, keyboard, release, download) is in
tests/test_browser_review.py.
"""

from __future__ import annotations

import re

import pytest
from tests.service_support import new_client, sample_pdf, shared_service, upload_file


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
    assert "Svensson" not in page and "19811218" not in page  # the page shows places, not values
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
