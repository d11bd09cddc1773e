"""``POST /v1/anonymize``: pseudonymised text for integrations (``masking anonymize`` over HTTP).

A router of its own, included by :func:`service.app.create_app`. The texts are analysed and
decided by the masking pipeline in a worker process (the service's policies) and replaced by
presidio-anonymizer with one of the operators; the answer holds the pseudonymised texts and
the mapping report (counts per type, operator, key id: no values). One audit event
``anonymization`` per request (channel ``api``). ``hmac`` and ``encrypt`` use the key file in
``MASKING_ANONYMIZE_KEY_FILE`` of the service's environment; decryption is not offered over
HTTP (``masking deanonymize``, an authorised role at the agency).
"""

from __future__ import annotations

import os
from typing import Any, Literal, Optional

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel, Field

from .api import ERRORS, WORK_ERRORS, Svc
from .auth import Principal, require
from .errors import ServiceError

router = APIRouter(prefix="/v1")
KEY_FILE_ENV = "MASKING_ANONYMIZE_KEY_FILE"


class AnonymizeIn(BaseModel):
    texts: list[str] = Field(min_length=1, max_length=100,
                             description="the texts; in scope `corpus` a value keeps one replacement across all")
    operator: Literal["tag", "surrogate", "hmac", "encrypt"] = Field(
        "tag", description="tag: [PERSON_1]; surrogate: realistic Swedish fake values; hmac: keyed pseudonyms, the "
                           "same in every request; encrypt: AES, reversible only with the agency's key")
    scope: Literal["document", "corpus"] = Field("document", description="each text, or all texts together")
    diagnoses: Literal["chapter", "keep"] = Field("chapter", description="surrogate: ICD-10 codes to their chapter, or kept")
    policy: Optional[str] = Field(None, max_length=64, description="policy name offered by the service")


class AnonymizeReport(BaseModel):
    operator: str
    scope: str
    key_id: Optional[str] = Field(None, description="fingerprint of the key (hmac, encrypt)")
    replacements: int
    by_type: dict[str, int] = Field(description="values replaced per entity type")
    persons: int = Field(description="distinct persons (within each scope)")


class AnonymizeOut(BaseModel):
    texts: list[str]
    report: AnonymizeReport


EXAMPLES = {
    "tag": {"summary": "tags, numbered per text",
            "value": {"texts": ["Anna Svensson (811218-9876) ringde. Annas bil står på Storgatan 12."],
                      "operator": "tag"}},
    "surrogate": {"summary": "realistic fake values, one scope for all texts",
                  "value": {"texts": ["Anna Svensson ringde från 070-123 45 67.", "Brev till Anna Svensson."],
                            "operator": "surrogate", "scope": "corpus"}},
}


def _key(operator: str):  # type: ignore[no-untyped-def]
    if operator not in ("hmac", "encrypt"):
        return None
    from masking.anonymize.errors import AnonymizeKeyError
    from masking.anonymize.keys import read_key_file

    path = os.environ.get(KEY_FILE_ENV)
    if not path:
        raise AnonymizeKeyError(f"operator {operator} needs {KEY_FILE_ENV} set for the service")
    return read_key_file(path)


def anonymize_task(texts: list[str], policy: str, operator: str, scope: str, diagnoses: str) -> dict[str, Any]:
    """Runs in a worker process: the service's Masker for the policy, then the anonymizer."""
    from masking.anonymize import Anonymizer
    from service.worker import _masker

    a = Anonymizer(_masker(policy), operator=operator, scope=scope, key=_key(operator), diagnoses=diagnoses)
    docs = [a.analyse_parts(f"text-{i}", [t]) for i, t in enumerate(texts)]
    out = [r.parts[0] for r in a.anonymize(docs)]
    return {"texts": out, "report": {"operator": operator, "scope": scope, "key_id": a.key.key_id if a.key else None,
                                     "replacements": sum(a.counts.values()), "by_type": dict(sorted(a.counts.items())),
                                     "persons": a.persons}}


@router.post("/anonymize", response_model=AnonymizeOut, tags=["anonymize"], responses={**ERRORS, **WORK_ERRORS},
             summary="Pseudonymised text (role: integration)")
async def anonymize(s: Svc, body: AnonymizeIn = Body(openapi_examples=EXAMPLES),
                    p: Principal = Depends(require("anonymize"))) -> dict:
    """Replace the personal data in texts as `masking anonymize` does: the policy's detection and
    decisions, then presidio-anonymizer with the chosen operator. Every occurrence of a value (also
    `Annas`, `ANNA`) gets the same replacement within the scope. Role: **integration**."""
    if sum(len(t) for t in body.texts) > s.settings.max_text_chars:
        raise ServiceError(413, "too_large", f"the texts are longer than {s.settings.max_text_chars} characters")
    policy = body.policy or s.settings.default_policy
    s.settings.policy_spec(policy)
    result = await s.pool.run(anonymize_task, dict(texts=body.texts, policy=policy, operator=body.operator,
                                                   scope=body.scope, diagnoses=body.diagnoses))
    from masking.anonymize.report import record_run

    rep = result["report"]
    record_run(s.audit, kind="anonymization", actor=p.actor, role=p.role, operator=body.operator, scope=body.scope,
               key_id=rep["key_id"], files=len(body.texts), by_type=rep["by_type"], channel="api")
    return result
