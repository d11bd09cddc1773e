"""``masking plan|decide|apply``: the review workflow from the command line.

    masking plan IN.pdf -o PLAN.json [--policy P] [--protected-identity] [--deny NAME ...]
    masking decide PLAN.json --accept c0001 c0002 [--all-occurrences]
    masking decide PLAN.json --reject c0003 --reason "Offentlig företrädare"
    masking decide PLAN.json --ground "OSL 21:1" c0004
    masking decide PLAN.json --accept-pending            # every candidate still pending
    masking decide PLAN.json --add-box 1 72 700 200 712 [--box-ground "OSL 21:1"] [--all-occurrences]
    masking decide PLAN.json --delete m0001              # undo a drawn box or a text entry
    masking decide PLAN.json --add-text "Fjällbo" --input IN.pdf
    masking plan-show PLAN.json                          # candidates without any text
    masking apply IN.pdf PLAN.json -o OUT.pdf [--report R.json] [--list L.json] [--list-pdf]
                  [--decision-draft D.txt] [--release]

Every step writes audit events to the configured audit log (``MASKING_AUDIT_URL``, default a
SQLite file under the user's data directory; ``--no-audit`` to skip, e.g. for a dry run). The
official is ``--actor`` (default ``$MASKING_ACTOR``, else the login name) in ``--role``.
Exit codes: 24 candidates still pending review, 25 a bad plan or decision.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path

from .errors import PlanError


def _actor(args: argparse.Namespace) -> str:
    return args.actor or os.environ.get("MASKING_ACTOR") or getpass.getuser()


def _audit(args: argparse.Namespace):
    if getattr(args, "no_audit", False):
        return nullcontext(None)
    from .audit import open_audit_log

    return open_audit_log(os.environ.get("MASKING_AUDIT_URL") or None)


def _load_plan(path: str):
    from .review import MaskingPlan

    p = Path(path)
    if not p.is_file():
        raise PlanError(f"plan file not found: {p}")
    return MaskingPlan.from_json(p.read_text(encoding="utf-8"))


def _save_plan(plan, path: str) -> None:
    from .files import atomic_write

    atomic_write(Path(path), plan.to_json().encode("utf-8"))


def _masker(policy):
    from .pipeline import Masker

    return Masker(policy=policy)


def _read(path: str) -> bytes:
    from .pdf import DEFAULT_LIMITS, read_input

    return read_input(Path(path), DEFAULT_LIMITS)


def cmd_plan(args: argparse.Namespace) -> int:
    data = _read(args.input)  # a missing or bad input is answered before the NLP stack loads
    from .review import create_plan

    with _audit(args) as audit:
        plan = create_plan(
            _masker(args.policy), data, name=Path(args.input).name, document_id=args.document_id,
            protected_identity=args.protected_identity, deny_list=args.deny or (), actor=_actor(args),
            role=args.role, audit=audit,
        )
    _save_plan(plan, args.output)
    c = plan.counts()
    print(f"plan {plan.document_id}: {len(plan.candidates)} candidates, {c['blocking']} need review", file=sys.stderr)
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from .review import add_text, record_decision

    plan = _load_plan(args.plan)
    actor = _actor(args)
    before = len(plan.history)
    with _audit(args) as audit:
        if args.accept_pending:
            ids = [c.id for c in plan.candidates if c.status == "pending"]
            if ids:
                plan.accept(ids, actor, args.role)
        if args.accept:
            plan.accept(args.accept, actor, args.role, all_occurrences=args.all_occurrences)
        if args.reject:
            plan.reject(args.reject, actor, args.reason or "", args.role, all_occurrences=args.all_occurrences)
        if args.ground:
            ground, *ids = args.ground
            plan.change_ground(ids, ground, actor, args.role, all_occurrences=args.all_occurrences)
        if args.add_box:
            page, *box = args.add_box
            plan.add_box(int(page), [float(v) for v in box], actor, args.role, ground=args.box_ground,
                         entity_type=args.box_type, all_occurrences=args.all_occurrences)
        if args.add_text:
            if not args.input:
                raise PlanError("--add-text needs --input IN.pdf (the document the plan was made for)")
            add_text(plan, _masker(plan.policy["name"]), _read(args.input), args.add_text, actor, args.role,
                     ground=args.box_ground)
        if args.delete:
            plan.delete(args.delete, actor, args.role, all_occurrences=args.all_occurrences)
        if len(plan.history) == before:
            raise PlanError("no decision given (see masking decide --help)")
        if audit is not None:
            for rec in plan.history[before:]:
                record_decision(audit, plan, rec)
    _save_plan(plan, args.plan)
    c = plan.counts()
    print(f"{c['accepted']} accepted, {c['rejected']} rejected, {c['blocking']} still need review", file=sys.stderr)
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    plan = _load_plan(args.plan)
    if args.json:
        print(plan.to_json())
        return 0
    print(f"document {plan.document_id}  pages {plan.pages}  policy {plan.policy['name']}")
    for c in plan.candidates:
        flag = "auto" if c.auto else "REVIEW"
        print(f"{c.id}  p{c.page + 1}  {c.entity_type:22} {c.score:.2f}  {c.status:9} {flag:6} "
              f"{c.effective_ground:10} {c.recognizer}")
    for m in plan.manual_areas:
        scope = "  words everywhere" if m.all_occurrences else ""
        print(f"{m.id}  p{m.page + 1}  {m.entity_type:22} box {[round(v, 1) for v in m.box]}  {m.status:9} "
              f"{m.ground}{scope}")
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    data = _read(args.input)  # before the plan: loading a plan imports the NLP stack
    plan = _load_plan(args.plan)
    from .disclosure import build_masking_list, decision_draft
    from .files import atomic_write
    from .review import apply_plan, masker_for, release

    masker = _masker(plan.policy["name"] if args.policy is None else args.policy)
    if masker_for(masker, plan.policy.get("protected_identity", False)).policy.sha256 != plan.policy["sha256"]:
        raise PlanError("the policy differs from the one the plan was made with (give it with --policy)")
    actor = _actor(args)
    with _audit(args) as audit:
        result = apply_plan(masker, data, plan, name=Path(args.input).name, actor=actor, role=args.role,
                            audit=audit, append_list=args.list_pdf)
        atomic_write(Path(args.output), result.output)
        if args.report:
            atomic_write(Path(args.report), json.dumps(result.report, indent=2, ensure_ascii=False).encode("utf-8"))
        listing = build_masking_list(result.areas, masker.policy, document_id=plan.document_id,
                                     page_sizes=result.page_sizes)
        if args.list:
            atomic_write(Path(args.list), json.dumps(listing, indent=2, ensure_ascii=False).encode("utf-8"))
        if args.decision_draft:
            atomic_write(Path(args.decision_draft), decision_draft(listing, masker.policy, args.agency).encode("utf-8"))
        if args.release:
            release(plan, result, actor=actor, role=args.role, audit=audit)
    print(f"masked {len(result.areas)} areas; verification passed"
          + ("; released" if args.release else ""), file=sys.stderr)
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actor", help="the official's identity (default $MASKING_ACTOR or the login name)")
    p.add_argument("--role", default="registrar")
    p.add_argument("--no-audit", action="store_true", help="write no audit events")


def add_review_parsers(sub) -> None:
    p = sub.add_parser("plan", help="analyse a PDF into a masking plan for review")
    p.add_argument("input")
    p.add_argument("-o", "--output", required=True, help="PLAN.json")
    p.add_argument("--policy")
    p.add_argument("--protected-identity", action="store_true", help="skyddade personuppgifter")
    p.add_argument("--deny", nargs="*", help="terms always masked (e.g. names from the case system)")
    p.add_argument("--document-id")
    _common(p)
    p.set_defaults(func=cmd_plan)

    d = sub.add_parser("decide", help="record decisions in a masking plan")
    d.add_argument("plan")
    d.add_argument("--accept", nargs="+", metavar="ID")
    d.add_argument("--accept-pending", action="store_true", help="accept every pending candidate")
    d.add_argument("--reject", nargs="+", metavar="ID")
    d.add_argument("--reason", help="why (required with --reject)")
    d.add_argument("--ground", nargs="+", metavar=("GROUND", "ID"), help="change the ground: GROUND ID ...")
    d.add_argument("--all-occurrences", action="store_true", help="apply to every occurrence of the same value")
    d.add_argument("--add-box", nargs=5, metavar=("PAGE", "X0", "Y0", "X1", "Y1"),
                   help="mask what lies in a box on a page (PDF points); with --all-occurrences also its words everywhere")
    d.add_argument("--delete", nargs="+", metavar="ID", help="undo drawn boxes (m…) or text entries (until release)")
    d.add_argument("--add-text", help="mask this text at every occurrence (needs --input)")
    d.add_argument("--box-ground", help="ground for --add-box/--add-text (default: the policy's)")
    d.add_argument("--box-type", default="MANUAL", help="entity type for --add-box")
    d.add_argument("--input", help="the PDF the plan was made for (for --add-text)")
    _common(d)
    d.set_defaults(func=cmd_decide)

    s = sub.add_parser("plan-show", help="list a plan's candidates (no text)")
    s.add_argument("plan")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_plan_show)

    a = sub.add_parser("apply", help="mask a PDF as a reviewed plan decides, verify, optionally release")
    a.add_argument("input")
    a.add_argument("plan")
    a.add_argument("-o", "--output", required=True)
    a.add_argument("--policy", help="default: the plan's policy")
    a.add_argument("--report")
    a.add_argument("--list", help="write the maskeringsförteckning as JSON here")
    a.add_argument("--list-pdf", action="store_true", help="append the maskeringsförteckning as the last page")
    a.add_argument("--decision-draft", help="write a draft decision (Swedish) here")
    a.add_argument("--agency", default="[myndighetens namn]", help="the agency's name for the draft")
    a.add_argument("--release", action="store_true", help="record the release (refused with pending candidates)")
    _common(a)
    a.set_defaults(func=cmd_apply)
