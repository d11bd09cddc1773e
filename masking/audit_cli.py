"""``masking audit verify|export|anchor``: the audit log from the command line.

Exit codes: 0 ok, 22 the log does not verify (one line naming the first bad event's seq and
the reason), 23 bad arguments for the log, 32 store or key missing/unreadable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import AuditConfigError, AuditIntegrityError


def _open(args: argparse.Namespace):
    from .audit import open_audit_log

    return open_audit_log(args.url, anchor_file=getattr(args, "anchor_file", None), create=False)


def _print_warnings(result) -> None:
    for w in result.warnings:
        print(f"masking: warning: {w}", file=sys.stderr)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with _open(args) as log:
        result = log.verify()
    _print_warnings(result)
    if not result.ok:
        raise AuditIntegrityError(result.message())
    print(result.message())
    return 0


def cmd_audit_export(args: argparse.Namespace) -> int:
    with _open(args) as log:
        if args.output:
            out = Path(args.output)
            tmp = out.with_name(f".{out.name}.tmp")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as fp:
                    n = log.export(fp, args.start, args.end)
                os.replace(tmp, out)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise AuditConfigError(f"cannot write {out} ({type(exc).__name__})") from None
        else:
            n = log.export(sys.stdout, args.start, args.end)
            sys.stdout.flush()
    print(f"exported {n} events", file=sys.stderr)
    return 0


def cmd_audit_anchor(args: argparse.Namespace) -> int:
    with _open(args) as log:
        result = log.verify()
        _print_warnings(result)
        if not result.ok:  # never anchor (bless) a log that does not verify
            raise AuditIntegrityError(result.message())
        anchor = log.anchor()
    if anchor is None:
        print("audit log is empty: nothing to anchor", file=sys.stderr)
        return 0
    print(json.dumps(anchor.to_dict(), sort_keys=True, separators=(",", ":")))
    return 0


def add_audit_parser(subparsers) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", help="audit store: SQLite file or postgresql:// URL (default: MASKING_AUDIT_URL, "
                                      "else audit.sqlite3 in the user's data directory)")
    a = subparsers.add_parser("audit", help="tamper-evident audit log: verify, export, anchor")
    sub = a.add_subparsers(dest="audit_command", required=True)

    v = sub.add_parser("verify", parents=[common], help="check the hash chain, MACs, anchors and signed head")
    v.add_argument("--anchor-file", help="also check the anchors in this file (default: MASKING_AUDIT_ANCHOR_FILE)")
    v.set_defaults(func=cmd_audit_verify)

    e = sub.add_parser("export", parents=[common], help="write events as JSON lines")
    e.add_argument("--from", dest="start", metavar="ISO", help="first time included (UTC if no offset)")
    e.add_argument("--to", dest="end", metavar="ISO", help="first time excluded (UTC if no offset)")
    e.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    e.set_defaults(func=cmd_audit_export)

    n = sub.add_parser("anchor", parents=[common], help="verify, then record a signed anchor for the last event")
    n.add_argument("--anchor-file", help="append the anchor here too (default: MASKING_AUDIT_ANCHOR_FILE)")
    n.set_defaults(func=cmd_audit_anchor)
    return a
