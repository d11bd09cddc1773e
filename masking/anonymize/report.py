"""The mapping report and the audit event of a run: counts per type, operator, scope and key id,
hashes of inputs and outputs — never a value, a name or a replacement."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from .. import __version__


def mapping_report(*, operator: str, scope: str, key_id: Optional[str], diagnoses: str, policy: dict,
                   files: list[dict], by_type: dict[str, int], persons: int) -> dict[str, Any]:
    return {
        "schema": "masking.anonymize-report/1",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "tool": {"name": "masking", "version": __version__, "replacer": "presidio-anonymizer"},
        "operator": operator,
        "scope": scope,
        "key_id": key_id,
        "diagnoses": diagnoses,
        "policy": policy,
        "documents": sum(int(f.get("documents", 1)) for f in files),
        "files": files,  # per file: input and output SHA-256, documents, replacements, by type
        "replacements": sum(by_type.values()),
        "by_type": dict(sorted(by_type.items())),
        "persons": persons,  # distinct persons (within each scope)
    }


def record_run(audit: Any, *, kind: str, actor: str, role: str, operator: str, scope: Optional[str],
               key_id: Optional[str], files: int, by_type: dict[str, int], policy: Optional[dict] = None,
               input_sha256: Optional[str] = None, output_sha256: Optional[str] = None, channel: str = "cli",
               outcome: Optional[str] = None) -> None:
    """One audit event per run (``anonymization``, or ``deanonymization``; a refused decryption,
    for a role not allowed or a key the values do not decrypt with, has ``outcome`` refused)."""
    if audit is None:
        return
    details: dict[str, Any] = {"operator": operator, "files": files, "replacements": sum(by_type.values()),
                               "by_type": dict(sorted(by_type.items())), "channel": channel}
    if scope:
        details["scope"] = scope
    if key_id:
        details["key_id"] = key_id
    if outcome:
        details["outcome"] = outcome
    audit.record(kind, actor=actor, role=role, input_sha256=input_sha256, output_sha256=output_sha256,
                 policy={k: policy[k] for k in ("name", "sha256", "version") if policy and policy.get(k) is not None} or None,
                 details=details)
