"""Tamper-evident audit log: who did what to which document, with no personal data in it.

Events (:class:`AuditEvent`) are typed and have fixed fields: kind (upload, analysis, decision,
application, verification, release, download, export, admin), UTC time, actor and role,
document id, input/output SHA-256, policy {name, sha256, version}, model {name, version}, tool
version, and per area its page, box, entity type, legal ground, detector, score, decision and
who decided. Text fields must be short tokens of a fixed shape and ``details`` takes only
allow-listed keys (numbers, booleans, a fixed vocabulary, or ``value_hmac()`` strings), so a
document value cannot be put in by accident; a value that must be linkable across events goes
in as ``value_hmac(value)`` (HMAC-SHA256 under the audit key, never an unkeyed hash: a
personnummer is brute-forced from a plain hash in seconds).

Integrity
---------
* ``hash`` = SHA-256 of the event's canonical JSON (sorted keys, no whitespace, UTF-8, NFC,
  floats rounded to 6 decimals) without ``hash`` and ``mac``; it includes ``prev_hash``, the
  previous event's hash (64 zeros for the first), and ``seq`` (1, 2, 3 … without gaps).
* ``mac`` = HMAC of ``hash`` under the audit key: the hash chain alone can be recomputed by
  anyone, the MAC only by a key holder.
* The signed head: every append also rewrites one row "the log ends at (seq, hash)" with its
  own HMAC, in the same transaction.
* Anchors: ``masking audit anchor`` (or every ``MASKING_AUDIT_ANCHOR_EVERY`` events) records a
  signed "event seq had hash h in the log whose event 1 had hash L" in the store and, with
  ``MASKING_AUDIT_ANCHOR_FILE``, appends it to that file. Each MAC purpose (event, head,
  anchor, value) has its own derived sub-key, so one kind of MAC cannot stand in for another.
* ``verify()`` walks the chain in seq order and names the first bad event; then it checks every
  anchor and the head. PostgreSQL triggers (and SQLite triggers) reject UPDATE/DELETE (and on
  PostgreSQL TRUNCATE) of events and anchors; ``verify`` warns when they are missing or off.

What someone who can write to the store but does not have the key can and cannot do
------------------------------------------------------------------------------------
Detected by ``verify`` (tests cover each on SQLite and PostgreSQL):
  editing any field of any event (hash; recomputing the hash and the rest of the chain fails the
  MAC); deleting, swapping or reordering events (seq gap, seq mismatch, prev_hash); inserting a
  forged event anywhere, also at the end (MAC, head); deleting the tail (head); deleting the
  tail and replacing the head by a copy saved earlier, when an anchor lies beyond the cut;
  forging or editing a head or anchor.
Not detected by ``verify`` alone:
  restoring an older copy of the whole store (events, head and store anchors), or deleting the
  tail and putting back a head copied at that point, or deleting everything — unless an anchor
  newer than that point is kept where the writer cannot change it (the anchor file on other
  storage, or the printed anchor filed elsewhere). So anchor regularly and keep anchors off the
  database host. Such a writer can also delete anchors in the store, read the log (metadata:
  who, when, which document, where the boxes are; no values, and HMACs cannot be reversed
  without the key), and stop logging (a denial of service, not a silent rewrite).
Whoever holds the key can rewrite anything: keep it out of the database and off the database
host (``MASKING_AUDIT_KEY`` / ``MASKING_AUDIT_KEY_FILE`` from a secret store). The key file that
is created beside a default SQLite store is a convenience for a single workstation: anyone who
can read that directory can forge events.

Storage: ``MASKING_AUDIT_URL`` = a SQLite file path (default
``$XDG_DATA_HOME/masking/audit.sqlite3``, else ``~/.local/share/masking/audit.sqlite3``) or a
``postgresql://`` URL (optionally ``?schema=NAME``). See :mod:`masking.audit.stores`.
"""

from __future__ import annotations

from .keys import AuditKey, load_key
from .log import AuditLog, VerifyResult, open_audit_log, value_hmac
from .model import (
    DECISIONS,
    DETAIL_KEYS,
    GENESIS,
    KINDS,
    AuditArea,
    AuditEvent,
    ModelRef,
    PolicyRef,
    canonical_json,
    content_hash,
)
from .stores import AnchorRow, AuditStore, PostgresStore, SQLiteStore, default_sqlite_path, open_store

__all__ = [
    "DECISIONS", "DETAIL_KEYS", "GENESIS", "KINDS", "AnchorRow", "AuditArea", "AuditEvent", "AuditKey", "AuditLog",
    "AuditStore", "ModelRef", "PolicyRef", "PostgresStore", "SQLiteStore", "VerifyResult", "canonical_json",
    "content_hash", "default_sqlite_path", "load_key", "open_audit_log", "open_store", "value_hmac",
]
