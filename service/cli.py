"""``masking serve`` and ``masking keys create|list|revoke`` (registered by masking/cli.py).

Only argparse at import time: the web stack is imported when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys


def _settings(args: argparse.Namespace, **overrides):
    from .settings import load_settings

    return load_settings(args.config, **overrides)


def _db(args: argparse.Namespace):
    from .db import ServiceDB
    from .storage import ensure_private_dir

    settings = _settings(args, **({"db": args.db, "db_path": None} if args.db else {}))
    if settings.db is None and settings.db_path is None:
        ensure_private_dir(settings.storage_dir)
    return ServiceDB(settings.database)


def cmd_keys_create(args: argparse.Namespace) -> int:
    from .keys import create_key

    db = _db(args)
    try:
        secret, key = create_key(db, args.role, org=args.org, actor=args.user)
    finally:
        db.close()
    print(secret)
    print(f"created key {key.key_id} for role {key.role} in organisation {key.org} (user {key.actor}); "
          "the key is shown only now: store it in a secret store", file=sys.stderr)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    from .keys import describe

    db = _db(args)
    try:
        rows = db.keys(args.org)
    finally:
        db.close()
    for r in rows:
        d = describe(r)
        state = f"revoked {d['revoked']}" if d["revoked"] else "active"
        print(f"{d['key_id']}  {d['role']:<12} {d['org']:<20} {d['user']:<24} {d['created']}  {state}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from masking.errors import ConfigError

    db = _db(args)
    try:
        if not db.revoke_key(args.key_id):
            raise ConfigError(f"no active key {args.key_id}")
    finally:
        db.close()
    print(f"revoked key {args.key_id}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .metrics import uvicorn_logging
    from .settings import CONFIG_ENV

    if args.config:  # worker processes read the same settings
        os.environ[CONFIG_ENV] = os.path.abspath(args.config)
    for name, value in (("POOL_WORKERS", args.pool_workers),):
        if value is not None:
            os.environ[f"MASKING_SERVICE_{name}"] = str(value)
    settings = _settings(args)  # validate before starting
    host = args.host or settings.host
    port = args.port or settings.port
    workers = args.workers or settings.http_workers
    print(f"masking service on http://{host}:{port} ({workers} HTTP worker(s) x {settings.pool_workers} "
          f"masking worker(s)); storage {settings.storage_dir}", file=sys.stderr)
    uvicorn.run("service.app:create_app_from_env", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, server_header=False, timeout_keep_alive=settings.keep_alive_s,
                **uvicorn_logging(args.log_level))
    return 0


def add_service_parsers(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", help="service settings file (YAML; default: MASKING_SERVICE_CONFIG)")

    s = sub.add_parser("serve", parents=[common], help="run the HTTP service and review page (uvicorn)")
    s.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, help="port (default 8000)")
    s.add_argument("--workers", type=int, help="HTTP worker processes (default 1; each has its own masking pool)")
    s.add_argument("--pool-workers", type=int, help="masking processes per HTTP worker (default 2)")
    s.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    s.set_defaults(func=cmd_serve)

    k = sub.add_parser("keys", help="API keys of the HTTP service: create (shown once), list, revoke")
    ksub = k.add_subparsers(dest="keys_command", required=True)
    kcommon = argparse.ArgumentParser(add_help=False, parents=[common])
    kcommon.add_argument("--db", help="service database: a postgresql:// URL or a SQLite file (default: the "
                                      "setting db / MASKING_SERVICE_DB, else service.sqlite3 in the storage directory)")

    c = ksub.add_parser("create", parents=[kcommon], help="create a key and print it once (only its hash is stored)")
    c.add_argument("--role", required=True, choices=["registrar", "reviewer", "auditor", "integration", "admin"])
    c.add_argument("--org", default="default", help="organisation the key acts for (documents are per organisation)")
    c.add_argument("--user", help="the official's or system's id recorded in decisions and the audit log")
    c.set_defaults(func=cmd_keys_create)

    ls = ksub.add_parser("list", parents=[kcommon], help="list keys (never the keys themselves)")
    ls.add_argument("--org")
    ls.set_defaults(func=cmd_keys_list)

    r = ksub.add_parser("revoke", parents=[kcommon], help="revoke a key (takes effect on the next request)")
    r.add_argument("key_id")
    r.set_defaults(func=cmd_keys_revoke)
