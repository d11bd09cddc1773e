"""Audit event model: typed, fixed fields, canonical JSON and the event hash.

An event holds facts about a document and a decision, never a value from the document: every
text field must be a short token of a fixed shape (an id, a role, an entity type, a legal
ground), ``details`` accepts only allow-listed keys with numbers, booleans, fixed vocabulary or
keyed HMACs (``hmac-sha256:<hex>``, see :func:`masking.audit.value_hmac`). A rejected field is a
typed :class:`~masking.errors.AuditRecordError` whose message names the field, never the value.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from ..errors import AuditRecordError

SCHEMA = 1
GENESIS = "0" * 64  # prev_hash of the first event

KINDS = (
    "upload",
    "analysis",
    "decision",
    "application",
    "verification",
    "release",
    "download",
    "export",  # someone exported (read out) audit events
    "admin",  # key rotation, retention, configuration changes
    "anonymization",  # pseudonymised text written (masking anonymize): types, counts, operator, key id
    "deanonymization",  # encrypted values decrypted by an authorised role (masking deanonymize)
)

# Per masked area, what happened to it (the reference's human actions plus automatic outcomes).
DECISIONS = ("masked", "kept", "pending", "accepted", "added", "removed", "ground_changed")

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HMAC = re.compile(r"hmac-sha256:[0-9a-f]{64}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TOKEN = re.compile(r"[\w.@+:/-]{1,128}")  # ids, roles, names of tools: no spaces, no sentences
_ENTITY = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
# A legal reference: "OSL 21:7", "OSL 21:3 a", "OSL 21 kap. 7 §", "GDPR art. 9" (no names fit).
_GROUND = re.compile(r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,11}\.?(?: [a-zåäö]{1,6}\.?)? ?\d[\d:§.,/-]*(?: (?:\d[\d:§.,/-]*|[a-zåäö]{1,4}\.?|§)){0,6}")
_VERSION = re.compile(r"[\w.+:/@-]{1,64}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
# A personnummer / samordningsnummer shape inside a token: refused as a safety net.
_PNR_SHAPE = re.compile(r"(?<!\d)(?:\d{6}|\d{8})[-+]?\d{4}(?!\d)")


def utc_now() -> str:
    return format_time(_dt.datetime.now(_dt.timezone.utc))


def format_time(t: _dt.datetime) -> str:
    """UTC, ISO-8601, microseconds, ``Z``: a fixed width, so text order is time order."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=_dt.timezone.utc)
    return t.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> str:
    """An ISO-8601 date or time (naive means UTC) in the log's time format."""
    try:
        t = _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise AuditRecordError("time must be ISO-8601, e.g. 2026-11-21 or 2026-11-21T10:00:00Z") from None
    return format_time(t)


