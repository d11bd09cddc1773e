"""Schemathesis against the service's OpenAPI spec: generated requests find no server error.

Run over HTTP against a live server (tests/service_support.py), bounded to a few examples per
operation so the suite stays fast. Every operation in the document is called (a last test checks
that none was left out), each with a key of a role that may use it (its ``x-required-role``), so
generated requests reach the handlers, not just the 403; and operations on a document or job get
the id of a real one (a review document, a finished job) in most cases, so they reach the states
past "not found". Responses must be documented (status) and, where JSON, fit their schema.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")  # a dev dependency (pyproject [dev])
import httpx  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance  # noqa: E402

from tests.service_support import live_server, sample_pdf, upload_file  # noqa: E402

CALLED: dict[str, set[int]] = {}  # "METHOD path" -> statuses seen


@pytest.fixture(scope="module")
def live():
    srv = live_server()
    h = lambda role: {"Authorization": f"Bearer {srv.keys[role]}"}  # noqa: E731
    r = httpx.post(srv.base_url + "/v1/documents", files=upload_file(sample_pdf()), headers=h("registrar"), timeout=120)
    assert r.status_code == 201, r.text
    job = httpx.post(srv.base_url + "/v1/redact", files=upload_file(sample_pdf()), headers=h("integration"), timeout=120)
    assert job.status_code == 200, job.text
    srv.ids = {"document_id": r.json()["document_id"], "job_id": job.headers["X-Job-Id"]}
    return srv


def _schema():
    from service.app import create_app
    from service.settings import load_settings

    # the spec does not depend on the settings; built without starting anything
    return schemathesis.openapi.from_dict(create_app(load_settings(env={})).openapi())


schema = _schema()
OPERATIONS = {f"{r.ok().method.upper()} {r.ok().path}" for r in schema.get_all_operations()}


@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
def test_no_server_errors(case, live) -> None:
    roles = case.operation.definition.raw["x-required-role"]
    headers = {"Authorization": f"Bearer {live.keys[roles[0]]}"} if roles else {}
    if case.method.upper() != "DELETE" and case.path_parameters:  # a real document or job (not deleted)
        for name, value in live.ids.items():
            if name in case.path_parameters and hash(str(case.path_parameters)) % 4:
                case.path_parameters[name] = value
    response = case.call(base_url=live.base_url, headers=headers)
    CALLED.setdefault(f"{case.method.upper()} {case.path}", set()).add(response.status_code)
    case.validate_response(response, checks=(not_a_server_error, status_code_conformance,
                                             response_schema_conformance))


def test_every_operation_was_called() -> None:
    if not CALLED:
        pytest.skip("test_no_server_errors did not run in this session")
    assert OPERATIONS - set(CALLED) == set()
    # operations on a document or job reached past "not found" with the real one
    by_id = [op for op in OPERATIONS if "{document_id}" in op or "{job_id}" in op]
    reached = [op for op in by_id if CALLED[op] - {404, 422}]
    assert len(reached) >= len(by_id) // 2, sorted(set(by_id) - set(reached))


def test_the_live_server_answers(live) -> None:
    assert httpx.get(live.base_url + "/ready").json()["status"] == "ready"
