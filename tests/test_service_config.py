"""Service settings (file < environment) and ``masking keys create|list|revoke``."""

from __future__ import annotations

import sqlite3

import pytest

from masking.cli import main
from masking.errors import ConfigError
from service.db import ServiceDB
from service.keys import verify_key
from service.settings import load_settings


def test_settings_file_then_environment(tmp_path) -> None:
    f = tmp_path / "service.yaml"
    f.write_text(f"storage_dir: {tmp_path}/store\nmax_pages: 40\npool_workers: 3\nqueue_limit: 9\n"
                 "policies: {general: general, mine: general}\n", encoding="utf-8")
    s = load_settings(f, env={"MASKING_SERVICE_MAX_PAGES": "12", "MASKING_AUDIT_URL": str(tmp_path / "a.db")})
    assert (s.max_pages, s.pool_workers, s.queue_limit) == (12, 3, 9)
    assert s.storage_dir == tmp_path / "store" and s.database == tmp_path / "store" / "service.sqlite3"
    assert s.audit_url == str(tmp_path / "a.db") and s.policy_spec("mine") == "general"
    with pytest.raises(ConfigError):
        s.policy_spec("social-insurance")  # not offered by this deployment
    f.write_text("max_upload_byte: 5\n", encoding="utf-8")  # a misspelt key is an error
    with pytest.raises(ConfigError):
        load_settings(f, env={})
    with pytest.raises(ConfigError):
        load_settings(env={"MASKING_SERVICE_QUEUE_LIMIT": "1", "MASKING_SERVICE_POOL_WORKERS": "2"})
    with pytest.raises(ConfigError):
        load_settings(env={"MASKING_SERVICE_MAX_PAGES": "many"})


def test_keys_cli_prints_the_key_once_and_stores_only_a_hash(tmp_path, capsys) -> None:
    db_path = tmp_path / "service.sqlite3"
    assert main(["keys", "create", "--role", "integration", "--org", "agency-1", "--user", "case-system",
                 "--db", str(db_path)]) == 0
    out, err = capsys.readouterr()
    key = out.strip()
    assert key.startswith("msk_") and "integration" in err and key not in err
    raw = db_path.read_bytes()
    assert key.encode() not in raw and key.split("_", 2)[2].encode() not in raw
    with sqlite3.connect(db_path) as conn:
        (digest,) = conn.execute("SELECT hash FROM api_keys").fetchone()
    assert len(digest) == 32
    db = ServiceDB(db_path)
    rec = verify_key(db, key)
    assert rec is not None and (rec.role, rec.org, rec.actor) == ("integration", "agency-1", "case-system")
    assert verify_key(db, key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert main(["keys", "list", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out
    assert rec.key_id in listing and key not in listing and "active" in listing
    assert main(["keys", "revoke", rec.key_id, "--db", str(db_path)]) == 0
    assert verify_key(db, key) is None
    assert main(["keys", "revoke", rec.key_id, "--db", str(db_path)]) == 30  # no active key
    assert main(["keys", "create", "--role", "integration", "--user", "19811218-9876", "--db", str(db_path)]) == 30
    db.close()


def test_keys_cli_rejects_an_unknown_role(tmp_path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["keys", "create", "--role", "superuser", "--db", str(tmp_path / "k.db")])
    assert exc.value.code == 2


def test_serve_turns_uvicorns_raw_path_access_log_off(monkeypatch, tmp_path) -> None:
    """uvicorn would log each raw path (a name typed into a URL); the service logs route templates."""
    import uvicorn

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.setenv("MASKING_SERVICE_STORAGE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("MASKING_SERVICE_CONFIG", raising=False)
    assert main(["serve", "--port", "8123", "--log-level", "warning"]) == 0
    assert seen["app"] == "service.app:create_app_from_env" and seen["access_log"] is False
    access = seen["log_config"]["loggers"]["service.access"]
    assert access["handlers"] and access["level"] == "WARNING"


def test_the_routes_are_built_at_startup_not_by_the_first_request(tmp_path) -> None:
    from service.app import create_app, prepare_routes

    app = create_app(load_settings(env={"MASKING_SERVICE_STORAGE_DIR": str(tmp_path)}), warm=False)
    included = [r for r in app.router.routes if hasattr(r, "_effective_candidates_version")]
    if not included:
        pytest.skip("this FastAPI builds an included router's routes when it is included")
    assert all(r._effective_candidates_version is None for r in included)  # FastAPI would build them lazily
    prepare_routes(app)
    assert all(r._effective_candidates_version is not None for r in included)
