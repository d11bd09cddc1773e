"""Service settings: defaults, then a YAML settings file, then environment variables.

The settings file is ``MASKING_SERVICE_CONFIG`` (or ``masking serve --config FILE``); every key
is one of the :class:`Settings` fields. An environment variable ``MASKING_SERVICE_<FIELD>``
(upper case) overrides the file, e.g. ``MASKING_SERVICE_MAX_UPLOAD_BYTES=20000000``. Unknown
keys are an error (a misspelt limit must not silently fall back to a default).

Clients choose a policy by *name* only, from ``policies`` (name → shipped policy name or a YAML
file on the server); a client can never make the service read a path.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import yaml

from masking.errors import ConfigError

from .db import is_postgres_url

ENV_PREFIX = "MASKING_SERVICE_"
KEEP_ALIVE_MARGIN_S = 5  # keep-alive minus the longest Retry-After
CONFIG_ENV = "MASKING_SERVICE_CONFIG"


def default_storage_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "masking" / "service"


@dataclass(frozen=True)
class Settings:
    # where documents, the service database and the session secret live (0700 / 0600)
    storage_dir: Path = field(default_factory=default_storage_dir)
    db_path: Optional[Path] = None  # default: storage_dir/service.sqlite3 (API keys, documents, jobs)
    # the service database as a URL or path (MASKING_SERVICE_DB): postgresql://... for more than one host
    db: Optional[str] = None
    scheduler: Optional[str] = None  # a Dask scheduler (tcp://host:8786): masking runs on its workers
    audit_url: Optional[str] = None  # default: MASKING_AUDIT_URL, else the library's SQLite default
    audit_key: Optional[str] = None  # default: MASKING_AUDIT_KEY / MASKING_AUDIT_KEY_FILE / key file
    analyzer_config: Optional[str] = None  # default: MASKING_ANALYZER_CONFIG / the shipped config
    # HTTP
    host: str = "127.0.0.1"
    port: int = 8000
    http_workers: int = 1  # uvicorn processes; each has its own masking pool
    keep_alive_s: int = 75  # idle keep-alive connections are closed after this (longer than any Retry-After)
    # the masking pool (per HTTP worker process)
    pool_workers: int = 2  # masking processes
    queue_limit: int = 64  # tasks running + waiting for a worker; beyond that 503 + Retry-After at once
    queue_wait_s: float = 60.0  # a request waits this long for a busy worker, then 503 + Retry-After
    job_timeout_s: float = 120.0  # one masking job; beyond it the worker is replaced (504)
    # an asynchronous job whose instance has been silent this long is taken over by another one
    # (each instance says it is alive every quarter of it)
    job_takeover_s: float = 60.0
    # limits
    max_upload_bytes: int = 50 * 1024 * 1024  # 413 beyond
    max_pages: int = 500  # 422 beyond
    max_text_chars: int = 100_000  # POST /v1/analyze
    sync_max_bytes: int = 5 * 1024 * 1024  # one-shot uploads above this get 202 + a job id
    # retention of uploads, outputs and page images
    retention_hours: float = 24.0
    cleanup_interval_s: float = 300.0
    # policies clients may name: name -> shipped policy name or a YAML file on the server
    default_policy: str = "general"
    policies: Mapping[str, str] = field(
        default_factory=lambda: {"general": "general", "social-insurance": "social-insurance"}
    )
    agency: str = "[myndighetens namn]"  # the agency's name in decision drafts
    # browser sessions (review page)
    session_secret: Optional[str] = None  # default: a random secret kept in storage_dir/session.key
    session_max_age_s: int = 8 * 3600
    cookie_secure: bool = False  # also set when the request came over https
    render_zoom: float = 1.5  # page images: 1.5 = 108 dpi
    # job webhooks (service/webhook.py): callbacks only with a key and only to URLs under these prefixes
    webhook_key: Optional[str] = None  # HMAC-SHA256 key of X-Masking-Signature (a secret; env or file)
    webhook_url_prefixes: str = ""  # comma-separated, e.g. "https://case.example.se/hooks/"
    webhook_attempts: int = 5  # deliveries tried at most (backoff webhook_backoff_s · 2^n between them)
    webhook_backoff_s: float = 2.0
    webhook_timeout_s: float = 10.0

    # -- derived --------------------------------------------------------------------------------
    @property
    def database(self) -> Union[str, Path]:
        """The service database: a ``postgresql://`` URL, or the SQLite file."""
        if self.db:
            return self.db if is_postgres_url(self.db) else Path(self.db).expanduser()
        return self.db_path or (self.storage_dir / "service.sqlite3")

    @property
    def shared(self) -> bool:
        """The database can be shared by instances on several hosts (PostgreSQL)."""
        return is_postgres_url(self.database)

    @property
    def retry_after_max_s(self) -> int:
        """The longest Retry-After sent: shorter than the keep-alive, so that a client coming back
        on time finds its connection still open."""
        return max(1, self.keep_alive_s - KEEP_ALIVE_MARGIN_S)

    @property
    def documents_dir(self) -> Path:
        return self.storage_dir / "documents"

    def policy_spec(self, name: Optional[str]) -> str:
        """The policy spec for a name a client gave (ConfigError: not offered here)."""
        name = name or self.default_policy
        if name not in self.policies:
            raise ConfigError(f"policy {name!r} is not offered by this service (offered: {', '.join(sorted(self.policies))})")
        return self.policies[name]

    def worker_config(self) -> dict[str, Any]:
        """What a masking worker process needs (picklable)."""
        return {
            "analyzer_config": self.analyzer_config,
            "audit_url": self.audit_url,
            "audit_key": self.audit_key,
            "max_pages": self.max_pages,
            "max_bytes": self.max_upload_bytes,
            "policies": dict(self.policies),
            "agency": self.agency,
            "render_zoom": self.render_zoom,
        }

    def validate(self) -> "Settings":
        positive = ("port", "http_workers", "pool_workers", "queue_limit", "max_upload_bytes", "max_pages",
                    "max_text_chars", "sync_max_bytes", "session_max_age_s")
        for name in positive:
            if int(getattr(self, name)) < 1:
                raise ConfigError(f"service setting {name} must be at least 1")
        if self.queue_limit < self.pool_workers:
            raise ConfigError("service setting queue_limit must be at least pool_workers")
        if self.keep_alive_s <= KEEP_ALIVE_MARGIN_S:
            raise ConfigError(f"service setting keep_alive_s must be more than {KEEP_ALIVE_MARGIN_S}")
        if self.queue_wait_s < 0:
            raise ConfigError("service setting queue_wait_s must not be negative")
        if self.job_timeout_s <= 0 or self.retention_hours <= 0 or self.cleanup_interval_s <= 0:
            raise ConfigError("service settings job_timeout_s, retention_hours and cleanup_interval_s must be positive")
        if self.job_takeover_s < 2:
            raise ConfigError("service setting job_takeover_s must be at least 2 (seconds)")
        if not 0.25 <= self.render_zoom <= 4:
            raise ConfigError("service setting render_zoom must be between 0.25 and 4")
        if self.db and self.db_path:
            raise ConfigError("service settings db and db_path name the database twice; use one")
        if self.scheduler is not None and not self.scheduler.strip():
            raise ConfigError("service setting scheduler must be a Dask scheduler address (tcp://host:8786)")
        if not 1 <= self.webhook_attempts <= 20 or self.webhook_backoff_s < 0 or self.webhook_timeout_s <= 0:
            raise ConfigError("service settings webhook_attempts (1-20), webhook_backoff_s and webhook_timeout_s are out of range")
        if self.default_policy not in self.policies:
            raise ConfigError(f"default_policy {self.default_policy!r} is not in policies")
        return self


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, raw: Any) -> Any:
    f = _FIELDS[name]
    kind = str(f.type)
    if raw is None:
        return None
    try:
        if name in ("storage_dir", "db_path"):
            return Path(str(raw)).expanduser()
        if name == "policies":
            if isinstance(raw, str):  # env: "general=general,mine=/etc/masking/mine.yaml"
                pairs = [p.split("=", 1) for p in raw.split(",") if p.strip()]
                raw = {k.strip(): v.strip() for k, v in pairs}
            if not isinstance(raw, Mapping) or not raw:
                raise ValueError
            return {str(k): str(v) for k, v in raw.items()}
        if name == "webhook_url_prefixes" and isinstance(raw, (list, tuple)):  # a YAML list
            return ",".join(str(v) for v in raw)
        if kind.startswith("bool") or kind == "bool":
            if isinstance(raw, bool):
                return raw
            value = str(raw).strip().lower()
            if value in ("1", "true", "yes", "on"):
                return True
            if value in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        return str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"service setting {name} has an invalid value") from None


