"""``masking anonymize``, ``masking deanonymize`` and ``masking anonymize-key``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import ExitCode
from .errors import DeanonymizeError

# roles that may decrypt (the agency's registrar or an administrator); others are refused. An
# agency sets its own list in MASKING_DEANONYMIZE_ROLES (comma-separated role names).
DEANONYMIZE_ROLES = frozenset({"registrar", "admin"})
ROLES_ENV = "MASKING_DEANONYMIZE_ROLES"


def deanonymize_roles() -> frozenset[str]:
    """The roles that may decrypt: MASKING_DEANONYMIZE_ROLES where set, else registrar and admin."""
    configured = frozenset(r.strip() for r in os.environ.get(ROLES_ENV, "").split(",") if r.strip())
    return configured or DEANONYMIZE_ROLES


def _key(args: argparse.Namespace, audit):  # type: ignore[no-untyped-def]
    from .keys import audit_hmac_key, read_key_file

    if args.key_file:
        return read_key_file(args.key_file)
    if args.operator == "hmac":
        return audit_hmac_key(audit)
    return None


def cmd_anonymize(args: argparse.Namespace) -> int:
    from ..review_cli import _actor, _audit
    from .io import collect_inputs

    collect_inputs(args.inputs)  # a missing input is answered before the model loads
    if args.operator == "encrypt" and not args.key_file:
        print("masking: --operator encrypt needs --key-file (create one with `masking anonymize-key FILE`)",
              file=sys.stderr)
        return ExitCode.usage
    from ..ocr import OcrSettings
    from ..pipeline import Masker
    from .engine import Anonymizer
    from .report import record_run
    from .run import anonymize_files

    with _audit(args) as audit:
        key = _key(args, audit)
        anonymizer = Anonymizer(Masker(policy=args.policy, ocr=OcrSettings(searchable=False)), operator=args.operator,
                                scope=args.scope, key=key, diagnoses=args.diagnoses)
        report = anonymize_files(args.inputs, args.output, anonymizer, fmt=args.format, fields=args.text_field)
        record_run(audit, kind="anonymization", actor=_actor(args), role=args.role, operator=args.operator,
                   scope=args.scope, key_id=report["key_id"], files=len(report["files"]), by_type=report["by_type"],
                   policy=report["policy"])
    print(f"pseudonymised {report['documents']} documents ({report['replacements']} values, operator "
          f"{args.operator}, scope {args.scope}"
          + (f", key id {report['key_id']}" if report["key_id"] else "") + f") into {args.output}", file=sys.stderr)
    return 0


def cmd_deanonymize(args: argparse.Namespace) -> int:
    from ..review_cli import _actor, _audit
    from .keys import read_key_file
    from .report import record_run
    from .run import deanonymize_files

    if any(Path(i).resolve() == Path(args.output).resolve() or Path(i).resolve().parent == Path(args.output).resolve()
           for i in args.inputs):
        print("masking: -o must be another directory than the inputs'", file=sys.stderr)
        return ExitCode.usage
    allowed = deanonymize_roles()
    key = read_key_file(args.key_file) if args.role in allowed else None
    with _audit(args) as audit:
        if key is None:  # a role not allowed: refused, and the attempt is audited
            record_run(audit, kind="deanonymization", actor=_actor(args), role=args.role, operator="encrypt",
                       scope=None, key_id=None, files=0, by_type={}, outcome="refused")
            raise DeanonymizeError(f"role {args.role} may not decrypt (allowed: {', '.join(sorted(allowed))}; "
                                   f"set {ROLES_ENV} to change)")
        try:
            summary = deanonymize_files(args.inputs, args.output, key, fields=args.text_field)
        except DeanonymizeError:  # the key does not decrypt these values: nothing written, audited
            record_run(audit, kind="deanonymization", actor=_actor(args), role=args.role, operator="encrypt",
                       scope=None, key_id=key.key_id, files=0, by_type={}, outcome="refused")
            raise
        record_run(audit, kind="deanonymization", actor=_actor(args), role=args.role, operator="encrypt", scope=None,
                   key_id=key.key_id, files=summary["files"], by_type={}, outcome="full")
    print(f"decrypted {summary['decrypted']} values in {summary['files']} files (key id {key.key_id}) into "
          f"{args.output}", file=sys.stderr)
    return 0


def cmd_anonymize_key(args: argparse.Namespace) -> int:
    from .keys import create_key_file

    key = create_key_file(args.path)
    print(f"created key file {args.path} (key id {key.key_id}); keep it where only the agency's key holders read it",
          file=sys.stderr)
    return 0


def add_anonymize_parsers(sub) -> None:  # type: ignore[no-untyped-def]
    a = sub.add_parser("anonymize", help="pseudonymised text of PDFs, text and JSONL files (tag, surrogate, hmac, encrypt)")
    a.add_argument("inputs", nargs="+", metavar="IN", help="PDF (text layer or scan), .txt, .jsonl or .docx files, or directories")
    a.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="output directory (and anonymize-report.json)")
    a.add_argument("--format", default="text", choices=["text", "jsonl", "pdf", "docx"],
                   help="output of PDF, text and DOCX inputs (JSONL inputs stay JSONL); pdf/docx: a new "
                        "document of the pseudonymised text")
    a.add_argument("--operator", default="tag", choices=["tag", "surrogate", "hmac", "encrypt"])
    a.add_argument("--scope", default="document", choices=["document", "corpus"],
                   help="where a value keeps one replacement: each document, or all inputs together "
                        "(corpus: a name part alone links to the one full name holding it; hmac gives "
                        "each name word its own pseudonym)")
    a.add_argument("--key-file", help="hmac: key (default: the audit key); encrypt: key (required)")
    a.add_argument("--text-field", action="append", default=None, metavar="FIELD",
                   help="JSONL: a field holding text (repeat for several; default: text)")
    a.add_argument("--diagnoses", default="chapter", choices=["chapter", "keep"],
                   help="surrogate: ICD-10 codes generalised to their chapter (default) or kept")
    a.add_argument("--policy", help="policy name (general, social-insurance) or YAML file")
    a.add_argument("--actor", help="who runs it, for the audit log")
    a.add_argument("--role", default="registrar", help="the actor's role in the audit log (default registrar)")
    a.add_argument("--no-audit", action="store_true", help="write no audit event")
    a.set_defaults(func=_with_fields(cmd_anonymize))

    d = sub.add_parser("deanonymize", help="decrypt the values of `anonymize --operator encrypt` (authorised roles, audited)")
    d.add_argument("inputs", nargs="+", metavar="IN", help="text, JSONL, PDF or DOCX outputs of anonymize (a PDF or DOCX comes back as .txt)")
    d.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    d.add_argument("--key-file", required=True)
    d.add_argument("--text-field", action="append", default=None, metavar="FIELD")
    d.add_argument("--actor")
    d.add_argument("--role", default=os.environ.get("MASKING_ROLE", "registrar"),
                   help=f"the actor's role; allowed: {ROLES_ENV} where set, else "
                        f"{', '.join(sorted(DEANONYMIZE_ROLES))}")
    d.add_argument("--no-audit", action="store_true")
    d.set_defaults(func=_with_fields(cmd_deanonymize))

    k = sub.add_parser("anonymize-key", help="create a key file for anonymize --operator hmac/encrypt (mode 0600)")
    k.add_argument("path")
    k.set_defaults(func=cmd_anonymize_key)


def _with_fields(fn):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        args.text_field = args.text_field or ["text"]
        return fn(args)

    run.__name__ = fn.__name__
    return run
