"""The OpenAPI document serves integrators: every operation has a description, an example of its
request and response, the role it needs (``x-required-role``, and in words) and its error
responses in the error schema (service/openapi.py adds them). A new endpoint fails here until it
has them."""

from __future__ import annotations

import pytest

from service.auth import PERMISSIONS

ROLES = set().union(*PERMISSIONS.values())
OPEN = {("get", "/health"), ("get", "/ready")}


@pytest.fixture(scope="module")
def document() -> dict:
    from service.app import create_app
    from service.settings import load_settings

    return create_app(load_settings(env={})).openapi()  # built without starting anything


def _operations(doc: dict):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            yield method, path, op


def _has_example(media: dict) -> bool:
    return "example" in media or bool(media.get("examples"))


def test_every_operation_is_documented_for_integrators(document) -> None:
    problems = []
    ops = list(_operations(document))
    assert len(ops) >= 38
    for method, path, op in ops:
        where = f"{method.upper()} {path}"
        text = op.get("description", "").split("\n\n**")[0].strip()
        if len(text) < 20:
            problems.append(f"{where}: no description")
        roles = op.get("x-required-role")
        if roles is None:
            problems.append(f"{where}: no x-required-role")
        elif (method, path) in OPEN:
            if roles != [] or op.get("security") != []:
                problems.append(f"{where}: open, but not marked so")
        elif not roles or not set(roles) <= ROLES or not all(f"`{r}`" in op["description"] for r in roles):
            problems.append(f"{where}: roles {roles} missing or not named in the description")
        responses = op["responses"]
        errors = {int(s) for s in responses if s.isdigit() and int(s) >= 400}
        needed = {500} | ({401, 403} if roles else set()) | ({422} if op.get("parameters") or op.get("requestBody") else set())
        if not needed <= errors:
            problems.append(f"{where}: error responses {sorted(needed - errors)} missing")
        for status in errors - ({503} if (method, path) == ("get", "/ready") else set()):
            media = responses[str(status)].get("content", {}).get("application/json", {})
            if media.get("schema") != {"$ref": "#/components/schemas/ErrorBody"} or not _has_example(media):
                problems.append(f"{where}: {status} without the error schema and an example")
            elif "Error kinds:" not in responses[str(status)]["description"]:
                problems.append(f"{where}: {status} does not name its error kinds")
            elif media["example"]["error"] not in responses[str(status)]["description"]:
                problems.append(f"{where}: {status} example's kind is not one it names")
        # an example of the request: the body, else every parameter
        body = op.get("requestBody", {}).get("content", {})
        if body and not all(_has_example(m) for m in body.values()):
            problems.append(f"{where}: request body without an example")
        for p in op.get("parameters", []):
            if "example" not in p and not p.get("examples"):
                problems.append(f"{where}: parameter {p['name']} without an example")
        # and of every successful response with content
        ok = [s for s in responses if s.startswith("2")]
        if not ok:
            problems.append(f"{where}: no success response")
        for s in ok:
            for mt, media in responses[s].get("content", {}).items():
                if not _has_example(media):
                    problems.append(f"{where}: {s} {mt} without an example")
        if not (body or op.get("parameters") or any(responses[s].get("content") for s in ok)):
            problems.append(f"{where}: nothing to show an example of")
    assert not problems, "\n".join(problems)


def test_error_schema_and_role_extension_match_the_service(document) -> None:
    body = document["components"]["schemas"]["ErrorBody"]
    assert set(body["required"]) == {"error", "detail"}
    redact = document["paths"]["/v1/redact"]["post"]
    assert redact["x-required-role"] == ["integration"]
    release = document["paths"]["/v1/documents/{document_id}/release"]["post"]
    assert release["x-required-role"] == sorted(PERMISSIONS["documents.release"])
    assert "not_released" in document["paths"]["/v1/documents/{document_id}/download"]["get"]["responses"]["409"]["description"]


def test_examples_are_valid_for_their_schemas(document) -> None:
    """The request and response examples conform to the schemas they illustrate."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")  # with schemathesis (pyproject [dev])
    components = document["components"]["schemas"]
    checked, problems = 0, []
    for method, path, op in _operations(document):
        media_types = list(op.get("requestBody", {}).get("content", {}).items())
        media_types += [(mt, m) for r in op["responses"].values() for mt, m in r.get("content", {}).items()]
        for mt, media in media_types:
            if mt != "application/json" or "schema" not in media or "example" not in media:
                continue
            schema = {**media["schema"], "components": {"schemas": components}}
            for error in jsonschema_rs.validator_for(schema).iter_errors(media["example"]):
                problems.append(f"{method.upper()} {path}: example does not fit: {error.message}")
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked > 40


def test_the_job_webhook_is_documented(document) -> None:
    hook = document["webhooks"]["job.finished"]["post"]
    assert "X-Masking-Signature" in hook["description"] and "HMAC-SHA256" in hook["description"]
    media = hook["requestBody"]["content"]["application/json"]
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    assert jsonschema_rs.is_valid(media["schema"], media["example"])
    from service.webhook import job_payload

    made = job_payload({"job_id": "j", "status": "failed", "error": {"kind": "corrupt", "detail": "x"}, "links": {}})
    assert jsonschema_rs.is_valid(media["schema"], made) and made["error"] == {"kind": "corrupt"}