def load_settings(config_file: Optional[str | Path] = None, env: Optional[Mapping[str, str]] = None,
                  **overrides: Any) -> Settings:
    """Defaults < settings file < environment < ``overrides`` (keyword arguments, for tests)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = config_file or env.get(CONFIG_ENV)
    if path:
        p = Path(path)
        try:
            raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise ConfigError(f"cannot read the service settings file {p} ({type(exc).__name__})") from None
        except yaml.YAMLError:
            raise ConfigError(f"the service settings file {p} is not valid YAML") from None
        if not isinstance(raw, Mapping):
            raise ConfigError(f"the service settings file {p} must be a mapping")
        unknown = sorted(set(raw) - set(_FIELDS))
        if unknown:
            raise ConfigError(f"unknown service settings in {p}: {', '.join(map(str, unknown))}")
        values.update({k: _coerce(k, v) for k, v in raw.items()})
    for name in _FIELDS:
        key = ENV_PREFIX + name.upper()
        if key in env and env[key] != "":
            values[name] = _coerce(name, env[key])
    if "audit_url" not in values and env.get("MASKING_AUDIT_URL"):
        values["audit_url"] = env["MASKING_AUDIT_URL"]
    for k, v in overrides.items():
        if k not in _FIELDS:
            raise ConfigError(f"unknown service setting {k}")
        values[k] = v
    return Settings(**values).validate()
