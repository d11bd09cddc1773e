"""Masking policies: which entity types are masked, on which legal ground, from what score.

A policy is a YAML file validated into :class:`Policy`. Every output records the policy's name,
version and SHA-256 (of its canonical JSON form), so a released document can be traced to the
exact rules that produced it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .entities import ALL_TYPES, LOCATING_TYPES
from .errors import ConfigError

POLICY_DIR = Path(__file__).parent / "policies"
DEFAULT_POLICY_NAME = "general"

ACTIONS = ("mask", "review", "ignore")
LINE_ART = {"none": 0, "covered": 1, "touched": 2}


@dataclass(frozen=True)
class EntityRule:
    action: str
    ground: str
    threshold: float  # score at or above which the entity is masked automatically
    review_threshold: float  # score at or above which it is proposed for review


@dataclass(frozen=True)
class RedactionStyle:
    line_art: str = "touched"  # none | covered | touched: vector graphics under a box
    fill: tuple[float, float, float] = (0.0, 0.0, 0.0)
    label_color: tuple[float, float, float] = (1.0, 1.0, 1.0)
    draw_labels: bool = True


@dataclass(frozen=True)
class Policy:
    name: str
    version: str
    description: str
    grounds: dict[str, str]  # code → wording
    default: EntityRule
    entities: dict[str, EntityRule]
    allow_list: tuple[str, ...] = ()
    deny_list: tuple[str, ...] = ()
    protected_identity: bool = False
    # What the protected-identity switch does: these types are masked from their review
    # threshold, on this ground, and every candidate goes to review.
    protected_ground: str = ""
    protected_types: tuple[str, ...] = ()
    redaction: RedactionStyle = field(default_factory=RedactionStyle)
    sha256: str = ""
    source: Optional[str] = None

    def rule(self, entity_type: str) -> EntityRule:
        return self.entities.get(entity_type, self.default)

    def ground_for(self, entity_type: str) -> str:
        return self.rule(entity_type).ground

    def min_threshold(self) -> float:
        rules = [self.default, *self.entities.values()]
        return min(r.review_threshold for r in rules if r.action != "ignore")

    def with_protected_identity(self) -> "Policy":
        """This policy for a document about a person with protected identity (skyddade
        personuppgifter): addresses, phone numbers, e-mail and workplaces are all masked, from
        their review threshold up, on the protected-identity ground, and nothing is masked
        without review. The derived policy has its own name suffix and hash."""
        if self.protected_identity:
            return self
        entities = dict(self.entities)
        for etype in self.protected_types:
            base = self.rule(etype)
            low = min(base.review_threshold, base.threshold)
            entities[etype] = EntityRule("mask", self.protected_ground, low, low)
        return _with_hash(
            Policy(
                **{
                    **self.__dict__,
                    "entities": entities,
                    "protected_identity": True,
                    "sha256": "",
                }
            )
        )

    def ignored_types(self) -> frozenset[str]:
        """Entity types this policy never masks (and never proposes)."""
        return frozenset(t for t, r in self.entities.items() if r.action == "ignore")

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "sha256": self.sha256,
            "protected_identity": self.protected_identity,
        }


def _rule(raw: Any, base: Optional[EntityRule], where: str, grounds: dict[str, str]) -> EntityRule:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"policy {where}: must be a mapping")
    unknown = set(raw) - {"action", "ground", "threshold", "review_threshold"}
    if unknown:
        raise ConfigError(f"policy {where}: unknown keys {sorted(unknown)}")
    action = raw.get("action", base.action if base else "mask")
    if action not in ACTIONS:
        raise ConfigError(f"policy {where}: action must be one of {ACTIONS}, not {action!r}")
    ground = raw.get("ground", base.ground if base else None)
    if not ground or not isinstance(ground, str):
        raise ConfigError(f"policy {where}: a legal ground is required")
    if ground not in grounds:
        raise ConfigError(f"policy {where}: ground {ground!r} is not defined under 'grounds'")
    try:
        threshold = float(raw.get("threshold", base.threshold if base else 0.4))
        review = float(raw.get("review_threshold", base.review_threshold if base else threshold))
    except (TypeError, ValueError):
        raise ConfigError(f"policy {where}: thresholds must be numbers") from None
    for v in (threshold, review):
        if not 0.0 <= v <= 1.0:
            raise ConfigError(f"policy {where}: thresholds must be between 0 and 1")
    if review > threshold:
        raise ConfigError(f"policy {where}: review_threshold must not exceed threshold")
    return EntityRule(action=action, ground=ground, threshold=threshold, review_threshold=review)


def _str_list(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise ConfigError(f"policy {where}: must be a list of non-empty strings")
    return tuple(x.strip() for x in raw)


def _agency_allow_list() -> tuple[str, ...]:
    path = Path(__file__).parent / "config" / "agencies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: list[str] = []
    for a in data.get("agencies", []):
        out.append(a["name"])
        if a.get("short"):
            out.append(a["short"])
        for addr in a.get("addresses", []):
            out.append(addr)
            # the parts of a one-line address also appear on separate lines in letterheads
            out.extend(part.strip() for part in addr.split(",") if part.strip())
    return tuple(dict.fromkeys(out))


def parse_policy(raw: Any, source: str = "<policy>") -> Policy:
    if not isinstance(raw, dict):
        raise ConfigError(f"policy {source}: must be a YAML mapping")
    known = {
        "name", "version", "description", "grounds", "default", "entities", "allow_list",
        "deny_list", "protected_identity", "redaction", "include_agency_allow_list",
    }
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"policy {source}: unknown keys {sorted(unknown)}")
    name = raw.get("name")
    if not name or not isinstance(name, str):
        raise ConfigError(f"policy {source}: 'name' is required")
    grounds = raw.get("grounds") or {}
    if not isinstance(grounds, dict) or not grounds:
        raise ConfigError(f"policy {source}: 'grounds' must map ground codes to their wording")
    grounds = {str(k): str(v) for k, v in grounds.items()}
    default = _rule(raw.get("default"), None, f"{name}: default", grounds)
    entities_raw = raw.get("entities") or {}
    if not isinstance(entities_raw, dict):
        raise ConfigError(f"policy {name}: 'entities' must be a mapping")
    entities: dict[str, EntityRule] = {}
    for etype, rule_raw in entities_raw.items():
        if etype not in ALL_TYPES:
            raise ConfigError(f"policy {name}: unknown entity type {etype!r}")
        entities[etype] = _rule(rule_raw, default, f"{name}: entities.{etype}", grounds)
    style_raw = raw.get("redaction") or {}
    if not isinstance(style_raw, dict):
        raise ConfigError(f"policy {name}: 'redaction' must be a mapping")
    line_art = style_raw.get("line_art", "touched")
    if line_art not in LINE_ART:
        raise ConfigError(f"policy {name}: redaction.line_art must be one of {sorted(LINE_ART)}")
    try:
        style = RedactionStyle(
            line_art=line_art,
            fill=tuple(float(x) for x in style_raw.get("fill", (0, 0, 0))),  # type: ignore[arg-type]
            label_color=tuple(float(x) for x in style_raw.get("label_color", (1, 1, 1))),  # type: ignore[arg-type]
            draw_labels=bool(style_raw.get("draw_labels", True)),
        )
    except (TypeError, ValueError):
        raise ConfigError(f"policy {name}: redaction colours must be lists of 3 numbers") from None
    protected = _protected(raw.get("protected_identity"), name, default, grounds)
    allow = _str_list(raw.get("allow_list"), f"{name}: allow_list")
    if raw.get("include_agency_allow_list", True):
        allow = tuple(dict.fromkeys(allow + _agency_allow_list()))
    policy = Policy(
        name=name,
        version=str(raw.get("version", "1")),
        description=str(raw.get("description", "")),
        grounds=grounds,
        default=default,
        entities=entities,
        allow_list=allow,
        deny_list=_str_list(raw.get("deny_list"), f"{name}: deny_list"),
        protected_identity=False,  # switched on below, which also derives the rules
        protected_ground=protected["ground"],
        protected_types=protected["types"],
        redaction=style,
        source=source,
    )
    policy = _with_hash(policy)
    return policy.with_protected_identity() if protected["enabled"] else policy


def _with_hash(policy: Policy) -> Policy:
    canonical = json.dumps(
        {k: v for k, v in asdict(policy).items() if k not in ("sha256", "source")},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return Policy(**{**policy.__dict__, "sha256": digest})


def _protected(raw: Any, name: str, default: EntityRule, grounds: dict[str, str]) -> dict[str, Any]:
    """The ``protected_identity`` section: ``true``/``false`` or a mapping with ``enabled``,
    ``ground`` (a code in ``grounds``) and ``types``."""
    if raw is None or isinstance(raw, bool):
        raw = {"enabled": bool(raw)}
    if not isinstance(raw, dict):
        raise ConfigError(f"policy {name}: 'protected_identity' must be true/false or a mapping")
    unknown = set(raw) - {"enabled", "ground", "types"}
    if unknown:
        raise ConfigError(f"policy {name}: protected_identity has unknown keys {sorted(unknown)}")
    ground = str(raw.get("ground", default.ground))
    if ground not in grounds:
        raise ConfigError(f"policy {name}: protected_identity.ground {ground!r} is not listed under 'grounds'")
    types = tuple(raw.get("types") or sorted(LOCATING_TYPES))
    for t in types:
        if t not in ALL_TYPES:
            raise ConfigError(f"policy {name}: protected_identity.types has unknown entity type {t!r}")
    return {"enabled": bool(raw.get("enabled", False)), "ground": ground, "types": types}


def load_policy(name_or_path: str | Path | None = None) -> Policy:
    """Load a shipped policy by name (``general``, ``social-insurance``) or a YAML file by path."""
    target = name_or_path or DEFAULT_POLICY_NAME
    p = Path(target)
    if not p.suffix:
        candidate = POLICY_DIR / f"{target}.yaml"
        if candidate.is_file():
            p = candidate
    if not p.is_file():
        shipped = sorted(x.stem for x in POLICY_DIR.glob("*.yaml"))
        raise ConfigError(f"policy {str(target)!r} not found (shipped policies: {', '.join(shipped)})")
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"policy {p.name} is not valid YAML: {exc}") from None
    return parse_policy(raw, source=p.name)
