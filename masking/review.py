"""Review: the tool proposes, an authorised official decides.

Analysis yields a :class:`MaskingPlan` of candidates. Each candidate has a type, a place (page,
character span, boxes in PDF points), a score, an explanation and a proposed legal ground, and
starts ``pending``. ``auto`` tells whether the policy would mask it without review (score at or
above the masking threshold, action ``mask``, no protected identity). The official then:

* accepts or rejects candidates (a rejection needs a reason), or changes their ground;
* applies a decision to every occurrence of the same value (linked by a keyed HMAC of the
  normalised value, never the value itself);
* adds a manual area: a box drawn on a page (an *area*: what lies under it on that page is
  masked, and verified there; the words it covers are masked and checked everywhere only when
  the official asks for all occurrences), or a text masked at every occurrence;
* undoes a drawn box or a text entry until release: rejects it with a reason (kept in the plan,
  not masked) or deletes it (gone from the plan; the history and the audit keep the decision).

:func:`apply_plan` refuses while a candidate is pending unless the policy allows automatic
masking for it (:class:`ReviewPendingError`, exit 24); :func:`release` refuses the same way, so
in review mode nothing is released undecided. Plans and decisions are JSON
(:meth:`MaskingPlan.to_json` / :meth:`MaskingPlan.from_json`), so a review can stop and resume;
they hold positions, types, scores, grounds, HMACs and the officials' decisions, never the text.
Applying re-reads the input (its SHA-256 must match the plan) and checks each candidate's HMAC
against the text now at its place, so a plan can never be applied to another document.

Each step can write an audit event (:mod:`masking.audit`): upload, analysis, decision,
application, verification and release.
"""

from __future__ import annotations

import datetime as _dt
import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Optional, Sequence

from .audit import AuditArea, value_hmac
from .errors import MaskingError, PlanError, ReviewPendingError
from .model import Box, Detection, ManualBox, PageText, round_box
from .pdf import sha256_bytes
from .pipeline import Masker, MaskingResult
from .redact import boxes_for_detection
from .stages import Proposal, Recorder, run
from .stages.read import text_under_box
from .stages.record import record_upload
from .textmatch import SqueezedText, find_occurrences, normalise_value

PLAN_SCHEMA = "masking.plan/1"
STATUSES = ("pending", "accepted", "rejected")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _value_ref(key: str, audit: Any = None) -> str:
    """Keyed HMAC of a normalised value (the audit key), so occurrences can be linked."""
    if audit is not None:
        return audit.value_hmac(key)
    return value_hmac(key)


@dataclass
class Candidate:
    id: str
    page: int  # 0-based
    start: int
    end: int
    boxes: list[Box]
    entity_type: str
    score: float
    recognizer: str
    validation: str
    explanation: str
    source: str
    proposed_ground: str
    value_ref: str
    auto: bool
    status: str = "pending"
    ground: Optional[str] = None  # the official's choice; None: the proposed ground
    decided_by: Optional[str] = None
    decided_at: Optional[str] = None
    reason: Optional[str] = None  # why it was rejected (the official's words)

    @property
    def effective_ground(self) -> str:
        return self.ground or self.proposed_ground

    @property
    def will_be_masked(self) -> bool:
        return self.status == "accepted" or (self.status == "pending" and self.auto)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["page"] = self.page + 1
        d["boxes"] = [round_box(b) for b in self.boxes]
        d["score"] = round(self.score, 4)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Candidate":
        d = dict(d)
        d["page"] = int(d["page"]) - 1
        d["boxes"] = [tuple(b) for b in d.get("boxes", [])]
        if d.get("status") not in STATUSES:
            raise PlanError(f"candidate {d.get('id')}: status must be one of {STATUSES}")
        return cls(**d)


