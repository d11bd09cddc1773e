"""The role matrix: every endpoint against every role, anonymous and bad keys.

The expected table is written out here (not read from service.auth), so a change to the
permissions shows up as a failing cell. Document endpoints use a random document id: an
allowed role gets past authorisation (404, no such document), a refused role gets 403 first.
"""

from __future__ import annotations

import uuid

import pytest

from tests.service_support import ROLES, shared_service

DOC = str(uuid.uuid4())
R, V, A, I, ADM = "registrar", "reviewer", "auditor", "integration", "admin"

# (method, path, json body or None, roles allowed)
MATRIX = [
    ("GET", "/v1/whoami", None, {R, V, A, I, ADM}),
    ("POST", "/v1/redact", None, {I}),
    ("GET", "/v1/jobs", None, {I}),
    ("POST", "/v1/jobs/search", {}, {I}),
    ("GET", f"/v1/jobs/{DOC}", None, {I}),
    ("GET", f"/v1/jobs/{DOC}/result", None, {I}),
    ("GET", f"/v1/jobs/{DOC}/report", None, {I}),
    ("GET", f"/v1/jobs/{DOC}/masking-list", None, {I}),
    ("GET", f"/v1/jobs/{DOC}/masking-list.pdf", None, {I}),
    ("GET", f"/v1/jobs/{DOC}/decision-draft", None, {I}),
    ("DELETE", f"/v1/jobs/{DOC}", None, {I}),
    ("POST", "/v1/documents", None, {R}),
    ("GET", "/v1/documents", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}/candidates", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}/pages/1.png", None, {R, V}),
    ("POST", f"/v1/documents/{DOC}/decisions", {"action": "accept", "ids": ["c0001"]}, {R, V}),
    ("POST", f"/v1/documents/{DOC}/boxes", {"page": 1, "box": [0, 0, 10, 10]}, {R, V}),
    ("POST", f"/v1/documents/{DOC}/texts", {"text": "Anna"}, {R, V}),
    ("POST", f"/v1/documents/{DOC}/apply", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}/preview/1.png", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}/verification", None, {R, V}),
    ("POST", f"/v1/documents/{DOC}/release", None, {R}),
    ("GET", f"/v1/documents/{DOC}/download", None, {R}),
    ("GET", f"/v1/documents/{DOC}/report", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}/masking-list", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}/masking-list.pdf", None, {R, V}),
    ("GET", f"/v1/documents/{DOC}/decision-draft", None, {R, V}),
    ("DELETE", f"/v1/documents/{DOC}", None, {R}),
    ("POST", "/v1/analyze", {}, {R, V, I}),
    ("POST", "/v1/anonymize", {}, {I}),
    ("GET", "/v1/audit/events", None, {A}),
    ("GET", "/v1/audit/verify", None, {A}),
    ("GET", "/v1/keys", None, {ADM}),
    ("POST", "/v1/keys", {}, {ADM}),
    ("DELETE", "/v1/keys/000000000000", None, {ADM}),
    ("GET", "/metrics", None, {ADM}),
]


@pytest.fixture(scope="session")
def service_session(request):
    return shared_service(request)


def _call(client, method, path, body, headers):
    return client.request(method, path, json=body, headers=headers)


def test_every_v1_route_is_in_the_matrix(service_session) -> None:
    spec = service_session.client.get("/openapi.json").json()
    listed = {(m, p.replace(DOC, "{document_id}").replace("/jobs/{document_id}", "/jobs/{job_id}")
               .replace("/pages/1.png", "/pages/{page}.png").replace("/preview/1.png", "/preview/{page}.png")
               .replace("/keys/000000000000", "/keys/{key_id}"))
              for m, p, _, _ in MATRIX}
    for path, ops in spec["paths"].items():
        for method in ops:
            if path.startswith("/v1/") or path == "/metrics":
                assert (method.upper(), path) in listed, (method, path)


def _spec_path(path: str) -> str:
    return (path.replace(DOC, "{document_id}").replace("/jobs/{document_id}", "/jobs/{job_id}")
            .replace("/pages/1.png", "/pages/{page}.png").replace("/preview/1.png", "/preview/{page}.png")
            .replace("/keys/000000000000", "/keys/{key_id}"))


def test_openapi_names_the_roles_of_the_matrix(service_session) -> None:
    """What the OpenAPI document tells integrators (x-required-role) is what the service enforces."""
    spec = service_session.client.get("/openapi.json").json()
    for method, path, _, allowed in MATRIX:
        op = spec["paths"][_spec_path(path)][method.lower()]
        assert set(op["x-required-role"]) == allowed, (method, path)
        assert all(f"`{r}`" in op["description"] for r in allowed)


def test_the_open_paths_need_no_key(service_session) -> None:
    c = service_session.client
    for path in ("/health", "/ready", "/docs", "/openapi.json", "/static/swagger/swagger-ui.css", "/ui/login"):
        assert c.get(path, follow_redirects=False).status_code == 200, path
    spec = c.get("/openapi.json").json()
    assert spec["paths"]["/health"]["get"]["x-required-role"] == [] and spec["paths"]["/health"]["get"]["security"] == []


@pytest.mark.parametrize("method,path,body,allowed", MATRIX, ids=[f"{m} {p}" for m, p, _, _ in MATRIX])
def test_role_matrix(service_session, method, path, body, allowed) -> None:
    svc = service_session
    for role in ROLES:
        r = _call(svc.client, method, path, body, svc.h(role))
        if role in allowed:
            assert r.status_code not in (401, 403), (role, r.status_code, r.text)
        else:
            assert r.status_code == 403, (role, r.status_code)
            assert r.json()["error"] == "forbidden"
    assert _call(svc.client, method, path, body, {}).status_code == 401
    bad = {"Authorization": "Bearer msk_000000000000_" + "A" * 43}
    r = _call(svc.client, method, path, body, bad)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")


def test_health_and_ready_are_open_and_other_schemes_are_refused(service_session) -> None:
    c = service_session.client
    assert c.get("/health").status_code == 200 and c.get("/ready").status_code == 200
    assert c.get("/v1/whoami", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 401
    assert c.get("/v1/whoami", headers={"Authorization": "Bearer not-a-key"}).status_code == 401


def test_a_revoked_key_stops_working_at_once(service_session) -> None:
    svc = service_session
    r = svc.client.post("/v1/keys", json={"role": "integration", "user": "case-system"}, headers=svc.h("admin"))
    assert r.status_code == 201
    new = r.json()
    assert new["key"].startswith("msk_") and new["user"] == "case-system" and new["org"] == "org-a"
    h = {"Authorization": f"Bearer {new['key']}"}
    assert svc.client.get("/v1/whoami", headers=h).json()["role"] == "integration"
    listed = svc.client.get("/v1/keys", headers=svc.h("admin")).json()
    assert new["key_id"] in [k["key_id"] for k in listed] and all("key" not in k and "hash" not in k for k in listed)
    assert svc.client.delete(f"/v1/keys/{new['key_id']}", headers=svc.h("admin")).status_code == 204
    assert svc.client.get("/v1/whoami", headers=h).status_code == 401
    # an admin manages only the keys of their own organisation
    other = [k for k in svc.app.state.db.keys("org-b")][0]
    assert svc.client.delete(f"/v1/keys/{other.key_id}", headers=svc.h("admin")).status_code == 404
    bad = svc.client.post("/v1/keys", json={"role": "integration", "user": "19811218-9876"}, headers=svc.h("admin"))
    assert bad.status_code == 422
