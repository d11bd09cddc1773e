"""Authentication (API key, or a browser session made from one) and the role matrix.

* Integrations send ``Authorization: Bearer msk_...`` on every request.
* The review page asks for the key once (a form), checks it and sets a signed, HttpOnly,
  SameSite=Strict session cookie holding only the key *id*, a CSRF token and the time; the key
  itself is never stored in the browser or put in a URL. A revoked key ends its sessions at
  the next request. Requests that change something with a session cookie must carry the CSRF
  token (header ``X-CSRF-Token``, or the form field ``csrf_token``).

Documents belong to the organisation of the key that uploaded them: every key of that
organisation with a suitable role may act on them; for anyone else they do not exist (404).
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Optional

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .errors import ServiceError, forbidden, unauthorized
from .keys import ROLES, ApiKey, active_key, verify_key

SESSION_COOKIE = "masking_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# action -> roles allowed. The one table the service checks; tests/test_service_roles.py
# exercises every cell.
PERMISSIONS: dict[str, frozenset[str]] = {
    "redact": frozenset({"integration"}),  # one-shot masking and its jobs
    "analyze": frozenset({"integration", "registrar", "reviewer"}),
    "anonymize": frozenset({"integration"}),  # POST /v1/anonymize (service/anonymize_api.py)
    "documents.create": frozenset({"registrar"}),
    "documents.read": frozenset({"registrar", "reviewer"}),  # candidates, page images, report, preview
    "documents.decide": frozenset({"registrar", "reviewer"}),
    "documents.apply": frozenset({"registrar", "reviewer"}),  # mask + verify, for the preview
    "documents.release": frozenset({"registrar"}),
    "documents.download": frozenset({"registrar"}),
    "documents.delete": frozenset({"registrar"}),
    "audit.read": frozenset({"auditor"}),
    "audit.verify": frozenset({"auditor"}),
    "keys.manage": frozenset({"admin"}),
    "metrics": frozenset({"admin"}),
    "whoami": frozenset(ROLES),
    "ui": frozenset({"registrar", "reviewer"}),  # may log in to the review page
}

bearer = HTTPBearer(auto_error=False, description="API key: `Authorization: Bearer msk_...`")


@dataclass(frozen=True)
class Principal:
    key_id: str
    org: str
    actor: str  # the official's (or system's) id: goes into decisions and the audit log
    role: str
    via: str = "key"  # key | session
    csrf: Optional[str] = None

    def can(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]


class Sessions:
    """Signed session cookies (itsdangerous): key id + CSRF token, limited lifetime."""

    def __init__(self, secret: str, max_age_s: int) -> None:
        self._s = URLSafeTimedSerializer(secret, salt="masking-review-session")
        self.max_age_s = max_age_s

    def issue(self, key: ApiKey) -> tuple[str, str]:
        csrf = secrets.token_urlsafe(24)
        return self._s.dumps({"kid": key.key_id, "csrf": csrf, "iat": int(time.time())}), csrf

    def read(self, value: str) -> Optional[dict]:
        try:
            data = self._s.loads(value, max_age=self.max_age_s)
        except BadSignature:
            return None
        return data if isinstance(data, dict) and isinstance(data.get("kid"), str) else None


def _principal_from_request(request: Request, token: Optional[str]) -> Principal:
    db = request.app.state.db
    if token is not None:
        key = verify_key(db, token)
        if key is None:
            raise unauthorized()
        return Principal(key.key_id, key.org, key.actor, key.role)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        data = request.app.state.sessions.read(cookie)
        key = active_key(db, data["kid"]) if data else None
        if key is not None:
            return Principal(key.key_id, key.org, key.actor, key.role, via="session", csrf=str(data.get("csrf", "")))
    raise unauthorized()


def check_csrf(principal: Principal, token: Optional[str]) -> None:
    """A session-authenticated change must carry the session's CSRF token."""
    if principal.via != "session":
        return
    if not token or not principal.csrf or not hmac.compare_digest(token, principal.csrf):
        raise ServiceError(403, "csrf", "missing or wrong CSRF token (reload the page)")


async def _csrf_token(request: Request) -> Optional[str]:
    """The header, else the form field of a form post (the form is parsed once per request)."""
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    return token


async def authenticate(
    request: Request, credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)
) -> Principal:
    """The caller (API key, or session cookie); a session's change must carry its CSRF token."""
    header = request.headers.get("authorization")
    if header and credentials is None:  # a scheme other than Bearer
        raise unauthorized("use Authorization: Bearer <API key>")
    p = _principal_from_request(request, credentials.credentials if credentials else None)
    request.state.principal = p  # for error pages rendered after a later check fails
    if p.via == "session" and request.method not in SAFE_METHODS:
        check_csrf(p, await _csrf_token(request))
    return p


def require(action: str, *, session: bool = False):
    """A dependency: the caller, who must be authenticated and hold a role allowed ``action``
    (with ``session``: through the review page's session cookie, not an API key)."""
    allowed = PERMISSIONS[action]

    async def dependency(principal: Principal = Depends(authenticate)) -> Principal:
        if session and principal.via != "session":
            raise unauthorized("log in on the review page")
        if principal.role not in allowed:
            raise forbidden(f"the role {principal.role} may not do this")
        return principal

    dependency.__name__ = f"require_{action.replace('.', '_')}{'_session' if session else ''}"
    dependency.permission = action  # type: ignore[attr-defined]  # read by permission_of (OpenAPI roles)
    return dependency


def permission_of(dependant) -> Optional[str]:
    """The permission a route (its FastAPI ``dependant``) requires through :func:`require`, or
    None for an open route."""
    for d in dependant.dependencies:
        found = getattr(d.call, "permission", None) or permission_of(d)
        if found:
            return found
    return None


async def optional_session(request: Request) -> Optional[Principal]:
    """For the review page: the session's principal, or None (then the page redirects to login)."""
    try:
        p = _principal_from_request(request, None)
    except ServiceError:
        return None
    return p if p.can("ui") else None