@dataclass
class ManualArea:
    """A box an official drew: an area of one page, masked as it is (``accepted``) unless the
    official rejected it (``rejected``, with a reason). ``all_occurrences``: the words it covers
    are also masked, and checked, everywhere in the document."""

    id: str
    page: int  # 0-based
    box: Box
    entity_type: str
    ground: str
    decided_by: str
    decided_at: str
    status: str = "accepted"
    reason: Optional[str] = None
    all_occurrences: bool = False

    @property
    def will_be_masked(self) -> bool:
        return self.status == "accepted"

    @property
    def effective_ground(self) -> str:
        return self.ground

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["page"] = self.page + 1
        d["box"] = round_box(self.box)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ManualArea":
        d = dict(d)
        d["page"] = int(d["page"]) - 1
        d["box"] = tuple(d["box"])
        if d.get("status", "accepted") not in ("accepted", "rejected"):
            raise PlanError(f"manual area {d.get('id')}: status must be accepted or rejected")
        return cls(**d)


@dataclass
class DecisionRecord:
    time: str
    actor: str
    role: str
    action: str  # accept | reject | change_ground | add_box | add_text | delete
    targets: list[str]
    ground: Optional[str] = None
    reason: Optional[str] = None


@dataclass
class MaskingPlan:
    document_id: str
    input_sha256: str
    pages: int
    policy: dict[str, Any]
    model: dict[str, Any]
    created: str
    candidates: list[Candidate] = field(default_factory=list)
    manual_areas: list[ManualArea] = field(default_factory=list)
    history: list[DecisionRecord] = field(default_factory=list)
    schema: str = PLAN_SCHEMA
    # what the last delete took out of the plan, for its audit record (not serialised)
    removed: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- queries -----------------------------------------------------------------------------
    def candidate(self, cid: str) -> Candidate:
        for c in self.candidates:
            if c.id == cid:
                return c
        raise PlanError(f"no candidate {cid!r} in the plan")

    def area(self, mid: str) -> ManualArea:
        for m in self.manual_areas:
            if m.id == mid:
                return m
        raise PlanError(f"no manual area {mid!r} in the plan")

    def _next_id(self, prefix: str) -> str:
        """A fresh id (``c0007``, ``m0003``): never one used before, deleted ones included."""
        used = [c.id for c in self.candidates] + [m.id for m in self.manual_areas]
        used += [t for h in self.history for t in h.targets]
        n = max((int(i[1:]) for i in used if i.startswith(prefix) and i[1:].isdigit()), default=0)
        return f"{prefix}{n + 1:04d}"

    def blocking(self) -> list[Candidate]:
        """Candidates still waiting for an official: pending and not automatic by policy."""
        return [c for c in self.candidates if c.status == "pending" and not c.auto]

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for c in self.candidates:
            out[c.status] += 1
        out["blocking"] = len(self.blocking())
        out["manual_areas"] = sum(1 for m in self.manual_areas if m.will_be_masked)
        out["manual_rejected"] = sum(1 for m in self.manual_areas if not m.will_be_masked)
        return out

    def _targets(self, ids: Iterable[str], all_occurrences: bool) -> list[Any]:
        """The candidates (and drawn areas, ``m…``) named by ``ids``; with ``all_occurrences``
        every candidate with the same value as a named one."""
        ids = list(dict.fromkeys(ids))
        chosen: list[Any] = [self.area(i) if i.startswith("m") else self.candidate(i) for i in ids]
        if not chosen:
            raise PlanError("no candidates given")
        if all_occurrences:
            refs = {c.value_ref for c in chosen if isinstance(c, Candidate)}
            seen = {c.id for c in chosen}
            chosen += [c for c in self.candidates if c.value_ref in refs and c.id not in seen]
        return chosen

    # -- decisions ---------------------------------------------------------------------------
    def accept(self, ids: Iterable[str], actor: str, role: str = "registrar", all_occurrences: bool = False) -> list[Candidate]:
        return self._decide("accept", ids, actor, role, all_occurrences)

    def reject(
        self, ids: Iterable[str], actor: str, reason: str, role: str = "registrar", all_occurrences: bool = False
    ) -> list[Candidate]:
        if not reason or not reason.strip():
            raise PlanError("a rejection needs a reason")
        return self._decide("reject", ids, actor, role, all_occurrences, reason=reason.strip())

    def change_ground(
        self, ids: Iterable[str], ground: str, actor: str, role: str = "registrar", all_occurrences: bool = False
    ) -> list[Candidate]:
        self._check_ground(ground)
        return self._decide("change_ground", ids, actor, role, all_occurrences, ground=ground)

    def _check_ground(self, ground: str) -> None:
        grounds = self.policy.get("grounds") or {}
        if ground not in grounds:
            raise PlanError(f"ground {ground!r} is not in the policy (known: {', '.join(sorted(grounds))})")

    def _decide(
        self,
        action: str,
        ids: Iterable[str],
        actor: str,
        role: str,
        all_occurrences: bool,
        reason: Optional[str] = None,
        ground: Optional[str] = None,
    ) -> list[Candidate]:
        if not actor:
            raise PlanError("a decision needs the official's identity (actor)")
        targets = self._targets(ids, all_occurrences)
        now = _now()
        for c in targets:
            if isinstance(c, ManualArea):
                if action == "accept":
                    c.status, c.reason = "accepted", None
                elif action == "reject":
                    c.status, c.reason = "rejected", reason
                elif action == "change_ground":
                    c.ground = ground or c.ground
                c.decided_by, c.decided_at = actor, now
                continue
            if action == "accept":
                c.status, c.reason = "accepted", None
            elif action == "reject":
                c.status, c.reason = "rejected", reason
            elif action == "change_ground":
                c.ground = ground
                if c.status == "pending":
                    c.status = "accepted"  # choosing a ground is a decision to mask
            c.decided_by, c.decided_at = actor, now
        self.history.append(DecisionRecord(now, actor, role, action, [c.id for c in targets], ground, reason))
        return targets

    def delete(self, ids: Iterable[str], actor: str, role: str = "registrar",
               all_occurrences: bool = False) -> list[Any]:
        """Undo what an official added: drawn boxes (``m…``) and text entries (candidates the
        official added with :func:`add_text`; with ``all_occurrences`` every occurrence of the
        same text) leave the plan. A proposal of the analysis cannot be deleted, only rejected.
        The history keeps the decision; :attr:`removed` holds what left, for the audit."""
        if not actor:
            raise PlanError("a decision needs the official's identity (actor)")
        for t in self._targets(ids, False):
            if isinstance(t, Candidate) and t.source != "manual":
                raise PlanError(f"candidate {t.id} was proposed by the analysis: reject it instead of deleting it")
        # with all occurrences, the official's other entries of the value; the analysis' proposals stay
        targets = [t for t in self._targets(ids, all_occurrences) if isinstance(t, ManualArea) or t.source == "manual"]
        gone = {t.id for t in targets}
        self.removed = {t.id: t for t in targets}
        self.candidates = [c for c in self.candidates if c.id not in gone]
        self.manual_areas = [m for m in self.manual_areas if m.id not in gone]
        self.history.append(DecisionRecord(_now(), actor, role, "delete", [t.id for t in targets]))
        return targets

    def add_box(
        self,
        page: int,
        box: Sequence[float],
        actor: str,
        role: str = "registrar",
        ground: Optional[str] = None,
        entity_type: str = "MANUAL",
        all_occurrences: bool = False,
    ) -> ManualArea:
        """A box drawn by the official on ``page`` (1-based) in PDF points: everything under it
        on that page is masked (glyphs, pixels, line art). With ``all_occurrences`` the words it
        covers are masked at every occurrence in the document too."""
        if not actor:
            raise PlanError("a decision needs the official's identity (actor)")
        if not 1 <= page <= self.pages:
            raise PlanError(f"page {page} is outside the document (1–{self.pages})")
        if len(box) != 4 or not (box[0] < box[2] and box[1] < box[3]):
            raise PlanError("a box is [x0, y0, x1, y1] with x0 < x1 and y0 < y1, in PDF points")
        if ground is not None:
            self._check_ground(ground)
        area = ManualArea(
            id=self._next_id("m"),
            page=page - 1,
            box=tuple(float(v) for v in box),  # type: ignore[arg-type]
            entity_type=entity_type,
            ground=ground or self.policy.get("default_ground", ""),
            decided_by=actor,
            decided_at=_now(),
            all_occurrences=bool(all_occurrences),
        )
        self.manual_areas.append(area)
        self.history.append(DecisionRecord(area.decided_at, actor, role, "add_box", [area.id], area.ground))
        return area

    # -- serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "document_id": self.document_id,
            "input_sha256": self.input_sha256,
            "pages": self.pages,
            "policy": self.policy,
            "model": self.model,
            "created": self.created,
            "counts": self.counts(),
            "candidates": [c.to_dict() for c in self.candidates],
            "manual_areas": [m.to_dict() for m in self.manual_areas],
            "history": [asdict(h) for h in self.history],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "MaskingPlan":
        if not isinstance(d, dict) or d.get("schema") != PLAN_SCHEMA:
            raise PlanError(f"not a masking plan (expected schema {PLAN_SCHEMA})")
        try:
            return cls(
                document_id=d["document_id"],
                input_sha256=d["input_sha256"],
                pages=int(d["pages"]),
                policy=d["policy"],
                model=d["model"],
                created=d["created"],
                candidates=[Candidate.from_dict(c) for c in d.get("candidates", [])],
                manual_areas=[ManualArea.from_dict(m) for m in d.get("manual_areas", [])],
                history=[DecisionRecord(**h) for h in d.get("history", [])],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PlanError(f"the plan file is malformed ({type(exc).__name__}: {exc})") from None

    @classmethod
    def from_json(cls, text: str) -> "MaskingPlan":
        try:
            return cls.from_dict(json.loads(text))
        except json.JSONDecodeError as exc:
            raise PlanError(f"the plan file is not JSON (line {exc.lineno})") from None


# -- the flow ---------------------------------------------------------------------------------


def masker_for(masker: Masker, protected_identity: bool) -> Masker:
    """The masker for a document: the same analyzer, the protected-identity policy if asked."""
    return masker.for_document(protected_identity)  # type: ignore[return-value]


def _policy_summary(masker: Masker) -> dict[str, Any]:
    d = masker.policy.describe()
    d["grounds"] = dict(masker.policy.grounds)
    d["default_ground"] = masker.policy.default.ground
    return d


def _audit_policy(plan: MaskingPlan) -> dict[str, Any]:
    return {"name": plan.policy["name"], "sha256": plan.policy["sha256"]}


def _audit_model(plan: MaskingPlan) -> dict[str, Any]:
    return {"name": plan.model["name"], "version": plan.model["version"]}


def _area(page: int, box: Box, etype: str, ground: Optional[str], detector: str, score: float, by: str, decision: str):
    return AuditArea(page=page + 1, box=box, type=etype, ground=ground, detector=detector, score=score,
                     decided_by=by, decision=decision)


def create_plan(
    masker: Masker,
    data: bytes,
    *,
    name: str = "input",
    document_id: Optional[str] = None,
    protected_identity: bool = False,
    deny_list: Sequence[str] = (),
    actor: str = "system",
    role: str = "registrar",
    audit: Any = None,
    context: Optional[dict[str, dict[str, str]]] = None,
) -> MaskingPlan:
    """Analyse ``data`` and return the plan of candidates (all ``pending``). ``context``, if
    given, receives each candidate's words with a little of the text around them
    (:func:`candidate_context`), for the official's screen only: never in the plan, a log or
    the audit."""
    m = masker_for(masker, protected_identity)
    proposal = run(data, m, review=True, deny_list=deny_list, name=name)
    assert isinstance(proposal, Proposal)
    detections = proposal.detections
    plan = MaskingPlan(
        document_id=document_id or str(uuid.uuid4()),
        input_sha256=proposal.input_sha256,
        pages=proposal.pages,
        policy=_policy_summary(m),
        model={"name": m.analyzer.model_name, "version": m.analyzer.model_version},
        created=_now(),
    )
    for i, det in enumerate(detections, 1):
        plan.candidates.append(
            Candidate(
                id=f"c{i:04d}",
                page=det.page,
                start=det.start,
                end=det.end,
                boxes=list(det.boxes),
                entity_type=det.entity_type,
                score=det.score,
                recognizer=det.recognizer,
                validation=det.validation,
                explanation=det.explanation,
                source=det.source,
                proposed_ground=m.policy.ground_for(det.entity_type),
                value_ref=_value_ref(det.value_key, audit),
                auto=det.auto,
            )
        )
    if context is not None:
        for c in plan.candidates:
            if c.page < len(proposal.texts):
                context[c.id] = candidate_context(proposal.texts[c.page], c.start, c.end)
    if audit is not None:
        common = dict(actor=actor, role=role, document_id=plan.document_id, input_sha256=plan.input_sha256)
        record_upload(audit, **common, pages=plan.pages, size=len(data))
        audit.record(
            "analysis",
            **common,
            policy=_audit_policy(plan),
            model=_audit_model(plan),
            areas=[
                _area(c.page, b, c.entity_type, c.proposed_ground, c.recognizer, c.score, "auto",
                      "masked" if c.auto else "pending")
                for c in plan.candidates
                for b in c.boxes
            ],
            details={"detections": len(plan.candidates), "review_areas": len(plan.blocking())},
        )
    return plan


CONTEXT_CHARS = 40


def candidate_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> dict[str, str]:
    """The words ``text[start:end]`` with up to ``width`` characters of their line on each side
    (cut at a word, marked with an ellipsis), line breaks inside shown as spaces."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    before, after = text[ls:start], text[end:le]
    if len(before) > width:
        cut = before[-width:]
        before = "…" + (cut.split(" ", 1)[1] if " " in cut[:-1] else cut)
    if len(after) > width:
        cut = after[:width]
        after = (cut.rsplit(" ", 1)[0] if " " in cut[1:] else cut) + "…"
    return {"before": before, "text": " ".join(text[start:end].split()), "after": after}


def add_text(
    plan: MaskingPlan,
    masker: Masker,
    data: bytes,
    text: str,
    actor: str,
    role: str = "registrar",
    entity_type: str = "PERSON",
    ground: Optional[str] = None,
    audit: Any = None,
    context: Optional[dict[str, dict[str, str]]] = None,
) -> list[Candidate]:
    """Mask ``text`` at every occurrence in the document (the official's decision); ``context``
    receives each new candidate's words in their line, as in :func:`create_plan`."""
    if not actor:
        raise PlanError("a decision needs the official's identity (actor)")
    key = normalise_value(text)
    if len(key) < 2:
        raise PlanError("the text to mask is too short")
    if ground is not None:
        plan._check_ground(ground)
    _check_input(plan, data)
    m = masker_for(masker, plan.policy.get("protected_identity", False))
    doc, pages = m.open_document(data)
    doc.close()
    ref = _value_ref(key, audit)
    now = _now()
    added: list[Candidate] = []
    taken = {(c.page, c.start, c.end) for c in plan.candidates}
    first = int(plan._next_id("c")[1:])
    for page in pages:
        sq = SqueezedText.of(page.text)
        if key not in sq.squeezed:
            continue
        for s, e in find_occurrences(sq, key, allow_genitive=entity_type == "PERSON"):
            if (page.number, s, e) in taken:
                continue
            det = Detection(entity_type, page.number, s, e, 1.0, "manual", source="manual")
            boxes = boxes_for_detection(page, det)
            added.append(
                Candidate(
                    id=f"c{first + len(added):04d}",
                    page=page.number, start=s, end=e, boxes=boxes, entity_type=entity_type, score=1.0,
                    recognizer="manual", validation="unchecked", explanation="text added by the official",
                    source="manual", proposed_ground=ground or m.policy.ground_for(entity_type), value_ref=ref,
                    auto=False, status="accepted", decided_by=actor, decided_at=now,
                )
            )
    if not added:
        raise PlanError("the text does not occur in the document")
    if context is not None:
        for c in added:
            context[c.id] = candidate_context(pages[c.page].text, c.start, c.end)
    plan.candidates.extend(added)
    plan.history.append(DecisionRecord(now, actor, role, "add_text", [c.id for c in added], ground))
    if audit is not None:
        record_decision(audit, plan, plan.history[-1])
    return added


def record_decision(audit: Any, plan: MaskingPlan, rec: DecisionRecord) -> None:
    """Write one decision (the last in ``plan.history`` usually) to the audit log."""
    decision = {"accept": "accepted", "reject": "removed", "change_ground": "ground_changed",
                "add_box": "added", "add_text": "added", "delete": "removed"}[rec.action]
    areas = []
    for tid in rec.targets:
        if tid.startswith("m"):
            m = next((x for x in plan.manual_areas if x.id == tid), None) or plan.removed[tid]
            areas.append(_area(m.page, m.box, m.entity_type, m.ground, "manual", 1.0, rec.actor, decision))
        else:
            c = next((x for x in plan.candidates if x.id == tid), None) or plan.removed[tid]
            for b in c.boxes:
                areas.append(_area(c.page, b, c.entity_type, c.effective_ground, c.recognizer, c.score, rec.actor, decision))
    details: dict[str, Any] = {}
    if rec.reason:
        details["reason_ref"] = audit.value_hmac(rec.reason)
    audit.record("decision", actor=rec.actor, role=rec.role, document_id=plan.document_id,
                 input_sha256=plan.input_sha256, policy=_audit_policy(plan), areas=areas, details=details)


def _check_input(plan: MaskingPlan, data: bytes) -> None:
    if sha256_bytes(data) != plan.input_sha256:
        raise PlanError("the document does not match the plan (SHA-256 differs)")


def apply_plan(
    masker: Masker,
    data: bytes,
    plan: MaskingPlan,
    *,
    name: str = "input",
    actor: str = "system",
    role: str = "registrar",
    audit: Any = None,
    append_list: bool = False,
) -> MaskingResult:
    """Mask what the plan decides; refused while a candidate that needs review is pending.
    With ``append_list`` the maskeringsförteckning is appended as the last page(s)."""
    _check_input(plan, data)
    blocking = plan.blocking()
    if blocking:
        raise ReviewPendingError(
            f"{len(blocking)} candidate(s) still need a decision (first: {blocking[0].id}); "
            "accept or reject them before applying"
        )
    m = masker_for(masker, plan.policy.get("protected_identity", False))
    recorder = None
    if audit is not None:  # the analysis was recorded with the plan; any failure withholds
        recorder = Recorder(audit, actor, role, plan.document_id, analysis=False, withheld_on=MaskingError)
    result = run(data, m, PlanDecisions(plan, audit), name=name, append_list=append_list,
                 document_id=plan.document_id, recorder=recorder)
    assert isinstance(result, MaskingResult)
    result.report["review"] = {
        "document_id": plan.document_id,
        "counts": plan.counts(),
        "decided_by": sorted({c.decided_by for c in plan.candidates if c.decided_by}),
    }
    return result


@dataclass
class PlanDecisions:
    """A reviewed plan standing in for stage *decide* (:class:`masking.stages.run.Decisions`):
    the candidates that will be masked, each checked against the text now at its place (its
    HMAC must match), and the boxes the officials drew."""

    plan: MaskingPlan
    audit: Any = None  # its key makes the HMACs

    def to_mask(self, pages: Sequence[PageText]) -> tuple[list[Detection], list[ManualBox]]:
        detections: list[Detection] = []
        for c in self.plan.candidates:
            if not c.will_be_masked:
                continue
            if not (0 <= c.page < len(pages)) or c.end > len(pages[c.page].text):
                raise PlanError(f"candidate {c.id} lies outside the document's text")
            key = normalise_value(pages[c.page].text[c.start : c.end])
            if _value_ref(key, self.audit) != c.value_ref:
                raise PlanError(f"candidate {c.id} does not match the text at its place in the document")
            detections.append(
                Detection(
                    entity_type=c.entity_type, page=c.page, start=c.start, end=c.end, score=c.score,
                    recognizer=c.recognizer, validation=c.validation, explanation=c.explanation,
                    source=c.source, ground=c.ground, decided_by=c.decided_by or ("policy" if c.auto else None),
                )
            )
        boxes = [ManualBox(a.page, a.box, a.entity_type, a.ground or None, a.decided_by, area=True,
                           all_occurrences=a.all_occurrences)
                 for a in self.plan.manual_areas if a.will_be_masked]
        detections += _words_everywhere(pages, boxes, detections)
        return detections, boxes


def _inside(page: PageText, start: int, end: int, box: Box) -> bool:
    """Whether every glyph of ``page.text[start:end]`` has its centre in ``box`` (the box masks it)."""
    glyphs = page.glyphs_for_span(start, end)
    return bool(glyphs) and all(box[0] <= (g.box[0] + g.box[2]) / 2 <= box[2] and
                                box[1] <= (g.box[1] + g.box[3]) / 2 <= box[3] for g in glyphs)


def _words_everywhere(pages: Sequence[PageText], boxes: Sequence[ManualBox],
                      detections: Sequence[Detection]) -> list[Detection]:
    """For drawn boxes with ``all_occurrences``: every other occurrence of the words they cover
    (words of two or more letters or digits), as detections decided by the box's official."""
    taken = {(d.page, d.start, d.end) for d in detections}
    out: list[Detection] = []
    for mb in boxes:
        if not mb.all_occurrences or not 0 <= mb.page < len(pages):
            continue
        keys = {normalise_value(w) for w in text_under_box(pages[mb.page], mb.box)}
        keys = {k for k in keys if sum(ch.isalnum() for ch in k) >= 2}
        for page in pages:
            sq = SqueezedText.of(page.text)
            for key in sorted(keys):
                if key not in sq.squeezed:
                    continue
                for s, e in find_occurrences(sq, key, allow_genitive=mb.entity_type == "PERSON"):
                    if (page.number, s, e) in taken or (page.number == mb.page and _inside(page, s, e, mb.box)):
                        continue
                    taken.add((page.number, s, e))
                    out.append(Detection(mb.entity_type, page.number, s, e, 1.0, "manual", source="manual",
                                         ground=mb.ground, decided_by=mb.decided_by))
    return out


def release(
    plan: MaskingPlan,
    result: MaskingResult,
    *,
    actor: str,
    role: str = "registrar",
    audit: Any = None,
) -> dict[str, Any]:
    """The official releases the masked document. Refused with pending candidates or an output
    that did not pass verification. Returns the release record (no content)."""
    if plan.blocking():
        raise ReviewPendingError("release refused: candidates are still pending review")
    if not result.verification.passed:
        raise PlanError("release refused: the output did not pass verification")
    if not actor:
        raise PlanError("a release needs the official's identity (actor)")
    masked = len(result.areas)
    record = {
        "document_id": plan.document_id,
        "released_by": actor,
        "released_at": _now(),
        "input_sha256": plan.input_sha256,
        "output_sha256": result.report["output"]["sha256"],
        "outcome": "partial" if masked else "full",
    }
    if audit is not None:
        audit.record("release", actor=actor, role=role, document_id=plan.document_id,
                     input_sha256=plan.input_sha256, output_sha256=record["output_sha256"],
                     policy=_audit_policy(plan), model=_audit_model(plan),
                     details={"outcome": record["outcome"], "masked_areas": masked})
    return record
