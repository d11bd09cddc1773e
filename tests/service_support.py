"""Shared test service for tests/test_service*.py: one app (one masking worker) per test run.

The app is started once (its worker pool forks from a server that loaded the model once) and
closed at exit. Keys exist for every role in organisation ``org-a`` and a registrar in
``org-b``. Task helpers below run *inside* the masking worker (crash, block).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

PNR = "19811218-9876"
NAME = "Anna Svensson"
LINES = [
    f"Sökande: {NAME}, personnummer {PNR}.",
    "Se 1234-123 456 7 ovan.",  # a bank-account shape without context: needs review
    f"{NAME} har lämnat in ett läkarintyg.",
    "Ring 070-123 45 67 vid frågor.",
]
AUDIT_KEY = "11" * 32
WEBHOOK_KEY = "webhook-test-key-" + "22" * 16
ROLES = ("registrar", "reviewer", "auditor", "integration", "admin")


@dataclass
class Service:
    app: object
    client: object
    keys: dict[str, str]  # role -> key in org-a; "other" -> registrar in org-b
    root: Path

    def h(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}


_service: Optional[Service] = None
_closed = False


def sample_pdf(lines=LINES, pages: int = 1) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        y = 72
        for line in lines:
            page.insert_text((72, y), line, fontsize=11, fontname="helv")
            y += 14
    data = doc.tobytes()
    doc.close()
    return data


def close_shared_service() -> None:
    global _closed
    if _service is not None and not _closed:
        _closed = True
        try:
            _service.client.__exit__(None, None, None)
        finally:
            shutil.rmtree(_service.root, ignore_errors=True)  # nothing left in /tmp


def _wait_ready(get, limit_s: float = 180.0) -> None:
    """Until /ready says the workers have loaded the model; fail at once if they cannot start."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            r = get()
        except Exception:  # the server is still starting
            time.sleep(0.1)
            continue
        if r.status_code == 200:
            return
        error = r.json().get("workers_error")
        if error:
            raise RuntimeError(f"the test service's masking workers cannot start: {error}")
        time.sleep(0.1)
    raise RuntimeError("the test service did not become ready")


def shared_service(request=None) -> Service:
    """The shared service; pass a session-scoped fixture's ``request`` to close it at the end."""
    global _service
    if request is not None and getattr(request, "scope", "session") != "session":
        # the finalizer closes the one shared service: from a narrower fixture it would close it
        # under every test module that runs afterwards
        raise ValueError("shared_service(request) needs a session-scoped fixture's request")
    if _service is None:
        from fastapi.testclient import TestClient

        from service.app import create_app
        from service.keys import create_key
        from service.settings import load_settings

        root = Path(tempfile.mkdtemp(prefix="masking-service-test-"))
        settings = load_settings(
            env={}, storage_dir=root / "store", audit_url=str(root / "audit.sqlite3"), audit_key=AUDIT_KEY,
            pool_workers=1, queue_limit=2, keep_alive_s=20, max_upload_bytes=1_000_000, max_pages=5,
            sync_max_bytes=200_000, job_timeout_s=60,
            webhook_key=WEBHOOK_KEY, webhook_url_prefixes="http://127.0.0.1:", webhook_attempts=3, webhook_backoff_s=0.05,
            webhook_timeout_s=5,
        )
        app = create_app(settings)
        client = TestClient(app)
        client.__enter__()
        keys = {}
        for role in ROLES:
            keys[role], _ = create_key(app.state.db, role, org="org-a", actor=f"{role}-1")
        keys["other"], _ = create_key(app.state.db, "registrar", org="org-b", actor="registrar-b")
        keys["other_auditor"], _ = create_key(app.state.db, "auditor", org="org-b", actor="auditor-b")
        _service = Service(app, client, keys, root)
        atexit.register(close_shared_service)
        _wait_ready(lambda: client.get("/ready"))
    if request is not None:
        request.addfinalizer(close_shared_service)
    return _service


@dataclass
class LiveServer:
    base_url: str
    app: object
    keys: dict[str, str]
    root: Path


_live: Optional[LiveServer] = None


def live_server() -> LiveServer:
    """A real uvicorn server in a thread (for schemathesis and the browser): one per test run."""
    global _live
    if _live is None:
        import socket
        import threading

        import uvicorn

        from service.app import create_app
        from service.db import ServiceDB
        from service.keys import create_key
        from service.settings import load_settings

        root = Path(tempfile.mkdtemp(prefix="masking-live-test-"))
        settings = load_settings(
            env={}, storage_dir=root / "store", audit_url=str(root / "audit.sqlite3"), audit_key=AUDIT_KEY,
            pool_workers=1, queue_limit=4, max_upload_bytes=300_000, max_pages=3, job_timeout_s=60,
        )
        db = ServiceDB(settings.database)
        keys = {role: create_key(db, role, org="live", actor=f"{role}-live")[0] for role in ROLES}
        db.close()
        app = create_app(settings)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                               lifespan="on"))
        thread = threading.Thread(target=server.run, name="live-server", daemon=True)
        thread.start()

        def stop() -> None:
            server.should_exit = True
            thread.join(30)
            shutil.rmtree(root, ignore_errors=True)  # nothing left in /tmp

        atexit.register(stop)
        import httpx

        base = f"http://127.0.0.1:{port}"
        _wait_ready(lambda: httpx.get(base + "/ready", timeout=5))
        _live = LiveServer(base, app, keys, root)
    return _live


def new_client(svc: Service):
    """Another client (own cookie jar) on the running shared app: same event loop, no second
    lifespan (the app's worker pool lives on the shared client's loop)."""
    from fastapi.testclient import TestClient

    c = TestClient(svc.app)
    c.portal = svc.client.portal
    return c


def upload_file(data: bytes, name: str = "Anna_Svensson_intyg.pdf") -> dict:
    return {"file": (name, data, "application/pdf")}


# --- tasks run inside the masking worker --------------------------------------------------------


def crash() -> None:
    os._exit(3)


def wait_for_file(path: str, limit_s: float = 120.0) -> bool:
    deadline = time.monotonic() + limit_s
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