def _normalise(obj: Any) -> Any:
    if isinstance(obj, bool) or obj is None or isinstance(obj, int):
        return obj
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise AuditRecordError("numbers in audit events must be finite")
        return round(obj, 6)
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if isinstance(obj, Mapping):
        return {str(k): _normalise(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_normalise(v) for v in obj]
    raise AuditRecordError(f"cannot put a {type(obj).__name__} into an audit event")


def canonical_json(obj: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 text, floats rounded to 6 decimals, NFC strings."""
    return json.dumps(_normalise(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def content_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of an event without its ``hash`` and ``mac``."""
    body = {k: v for k, v in content.items() if k not in ("hash", "mac")}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


# --- field checks -------------------------------------------------------------------------


def _check(name: str, value: Any, pattern: re.Pattern, optional: bool = False) -> Optional[str]:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise AuditRecordError(f"audit field {name!r} has the wrong shape (expected {_SHAPES.get(pattern, 'a token')})")
    return value


def _check_id(name: str, value: Any, optional: bool = False) -> Optional[str]:
    """An identifier token; a UUID, hex digest or HMAC always passes; a personnummer never."""
    if value is None and optional:
        return None
    if isinstance(value, str) and (_UUID.fullmatch(value) or _HEX64.fullmatch(value) or _HMAC.fullmatch(value)):
        return value
    _check(name, value, _TOKEN)
    if _PNR_SHAPE.search(value):
        raise AuditRecordError(
            f"audit field {name!r} looks like a personal identity number; use value_hmac() for linkable values"
        )
    return value


_SHAPES = {
    _HEX64: "64 lower-case hex digits",
    _TOKEN: "a token of letters, digits and . @ + : / - _, at most 128 characters",
    _ENTITY: "an upper-case entity type such as SE_PERSONNUMMER",
    _GROUND: "a legal ground such as 'OSL 21:7'",
    _VERSION: "a version token",
    _TIME: "UTC time YYYY-MM-DDTHH:MM:SS.ffffffZ",
    _HMAC: "hmac-sha256:<64 hex digits>",
}


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _boolean(v: Any) -> bool:
    return isinstance(v, bool)


def _hmac_value(v: Any) -> bool:
    return isinstance(v, str) and _HMAC.fullmatch(v) is not None


def _date(v: Any) -> bool:
    return isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None


def _key_id(v: Any) -> bool:
    return isinstance(v, str) and re.fullmatch(r"[0-9a-f]{16}", v) is not None


def _type_counts(v: Any) -> bool:
    """Counts per entity type ({"PERSON": 3}): type names and numbers, never a value."""
    return isinstance(v, dict) and len(v) <= 64 and all(
        isinstance(k, str) and _ENTITY.fullmatch(k) is not None and _count(n) for k, n in v.items())


def _one_of(*values: str) -> Callable[[Any], bool]:
    allowed = frozenset(values)

    def check(v: Any) -> bool:
        return isinstance(v, str) and v in allowed

    check.allowed = tuple(values)  # type: ignore[attr-defined]
    return check


# The only keys ``details`` may hold. Values are numbers, booleans, a fixed vocabulary or HMACs;
# any key ending in ``_ref`` takes an HMAC (a request, case or decision reference, linkable but
# not readable). Extend this table in code review, not at run time.
DETAIL_KEYS: dict[str, Callable[[Any], bool]] = {
    "pages": _count,
    "masked_areas": _count,
    "review_areas": _count,
    "detections": _count,
    "findings": _count,
    "checks": _count,
    "bytes": _count,
    "files": _count,
    "events": _count,
    "duration_ms": _number,
    "threshold": _number,
    "verification_passed": _boolean,
    "ocr_used": _boolean,
    "informed_of_appeal": _boolean,
    "appeal_deadline": _date,
    "outcome": _one_of("full", "partial", "refused", "withheld"),
    "requester": _one_of("anonymous", "known"),
    "damage_test": _one_of("rakt", "omvant", "kvalificerat_rakt", "none"),
    "channel": _one_of("web", "api", "cli", "batch"),
    "operator": _one_of("tag", "surrogate", "hmac", "encrypt"),
    "scope": _one_of("document", "corpus"),
    "key_id": _key_id,
    "replacements": _count,
    "by_type": _type_counts,
    "action": _one_of("key_rotation", "retention", "config_change", "anchor", "export"),
}
_REF_KEY = re.compile(r"[a-z][a-z0-9_]{0,40}_ref")


def check_details(details: Optional[Mapping[str, Any]]) -> dict[str, Any]:
    if details is None:
        return {}
    if not isinstance(details, Mapping):
        raise AuditRecordError("audit details must be a mapping")
    out: dict[str, Any] = {}
    for key, value in details.items():
        if not isinstance(key, str):
            raise AuditRecordError("audit details keys must be strings")
        check = DETAIL_KEYS.get(key) or (_hmac_value if _REF_KEY.fullmatch(key) else None)
        if check is None:
            raise AuditRecordError(f"audit details key {key!r} is not allowed")
        if not check(value):
            allowed = getattr(check, "allowed", None)
            want = f"one of {list(allowed)}" if allowed else check.__name__.strip("_").replace("_", " ")
            raise AuditRecordError(f"audit details[{key!r}] must be {want}")
        out[key] = value
    return out


# --- the event ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyRef:
    name: str
    sha256: str
    version: Optional[str] = None

    def __post_init__(self) -> None:
        _check_id("policy.name", self.name)
        _check("policy.sha256", self.sha256, _HEX64)
        _check("policy.version", self.version, _VERSION, optional=True)

    @classmethod
    def coerce(cls, v: Any) -> Optional["PolicyRef"]:
        if v is None or isinstance(v, cls):
            return v
        if isinstance(v, Mapping):
            return cls(name=v.get("name"), sha256=v.get("sha256"), version=v.get("version"))
        if hasattr(v, "describe"):  # a masking.policy.Policy
            return cls.coerce(v.describe())
        raise AuditRecordError("audit field 'policy' must be a PolicyRef, a mapping or a Policy")

    def to_dict(self) -> dict:
        return {"name": self.name, "sha256": self.sha256, "version": self.version}


@dataclass(frozen=True)
class ModelRef:
    name: str
    version: str

    def __post_init__(self) -> None:
        _check_id("model.name", self.name)
        _check("model.version", self.version, _VERSION)

    @classmethod
    def coerce(cls, v: Any) -> Optional["ModelRef"]:
        if v is None or isinstance(v, cls):
            return v
        if isinstance(v, Mapping):
            return cls(name=v.get("name"), version=v.get("version"))
        raise AuditRecordError("audit field 'model' must be a ModelRef or a mapping")

    def to_dict(self) -> dict:
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True)
class AuditArea:
    """One masked (or reviewed) area: page (1-based), box [x0, y0, x1, y1] in PDF points."""

    page: int
    box: tuple[float, float, float, float]
    type: str
    ground: Optional[str] = None
    detector: Optional[str] = None
    score: Optional[float] = None
    decided_by: str = "auto"
    decision: Optional[str] = "masked"

    def __post_init__(self) -> None:
        if not _count(self.page) or self.page < 1:
            raise AuditRecordError("audit area 'page' must be an integer >= 1")
        box = tuple(self.box) if isinstance(self.box, (list, tuple)) else ()
        if len(box) != 4 or not all(_number(v) for v in box):
            raise AuditRecordError("audit area 'box' must be four finite numbers [x0, y0, x1, y1]")
        object.__setattr__(self, "box", tuple(round(float(v), 2) for v in box))
        _check("area.type", self.type, _ENTITY)
        _check("area.ground", self.ground, _GROUND, optional=True)
        if self.ground is not None and _PNR_SHAPE.search(self.ground):
            raise AuditRecordError("audit field 'area.ground' looks like a personal identity number")
        if self.detector is not None:
            _check_id("area.detector", self.detector)
        if self.score is not None:
            if not _number(self.score) or not 0.0 <= self.score <= 1.0:
                raise AuditRecordError("audit area 'score' must be a number in [0, 1]")
            object.__setattr__(self, "score", round(float(self.score), 4))
        _check_id("area.decided_by", self.decided_by)
        if self.decision is not None and self.decision not in DECISIONS:
            raise AuditRecordError(f"audit area 'decision' must be one of {list(DECISIONS)}")

    @classmethod
    def from_masked_area(cls, area: Any, decided_by: str = "auto", decision: str = "masked") -> "AuditArea":
        """From a :class:`masking.model.MaskedArea` (or its report dict)."""
        d = area.to_dict() if hasattr(area, "to_dict") else area
        return cls(
            page=d["page"],
            box=tuple(d["box"]),
            type=d["type"],
            ground=d.get("ground"),
            detector=d.get("recognizer") or d.get("detector"),
            score=d.get("score"),
            decided_by=decided_by,
            decision=decision,
        )

    @classmethod
    def coerce(cls, v: Any) -> "AuditArea":
        if isinstance(v, cls):
            return v
        if isinstance(v, Mapping):
            unknown = set(v) - {"page", "box", "type", "ground", "detector", "score", "decided_by", "decision"}
            if unknown:
                raise AuditRecordError(f"audit area keys not allowed: {sorted(unknown)}")
            return cls(**v)
        raise AuditRecordError("audit areas must be AuditArea objects or mappings")

    def to_dict(self) -> dict:
        return {
            "page": self.page,
            "box": list(self.box),
            "type": self.type,
            "ground": self.ground,
            "detector": self.detector,
            "score": self.score,
            "decided_by": self.decided_by,
            "decision": self.decision,
        }


@dataclass(frozen=True)
class AuditEvent:
    """One log entry. ``hash`` covers every other field but ``mac``; ``mac`` is the keyed seal."""

    seq: int
    event_id: str
    time: str
    kind: str
    actor: str
    role: str
    document_id: Optional[str] = None
    input_sha256: Optional[str] = None
    output_sha256: Optional[str] = None
    policy: Optional[PolicyRef] = None
    model: Optional[ModelRef] = None
    tool_version: Optional[str] = None
    areas: tuple[AuditArea, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""
    mac: str = ""

    def __post_init__(self) -> None:
        if not _count(self.seq) or self.seq < 1:
            raise AuditRecordError("audit field 'seq' must be an integer >= 1")
        _check("event_id", self.event_id, _UUID)
        _check("time", self.time, _TIME)
        if self.kind not in KINDS:
            raise AuditRecordError(f"audit event kind must be one of {list(KINDS)}")
        _check_id("actor", self.actor)
        _check_id("role", self.role)
        _check_id("document_id", self.document_id, optional=True)
        _check("input_sha256", self.input_sha256, _HEX64, optional=True)
        _check("output_sha256", self.output_sha256, _HEX64, optional=True)
        object.__setattr__(self, "policy", PolicyRef.coerce(self.policy))
        object.__setattr__(self, "model", ModelRef.coerce(self.model))
        _check("tool_version", self.tool_version, _VERSION, optional=True)
        object.__setattr__(self, "areas", tuple(AuditArea.coerce(a) for a in (self.areas or ())))
        object.__setattr__(self, "details", check_details(self.details))
        _check("prev_hash", self.prev_hash, _HEX64)

    def content(self) -> dict:
        """Everything the hash covers."""
        return {
            "v": SCHEMA,
            "seq": self.seq,
            "event_id": self.event_id,
            "time": self.time,
            "kind": self.kind,
            "actor": self.actor,
            "role": self.role,
            "document_id": self.document_id,
            "input_sha256": self.input_sha256,
            "output_sha256": self.output_sha256,
            "policy": self.policy.to_dict() if self.policy else None,
            "model": self.model.to_dict() if self.model else None,
            "tool_version": self.tool_version,
            "areas": [a.to_dict() for a in self.areas],
            "details": dict(self.details),
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        return content_hash(self.content())

    def to_dict(self) -> dict:
        return {**self.content(), "hash": self.hash, "mac": self.mac}

    def to_json(self) -> str:
        return canonical_json(self.to_dict())

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "AuditEvent":
        if not isinstance(d, Mapping) or d.get("v") != SCHEMA:
            raise AuditRecordError(f"not an audit event of schema version {SCHEMA}")
        known = {"v", "seq", "event_id", "time", "kind", "actor", "role", "document_id", "input_sha256",
                 "output_sha256", "policy", "model", "tool_version", "areas", "details", "prev_hash", "hash", "mac"}
        unknown = set(d) - known
        if unknown:
            raise AuditRecordError(f"audit event has unknown fields {sorted(unknown)}")
        return cls(**{k: v for k, v in d.items() if k != "v"})


def new_event_id() -> str:
    return str(uuid.uuid4())

