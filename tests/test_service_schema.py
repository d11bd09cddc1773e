"""Schemathesis against the service's OpenAPI spec: generated requests find no server error.

Run over HTTP against a live server (tests/service_support.py), bounded to a few examples per
operation so the suite stays fast. Each operation is called with a key of a role that may use
it, so generated requests reach the handlers, not just the 403.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")  # a dev dependency (pyproject [dev])
import httpx  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from tests.service_support import live_server  # noqa: E402


@pytest.fixture(scope="module")
def live():
    return live_server()


def _schema():
    from service.app import create_app
    from service.settings import load_settings

    # the spec does not depend on the settings; built without starting anything
    return schemathesis.openapi.from_dict(create_app(load_settings(env={})).openapi())


schema = _schema()


def _role(path: str) -> str:
    if path.startswith(("/v1/redact", "/v1/jobs", "/v1/analyze")):
        return "integration"
    if path.startswith("/v1/audit"):
        return "auditor"
    if path.startswith(("/v1/keys", "/metrics")):
        return "admin"
    return "registrar"


@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
def test_no_server_errors(case, live) -> None:
    response = case.call(base_url=live.base_url,
                         headers={"Authorization": f"Bearer {live.keys[_role(case.path)]}"})
    case.validate_response(response, checks=(not_a_server_error,))


def test_the_live_server_answers(live) -> None:
    assert httpx.get(live.base_url + "/ready").json()["status"] == "ready"
